// PDF back end: the scene drawn by pdfkit into a vector PDF page, with the shipped DejaVu fonts
// embedded (subset) — no system font, no rasterising. It draws what svg.ts writes, element for
// element (the same halo copies, the same style cascade, numbers at the same 0.01 mm), straight
// from the scene: parsing the SVG back (svg-to-pdfkit) cost ten times more than drawing it. Text
// is pure black (#000, the scene's ink), not a rich black. The creation date is fixed so that two
// runs give the same bytes.
import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import * as fontkit from "fontkit";
import { FONT_FILES } from "./text-metrics.js";
import { INK } from "./palettes.js";
import { INITIAL, inherit, Painter, round2, type Paint } from "./pdf-paint.js";
import { pdfPathOps } from "./pdf-path.js";
import { transparencyGroup } from "./pdf-group.js";
import type { Group, HatchPattern, Item, Scene, Style, TextItem } from "./scene.js";

const MM_TO_PT = 72 / 25.4;
const FONT_NAMES = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"];
// Parsed once per thread: every map embeds its own subset of the same three fonts, and the
// kerning and substitution tables (decoded on first use) then serve every map.
let fonts: Array<ReturnType<typeof fontkit.create>> | undefined;

export function sceneToPdf(scene: Scene): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: [scene.width * MM_TO_PT, scene.height * MM_TO_PT],
      margin: 0,
      autoFirstPage: true,
      compress: true,
      info: { Title: scene.title, Creator: "contrechamp", Producer: "contrechamp (pdfkit)", CreationDate: new Date(Date.UTC(2000, 0, 1)) },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    fonts ??= FONT_FILES.map((f) => fontkit.create(readFileSync(f)));
    FONT_NAMES.forEach((name, i) => doc.registerFont(name, fonts![i] as unknown as string));
    try {
      // Page millimetres, y down: the scene's (and the SVG viewBox's) own units.
      doc.transform(MM_TO_PT, 0, 0, MM_TO_PT, 0, 0);
      new Drawing(doc, scene).draw();
    } catch (e) {
      reject(e);
      return;
    }
    doc.end();
  });
}

