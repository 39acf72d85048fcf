// The legend: headed sections of entries (fill swatches, points, line styles, notes), each
// section laid out as one block whose size is measured with the shipped font's real widths, so
// the page layout (pipeline/render/layout.ts) can put the blocks where the map leaves room.
import { group, rect, text, line, type Group, type Item, type Style } from "./scene.js";
import { wrapText } from "./text-metrics.js";
import { INK } from "./palettes.js";
import { TYPE, PT } from "./page.js";

export type LegendEntry =
  | { kind: "heading"; text: string }
  | { kind: "note"; text: string }
  | { kind: "fill"; id?: string; label: string; style: Style; overlay?: Style }
  | { kind: "point"; id?: string; label: string; r: number; style: Style }
  | { kind: "circle-size"; id?: string; label: string; r: number; style: Style }
  /** A point symbol of another shape (triangle, square…): `path` draws it centred on (x, y). */
  | { kind: "symbol"; id?: string; label: string; path: (x: number, y: number) => string; style: Style }
  | { kind: "line"; id?: string; label: string; style: Style; /** a second line drawn under (casing) */ under?: Style; /** a tinted band along the line */ band?: Style };

export interface LegendLayout {
  group: Group;
  height: number;
}

/** A measured piece of the page that the layout places: a legend section, the scale bar… */
export interface Block {
  id: string;
  w: number;
  h: number;
  draw(x: number, y: number): Item[];
}

const SW = 5.5; // swatch width, mm
const SH = 3.2;
const ROW = TYPE.label * 1.2;
const GAP = 0.9;

/** Splits entries into sections, each starting at a heading. */
export function sections(entries: LegendEntry[]): LegendEntry[][] {
  const out: LegendEntry[][] = [];
  for (const e of entries) {
    if (e.kind === "heading" || out.length === 0) out.push([]);
    out[out.length - 1].push(e);
  }
  return out;
}

/** One block per section, `width` wide. */
export function legendBlocks(entries: LegendEntry[], width: number, idPrefix = "legend-block"): Block[] {
  return sections(entries).map((s, i) => {
    const h = column(0, 0, width, s).height;
    return { id: `${idPrefix}-${i}`, w: width, h, draw: (x, y) => column(x, y, width, s).group.items };
  });
}

/**
 * Lays the entries out in one column, or in two, split at the heading that best balances them.
 * (Kept for pages that place their own legend: charts, two-panel maps.)
 */
export function legend(x: number, y: number, width: number, entries: LegendEntry[], columns: 1 | 2 = 1): LegendLayout {
  if (columns === 2) {
    const colW = width / 2 - 3;
    const total = column(x, y, colW, entries).height;
    let best = entries.length;
    let bestH = Infinity;
    entries.forEach((e, i) => {
      if (e.kind !== "heading" || i === 0) return;
      const h = Math.max(column(x, y, colW, entries.slice(0, i)).height, column(x, y, colW, entries.slice(i)).height);
      if (h < bestH) [best, bestH] = [i, h];
    });
    if (bestH >= total) return column(x, y, width, entries);
    const a = column(x, y, colW, entries.slice(0, best));
    const b = column(x + width / 2 + 3, y, colW, entries.slice(best));
    return { group: group("legend", [...a.group.items, ...b.group.items], { label: "Légende" }), height: Math.max(a.height, b.height) };
  }
  return column(x, y, width, entries);
}

/** The drawn symbol of a line entry: band, casing, line, the same three the map draws. */
export function lineSymbol(x: number, y: number, w: number, e: Extract<LegendEntry, { kind: "line" }>): Item[] {
  const out: Item[] = [];
  if (e.band) out.push(rect(x, y - SH / 2, w, SH / 2, { ...e.band, stroke: "none" }));
  if (e.under) out.push(line(x, y, x + w, y, e.under));
  out.push(line(x, y, x + w, y, e.style));
  return out;
}

function column(x: number, y: number, width: number, entries: LegendEntry[]): LegendLayout {
  const items: Item[] = [];
  let cy = y;
  for (const e of entries) {
    if (e.kind === "heading") {
      if (cy > y) cy += 1.4;
      for (const l of wrapText(e.text, TYPE.heading, width, true)) {
        cy += TYPE.heading * 1.2;
        items.push(text(x, cy - TYPE.heading * 0.24, l, TYPE.heading, { bold: true, fill: INK.text }));
      }
      cy += 1.0;
      continue;
    }
    if (e.kind === "note") {
      for (const l of wrapText(e.text, TYPE.note, width, false)) {
        cy += TYPE.note * 1.2;
        items.push(text(x, cy - TYPE.note * 0.24, l, TYPE.note, { italic: true, fill: INK.text }));
      }
      cy += 0.8;
      continue;
    }
    const symW = Math.max(SW, e.kind === "circle-size" ? 2 * e.r : 0);
    const lines = wrapText(e.label, TYPE.label, width - symW - 1.8);
    const rowH = Math.max(e.kind === "circle-size" ? 2 * e.r : SH, lines.length * ROW);
    const mid = cy + rowH / 2;
    const sym: Item[] = [];
    if (e.kind === "fill") {
      sym.push(rect(x, mid - SH / 2, SW, SH, { stroke: "#7f7f7f", strokeWidth: 0.4 * PT, ...e.style }));
      if (e.overlay) sym.push(rect(x, mid - SH / 2, SW, SH, e.overlay));
    } else if (e.kind === "point" || e.kind === "circle-size") {
      sym.push({ kind: "circle", cx: e.kind === "circle-size" ? x + symW / 2 : x + SW / 2, cy: mid, r: e.r, style: e.style });
    } else if (e.kind === "symbol") {
      sym.push({ kind: "path", d: e.path(x + SW / 2, mid), style: e.style });
    } else {
      sym.push(...lineSymbol(x, mid, SW, e));
    }
    const tx = x + symW + 1.8;
    lines.forEach((l, i) => sym.push(text(tx, mid - ((lines.length - 1) * ROW) / 2 + i * ROW + TYPE.label * 0.36, l, TYPE.label, { fill: INK.text })));
    // An entry with an id is a group (swatch + label) that tests and editors can find.
    if ("id" in e && e.id) items.push(group(e.id, sym));
    else items.push(...sym);
    cy += rowH + GAP;
  }
  return { group: group("legend", items, { label: "Légende" }), height: cy - y };
}
