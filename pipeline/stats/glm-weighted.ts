// A lean IRLS for the log-link count models on flat typed arrays, with case weights (the block
// bootstrap's tile multiplicities), an offset (log area for district models) and NB2's α held
// fixed (the bootstrap and the placebo refits reuse the full fit's α: they ask how far β moves,
// and refitting α each time would triple their cost for a second-order change). `fitNb` adds the
// α step (glm.ts's maximiseAlpha) for the district models. The cell model itself stays on glm.ts,
// checked against R and statsmodels; this one is checked against it in test/inference.test.ts.
import { maximiseAlpha } from "./glm.js";

export interface FlatDesign {
  n: number;
  p: number;
  /** Row-major n × p. Not to be changed once the design is fitted (the fits cache its non-zero entries per design object). */
  x: Float64Array;
  y: Float64Array;
  offset?: Float64Array;
}

export interface FixedFit {
  beta: Float64Array;
  mu: Float64Array;
  converged: boolean;
  iterations: number;
}

export function flatten(x: number[][], y: number[], offset?: number[]): FlatDesign {
  const n = x.length, p = x[0]?.length ?? 0;
  const fx = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) fx[i * p + j] = x[i][j];
  return { n, p, x: fx, y: Float64Array.from(y), offset: offset ? Float64Array.from(offset) : undefined };
}

/**
 * β at fixed α by Newton's method on the observed information, from `start` (the bootstrap and
 * placebo refits start at the full fit, a few steps away: Newton's quadratic convergence takes 3–5
 * steps where Fisher scoring's linear one took 7–9, the cost of the whole bootstrap). Far from the
 * optimum the observed information need not be positive definite: a step then falls back to
 * Fisher scoring (IRLS), whose information always is. `w` case weights (default 1; μ is NaN on
 * rows of weight 0); returns null if X'WX is singular.
 */
export function fitFixedAlpha(d: FlatDesign, alpha: number, start?: ArrayLike<number>, w?: Float64Array, maxIter = 50): FixedFit | null {
  const r = rowsOf(d, nonZeros(d));
  const { n, p, y, offset } = r;
  const beta = new Float64Array(p);
  const eta = new Float64Array(n), mu = new Float64Array(n);
  if (start) beta.set(start);
  let finite = beta.every(Number.isFinite);
  // A row of weight 0 (a tile the bootstrap did not draw, a third of them) adds nothing to any
  // sum: its η and μ are not worked out (μ comes back NaN there).
  if (w) mu.fill(NaN);
  for (let i = 0; i < n; i++) {
    if (w && w[i] === 0) continue;
    let e = offset ? offset[i] : 0;
    if (start) e = rowDot(r, i, beta, finite, e);
    else e = Math.log(y[i] + 0.1);
    eta[i] = e;
    mu[i] = Math.exp(e);
  }
  const a = new Float64Array(p * p), b = new Float64Array(p);
  // Without a start, η is not X β yet: the first step must be an IRLS one (it solves for β).
  let newton = start !== undefined;
  for (let it = 1; it <= maxIter; it++) {
    accumulate(r, alpha, eta, mu, w, newton, a, b);
    let sol = solveSpd(a, b, p);
    if (!sol && newton) {
      newton = false;
      accumulate(r, alpha, eta, mu, w, false, a, b);
      sol = solveSpd(a, b, p);
    }
    if (!sol) return null;
    // Newton solves for the step, IRLS for the new β.
    if (newton) for (let j = 0; j < p; j++) sol[j] += beta[j];
    // Converged when no coefficient moves by more than 1e-10 (relative): cheaper than the
    // deviance (no logarithms per cell) and as strict.
    let move = 0;
    for (let j = 0; j < p; j++) move = Math.max(move, Math.abs(sol[j] - beta[j]) / (Math.abs(sol[j]) + 1e-3));
    beta.set(sol);
    finite = beta.every(Number.isFinite);
    for (let i = 0; i < n; i++) {
      if (w && w[i] === 0) continue;
      const e = rowDot(r, i, beta, finite, offset ? offset[i] : 0);
      eta[i] = e;
      mu[i] = Math.exp(e);
    }
    newton = true;
    if (it > 1 && move <= 1e-10) return { beta, mu, converged: true, iterations: it };
  }
  return { beta, mu, converged: false, iterations: maxIter };
}