class Drawing {
  private painter: Painter;
  private readonly defs: Map<string, HatchPattern>;
  private readonly clips: Map<string, string>;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly scene: Scene,
  ) {
    this.defs = new Map(scene.patterns.map((p) => [p.id, p]));
    this.painter = new Painter(doc, this.defs);
    this.clips = new Map(scene.clips.map((c) => [c.id, c.d]));
  }

  draw(): void {
    const s = this.scene;
    this.shape(INITIAL, { fill: s.background }, () => this.doc.rect(0, 0, round2(s.width), round2(s.height)));
    for (const layer of s.layers) this.group(layer, INITIAL);
  }

  /** svg.ts writeGroup: own or shared clip path, halo copy of the items under them, the items. */
  private group(g: Group, outer: Paint): void {
    const clip = g.clipD ?? (g.clip !== undefined ? this.clips.get(g.clip) : undefined);
    if (g.clip !== undefined && clip === undefined) throw new Error(`PDF: no clip path ${g.clip} in the scene`);
    const halo = g.style?.strokeUnder && g.style.stroke && g.style.stroke !== "none";
    const own = halo ? { ...g.style, stroke: undefined, strokeWidth: undefined, strokeUnder: undefined } : g.style;
    const paint = inherit(outer, own);
    const opacity = g.style?.opacity ?? 1;
    if (clip !== undefined) {
      this.painter.save();
      // An empty clip path shows nothing (SVG): a clip to an empty rectangle.
      if (!this.path(clip)) this.doc.rect(0, 0, 0, 0);
      this.doc.clip();
    }
    const items = () => {
      if (halo) {
        const under = inherit(paint, { fill: g.style!.stroke, stroke: g.style!.stroke, strokeWidth: g.style!.strokeWidth ?? 0 });
        for (const it of g.items) this.item(it, under);
      }
      for (const it of g.items) this.item(it, paint);
    };
    if (opacity === 1) items();
    else this.translucent(opacity, items);
    if (clip !== undefined) this.painter.restore();
  }

  /** The items drawn into a transparency group (pdf-group.ts), laid on the page at `opacity`. */
  private translucent(opacity: number, items: () => void): void {
    const outside = this.painter;
    // The form starts from the graphics state where it is drawn: a painter of its own, starting
    // from that state (and refusing patterns: see pdf-paint.ts).
    this.painter = outside.inner(this.defs);
    let name: string;
    try {
      name = transparencyGroup(this.doc, [0, 0, round2(this.scene.width), round2(this.scene.height)], items);
    } finally {
      this.painter = outside;
    }
    outside.save();
    this.doc.fillOpacity(opacity);
    this.doc.addContent(`/${name} Do`);
    outside.restore();
  }

  /** svg.ts writeItem. */
  private item(it: Item, outer: Paint): void {
    const doc = this.doc;
    switch (it.kind) {
      case "group":
        this.group(it, outer);
        return;
      case "path":
        this.shape(outer, it.style, () => this.path(it.d));
        return;
      case "circle": {
        const [cx, cy] = [round2(it.cx), round2(it.cy)];
        if (it.style?.strokeUnder && it.style.stroke) {
          const r = round2(it.r + (it.style.strokeWidth ?? 0) / 2);
          this.shape(outer, { fill: it.style.stroke }, () => doc.circle(cx, cy, r));
        }
        const own = it.style?.strokeUnder ? { ...it.style, stroke: undefined, strokeWidth: undefined, strokeUnder: undefined } : it.style;
        this.shape(outer, own, () => doc.circle(cx, cy, round2(it.r)));
        return;
      }
      case "rect":
        this.shape(outer, it.style, () => doc.rect(round2(it.x), round2(it.y), round2(it.w), round2(it.h)));
        return;
      case "text":
        if (it.halo) this.text(it, { ...inherit(outer, { fill: INK.halo, stroke: INK.halo, strokeWidth: it.halo }), join: "round" });
        this.text(it, inherit(outer, { fill: it.fill ?? INK.text }));
        return;
    }
  }

  /** One shape: its paint (element opacity scales fill and stroke, as svg-to-pdfkit did), its outline, one paint operator. */
  private shape(outer: Paint, style: Style | undefined, outline: () => unknown): void {
    const p = inherit(outer, style);
    const { fill, stroke } = this.painter.paint(p, style?.opacity ?? 1);
    if (!fill && !stroke) return;
    if (outline() === false) return;
    if (fill && stroke) this.doc.fillAndStroke();
    else if (fill) this.doc.fill();
    else this.doc.stroke();
  }

  /** Adds the outline; false for empty path data (nothing to paint, as in SVG). */
  private path(d: string): boolean {
    const ops = pdfPathOps(d);
    if (ops === null) this.doc.path(d);
    else if (ops) this.doc.addContent(ops);
    return ops !== "";
  }

  private text(t: TextItem, p: Paint): void {
    // SVG's default white-space handling: tabs and newlines are spaces, runs of spaces one, none at the ends.
    const s = t.text.replace(/[\t\n\r]/g, " ").replace(/ {2,}/g, " ").trim();
    if (!s) return;
    const { fill, stroke } = this.painter.paint(p);
    if (!fill && !stroke) return;
    const doc = this.doc.font(t.bold ? FONT_NAMES[1] : t.italic ? FONT_NAMES[2] : FONT_NAMES[0]).fontSize(round2(t.size));
    const w = t.anchor === "middle" || t.anchor === "end" ? doc.widthOfString(s) : 0;
    const x = round2(t.x) - (t.anchor === "middle" ? w / 2 : t.anchor === "end" ? w : 0);
    doc.text(s, x, round2(t.y), { lineBreak: false, baseline: "alphabetic", fill, stroke } as PDFKit.Mixins.TextOptions);
  }
}
