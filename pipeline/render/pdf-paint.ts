// Paint for the PDF back end: the SVG style cascade (what svg.ts writes as attributes, and what
// a group passes on to its items) resolved to one Paint per drawn item, and the PDF graphics
// state set only where it changes (thousands of shapes share a handful of styles, so most items
// write their path and a paint operator only). Hatch and dot patterns become PDF tiling patterns,
// made once per document.
import type { HatchPattern, Style } from "./scene.js";

/** What an SVG element inherits and draws with (SVG initial values in INITIAL). */
export interface Paint {
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeWidth: number;
  dash: number[] | undefined;
  join: "miter" | "round";
  cap: "butt" | "round" | "square";
}

export const INITIAL: Paint = { fill: "#000000", fillOpacity: 1, stroke: "none", strokeWidth: 1, dash: undefined, join: "miter", cap: "butt" };

/** `p` with the attributes svg.ts writes for `s` laid over it (styleAttrs there; opacity is not inherited). */
export function inherit(p: Paint, s: Style | undefined): Paint {
  if (!s) return p;
  const q = { ...p };
  if (s.fill !== undefined) q.fill = s.fill;
  if (s.fillOpacity !== undefined) q.fillOpacity = s.fillOpacity;
  if (s.stroke !== undefined) q.stroke = s.stroke;
  if (s.strokeWidth !== undefined) q.strokeWidth = round2(s.strokeWidth);
  if (s.dash) q.dash = s.dash.map(round2);
  if (s.round) {
    q.join = "round";
    q.cap = s.cap ?? "round";
  } else if (s.cap) q.cap = s.cap;
  return q;
}

/** The 0.01 mm of svg.ts's n(): the PDF draws the numbers the SVG holds. */
export const round2 = (v: number) => Math.round(v * 100) / 100;

