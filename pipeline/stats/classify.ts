// Classification of a numeric variable for choropleth maps. Every method returns class edges
// [e0, e1, ..., ek] with e0 = min and ek = max; class i is left-closed [e_i ; e_{i+1}[ and the
// last class also holds the maximum. (mapclassify writes upper bounds and right-closed classes;
// the two agree except for values sitting exactly on a break.)

export type ClassMethod = "quantiles" | "equal" | "fisher" | "q6" | "stddev" | "user";

export interface Classification {
  method: ClassMethod;
  edges: number[];
  /** Number of values in each class. */
  counts: number[];
  /** Goodness of variance fit, 1 - SDCM / SDAM (Jenks): 1 means classes explain all variance. */
  gvf: number;
}

export interface ClassifyOptions {
  method: ClassMethod;
  k?: number;
  /** Inner breaks for "user" (min and max are added). */
  breaks?: number[];
  /** Multiples of the standard deviation for "stddev" (mapclassify StdMean default). */
  multiples?: number[];
}

export function classify(values: number[], opts: ClassifyOptions): Classification {
  const x = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (x.length === 0) throw new Error("classify: no finite values");
  const k = opts.k ?? 5;
  let edges: number[];
  switch (opts.method) {
    case "quantiles":
      edges = [x[0], ...range(1, k).map((i) => percentile(x, (100 * i) / k)), x[x.length - 1]];
      break;
    case "q6":
      // The French "Q6" (Philcarto): quartiles, with the 5 % tails split off as extreme classes.
      edges = [x[0], ...[5, 25, 50, 75, 95].map((p) => percentile(x, p)), x[x.length - 1]];
      break;
    case "equal": {
      const lo = x[0];
      const w = (x[x.length - 1] - lo) / k;
      edges = [lo, ...range(1, k).map((i) => lo + i * w), x[x.length - 1]];
      break;
    }
    case "fisher":
      edges = ckmeansEdges(x, k);
      break;
    case "stddev": {
      const m = mean(x);
      // Population standard deviation (ddof = 0), as mapclassify StdMean (numpy std) uses.
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length);
      const inner = (opts.multiples ?? [-2, -1, 1, 2]).map((q) => m + q * sd).filter((b) => b > x[0] && b < x[x.length - 1]);
      edges = [x[0], ...inner, x[x.length - 1]];
      break;
    }
    case "user": {
      const inner = (opts.breaks ?? []).filter((b) => b > x[0] && b < x[x.length - 1]).sort((a, b) => a - b);
      edges = [x[0], ...inner, x[x.length - 1]];
      break;
    }
  }
  edges = dedupe(edges);
  const counts = new Array(edges.length - 1).fill(0);
  for (const v of x) counts[classOf(v, edges)]++;
  return { method: opts.method, edges, counts, gvf: gvf(x, edges) };
}

/** Index of the left-closed class holding v (values outside the edges go to the end classes). */
export function classOf(v: number, edges: number[]): number {
  const last = edges.length - 2;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (v >= edges[mid]) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Goodness of variance fit: 1 - Σ within-class squared deviations / Σ squared deviations. */
export function gvf(values: number[], edges: number[]): number {
  const m = mean(values);
  const sdam = values.reduce((s, v) => s + (v - m) ** 2, 0);
  if (sdam === 0) return 1;
  const groups: number[][] = edges.slice(1).map(() => []);
  for (const v of values) groups[classOf(v, edges)].push(v);
  let sdcm = 0;
  for (const g of groups) {
    if (g.length === 0) continue;
    const gm = mean(g);
    for (const v of g) sdcm += (v - gm) ** 2;
  }
  return 1 - sdcm / sdam;
}

/** numpy's default percentile (linear interpolation between closest ranks) of sorted x. */
export function percentile(sorted: number[], p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const i = Math.floor(h);
  const f = h - i;
  return i + 1 < sorted.length ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/**
 * Optimal 1-D k-means (Fisher 1958; Wang & Song's ckmeans dynamic programme, O(k n²) here with
 * prefix sums, fast enough for a few thousand cells). Edges are each class's smallest value, so
 * left-closed classes reproduce the optimal partition exactly.
 */
export function ckmeansEdges(sorted: number[], k: number): number[] {
  const n = sorted.length;
  k = Math.min(k, new Set(sorted).size);
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i] + sorted[i];
    s2[i + 1] = s2[i] + sorted[i] * sorted[i];
  }
  // Within-class sum of squares of sorted[i..j] (inclusive).
  const ssq = (i: number, j: number) => {
    const c = j - i + 1;
    const s = s1[j + 1] - s1[i];
    return Math.max(0, s2[j + 1] - s2[i] - (s * s) / c);
  };
  let prev = new Float64Array(n);
  for (let j = 0; j < n; j++) prev[j] = ssq(0, j);
  const back: Int32Array[] = [new Int32Array(n)];
  for (let m = 1; m < k; m++) {
    const cur = new Float64Array(n).fill(Infinity);
    const arg = new Int32Array(n);
    for (let j = m; j < n; j++) {
      // Class m spans sorted[i..j]; ties keep the smallest i so results are deterministic.
      for (let i = m; i <= j; i++) {
        const c = prev[i - 1] + ssq(i, j);
        if (c < cur[j]) {
          cur[j] = c;
          arg[j] = i;
        }
      }
    }
    back.push(arg);
    prev = cur;
  }
  const starts: number[] = [];
  let j = n - 1;
  for (let m = k - 1; m >= 1; m--) {
    const i = back[m][j];
    starts.unshift(sorted[i]);
    j = i - 1;
  }
  return [sorted[0], ...starts, sorted[n - 1]];
}

function mean(x: number[]): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

function range(a: number, b: number): number[] {
  const r: number[] = [];
  for (let i = a; i < b; i++) r.push(i);
  return r;
}

// Tied breaks (many equal values) would make empty classes: drop them. The maximum always closes
// the list; when an inner edge already equals it, the last class is [max ; max], the values at
// the maximum (e.g. a Fisher class made of the top value alone).
function dedupe(edges: number[]): number[] {
  const last = edges.length - 1;
  const out = [edges[0]];
  for (let i = 1; i < last; i++) if (edges[i] > out[out.length - 1]) out.push(edges[i]);
  out.push(edges[last]);
  return out;
}
