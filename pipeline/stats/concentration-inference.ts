// The concentration index read against what it would be without any preference for wealth:
// the same index computed for the cells' area (area per resident alone) and for their street
// crossings, and a spatial block-bootstrap interval of the cameras' index and of its distance from
// the area benchmark. Also the Gini of cameras over area beside its distribution when the same
// number of cameras is placed at random (multinomial on cell area).
import { gini, giniInOrder, type Unit } from "./concentration.js";
import { countsDrawer } from "./multinomial.js";
import { quantile } from "./quantile.js";
import { seededRng } from "./rng.js";
import type { Lattice } from "./spatial-grid.js";
import { tiles } from "./spatial-inference.js";

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

export interface RankedCell {
  /** Residents (the population weight). */
  weight: number;
  rank: number;
  cameras: number;
  area: number;
  crossings: number;
}

/** CI of `count` over cells sorted by rank (ties in input order), with multiplicities m. */
function ci(sorted: RankedCell[], count: (c: RankedCell) => number, m?: Float64Array): number {
  let W = 0, N = 0;
  for (let i = 0; i < sorted.length; i++) {
    const k = m ? m[i] : 1;
    W += k * sorted[i].weight;
    N += k * count(sorted[i]);
  }
  if (!(W > 0) || !(N > 0)) return NaN;
  let area = 0, p = 0, c = 0;
  for (let i = 0; i < sorted.length; i++) {
    const k = m ? m[i] : 1;
    const dp = (k * sorted[i].weight) / W, dc = (k * count(sorted[i])) / N;
    area += dp * (2 * c + dc) / 2;
    p += dp;
    c += dc;
  }
  return 1 - 2 * area;
}

export function concentrationInference(cells: RankedCell[], ids: string[], l: Lattice, tileM: number, replicates: number, seed: number) {
  const order = cells.map((_, i) => i).filter((i) => cells[i].weight > 0).sort((a, b) => cells[a].rank - cells[b].rank || a - b);
  const sorted = order.map((i) => cells[i]);
  const cam = (c: RankedCell) => c.cameras, area = (c: RankedCell) => c.area, cross = (c: RankedCell) => c.crossings;
  const observed = ci(sorted, cam), areaBench = ci(sorted, area), crossBench = ci(sorted, cross);
  const { tile, count } = tiles(l, tileM);
  const tileOf = Int32Array.from(order, (i) => tile[i]);
  const rng = seededRng(seed);
  const mult = new Float64Array(count), m = new Float64Array(sorted.length);
  const boot: number[] = [], diff: number[] = [], diffX: number[] = [];
  for (let r = 0; r < replicates; r++) {
    mult.fill(0);
    for (let k = 0; k < count; k++) mult[Math.floor(rng.next() * count)] += 1;
    for (let i = 0; i < sorted.length; i++) m[i] = mult[tileOf[i]];
    const a = ci(sorted, cam, m), b = ci(sorted, area, m), c = ci(sorted, cross, m);
    if (!Number.isFinite(a)) continue;
    boot.push(a);
    diff.push(a - b);
    if (Number.isFinite(c)) diffX.push(a - c);
  }
  const int = (v: number[]) => {
    const s = [...v].sort((x, y) => x - y);
    return s.length ? [r6(quantile(s, 0.025)), r6(quantile(s, 0.975))] : [null, null];
  };
  const pOf = (v: number[]) => (v.length ? r6(Math.min(1, (2 * (1 + Math.min(v.filter((x) => x <= 0).length, v.filter((x) => x >= 0).length))) / (v.length + 1))) : null);
  return {
    index: r6(observed),
    block_bootstrap: { tile_m: tileM, replicates: boot.length, ci95: int(boot), p_vs_zero: pOf(boot) },
    benchmarks: {
      area_per_resident: { index: r6(areaBench), what: "the same index for the cells' area: what area per resident alone gives" },
      crossings_per_resident: { index: r6(crossBench), what: "the same index for the cells' street crossings: what street supply per resident alone gives" },
    },
    minus_area_benchmark: { value: r6(observed - areaBench), ci95: int(diff), p: pOf(diff) },
    minus_crossings_benchmark: { value: r6(observed - crossBench), ci95: int(diffX), p: pOf(diffX) },
  };
}

/** Gini of cameras over cell area beside its distribution under random placement. */
export function giniVsRandom(units: Unit[], cameras: number, draws: number, seed: number) {
  const u = units.filter((x) => x.weight > 0);
  const observed = gini(u);
  const order = u.map((_, i) => i).sort((a, b) => u[b].weight - u[a].weight || a - b);
  const w = Float64Array.from(order, (i) => u[i].weight);
  const draw = countsDrawer(cameras, w);
  const counts = new Int32Array(order.length);
  const rng = seededRng(seed);
  const g: number[] = [];
  // gini() of each draw without its objects and comparator sort: the units ordered by density
  // (ties in input order, as the stable sort does), then the same cumulative sums in that order.
  const idx = new Int32Array(order.length), dens = new Float64Array(order.length);
  for (let d = 0; d < draws; d++) {
    draw(rng, counts);
    g.push(giniOfCounts(w, counts, idx, dens));
  }
  g.sort((a, b) => a - b);
  return { observed: r6(observed), random_placement: { draws, median: r6(quantile(g, 0.5)), envelope95: [r6(quantile(g, 0.025)), r6(quantile(g, 0.975))] }, p_greater: r6((1 + g.filter((v) => v >= observed).length) / (draws + 1)) };
}

/** gini() of units (w[k], counts[k]) with every w > 0, to the bit (same order, same sums). */
function giniOfCounts(w: Float64Array, counts: Int32Array, idx: Int32Array, dens: Float64Array): number {
  for (let k = 0; k < w.length; k++) {
    idx[k] = k;
    dens[k] = counts[k] / w[k];
  }
  idx.sort((a, b) => dens[a] - dens[b] || a - b);
  return giniInOrder(w, counts, idx);
}
