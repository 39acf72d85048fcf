// Walker's alias method: O(1) draws from a fixed discrete distribution (cells weighted by area or
// residents), so 999 × n draws cost a few milliseconds.
import type { Rng } from "./rng.js";

export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

export function aliasTable(weights: number[]): AliasTable {
  const n = weights.length;
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new Error("alias table: weights sum to zero");
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [], large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!, l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...large, ...small]) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { prob, alias };
}

export function drawAlias(t: AliasTable, rng: Rng): number {
  return aliasPick(t, rng.next());
}

/** The draw a uniform `r` in [0, 1) gives (for uniforms drawn in bulk, Rng.uniforms). */
export function aliasPick(t: AliasTable, r: number): number {
  const n = t.prob.length;
  const u = r * n;
  const i = Math.min(n - 1, Math.floor(u));
  return u - i < t.prob[i] ? i : t.alias[i];
}
