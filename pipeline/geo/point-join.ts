// Points into polygons, the one engine of the project (the join stage's cameras and crossings,
// the stats stage's jittered cameras, bench case 2's million points): a static packed R-tree
// (flatbush) over polygon bounding boxes narrows each point to a few candidates, then an exact
// even-odd test on typed arrays (flat-polygons.ts) decides. Batch and one-point queries share it.
import Flatbush from "flatbush";
import { counter } from "../core/progress.js";
import { flatPointInPolygon, type FlatPolygons } from "./flat-polygons.js";
import { bandedPointInPolygon, polygonBands } from "./polygon-bands.js";
import { cellX, cellY, pointGrid, type PointGrid } from "./point-grid.js";

/** The static index over the polygons' bounding boxes, and which polygon each entry is. */
export interface FlatIndex {
  tree: Flatbush;
  /** Polygon number of tree entry k (empty polygons are left out of the tree). */
  ids: Int32Array;
}

export function polygonIndex(fp: FlatPolygons): FlatIndex {
  const b = fp.bbox;
  const ids: number[] = [];
  for (let p = 0; p < fp.count; p++) if (b[4 * p] <= b[4 * p + 2]) ids.push(p);
  // flatbush needs at least one item; a lone empty box far from France never matches a point.
  const tree = new Flatbush(Math.max(ids.length, 1));
  for (const p of ids) tree.add(b[4 * p], b[4 * p + 1], b[4 * p + 2], b[4 * p + 3]);
  if (ids.length === 0) tree.add(-1e12, -1e12, -1e12, -1e12);
  tree.finish();
  return { tree, ids: Int32Array.from(ids.length ? ids : [-1]) };
}

/** Polygons whose bbox meets the box (candidates only), ascending. */
export function polygonsInBox(index: FlatIndex, x0: number, y0: number, x1: number, y1: number): number[] {
  const out: number[] = [];
  index.tree.search(x0, y0, x1, y1, (k) => {
    if (index.ids[k] >= 0) out.push(index.ids[k]);
    return false;
  });
  return out.sort((a, b) => a - b);
}

/** Every polygon containing the point, ascending. */
export function polygonsContaining(fp: FlatPolygons, index: FlatIndex, x: number, y: number): number[] {
  return polygonsInBox(index, x, y, x, y).filter((p) => flatPointInPolygon(fp, p, x, y));
}

/** The lowest-numbered polygon containing the point, or -1. */
export function firstPolygonContaining(fp: FlatPolygons, index: FlatIndex, x: number, y: number): number {
  let best = -1;
  index.tree.search(x, y, x, y, (k) => {
    const p = index.ids[k];
    if (p >= 0 && (best < 0 || p < best) && flatPointInPolygon(fp, p, x, y)) best = p;
    return false;
  });
  return best;
}

/**
 * For each point, the index of the polygon containing it, or -1. Points and polygons must be in
 * the same planar CRS. When polygons overlap, the lowest polygon index wins (deterministic).
 * Points exactly on an edge follow the half-open ray-casting rule.
 * The smaller side is queried against an index of the larger one: with many more points than
 * polygons, a point index (a grid over the points, point-grid.ts; `points`: one the caller
 * shares between layers) answers one box query per polygon (10× fewer queries than one per
 * point), unless the caller gives a polygon index; both ways give the same answer.
 */
export function joinPointsToPolygons(xs: Float64Array, ys: Float64Array, fp: FlatPolygons, index?: FlatIndex, points?: PointGrid): Int32Array {
  if (!index && xs.length > 4 * fp.count) return joinViaPointGrid(xs, ys, fp, points ?? pointGrid(xs, ys));
  return joinViaPolygonIndex(xs, ys, fp, index ?? polygonIndex(fp));
}

function joinViaPolygonIndex(xs: Float64Array, ys: Float64Array, fp: FlatPolygons, index: FlatIndex): Int32Array {
  const n = xs.length;
  const out = new Int32Array(n);
  const progress = n > 200_000 ? counter("joining points to polygons", n) : undefined;
  // Bands pay when each polygon meets many points (more points than polygons' edges, say).
  const bands = n > fp.coords.length ? polygonBands(fp) : undefined;
  let x = 0, y = 0, best = -1;
  const visit = (k: number): boolean => {
    const p = index.ids[k];
    if (p >= 0 && (best < 0 || p < best) && bandedPointInPolygon(fp, bands!, p, x, y)) best = p;
    return false;
  };
  for (let i = 0; i < n; i++) {
    if (bands) {
      // firstPolygonContaining, each candidate tested by its band's edges.
      x = xs[i];
      y = ys[i];
      best = -1;
      index.tree.search(x, y, x, y, visit);
      out[i] = best;
    } else out[i] = firstPolygonContaining(fp, index, xs[i], ys[i]);
    if (progress && (i & 0xffff) === 0xffff) progress.tick(0x10000);
  }
  progress?.done();
  return out;
}

/**
 * The points in a grid (point-grid.ts, `g`: the caller's own when it shares one between layers),
 * which costs far less to build than a packed R-tree over the points. Each polygon takes the
 * points in its box (inclusive bounds, as the polygon index's search) and the polygons come in
 * ascending order, assigned points skipped: the lowest index wins, as with the polygon index.
 * Each polygon meets many points here: its edges by band answer each in a few edges.
 */
function joinViaPointGrid(xs: Float64Array, ys: Float64Array, fp: FlatPolygons, g: PointGrid): Int32Array {
  const { x: gx, y: gy, order, cellStart, nx } = g;
  // The polygon of each grid entry, in grid order (sequential writes), put back in point order last.
  const found = new Int32Array(order.length).fill(-1);
  const progress = fp.count > 20_000 ? counter("joining points to polygons", fp.count) : undefined;
  const bands = polygonBands(fp);
  const b = fp.bbox;
  for (let p = 0; p < fp.count; p++) {
    const bx0 = b[4 * p], by0 = b[4 * p + 1], bx1 = b[4 * p + 2], by1 = b[4 * p + 3];
    if (bx0 <= bx1) {
      const cx0 = cellX(g, bx0), cx1 = cellX(g, bx1), cy1 = cellY(g, by1);
      for (let cy = cellY(g, by0); cy <= cy1; cy++) {
        // The cells of one row are contiguous entries.
        for (let t = cellStart[cy * nx + cx0], end = cellStart[cy * nx + cx1 + 1]; t < end; t++) {
          const x = gx[t], y = gy[t];
          if (found[t] < 0 && x >= bx0 && x <= bx1 && y >= by0 && y <= by1 && bandedPointInPolygon(fp, bands, p, x, y)) found[t] = p;
        }
      }
    }
    if (progress && (p & 0xfff) === 0xfff) progress.tick(0x1000);
  }
  progress?.done();
  const out = new Int32Array(xs.length).fill(-1);
  for (let t = 0; t < order.length; t++) out[order[t]] = found[t];
  return out;
}

/** Points per polygon from a join result (-1 entries are not counted). */
export function countPerPolygon(joined: Int32Array, polygonCount: number): Uint32Array {
  const counts = new Uint32Array(polygonCount);
  for (let i = 0; i < joined.length; i++) if (joined[i] >= 0) counts[joined[i]]++;
  return counts;
}
