// Permutation (Monte Carlo) tests of where the cameras stand, against explicit null placements.
// A null is a set of sites with weights (cells by area, cells by residents, cells by their street
// crossings); each draw places as many cameras as observed by a multinomial draw of counts per
// site, and decides zone membership by a binomial draw with the share of the site that lies in
// each zone (what uniform points in the cell, or a crossing picked in the cell, would give). The
// statistics are sums over cameras, so a draw costs O(sites), whatever the number of cameras
// (DESIGN.md "Scale"). These nulls place cameras independently: they ignore clustering, and say so.
import { quantile } from "./quantile.js";
import { multinomial, binomial } from "./multinomial.js";
import { aliasTable, aliasPick } from "./alias.js";
import { seededRng } from "./rng.js";

/** Where a camera could stand, with what the statistics need to know about it. */
export interface Site {
  weight: number;
  /** Share of the site in each declared zone, in zone order. */
  pZone: number[];
  /** Fractional population rank of its cell by income (NaN if the cell has no residents). */
  rank: number;
  /** Mean standard of living of its cell, €/yr (NaN if none). */
  income: number;
}

/** `share_<zone>` per declared zone, then the income statistics when the study has income. */
export type Statistic = string;
export type Values = Record<Statistic, number>;

export function statisticNames(zones: string[], income: boolean): Statistic[] {
  return [...zones.map((z) => `share_${z}`), ...(income ? ["concentration_index", "mean_income"] : [])];
}

/** The statistics of a set of placed cameras (zone counts already decided). */
export function statistics(zones: string[], income: boolean, n: number, inZone: ArrayLike<number>, rankSum: number, incomeSum: number, withIncome: number): Values {
  const v: Values = {};
  zones.forEach((z, k) => (v[`share_${z}`] = inZone[k] / n));
  if (income) {
    v.concentration_index = withIncome > 0 ? (2 * rankSum) / withIncome - 1 : NaN;
    v.mean_income = withIncome > 0 ? incomeSum / withIncome : NaN;
  }
  return v;
}

/** `draws` null placements of `n` cameras; returns each statistic's null values. */
export function simulateNull(sites: Site[], zones: string[], income: boolean, n: number, draws: number, seed: number): Record<Statistic, Float64Array> {
  const rng = seededRng(seed);
  // Heaviest sites first (stable by input order): the multinomial stops once every camera is placed.
  const order = sites.map((_, i) => i).sort((a, b) => sites[b].weight - sites[a].weight || a - b);
  const w = Float64Array.from(order, (i) => sites[i].weight);
  const total = w.reduce((s, x) => s + x, 0);
  const Z = zones.length;
  const pZone = Float64Array.from({ length: order.length * Z }, (_, j) => sites[order[Math.floor(j / Math.max(1, Z))]].pZone[j % Math.max(1, Z)] ?? 0);
  const rank = Float64Array.from(order, (i) => sites[i].rank), inc = Float64Array.from(order, (i) => sites[i].income);
  const names = statisticNames(zones, income);
  const out = Object.fromEntries(names.map((s) => [s, new Float64Array(draws)])) as Record<Statistic, Float64Array>;
  const counts = new Int32Array(order.length);
  const inZone = new Float64Array(Z);
  // Fewer cameras than sites: drawing each camera's site (alias method, O(n)) gives the same
  // multinomial counts more cheaply than a binomial per site (O(sites)).
  const alias = n < order.length ? aliasTable(Array.from(w)) : null;
  // The uniforms of a draw's n alias picks come in one bulk call (the same stream as n next()).
  const u = new Float64Array(alias ? n : 0);
  for (let d = 0; d < draws; d++) {
    if (alias) {
      counts.fill(0);
      rng.uniforms(u);
      for (let k = 0; k < n; k++) counts[aliasPick(alias, u[k])]++;
    } else multinomial(n, w, total, rng, counts);
    inZone.fill(0);
    let rankSum = 0, incomeSum = 0, withIncome = 0;
    for (let i = 0; i < counts.length; i++) {
      const k = counts[i];
      if (k === 0) continue;
      for (let z = 0; z < Z; z++) {
        const p = pZone[i * Z + z];
        if (p > 0) inZone[z] += p >= 1 ? k : binomial(k, p, rng);
      }
      const r = rank[i];
      if (!Number.isNaN(r)) {
        rankSum += k * r;
        incomeSum += k * inc[i];
        withIncome += k;
      }
    }
    const v = statistics(zones, income, n, inZone, rankSum, incomeSum, withIncome);
    for (const st of names) out[st][d] = v[st];
  }
  return out;
}

/** Several nulls' draws in one call, each with its own sites and seed (one task for the helper thread). */
export function simulateNulls(nulls: Array<{ sites: Site[]; seed: number }>, zones: string[], income: boolean, n: number, draws: number): Array<Record<Statistic, Float64Array>> {
  return nulls.map((x) => simulateNull(x.sites, zones, income, n, draws, x.seed));
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
