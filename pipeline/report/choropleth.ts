// Quantile classes for the district maps of the report, and their legend. PuBu (ColorBrewer) is
// sequential and colour-blind safe, and light enough at the low end for the camera dots to read.
import { esc } from "./html.js";
import { formatFr } from "../core/format-fr.js";
import { quantile } from "../stats/quantile.js";

export const PALETTE = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];
export const NO_DATA = "#e0e0e0";

/** Upper bounds of k quantile classes (linear interpolation, R type 7); the last is the maximum. */
export function quantileBreaks(values: number[], k = PALETTE.length): number[] {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return [];
  const out: number[] = [];
  for (let i = 1; i <= k; i++) {
    const b = quantile(v, i / k);
    if (!out.length || b > out[out.length - 1]) out.push(b);
  }
  return out;
}

export function classOf(value: number | null, breaks: number[]): number {
  if (value === null || !Number.isFinite(value) || !breaks.length) return -1;
  const i = breaks.findIndex((b) => value <= b);
  return i < 0 ? breaks.length - 1 : i;
}

export function colourOf(value: number | null, breaks: number[]): string {
  const c = classOf(value, breaks);
  if (c < 0) return NO_DATA;
  // Fewer breaks than colours (ties) still spread over the whole ramp.
  const idx = breaks.length === 1 ? PALETTE.length - 1 : Math.round((c * (PALETTE.length - 1)) / (breaks.length - 1));
  return PALETTE[idx];
}

export function legendHtml(title: string, breaks: number[], min: number, digits: number): string {
  const items = breaks.map((b, i) => {
    const from = i === 0 ? min : breaks[i - 1];
    return `<li><span class="swatch" style="background:${colourOf(b, breaks)}"></span>${i === 0 ? "" : "&gt; "}${formatFr(from, digits)} – ${formatFr(b, digits)}</li>`;
  });
  items.push(`<li><span class="swatch" style="background:${NO_DATA}"></span>sans donnée</li>`);
  items.push(`<li><span class="swatch dot"></span>caméra</li>`);
  return `<figure class="legend"><figcaption>${esc(title)}</figcaption><ul>${items.join("")}</ul></figure>`;
}
