// Exact binomial and multinomial draws whose cost does not grow with the number drawn: a null
// that places a million cameras on 3,000 cells costs 3,000 binomial draws, not a million.
// Binomial: inversion while n·p is small (cost O(n·p)); above, Hörmann's BTRD (transformed
// rejection with decomposition; W. Hörmann, "The generation of binomial random variates", J.
// Statist. Comput. Simul. 46, 1993), O(1) expected: two uniforms for ~90 % of the draws, the
// log-factorial bound by Stirling's series for the rest (as numpy's and TensorFlow's samplers).
import type { Rng } from "./rng.js";
import { aliasTable, drawAlias } from "./alias.js";

const INVERSION_MEAN = 30;

export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  return n * p < INVERSION_MEAN ? inversion(n, p, rng) : btrd(n, p, rng);
}

/** log k! − Stirling's approximation of it, exact below 10, by its series above. */
const TAIL = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287];
function stirlingTail(k: number): number {
  if (k <= 9) return TAIL[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/** BTRD for p ≤ 0.5 and n·p ≥ 10. */
function btrd(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / q;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = rng.next() - 0.5;
    let v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    // The box where the hat lies under the distribution: accepted without a logarithm.
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

function inversion(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.pow(q, n);
  let u = rng.next();
  let x = 0;
  while (u > r) {
    u -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
    if (r <= 0) return x;
  }
  return x;
}

/**
 * Counts of `n` items over sites with `weights` (conditional binomials in the given order; put
 * the heaviest first so a draw stops as soon as every item is placed). Writes into `out`.
 */
export function multinomial(n: number, weights: Float64Array, total: number, rng: Rng, out: Int32Array): void {
  let left = n, rest = total;
  out.fill(0);
  for (let i = 0; i < weights.length && left > 0; i++) {
    const w = weights[i];
    const k = i === weights.length - 1 || w >= rest ? left : binomial(left, w / rest, rng);
    out[i] = k;
    left -= k;
    rest -= w;
  }
}

/**
 * A drawer of multinomial counts for fixed weights: per item by the alias method when there are
 * fewer items than sites (O(n)), by conditional binomials otherwise (O(sites)); same distribution.
 */
export function countsDrawer(n: number, weights: Float64Array): (rng: Rng, out: Int32Array) => void {
  const total = weights.reduce((s, x) => s + x, 0);
  if (n < weights.length) {
    const t = aliasTable(Array.from(weights));
    return (rng, out) => {
      out.fill(0);
      for (let k = 0; k < n; k++) out[drawAlias(t, rng)]++;
    };
  }
  return (rng, out) => multinomial(n, weights, total, rng, out);
}
