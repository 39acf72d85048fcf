// PDF back end: the scene's SVG drawn into a vector PDF page by pdfkit and svg-to-pdfkit, with
// the shipped DejaVu fonts embedded (subset) — no system font, no rasterising. Text is pure
// black (#000, the scene's ink), not a rich black. The creation date is fixed so that two runs
// give the same bytes.
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { FONT_FILES } from "./text-metrics.js";
import type { Scene } from "./scene.js";

const MM_TO_PT = 72 / 25.4;
const [REGULAR, BOLD, OBLIQUE] = FONT_FILES;

export function svgToPdf(svg: string, widthMm: number, heightMm: number, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const w = widthMm * MM_TO_PT;
    const h = heightMm * MM_TO_PT;
    const doc = new PDFDocument({
      size: [w, h],
      margin: 0,
      autoFirstPage: true,
      compress: true,
      info: { Title: title, Creator: "contrechamp", Producer: "contrechamp (pdfkit)", CreationDate: new Date(Date.UTC(2000, 0, 1)) },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.registerFont("DejaVuSans", REGULAR);
    doc.registerFont("DejaVuSans-Bold", BOLD);
    doc.registerFont("DejaVuSans-Oblique", OBLIQUE);
    try {
      SVGtoPDF(doc, svg, 0, 0, {
        width: w,
        height: h,
        assumePt: false,
        // Every family maps to the embedded DejaVu: the SVG's fallback list never reaches a system font.
        fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? "DejaVuSans-Bold" : italic ? "DejaVuSans-Oblique" : "DejaVuSans"),
        warningCallback: () => {},
      });
    } catch (e) {
      reject(e);
      return;
    }
    doc.end();
  });
}

export function sceneToPdf(scene: Scene, svg: string): Promise<Buffer> {
  return svgToPdf(svg, scene.width, scene.height, scene.title);
}
