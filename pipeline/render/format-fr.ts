// French number formatting for labels: thousands separated by a narrow no-break space (U+202F),
// decimal comma, a no-break space (U+00A0) before the unit: "18 000 – 22 000 €".
export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

export function formatFr(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const sign = n < 0 && Number(fixed) !== 0 ? "−" : "";
  return sign + grouped + (frac ? "," + frac : "");
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
