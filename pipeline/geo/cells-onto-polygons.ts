// Area-weighted interpolation of square grid cells onto polygons: each cell gives a polygon the
// share of its value equal to the share of its area inside the polygon. The intersection is
// exact: every polygon ring is clipped to the cell square (Sutherland–Hodgman against a convex
// window is exact for any simple subject ring; the shoelace area of the result is the overlap).
// Only candidate pairs are touched: for each polygon, the grid rows its box spans, and in each
// row only the cells that exist (binary search in cells sorted by row, column). Clipping to a
// row strip first keeps the per-cell clip small.
import { counter } from "../core/progress.js";
import type { FlatPolygons } from "./flat-polygons.js";

export interface SquareCells {
  /** Cell side, same units as the polygons (metres in EPSG:3035 for the INSEE grid). */
  size: number;
  /** South-west corners; cells must lie on one grid (corners multiples of size apart). */
  xs: Float64Array;
  ys: Float64Array;
}

export interface Interpolated {
  /** sums[v][p] = Σ over cells c of values[v][c] × area(c ∩ p) / area(c). */
  sums: Float64Array[];
  /** Area of each polygon covered by cells. */
  coveredArea: Float64Array;
}

interface SortedGrid {
  x0: number;
  y0: number;
  cols: number;
  keys: Float64Array;
  order: Int32Array;
}

function sortCells(cells: SquareCells): SortedGrid {
  const n = cells.xs.length;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (cells.xs[i] < x0) x0 = cells.xs[i];
    if (cells.ys[i] < y0) y0 = cells.ys[i];
    if (cells.xs[i] > x1) x1 = cells.xs[i];
    if (cells.ys[i] > y1) y1 = cells.ys[i];
  }
  const cols = Math.round((x1 - x0) / cells.size) + 1;
  const rows = Math.round((y1 - y0) / cells.size) + 1;
  const key = (i: number) => Math.round((cells.ys[i] - y0) / cells.size) * cols + Math.round((cells.xs[i] - x0) / cells.size);
  // Cells off the common grid would be matched to the wrong squares: refuse rather than guess.
  for (let i = 0; i < n; i++) {
    const fx = (cells.xs[i] - x0) / cells.size, fy = (cells.ys[i] - y0) / cells.size;
    if (Math.abs(fx - Math.round(fx)) > 1e-6 || Math.abs(fy - Math.round(fy)) > 1e-6) {
      throw new RangeError(`cell ${i} at (${cells.xs[i]}, ${cells.ys[i]}) is not on the ${cells.size} m grid of the other cells`);
    }
  }
  // Pack key and cell number into one double so a native typed-array sort does the work.
  const shift = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (rows * cols * shift > 2 ** 53) throw new RangeError("grid too large to sort by packed keys");
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = key(i) * shift + i;
  packed.sort();
  const keys = new Float64Array(n);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = packed[k] % shift;
    order[k] = i;
    keys[k] = (packed[k] - i) / shift;
  }
  return { x0, y0, cols, keys, order };
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Clips a ring (xy pairs, n vertices, open) to the half-plane axis·s ≥ s·bound; returns vertex count. */
function clipHalf(src: Float64Array, n: number, dst: Float64Array, axis: 0 | 1, bound: number, keepAbove: boolean): number {
  let m = 0;
  if (n === 0) return 0;
  let px = src[2 * n - 2], py = src[2 * n - 1];
  let pv = axis === 0 ? px : py;
  let pIn = keepAbove ? pv >= bound : pv <= bound;
  for (let i = 0; i < n; i++) {
    const cx = src[2 * i], cy = src[2 * i + 1];
    const cv = axis === 0 ? cx : cy;
    const cIn = keepAbove ? cv >= bound : cv <= bound;
    if (cIn !== pIn) {
      const t = (bound - pv) / (cv - pv);
      dst[m++] = axis === 0 ? bound : px + t * (cx - px);
      dst[m++] = axis === 0 ? py + t * (cy - py) : bound;
    }
    if (cIn) {
      dst[m++] = cx;
      dst[m++] = cy;
    }
    px = cx;
    py = cy;
    pv = cv;
    pIn = cIn;
  }
  return m / 2;
}

// Relative to the first vertex: with EPSG:3035 coordinates near 3e6 m, raw products would lose
// about a square millimetre per term.
function signedArea(a: Float64Array, n: number): number {
  const ox = a[0], oy = a[1];
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (a[2 * j] - ox) * (a[2 * i + 1] - oy) - (a[2 * i] - ox) * (a[2 * j + 1] - oy);
  return s / 2;
}

