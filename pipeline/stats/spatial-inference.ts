// Intervals for the count model's rate ratios that do not assume the cells independent:
// - Conley's spatial-HAC covariance, A⁻¹ B A⁻¹ with A = X'WX (NB2 expected information) and
//   B = Σ_i Σ_j K(d_ij) s_i s_jᵀ, s_i = x_i (y_i − μ_i)/(1 + αμ_i) the score of cell i, and the
//   Bartlett kernel K(d) = 1 − d/cutoff for d < cutoff (0 beyond): nearby cells' errors may covary;
// - a spatial block bootstrap: square tiles of the grid (1 km, 2 km) drawn with replacement as
//   many times as there are tiles, each cell weighted by its tile's multiplicity, the model refit
//   at the full fit's α; percentile intervals, and p = twice the smaller share of replicates on
//   either side of 0 ((1 + #)/(R + 1)).
import type { GlmFit } from "./glm.js";
import { fitFixedAlpha, invertSpd, type FlatDesign } from "./glm-weighted.js";
import type { Lattice } from "./spatial-grid.js";
import { within } from "./spatial-grid.js";
import { normalPValue } from "./glm.js";
import { quantile } from "./quantile.js";
import { seededRng } from "./rng.js";

const Z975 = 1.959963984540054;
const sig = (v: number, d = 6) => (Number.isFinite(v) ? Number(v.toPrecision(d)) : null);

export interface IntervalRow {
  term: string;
  rate_ratio: number | null;
  ci95: [number | null, number | null];
  p: number | null;
}

export function conleyCovariance(d: FlatDesign, fit: GlmFit, l: Lattice, cutoff: number): number[][] | null {
  const { n, p, x, y } = d;
  const s = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const m = fit.mu[i];
    const r = (y[i] - m) / (1 + fit.alpha * m);
    for (let j = 0; j < p; j++) s[i * p + j] = x[i * p + j] * r;
  }
  const nbs = within(l, cutoff, true);
  // B = Σ_i s_i t_iᵀ with t_i = Σ_j K(d_ij) s_j: the kernel-weighted sum of the neighbours' scores
  // first (p products per pair), then one outer product per cell, instead of p² per pair.
  const b = new Float64Array(p * p);
  const t = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    t.fill(0);
    for (let e = nbs.start[i]; e < nbs.start[i + 1]; e++) {
      const j = nbs.nb[e];
      const k = i === j ? 1 : 1 - Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]) / cutoff;
      if (k <= 0) continue;
      for (let c = 0; c < p; c++) t[c] += k * s[j * p + c];
    }
    for (let a = 0; a < p; a++) {
      const sa = s[i * p + a];
      if (sa === 0) continue;
      for (let c = 0; c < p; c++) b[a * p + c] += sa * t[c];
    }
  }
  const ainv = fit.covariance; // (X'WX)⁻¹ at the fit
  const out: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const tmp = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) {
    let v = 0;
    for (let k = 0; k < p; k++) v += ainv[a][k] * b[k * p + c];
    tmp[a * p + c] = v;
  }
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) {
    let v = 0;
    for (let k = 0; k < p; k++) v += tmp[a * p + k] * ainv[k][c];
    out[a][c] = v;
  }
  return out.every((r, i) => r[i] > 0) ? out : null;
}

export function waldRows(beta: number[], cov: number[][], names: string[]): IntervalRow[] {
  return names.map((term, i) => {
    const se = Math.sqrt(cov[i][i]);
    return { term, rate_ratio: sig(Math.exp(beta[i])), ci95: [sig(Math.exp(beta[i] - Z975 * se)), sig(Math.exp(beta[i] + Z975 * se))], p: sig(normalPValue(beta[i] / se), 3) };
  });
}

/** Tile index of every cell for square tiles of `size` metres aligned on the grid origin. */
export function tiles(l: Lattice, size: number): { tile: Int32Array; count: number } {
  const ids = new Map<string, number>();
  const tile = new Int32Array(l.x.length);
  for (let i = 0; i < l.x.length; i++) {
    const key = `${Math.floor(l.x[i] / size)},${Math.floor(l.y[i] / size)}`;
    let t = ids.get(key);
    if (t === undefined) {
      t = ids.size;
      ids.set(key, t);
    }
    tile[i] = t;
  }
  return { tile, count: ids.size };
}

export interface BootstrapResult {
  tile_m: number;
  tiles: number;
  replicates: number;
  /** Replicates whose refit failed (singular resample) and are left out. */
  failed: number;
  terms: IntervalRow[];
  /** The coefficient draws, by term (for the claims' p-values); not written out. */
  draws: Record<string, Float64Array>;
}

export function blockBootstrap(d: FlatDesign, fit: GlmFit, names: string[], l: Lattice, tileM: number, replicates: number, seed: number): BootstrapResult {
  const { tile, count } = tiles(l, tileM);
  const members: number[][] = Array.from({ length: count }, () => []);
  tile.forEach((t, i) => members[t].push(i));
  const rng = seededRng(seed);
  const w = new Float64Array(d.n);
  const draws = names.map(() => [] as number[]);
  let failed = 0;
  for (let r = 0; r < replicates; r++) {
    w.fill(0);
    for (let k = 0; k < count; k++) for (const i of members[Math.floor(rng.next() * count)]) w[i] += 1;
    const f = fitFixedAlpha(d, fit.alpha, fit.coefficients, w);
    if (!f || !f.converged || !f.beta.every(Number.isFinite)) {
      failed++;
      continue;
    }
    names.forEach((_, j) => draws[j].push(f.beta[j]));
  }
  const terms = names.map((term, j) => {
    const v = [...draws[j]].sort((a, b) => a - b);
    const R = v.length;
    if (!R) return { term, rate_ratio: sig(Math.exp(fit.coefficients[j])), ci95: [null, null] as [null, null], p: null };
    const below = v.filter((b) => b <= 0).length, above = v.filter((b) => b >= 0).length;
    return {
      term,
      rate_ratio: sig(Math.exp(fit.coefficients[j])),
      ci95: [sig(Math.exp(quantile(v, 0.025))), sig(Math.exp(quantile(v, 0.975)))] as [number | null, number | null],
      p: sig(Math.min(1, (2 * (1 + Math.min(below, above))) / (R + 1)), 3),
    };
  });
  return { tile_m: tileM, tiles: count, replicates, failed, terms, draws: Object.fromEntries(names.map((t, j) => [t, Float64Array.from(draws[j])])) };
}

/** One bootstrap per tile size (seeds seed, seed + 1, …): the task the stats stage runs on a thread. */
export function blockBootstraps(d: FlatDesign, fit: GlmFit, names: string[], l: Lattice, tileSizes: number[], replicates: number, seed: number): BootstrapResult[] {
  return tileSizes.map((b, k) => blockBootstrap(d, fit, names, l, b, replicates, seed + k));
}

export { invertSpd };
