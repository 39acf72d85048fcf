// How far the geocoder's points are from a reference geocoding of the same sites, in metres.
// Quantiles interpolate linearly between order statistics (numpy's default), so a reviewer can
// recompute them with numpy.percentile.

import { quantile } from "../stats/quantile.js";

export interface AccuracyReport {
  reference_sites: number;
  compared: number;
  /** Reference sites the geocoder did not place. */
  not_placed: number;
  median_m: number | null;
  p95_m: number | null;
  max_m: number | null;
  within_30m: number | null;
  within_50m: number | null;
  within_100m: number | null;
}


const r1 = (v: number) => Math.round(v * 10) / 10;
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** `distances` are the placed reference sites' errors; `notPlaced` the reference sites left out. */
export function accuracyReport(distances: number[], notPlaced: number): AccuracyReport {
  const s = [...distances].sort((a, b) => a - b);
  const n = s.length;
  const share = (m: number) => (n ? r4(s.filter((d) => d <= m).length / n) : null);
  return {
    reference_sites: n + notPlaced,
    compared: n,
    not_placed: notPlaced,
    median_m: n ? r1(quantile(s, 0.5)) : null,
    p95_m: n ? r1(quantile(s, 0.95)) : null,
    max_m: n ? r1(s[n - 1]) : null,
    within_30m: share(30),
    within_50m: share(50),
    within_100m: share(100),
  };
}