/** One piece: polygon p covers `area` of cell c (c indexes the input cells). */
export type PieceVisitor = (p: number, c: number, area: number) => void;

/**
 * Every (polygon, cell) pair with a positive overlap and its exact area, polygon by polygon in
 * input order and, within a polygon, cells by row then column (south to north, west to east).
 */
export function forEachCellPiece(cells: SquareCells, fp: FlatPolygons, visit: PieceVisitor): void {
  if (cells.xs.length === 0) return;
  const g = sortCells(cells);
  const s = cells.size;
  // Scratch buffers, grown to the largest ring: a clip adds at most one vertex per edge crossed.
  let cap = 64;
  let bufA = new Float64Array(cap), bufB = new Float64Array(cap), bufC = new Float64Array(cap);
  let strips: Float64Array[] = [];
  const stripN: number[] = [];
  const progress = fp.count > 5000 ? counter("interpolating cells onto polygons", fp.count) : undefined;
  for (let p = 0; p < fp.count; p++) {
    if ((p & 1023) === 1023) progress?.tick(1024);
    const bx0 = fp.bbox[4 * p], by0 = fp.bbox[4 * p + 1], bx1 = fp.bbox[4 * p + 2], by1 = fp.bbox[4 * p + 3];
    if (!(bx0 <= bx1)) continue;
    const r0 = Math.floor((by0 - g.y0) / s), r1 = Math.floor((by1 - g.y0) / s);
    const c0 = Math.floor((bx0 - g.x0) / s), c1 = Math.floor((bx1 - g.x0) / s);
    const ra = fp.polyRingStart[p], rb = fp.polyRingStart[p + 1];
    for (let r = ra; r < rb; r++) {
      const n = fp.ringStart[r + 1] - fp.ringStart[r];
      if (4 * n + 16 > cap) {
        cap = 4 * n + 16;
        bufA = new Float64Array(cap);
        bufB = new Float64Array(cap);
        bufC = new Float64Array(cap);
      }
      if (!strips[r - ra] || strips[r - ra].length < cap) strips[r - ra] = new Float64Array(cap);
    }
    for (let row = Math.max(r0, 0); row <= r1; row++) {
      const lo = lowerBound(g.keys, row * g.cols + Math.max(c0, 0));
      const hiKey = row * g.cols + Math.min(c1, g.cols - 1);
      if (lo >= g.keys.length || g.keys[lo] > hiKey) continue;
      const yLo = g.y0 + row * s, yHi = yLo + s;
      for (let r = ra; r < rb; r++) {
        const a = fp.ringStart[r], n = fp.ringStart[r + 1] - a;
        const n1 = clipHalf(fp.coords.subarray(2 * a, 2 * (a + n)), n, bufA, 1, yLo, true);
        stripN[r - ra] = clipHalf(bufA, n1, strips[r - ra], 1, yHi, false);
      }
      for (let k = lo; k < g.keys.length && g.keys[k] <= hiKey; k++) {
        const xLo = g.x0 + (g.keys[k] - row * g.cols) * s, xHi = xLo + s;
        let area = 0;
        for (let r = ra; r < rb; r++) {
          const n = stripN[r - ra];
          if (n < 3) continue;
          const m1 = clipHalf(strips[r - ra], n, bufB, 0, xLo, true);
          const m2 = clipHalf(bufB, m1, bufC, 0, xHi, false);
          if (m2 >= 3) area += fp.ringSign[r] * signedArea(bufC, m2);
        }
        if (area > 0) visit(p, g.order[k], area);
      }
    }
  }
  progress?.done();
}

/** Each cell's values shared by area: sums[v][p] = Σ_c values[v][c] × area(c ∩ p) / area(c). */
export function interpolateCellsOntoPolygons(cells: SquareCells, values: Float64Array[], fp: FlatPolygons): Interpolated {
  const sums = values.map(() => new Float64Array(fp.count));
  const coveredArea = new Float64Array(fp.count);
  const cellArea = cells.size * cells.size;
  forEachCellPiece(cells, fp, (p, c, area) => {
    coveredArea[p] += area;
    const w = area / cellArea;
    for (let v = 0; v < values.length; v++) sums[v][p] += values[v][c] * w;
  });
  return { sums, coveredArea };
}
