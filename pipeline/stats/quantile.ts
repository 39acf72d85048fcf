// Type-7 quantile (R's default, numpy.percentile's linear rule) of already sorted values, so a
// reviewer can recompute envelopes and error percentiles with numpy or R. NaN for no values.
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
