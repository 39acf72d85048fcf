// What a referee asks of a count model beyond its table: how collinear its terms are (VIF), whether
// a group of terms matters jointly (Wald χ²), for any covariance (model-based or spatial-HAC).
import { chiSquareUpper } from "./distributions.js";
import { invertSpd } from "./glm-weighted.js";

const sig = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toPrecision(d)) : null);

/** VIF of each non-intercept column: the diagonal of the inverse correlation matrix. */
export function vif(x: number[][], names: string[]): Array<{ term: string; vif: number | null }> {
  const cols = names.map((_, j) => j).filter((j) => names[j] !== "(intercept)");
  const n = x.length, k = cols.length;
  if (k === 0) return [];
  const mean = cols.map((j) => x.reduce((s, r) => s + r[j], 0) / n);
  const sd = cols.map((j, a) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[a]) ** 2, 0)));
  const corr = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i][cols[a]] - mean[a]) * (x[i][cols[b]] - mean[b]);
      corr[a * k + b] = corr[b * k + a] = s / (sd[a] * sd[b]);
    }
  const inv = invertSpd(corr, k);
  return cols.map((j, a) => ({ term: names[j], vif: inv ? sig(inv[a * k + a]) : null }));
}

export interface WaldTest {
  terms: string[];
  chi2: number | null;
  df: number;
  p: number | null;
}

/** Joint Wald test that the named coefficients are all zero, with covariance `cov` (p × p). */
export function jointWald(beta: ArrayLike<number>, cov: number[][], names: string[], test: string[]): WaldTest | null {
  const idx = test.map((t) => names.indexOf(t)).filter((i) => i >= 0);
  if (!idx.length) return null;
  const k = idx.length;
  const v = new Float64Array(k * k);
  idx.forEach((i, a) => idx.forEach((j, b) => (v[a * k + b] = cov[i][j])));
  const inv = invertSpd(v, k);
  if (!inv) return { terms: idx.map((i) => names[i]), chi2: null, df: k, p: null };
  let w = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) w += beta[idx[a]] * inv[a * k + b] * beta[idx[b]];
  return { terms: idx.map((i) => names[i]), chi2: sig(w, 6), df: k, p: sig(chiSquareUpper(w, k), 3) };
}
