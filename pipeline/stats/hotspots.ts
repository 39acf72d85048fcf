// Hot spots of cameras per cell: Getis–Ord Gi* (binary queen weights with the cell itself, as
// spdep::localG on include.self weights) as z-values, with a conditional-permutation p per cell
// (the cell's own count held, its neighbours drawn without replacement from the other cells) and
// Benjamini–Hochberg false-discovery control across cells. With thousands of cells, the smallest
// rank p that R permutations can give (2/(R+1)) never passes an FDR threshold of 0.05/cells, so
// the p that enters the FDR is the normal tail of the permutation z ((obs − mean)/sd of the
// conditional draws: PySAL esda's p_z_sim); the rank p is kept beside it. A cell is `hot` (or `cold`) when its
// FDR-adjusted p is below `fdr` and its z is positive (negative); otherwise `ns`.
import { seededRng } from "./rng.js";
import type { Weights } from "./moran.js";
import { normalPValue } from "./glm.js";

export interface HotSpot {
  z: number;
  /** Folded rank p of the conditional permutations. */
  p_rank: number;
  /** Two-sided normal p of the permutation z (enters the FDR). */
  p: number;
  q: number;
  cls: "hot" | "cold" | "ns";
}

/** Gi* z-values; `w` lists each cell's neighbours including itself. */
export function giStar(v: ArrayLike<number>, w: Weights): Float64Array {
  const n = v.length;
  let sum = 0, sq = 0;
  for (let i = 0; i < n; i++) {
    sum += v[i];
    sq += v[i] * v[i];
  }
  const mean = sum / n, s = Math.sqrt(sq / n - mean * mean);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = w.start[i + 1] - w.start[i];
    let lag = 0;
    for (let t = w.start[i]; t < w.start[i + 1]; t++) lag += v[w.nb[t]];
    z[i] = (lag - mean * k) / (s * Math.sqrt((n * k - k * k) / (n - 1)));
  }
  return z;
}

/** Benjamini–Hochberg adjusted p-values (step-up, monotone), in input order. */
export function fdrAdjust(p: ArrayLike<number>): Float64Array {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Float64Array(n);
  let min = 1;
  for (let r = n - 1; r >= 0; r--) {
    const i = order[r];
    min = Math.min(min, (p[i] * n) / (r + 1));
    q[i] = min;
  }
  return q;
}

export function hotSpots(v: ArrayLike<number>, w: Weights, permutations: number, fdr: number, seed: number): HotSpot[] {
  const n = v.length;
  const z = giStar(v, w);
  const rng = seededRng(seed);
  const p = new Float64Array(n), pRank = new Float64Array(n);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = w.start[i + 1] - w.start[i];
    let obs = 0;
    for (let t = w.start[i]; t < w.start[i + 1]; t++) obs += v[w.nb[t]];
    if (permutations <= 0) {
      p[i] = pRank[i] = NaN;
      continue;
    }
    // Partial Fisher–Yates over the other cells: k − 1 neighbours without replacement.
    for (let j = 0; j < n; j++) idx[j] = j;
    idx[i] = n - 1;
    idx[n - 1] = i;
    let ge = 0, le = 0, s1 = 0, s2 = 0;
    for (let r = 0; r < permutations; r++) {
      let sim = v[i];
      for (let m = 0; m < k - 1; m++) {
        const j = m + Math.floor(rng.next() * (n - 1 - m));
        const tmp = idx[m];
        idx[m] = idx[j];
        idx[j] = tmp;
        sim += v[idx[m]];
      }
      if (sim >= obs) ge++;
      if (sim <= obs) le++;
      s1 += sim;
      s2 += sim * sim;
    }
    pRank[i] = Math.min(1, (2 * (1 + Math.min(ge, le))) / (permutations + 1));
    const mean = s1 / permutations, sd = Math.sqrt(Math.max(0, s2 / permutations - mean * mean));
    p[i] = sd > 0 ? normalPValue((obs - mean) / sd) : 1;
  }
  const q = permutations > 0 ? fdrAdjust(p) : p;
  return Array.from({ length: n }, (_, i) => ({ z: z[i], p_rank: pRank[i], p: p[i], q: q[i], cls: q[i] < fdr ? (z[i] > 0 ? "hot" : "cold") : "ns" }));
}
