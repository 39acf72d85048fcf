// French number formatting for labels: thousands separated by a narrow no-break space (U+202F),
// decimal comma, a no-break space (U+00A0) before the unit: "18 000 – 22 000 €".
import { formatFr as formatNumberFr } from "../core/format-fr.js";

export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

/** The project's one French number formatter (pipeline/core/format-fr.ts), 0 decimals by default. */
export function formatFr(n: number | null | undefined, decimals = 0): string {
  return formatNumberFr(n, decimals);
}

/** "a – b unit" for the class [a ; b[; the interval convention is stated once in the legend. */
export function classLabel(a: number, b: number, unit: string, decimals = 0): string {
  const u = unit ? NBSP + unit : "";
  return `${formatFr(a, decimals)} – ${formatFr(b, decimals)}${u}`;
}

/** Decimals that keep adjacent edges distinct once formatted (0 for euros, more for ratios). */
export function labelDecimals(edges: number[]): number {
  for (let d = 0; d <= 4; d++) {
    const s = edges.map((e) => e.toFixed(d));
    if (new Set(s).size === s.length) return d;
  }
  return 4;
}
