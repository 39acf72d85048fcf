// A group drawn with an opacity of its own (SVG `opacity` on <g>): its items are composited
// together first, then laid on the page at that opacity — overlapping items inside do not show
// through each other, as in the SVG. In PDF that is a transparency group: a form XObject whose
// content is written while pdfkit's page is swapped for the form's stream and resources (the
// approach svg-to-pdfkit took).

export function transparencyGroup(doc: PDFKit.PDFDocument, bbox: number[], draw: () => void): string {
  const d = doc as any;
  d._formCount = (d._formCount ?? 0) + 1;
  const name = `Fx${d._formCount}`;
  const resources = d.ref();
  const form = d.ref({ Type: "XObject", Subtype: "Form", FormType: 1, BBox: bbox, Group: { S: "Transparency", CS: "DeviceRGB", I: true, K: false }, Resources: resources });
  const page = d.page;
  const ctm = d._ctm;
  const res = { fonts: {} as Record<string, unknown>, xobjects: {} as Record<string, unknown>, ext_gstates: {} as Record<string, unknown>, patterns: {} as Record<string, unknown> };
  // Inside the form, the current space is the one in force where it is drawn (its Matrix is identity).
  d._ctm = [1, 0, 0, 1, 0, 0];
  d.page = { width: page.width, height: page.height, write: (s: string) => form.write(s), ...res };
  try {
    draw();
  } finally {
    d.page = page;
    d._ctm = ctm;
  }
  const data: Record<string, unknown> = {};
  if (Object.keys(res.fonts).length) data.Font = res.fonts;
  if (Object.keys(res.xobjects).length) data.XObject = res.xobjects;
  if (Object.keys(res.ext_gstates).length) data.ExtGState = res.ext_gstates;
  if (Object.keys(res.patterns).length) data.Pattern = res.patterns;
  Object.assign(resources.data, data);
  resources.end();
  form.end();
  page.xobjects[name] = form;
  return name;
}