/** The Fisher information X'WX at a fit's μ (the covariance of β is its inverse). */
export function fisherInformation(d: FlatDesign, alpha: number, mu: Float64Array, w?: Float64Array): Float64Array {
  const a = new Float64Array(d.p * d.p), b = new Float64Array(d.p);
  accumulate(rowsOf(d, nonZeros(d)), alpha, new Float64Array(d.n), mu, w, false, a, b);
  return a;
}

/**
 * The non-zero entries of X, row by row (column index and value). The cell design is about half
 * zeros (zone shares, station counts, income terms of uninhabited cells), and the refits of the
 * bootstrap and the placebo zones spend most of their time in sums over X's entries: skipping the
 * zeros halves them.
 */
interface NonZeros {
  /** Row i's entries are start[i] … start[i + 1] − 1. */
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

/**
 * Per design object: the bootstrap refits one design two hundred times. A design's X must not
 * change once fitted — the placebo refits, which change a column, make a new design each time
 * (withColumn).
 */
const nonZeroCache = new WeakMap<FlatDesign, NonZeros>();

function nonZeros(d: FlatDesign): NonZeros {
  const cached = nonZeroCache.get(d);
  if (cached) return cached;
  const { n, p, x } = d;
  let count = 0;
  for (let k = 0; k < n * p; k++) if (x[k] !== 0) count++;
  const start = new Int32Array(n + 1), col = new Int32Array(count), val = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    start[i] = k;
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j];
      if (v !== 0) {
        col[k] = j;
        val[k++] = v;
      }
    }
  }
  start[n] = k;
  const nz = { start, col, val };
  nonZeroCache.set(d, nz);
  return nz;
}

/**
 * `d` with column `j` replaced by `values`, its non-zero index made from `d`'s (copied row by row,
 * the new column's entry put in its place) rather than by a scan of the whole X: the placebo
 * refits make ~100 such designs. Same entries in the same order as nonZeros() would give, so the
 * same sums to the bit. `reuse`, a design an earlier call made from the same `d` and that is done
 * with, is rewritten in place: a new X and index per refit (half a megabyte of array buffers each)
 * set off V8's full collections, which cost more than the refits' own sums.
 */
export function withColumn(d: FlatDesign, j: number, values: Float64Array, reuse?: FlatDesign): FlatDesign {
  const { n, p } = d;
  const base = nonZeros(d);
  let out = reuse;
  let nz = reuse && nonZeroCache.get(reuse);
  if (!out || !nz || out.x.length !== d.x.length || nz.col.length < base.col.length + n) {
    // Room for every entry of d plus one per row, whatever the new column holds.
    nz = { start: new Int32Array(n + 1), col: new Int32Array(base.col.length + n), val: new Float64Array(base.col.length + n) };
    out = { ...d, x: new Float64Array(d.x.length) };
    nonZeroCache.set(out, nz);
  }
  const { x } = out;
  const { start, col, val } = nz;
  x.set(d.x);
  let k = 0;
  for (let i = 0; i < n; i++) {
    x[i * p + j] = values[i];
    start[i] = k;
    let placed = values[i] === 0;
    for (let e = base.start[i]; e < base.start[i + 1]; e++) {
      const c = base.col[e];
      if (!placed && c > j) {
        col[k] = j;
        val[k++] = values[i];
        placed = true;
      }
      if (c === j) continue;
      col[k] = c;
      val[k++] = base.val[e];
    }
    if (!placed) {
      col[k] = j;
      val[k++] = values[i];
    }
  }
  start[n] = k;
  return out;
}

/**
 * What the sums read of a design, in one shape: the designs come in several (with an offset or
 * not, spread copies of one another), and the sums' property loads on them went polymorphic —
 * the same placebo refits ran 60 % slower inside the stage than alone.
 */
class Rows {
  constructor(
    readonly n: number,
    readonly p: number,
    readonly x: Float64Array,
    readonly y: Float64Array,
    readonly offset: Float64Array | null,
    readonly start: Int32Array,
    readonly col: Int32Array,
    readonly val: Float64Array,
  ) {}
}

function rowsOf(d: FlatDesign, nz: NonZeros): Rows {
  return new Rows(d.n, d.p, d.x, d.y, d.offset ?? null, nz.start, nz.col, nz.val);
}

