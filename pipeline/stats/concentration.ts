// Inequality of a count over units of unequal size: Lorenz curve and Gini, and the concentration
// curve and index of a count over units ranked by income. All curves are piecewise linear
// through the units' cumulative points, so the indices are exact for the data (no binning).

export interface Unit {
  /** Size of the unit: area, or residents. */
  weight: number;
  count: number;
}

export interface CurvePoint {
  /** Cumulative share of the weight (area or population). */
  p: number;
  /** Cumulative share of the count (cameras). */
  c: number;
}

/** Lorenz curve: units sorted by density count/weight, ascending (ties merged). */
export function lorenz(units: Unit[]): CurvePoint[] {
  const u = units.filter((x) => x.weight > 0).sort((a, b) => a.count / a.weight - b.count / b.weight);
  return cumulative(u);
}

/** Gini = 1 − 2 × area under the Lorenz curve (trapezoids, exact for the piecewise curve). */
export function gini(units: Unit[]): number {
  return 1 - 2 * areaUnder(lorenz(units));
}

/**
 * gini() of units (weight w[k] > 0, count counts[k]) taken in `order` (the Lorenz curve's: by
 * density, ties in input order), to the bit: cumulative()'s and areaUnder()'s sums in the same
 * order, without an object per unit and a curve (the random-placement envelope makes 99).
 */
export function giniInOrder(w: Float64Array, counts: ArrayLike<number>, order: Int32Array): number {
  let W = 0, N = 0;
  for (let k = 0; k < order.length; k++) W += w[order[k]];
  for (let k = 0; k < order.length; k++) N += counts[order[k]];
  let cw = 0, cn = 0, p0 = 0, c0 = 0, area = 0;
  for (let k = 0; k < order.length; k++) {
    cw += w[order[k]];
    cn += counts[order[k]];
    const p = cw / W, c = N > 0 ? cn / N : 0;
    area += ((p - p0) * (c + c0)) / 2;
    p0 = p;
    c0 = c;
  }
  return 1 - 2 * area;
}

/**
 * Concentration index of the counts over units ranked by `rank` (income), population-weighted:
 * CI = 1 − 2 ∫ C(p) dp. Negative when the counts gather in the low-income units. Equivalently
 * 2 × (mean fractional rank of the counted items) − 1, which the permutation tests use.
 */
export function concentrationCurve(units: Array<Unit & { rank: number }>): CurvePoint[] {
  const u = units.filter((x) => x.weight > 0).sort((a, b) => a.rank - b.rank);
  return cumulative(u);
}

export function concentrationIndex(units: Array<Unit & { rank: number }>): number {
  return 1 - 2 * areaUnder(concentrationCurve(units));
}

/** Fractional rank (midpoint of its population share) of each unit, in input order. */
export function fractionalRanks(units: Array<{ weight: number; rank: number }>): number[] {
  const order = units.map((_, i) => i).filter((i) => units[i].weight > 0).sort((a, b) => units[a].rank - units[b].rank || a - b);
  const total = order.reduce((s, i) => s + units[i].weight, 0);
  const out = new Array<number>(units.length).fill(NaN);
  let acc = 0;
  for (const i of order) {
    out[i] = (acc + units[i].weight / 2) / total;
    acc += units[i].weight;
  }
  return out;
}

/** The curve's value at p (linear interpolation). */
export function curveAt(curve: CurvePoint[], p: number): number {
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1], b = curve[i];
    if (p <= b.p) return b.p === a.p ? b.c : a.c + ((p - a.p) / (b.p - a.p)) * (b.c - a.c);
  }
  return 1;
}

/** Points at p = 0, 1/n, …, 1 (for reports and charts; the indices use the full curve). */
export function sampleCurve(curve: CurvePoint[], n: number): CurvePoint[] {
  return Array.from({ length: n + 1 }, (_, k) => ({ p: k / n, c: curveAt(curve, k / n) }));
}

function cumulative(u: Unit[]): CurvePoint[] {
  const W = u.reduce((s, x) => s + x.weight, 0);
  const N = u.reduce((s, x) => s + x.count, 0);
  const pts: CurvePoint[] = [{ p: 0, c: 0 }];
  let w = 0, n = 0;
  for (const x of u) {
    w += x.weight;
    n += x.count;
    pts.push({ p: w / W, c: N > 0 ? n / N : 0 });
  }
  return pts;
}

function areaUnder(curve: CurvePoint[]): number {
  let a = 0;
  for (let i = 1; i < curve.length; i++) a += ((curve[i].p - curve[i - 1].p) * (curve[i].c + curve[i - 1].c)) / 2;
  return a;
}
