// The legend: a column of headed entries (fill swatches, point, line styles, notes) laid out from
// the top, its text wrapped with the shipped font's real widths so nothing overflows its column.
import { group, rect, text, line, type Group, type Item, type Style } from "./scene.js";
import { wrapText } from "./text-metrics.js";
import { INK } from "./palettes.js";

export type LegendEntry =
  | { kind: "heading"; text: string }
  | { kind: "note"; text: string }
  | { kind: "fill"; id?: string; label: string; style: Style; overlay?: Style }
  | { kind: "point"; id?: string; label: string; r: number; style: Style }
  | { kind: "circle-size"; id?: string; label: string; r: number; style: Style }
  | { kind: "line"; id?: string; label: string; style: Style };

export interface LegendLayout {
  group: Group;
  height: number;
}

const SW = 6; // swatch width, mm
const SH = 3.6;
const FS = 2.6; // label font size, mm (≈ 7.4 pt)
const GAP = 1.2;

/**
 * Lays the entries out in one column, or in two (portrait pages, legend under the map), split
 * at the heading that best balances the columns.
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

function column(x: number, y: number, width: number, entries: LegendEntry[]): LegendLayout {
  const items: Item[] = [];
  let cy = y;
  for (const e of entries) {
    if (e.kind === "heading") {
      cy += 1.5;
      for (const l of wrapText(e.text, 3, width, true)) {
        cy += 3.6;
        items.push(text(x, cy, l, 3, { bold: true }));
      }
      cy += 1.5;
      continue;
    }
    if (e.kind === "note") {
      for (const l of wrapText(e.text, 2.2, width, false)) {
        cy += 2.8;
        items.push(text(x, cy, l, 2.2, { italic: true, fill: "#404040" }));
      }
      cy += 1;
      continue;
    }
    const lines = wrapText(e.label, FS, width - SW - 2);
    const rowH = Math.max(e.kind === "circle-size" ? 2 * e.r : SH, lines.length * 3.1);
    const mid = cy + rowH / 2;
    const sx = x + SW / 2;
    const sym: Item[] = [];
    if (e.kind === "fill") {
      sym.push(rect(x, mid - SH / 2, SW, SH, { stroke: "#7f7f7f", strokeWidth: 0.15, ...e.style }));
      if (e.overlay) sym.push(rect(x, mid - SH / 2, SW, SH, e.overlay));
    } else if (e.kind === "point" || e.kind === "circle-size") {
      sym.push({ kind: "circle", cx: e.kind === "circle-size" ? x + Math.max(e.r, SW / 2) : sx, cy: mid, r: e.r, style: e.style });
    } else {
      sym.push(line(x, mid, x + SW, mid, e.style));
    }
    const tx = x + Math.max(SW, e.kind === "circle-size" ? 2 * e.r : 0) + 2;
    lines.forEach((l, i) => sym.push(text(tx, mid - ((lines.length - 1) * 3.1) / 2 + i * 3.1 + FS * 0.36, l, FS, { fill: INK.text })));
    // An entry with an id is a group (swatch + label) that tests and editors can find.
    if ("id" in e && e.id) items.push(group(e.id, sym));
    else items.push(...sym);
    cy += rowH + GAP;
  }
  return { group: group("legend", items, { label: "Légende" }), height: cy - y };
}
