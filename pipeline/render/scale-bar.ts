// Scale bar in kilometres: a "nice" length (1, 2 or 5 × 10^n m) close to the wanted page width,
// split in alternating black and white segments. Type and lines in points at the final size.
import { group, line, rect, text, type Group, type Item } from "./scene.js";
import { formatFr } from "./format-fr.js";
import { INK } from "./palettes.js";
import { PT, TYPE } from "./page.js";
import { textWidth } from "./text-metrics.js";
import type { Block } from "./legend.js";

export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

const H = 1.1;

function km(m: number, unit: string, dec: (n: number, d?: number) => string): string[] {
  const f = (v: number) => dec(v / 1000, v % 1000 === 0 ? 0 : v % 100 === 0 ? 1 : v % 10 === 0 ? 2 : 3);
  return ["0", f(m / 2), `${f(m)}\u00a0${unit}`];
}

/** Bar starting at (x, y) (top left), at `scale` page mm per metre, at most `maxWidth` mm long. */
export function scaleBar(x: number, y: number, scale: number, maxWidth: number, backing = false, unit = "km", dec: (n: number, d?: number) => string = formatFr): Group {
  const metres = niceLength(maxWidth / scale);
  const lead = Math.round(metres / 10 ** Math.floor(Math.log10(metres)));
  const segments = lead === 5 ? 5 : 4;
  const w = metres * scale;
  const labels = km(metres, unit, dec);
  const items: Item[] = [];
  const half = (s: string) => textWidth(s, TYPE.tick) / 2;
  // On zoomed maps the bar sits over the data: a white card keeps it readable.
  if (backing) items.push(rect(x - 1, y - 1, w + half(labels[2]) * 2 + 2, H + TYPE.tick + 2.6, { fill: "#ffffff", fillOpacity: 0.85, stroke: "none" }));
  const bx = x + half("0");
  for (let i = 0; i < segments; i++) {
    items.push(rect(bx + (i * w) / segments, y, w / segments, H, { fill: i % 2 ? "#ffffff" : INK.text, stroke: INK.text, strokeWidth: 0.4 * PT }));
  }
  const ty = y + H + TYPE.tick * 1.05;
  items.push(text(bx, ty, labels[0], TYPE.tick, { anchor: "middle", fill: INK.text }));
  // The middle label only when it cannot touch its neighbours (short bars on column pages).
  if (w / 2 > half(labels[1]) + half(labels[0]) + 1 && w / 2 > half(labels[1]) + half(labels[2]) + 1) items.push(text(bx + w / 2, ty, labels[1], TYPE.tick, { anchor: "middle", fill: INK.text }));
  items.push(text(bx + w, ty, labels[2], TYPE.tick, { anchor: "middle", fill: INK.text }));
  items.push(line(bx, y + H, bx, y + H + 0.5, { stroke: INK.text, strokeWidth: 0.4 * PT }));
  return group("scale-bar", items, { label: "Échelle" });
}

/** The scale bar as a layout block (its size measured before it is placed). */
export function scaleBarBlock(scale: number, maxWidth: number, backing: boolean, unit: string, dec: (n: number, d?: number) => string): Block {
  const metres = niceLength(maxWidth / scale);
  const labels = km(metres, unit, dec);
  const w = metres * scale + textWidth(labels[0], TYPE.tick) / 2 + textWidth(labels[2], TYPE.tick) / 2 + (backing ? 2 : 0);
  const h = H + TYPE.tick * 1.3 + (backing ? 2 : 0);
  return { id: "scale-bar", w, h, draw: (x, y) => [scaleBar(x + (backing ? 1 : 0), y + (backing ? 1 : 0), scale, maxWidth, backing, unit, dec)] };
}
