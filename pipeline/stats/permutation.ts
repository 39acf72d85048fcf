// Permutation (Monte Carlo) tests of where the cameras stand, against explicit null placements.
// A null is a set of sites with weights (cells by area, cells by residents, street crossings);
// each draw places as many cameras as observed on sites drawn with replacement (alias method),
// and, for a cell, decides ZTI/ZSP membership by a Bernoulli draw with the share of the cell's
// in-city area that lies in the zone (what a uniform point in the cell would give). The four test
// statistics are sums over cameras, so each draw costs O(cameras).
import { quantile } from "./quantile.js";
import { aliasTable, drawAlias } from "./alias.js";
import { seededRng } from "./rng.js";

/** Where a camera could stand, with what the statistics need to know about it. */
export interface Site {
  weight: number;
  pZti: number;
  pZsp: number;
  /** Fractional population rank of its cell by income (NaN if the cell has no residents). */
  rank: number;
  /** Mean standard of living of its cell, €/yr (NaN if none). */
  income: number;
}

export const STATISTICS = ["share_zti", "share_zsp", "concentration_index", "mean_income"] as const;
export type Statistic = (typeof STATISTICS)[number];
export type Values = Record<Statistic, number>;

/** The statistics of a set of placed cameras (zone flags already decided). */
export function statistics(n: number, inZti: number, inZsp: number, rankSum: number, incomeSum: number, withIncome: number): Values {
  return {
    share_zti: inZti / n,
    share_zsp: inZsp / n,
    concentration_index: withIncome > 0 ? (2 * rankSum) / withIncome - 1 : NaN,
    mean_income: withIncome > 0 ? incomeSum / withIncome : NaN,
  };
}

/** `draws` null placements of `n` cameras; returns each statistic's null values. */
export function simulateNull(sites: Site[], n: number, draws: number, seed: number): Record<Statistic, Float64Array> {
  const rng = seededRng(seed);
  const table = aliasTable(sites.map((s) => s.weight));
  // Flat typed arrays: this loop runs draws × n times (3 × 999 × ~1,400 for Paris).
  const pZti = Float64Array.from(sites, (s) => s.pZti), pZsp = Float64Array.from(sites, (s) => s.pZsp);
  const rank = Float64Array.from(sites, (s) => s.rank), income = Float64Array.from(sites, (s) => s.income);
  const out = Object.fromEntries(STATISTICS.map((s) => [s, new Float64Array(draws)])) as Record<Statistic, Float64Array>;
  for (let d = 0; d < draws; d++) {
    let zti = 0, zsp = 0, rankSum = 0, incomeSum = 0, withIncome = 0;
    for (let k = 0; k < n; k++) {
      const i = drawAlias(table, rng);
      const a = pZti[i], b = pZsp[i];
      if (a > 0 && (a >= 1 || rng.next() < a)) zti++;
      if (b > 0 && (b >= 1 || rng.next() < b)) zsp++;
      const r = rank[i];
      if (!Number.isNaN(r)) {
        rankSum += r;
        incomeSum += income[i];
        withIncome++;
      }
    }
    const v = statistics(n, zti, zsp, rankSum, incomeSum, withIncome);
    for (const st of STATISTICS) out[st][d] = v[st];
  }
  return out;
}

export interface TestResult {
  observed: number;
  null_mean: number;
  /** 2.5 %, 50 %, 97.5 % quantiles of the null draws. */
  envelope: [number, number, number];
  p_greater: number;
  p_less: number;
  p_two_sided: number;
}

export function compare(observed: number, nullValues: Float64Array | number[]): TestResult {
  const v = sortedCopy(nullValues);
  const R = v.length;
  const le = upperBound(v, observed);
  const ge = R - lowerBound(v, observed);
  const pg = (1 + ge) / (R + 1);
  const pl = (1 + le) / (R + 1);
  return {
    observed,
    null_mean: v.reduce((s, x) => s + x, 0) / R,
    envelope: [quantile(v, 0.025), quantile(v, 0.5), quantile(v, 0.975)],
    p_greater: pg,
    p_less: pl,
    p_two_sided: Math.min(1, 2 * Math.min(pg, pl)),
  };
}

/** Sorted copy, cached per null array: the jitter replicates compare against the same draws. */
const sortedCache = new WeakMap<object, number[]>();
function sortedCopy(values: Float64Array | number[]): number[] {
  let v = sortedCache.get(values);
  if (!v) {
    v = Array.from(values).sort((a, b) => a - b);
    sortedCache.set(values, v);
  }
  return v;
}

/** Number of values < x. */
function lowerBound(v: number[], x: number): number {
  let lo = 0, hi = v.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (v[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Number of values ≤ x. */
function upperBound(v: number[], x: number): number {
  let lo = 0, hi = v.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (v[m] <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