/**
 * e + Σ_j x_ij β_j over the row's non-zero entries, in column order. The same number as the
 * dense sum while β is finite: a zero entry adds ±0, which changes no sum (a sum that starts at
 * +0 never becomes −0). A non-finite β (0 × ∞ = NaN) takes the dense sum.
 */
function rowDot(d: Rows, i: number, beta: Float64Array, finite: boolean, e: number): number {
  if (!finite) {
    for (let j = 0; j < d.p; j++) e += d.x[i * d.p + j] * beta[j];
    return e;
  }
  const { start, col, val } = d;
  for (let k = start[i]; k < start[i + 1]; k++) e += val[k] * beta[col[k]];
  return e;
}

/**
 * The system of one step into `a` (p × p, symmetric) and `b`. Fisher scoring (IRLS): X'WX and
 * X'Wz, W = μ/(1 + αμ), z the working response. Newton: the observed information
 * X' diag(μ(1 + αy)/(1 + αμ)²) X and the score X'(y − μ)/(1 + αμ). Sums over the non-zero
 * entries only (nonZeros): with a finite weight and working response a zero entry adds ±0, which
 * leaves every sum as it was, so the result is the dense sum's to the bit; a row whose weight or
 * response is not finite takes the dense sum (0 × ∞ must still give NaN).
 */
function accumulate(d: Rows, alpha: number, eta: Float64Array, mu: Float64Array, w: Float64Array | undefined, newton: boolean, a: Float64Array, b: Float64Array): void {
  const { n, p, x, y, offset, start, col, val } = d;
  a.fill(0);
  b.fill(0);
  for (let i = 0; i < n; i++) {
    const cw = w ? w[i] : 1;
    if (cw === 0) continue;
    const m = mu[i];
    const den = 1 + alpha * m;
    let wi: number, z: number;
    if (newton) {
      wi = (cw * m * (1 + alpha * y[i])) / (den * den);
      z = (cw * (y[i] - m)) / den / wi;
    } else {
      wi = (cw * m) / den;
      z = eta[i] - (offset ? offset[i] : 0) + (y[i] - m) / m;
    }
    if (!Number.isFinite(wi) || !Number.isFinite(z)) {
      const row = i * p;
      for (let r = 0; r < p; r++) {
        const v = wi * x[row + r];
        b[r] += v * z;
        for (let c = 0; c <= r; c++) a[r * p + c] += v * x[row + c];
      }
      continue;
    }
    const k0 = start[i], k1 = start[i + 1];
    for (let k = k0; k < k1; k++) {
      const r = col[k];
      const v = wi * val[k];
      b[r] += v * z;
      const ar = r * p;
      for (let q = k0; q <= k; q++) a[ar + col[q]] += v * val[q];
    }
  }
  for (let r = 0; r < p; r++) for (let c = r + 1; c < p; c++) a[r * p + c] = a[c * p + r];
}

/** NB2 with α by maximum likelihood (alternating, as glm.ts), for designs with an offset. */
export function fitNb(d: FlatDesign): { fit: FixedFit; alpha: number } | null {
  let fit = fitFixedAlpha(d, 0);
  if (!fit) return null;
  let alpha = 0;
  const y = Array.from(d.y);
  for (let k = 0; k < 50; k++) {
    const a = maximiseAlpha(y, Array.from(fit.mu), alpha || 1);
    const next = fitFixedAlpha(d, a, fit.beta);
    if (!next) return null;
    fit = next;
    const done = Math.abs(Math.log(a) - Math.log(alpha || 1e-300)) < 1e-8;
    alpha = a;
    if (done) break;
  }
  return { fit, alpha };
}

/** Cholesky solve of a p × p SPD system; null if not positive definite. */
export function solveSpd(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const l = cholFlat(a, p);
  if (!l) return null;
  const yv = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * yv[k];
    yv[i] = s / l[i * p + i];
  }
  const xv = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = yv[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * xv[k];
    xv[i] = s / l[i * p + i];
  }
  return xv;
}

export function cholFlat(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  return l;
}

/** Inverse of a p × p SPD matrix (row-major); null if singular. */
export function invertSpd(a: Float64Array, p: number): Float64Array | null {
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    const c = solveSpd(a, e, p);
    if (!c) return null;
    for (let i = 0; i < p; i++) out[i * p + j] = c[i];
  }
  return out;
}
