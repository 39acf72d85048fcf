// Scale bar in kilometres: a "nice" length (1, 2 or 5 × 10^n m) close to the wanted page width,
// split in alternating black and white segments.
import { group, line, rect, text, type Group } from "./scene.js";
import { formatFr } from "./format-fr.js";
import { INK } from "./palettes.js";

export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

/** Bar starting at (x, y) (top left), at `scale` page mm per metre, at most `maxWidth` mm long. */
export function scaleBar(x: number, y: number, scale: number, maxWidth: number, backing = false): Group {
  const metres = niceLength(maxWidth / scale);
  const lead = Math.round(metres / 10 ** Math.floor(Math.log10(metres)));
  const segments = lead === 5 ? 5 : 4;
  const w = metres * scale;
  const h = 1.2;
  const items = [];
  // On zoomed maps the bar sits over the data: a white card keeps it readable.
  if (backing) items.push(rect(x - 2, y - 1.5, w + 5, h + 5.5, { fill: "#ffffff", fillOpacity: 0.85, stroke: "none" }));
  for (let i = 0; i < segments; i++) {
    items.push(rect(x + (i * w) / segments, y, w / segments, h, { fill: i % 2 ? "#ffffff" : INK.text, stroke: INK.text, strokeWidth: 0.2 }));
  }
  const km = (m: number) => formatFr(m / 1000, m % 1000 === 0 ? 0 : m % 100 === 0 ? 1 : m % 10 === 0 ? 2 : 3);
  items.push(text(x, y + h + 2.8, "0", 2.4, { anchor: "middle" }));
  items.push(text(x + w / 2, y + h + 2.8, km(metres / 2), 2.4, { anchor: "middle" }));
  items.push(text(x + w, y + h + 2.8, `${km(metres)}\u00a0km`, 2.4, { anchor: "middle" }));
  items.push(line(x, y + h, x, y + h + 0.6, { stroke: INK.text, strokeWidth: 0.2 }));
  return group("scale-bar", items, { label: "Échelle" });
}
