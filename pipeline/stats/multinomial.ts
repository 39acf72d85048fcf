// Exact binomial and multinomial draws whose cost does not grow with the number drawn: a null
// that places a million cameras on 3,000 cells costs 3,000 binomial draws, not a million.
// Binomial: inversion while n·p is small (cost O(n·p)); above, Devroye's order-statistic
// recursion (Non-Uniform Random Variate Generation, 1986, X.4.3): the i-th of n uniforms is
// Beta(i, n+1−i); p below it leaves Bin(i−1, p/B), above it i + Bin(n−i, (p−B)/(1−B)). Each step
// halves n, so a draw costs O(log n) gamma variates (Marsaglia–Tsang).
import type { Rng } from "./rng.js";
import { aliasTable, drawAlias } from "./alias.js";

const INVERSION_MEAN = 30;

export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  let acc = 0;
  while (n * p >= INVERSION_MEAN) {
    const i = Math.floor((n + 1) / 2);
    const b = beta(i, n + 1 - i, rng);
    if (p < b) {
      n = i - 1;
      p = p / b;
    } else {
      acc += i;
      n = n - i;
      p = (p - b) / (1 - b);
    }
    if (p > 0.5) return acc + n - binomial(n, 1 - p, rng);
  }
  return acc + inversion(n, p, rng);
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

export function gamma(a: number, rng: Rng): number {
  if (a < 1) return gamma(a + 1, rng) * Math.pow(1 - rng.next(), 1 / a);
  const d = a - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function beta(a: number, b: number, rng: Rng): number {
  const x = gamma(a, rng), y = gamma(b, rng);
  return x / (x + y);
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
