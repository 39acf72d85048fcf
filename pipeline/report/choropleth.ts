// Classes for the district maps of the report, and their legend: the same rule and colours as
// the render stage's density maps (pipeline/stats/class-rules.ts): quantiles (R type 7), left-
// closed classes [a ; b[ with the last one closed, ColorBrewer OrRd.
import { esc } from "./html.js";
import { formatFr } from "../core/format-fr.js";
import { classify } from "../stats/classify.js";
import { CLASS_RULES, DENSITY_COLOURS_5 } from "../stats/class-rules.js";

export const PALETTE = DENSITY_COLOURS_5;
export const NO_DATA = "#e0e0e0";

/** Upper edges of the classes of the one density rule; the last is the maximum. */
export function quantileBreaks(values: number[], k = CLASS_RULES.cameras_per_km2.k ?? PALETTE.length): number[] {
  const v = values.filter(Number.isFinite);
  if (!v.length) return [];
  const c = classify(v, { ...CLASS_RULES.cameras_per_km2, k });
  return c.edges.length > 1 ? c.edges.slice(1) : [c.edges[0]];
}

/** Left-closed class index: values on an inner edge go to the class above (as on the maps). */
export function classOf(value: number | null, breaks: number[]): number {
  if (value === null || !Number.isFinite(value) || !breaks.length) return -1;
  return breaks.slice(0, -1).filter((b) => value >= b).length;
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
    return `<li><span class="swatch" style="background:${colourOf(from, breaks)}"></span>${formatFr(from, digits)} – ${formatFr(b, digits)}</li>`;
  });
  items.push(`<li><span class="swatch" style="background:${NO_DATA}"></span>sans donnée</li>`);
  items.push(`<li><span class="swatch dot"></span>caméra</li>`);
  return `<figure class="legend"><figcaption>${esc(title)} (classes [a ; b[, quantiles)</figcaption><ul>${items.join("")}</ul></figure>`;
}
