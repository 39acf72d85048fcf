// fontkit ships no types: the one function the PDF back end calls (pdfkit takes the font object).
declare module "fontkit" {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout(text: string): unknown };
}