const URL = /^url\(#(.+)\)$/;

interface State {
  fill?: string;
  fillAlpha: number;
  stroke?: string;
  strokeAlpha: number;
  width?: number;
  join?: string;
  cap?: string;
  dash?: string;
}

export class Painter {
  private state: State = { fillAlpha: 1, strokeAlpha: 1 };
  private readonly stack: State[] = [];
  private readonly patterns = new Map<string, string>();
  private seq = 0;
  private readonly inForm: boolean;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly defs: Map<string, HatchPattern>,
    inherited?: State,
  ) {
    this.inForm = inherited !== undefined;
    if (inherited) this.state = { ...inherited };
    // SVG's default miter limit (PDF's is 10).
    else doc.miterLimit(4);
  }

  /** A painter for a form drawn here: it starts from this graphics state, with patterns of its own. */
  inner(defs: Map<string, HatchPattern>): Painter {
    return new Painter(this.doc, defs, this.state);
  }

  save(): void {
    this.stack.push({ ...this.state });
    this.doc.save();
  }

  restore(): void {
    this.state = this.stack.pop()!;
    this.doc.restore();
  }

  /** Whether the item is filled and/or stroked; sets the state that needs it. */
  paint(p: Paint, opacity = 1): { fill: boolean; stroke: boolean } {
    const fill = p.fill !== "none";
    const stroke = p.stroke !== "none" && p.strokeWidth > 0;
    const s = this.state;
    if (fill) {
      if (s.fill !== p.fill) {
        this.colour(p.fill, false);
        s.fill = p.fill;
      }
      const a = p.fillOpacity * opacity;
      if (s.fillAlpha !== a) this.doc.fillOpacity((s.fillAlpha = a));
    }
    if (stroke) {
      if (s.stroke !== p.stroke) {
        this.colour(p.stroke, true);
        s.stroke = p.stroke;
      }
      if (s.strokeAlpha !== opacity) this.doc.strokeOpacity((s.strokeAlpha = opacity));
      if (s.width !== p.strokeWidth) this.doc.lineWidth((s.width = p.strokeWidth));
      if (s.join !== p.join) this.doc.lineJoin((s.join = p.join));
      if (s.cap !== p.cap) this.doc.lineCap((s.cap = p.cap));
      // An odd dash list repeats, as in SVG.
      const dash = p.dash?.length ? (p.dash.length % 2 ? [...p.dash, ...p.dash] : p.dash) : undefined;
      const key = dash ? dash.join(" ") : "";
      if (s.dash !== key) {
        if (dash) this.doc.dash(dash as unknown as number, {});
        else this.doc.undash();
        s.dash = key;
      }
    }
    return { fill, stroke };
  }

  private colour(c: string, stroke: boolean): void {
    const url = URL.exec(c);
    if (!url) {
      if (stroke) this.doc.strokeColor(c);
      else this.doc.fillColor(c);
      return;
    }
    const name = this.pattern(url[1]);
    this.doc.addContent(stroke ? `/Pattern CS /${name} SCN` : `/Pattern cs /${name} scn`);
  }

  /** A coloured tiling pattern drawn as svg.ts's <pattern> (one tile, clipped to its box). */
  private pattern(id: string): string {
    let name = this.patterns.get(id);
    if (name) return name;
    const p = this.defs.get(id);
    if (!p) throw new Error(`PDF: no pattern ${id} in the scene`);
    // Viewers disagree on the space of a pattern used inside a form (poppler takes the page's,
    // the specification the form's): no map puts one there, so none is drawn there untested.
    if (this.inForm) throw new Error(`PDF: pattern ${id} inside a group with an opacity is not drawn (give the items the opacity)`);
    const s = round2(p.spacing);
    const rgb = (hex: string) => [1, 3, 5].map((i) => (parseInt(hex.slice(i, i + 2), 16) / 255).toFixed(4)).join(" ");
    let content: string;
    let local = [1, 0, 0, 1, 0, 0];
    if (p.dots) {
      // White tile, one dot in its middle (four Bézier quarters, as pdfkit draws circles).
      const c = round2(s / 2);
      const r = round2(p.strokeWidth / 2);
      const k = r * 0.5522847498;
      const f = (v: number) => +v.toFixed(4);
      content =
        `1 1 1 rg 0 0 ${s} ${s} re f ${rgb(p.stroke)} rg ${f(c - r)} ${c} m ` +
        `${f(c - r)} ${f(c - k)} ${f(c - k)} ${f(c - r)} ${c} ${f(c - r)} c ${f(c + k)} ${f(c - r)} ${f(c + r)} ${f(c - k)} ${f(c + r)} ${c} c ` +
        `${f(c + r)} ${f(c + k)} ${f(c + k)} ${f(c + r)} ${c} ${f(c + r)} c ${f(c - k)} ${f(c + r)} ${f(c - r)} ${f(c + k)} ${f(c - r)} ${c} c f`;
    } else {
      // A line along the tile's left edge, the tile turned 45° (patternTransform="rotate(45)").
      content = `${rgb(p.stroke)} RG ${round2(p.strokeWidth)} w 0 0 m 0 ${s} l S`;
      const a = Math.SQRT1_2;
      local = [a, a, -a, a, 0, 0];
    }
    // Pattern space is the page's default space: the current transform (mm, y down) times the tile's.
    const [m0, m1, m2, m3, m4, m5] = (this.doc as any)._ctm as number[];
    const [l0, l1, l2, l3, l4, l5] = local;
    const matrix = [m0 * l0 + m2 * l1, m1 * l0 + m3 * l1, m0 * l2 + m2 * l3, m1 * l2 + m3 * l3, m0 * l4 + m2 * l5 + m4, m1 * l4 + m3 * l5 + m5].map((v) => +v.toFixed(6));
    const ref = (this.doc as any).ref({ Type: "Pattern", PatternType: 1, PaintType: 1, TilingType: 2, BBox: [0, 0, s, s], XStep: s, YStep: s, Matrix: matrix, Resources: {} });
    ref.end(content);
    name = `Pc${++this.seq}`;
    (this.doc as any).page.patterns[name] = ref;
    this.patterns.set(id, name);
    return name;
  }
}
