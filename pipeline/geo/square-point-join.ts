// Points into polygons for many points (a million cameras into districts): the plane is cut into
// squares, and a square that no polygon edge touches has one answer for every point in it, the
// answer at its centre, found once. Only the points of squares an edge crosses go through the
// engine (point-join.ts), which decides them one by one. The answers are the engine's: the
// even-odd test with exact orientation (point-in-polygon.ts rayCrosses) is constant on a region
// no edge meets, and a square is taken whole only when no edge's bounding box meets it (widened
// a hair, so that a point the rounding of x / size puts in a square lies inside it).
import Flatbush from "flatbush";
import type { FlatPolygons } from "./flat-polygons.js";
import { firstPolygonContaining, joinPointsToPolygons, polygonIndex } from "./point-join.js";

const MIXED = -2;

/** Flatbush over the bounding boxes of every edge of the polygons (rings wrap around: they are stored open). */
function edgeBoxes(fp: FlatPolygons): Flatbush {
  const { coords, ringStart } = fp;
  const rings = ringStart.length - 1;
  const tree = new Flatbush(Math.max(1, ringStart[rings]));
  for (let r = 0; r < rings; r++) {
    const a = ringStart[r], b = ringStart[r + 1];
    for (let i = a, j = b - 1; i < b; j = i++) {
      const x0 = coords[2 * i], y0 = coords[2 * i + 1], x1 = coords[2 * j], y1 = coords[2 * j + 1];
      tree.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
  }
  if (ringStart[rings] === 0) tree.add(-1e12, -1e12, -1e12, -1e12);
  tree.finish();
  return tree;
}

/**
 * A square side for the polygons: a quarter of the side of their mean bounding box, between
 * 10 and 250 m, so that most squares of fine districts (IRIS: ~300 m) still lie inside one.
 */
export function squareSize(fp: FlatPolygons): number {
  let area = 0, k = 0;
  for (let p = 0; p < fp.count; p++) {
    const w = fp.bbox[4 * p + 2] - fp.bbox[4 * p], h = fp.bbox[4 * p + 3] - fp.bbox[4 * p + 1];
    if (w >= 0 && h >= 0) {
      area += w * h;
      k++;
    }
  }
  return k ? Math.min(250, Math.max(10, Math.sqrt(area / k) / 4)) : 100;
}

/** joinPointsToPolygons (the lowest-numbered polygon containing each point, or -1), by squares of `size`. */
export function joinPointsBySquares(xs: Float64Array, ys: Float64Array, fp: FlatPolygons, size = squareSize(fp)): Int32Array {
  const n = xs.length;
  const out = new Int32Array(n);
  const edges = edgeBoxes(fp);
  const index = polygonIndex(fp);
  const answers = new Map<number, number>();
  const pad = 1e-6 * size + 1e-6;
  const mixed: number[] = [];
  for (let i = 0; i < n; i++) {
    const gx = Math.floor(xs[i] / size), gy = Math.floor(ys[i] / size);
    // Keys exact for squares within ±2^25 of the origin; anything else (and NaN) one at a time.
    if (!(Math.abs(gx) < 2 ** 25 && Math.abs(gy) < 2 ** 25)) {
      mixed.push(i);
      continue;
    }
    const key = gx * 2 ** 26 + gy;
    let a = answers.get(key);
    if (a === undefined) {
      const x0 = gx * size - pad, y0 = gy * size - pad, x1 = (gx + 1) * size + pad, y1 = (gy + 1) * size + pad;
      a = edges.collides(x0, y0, x1, y1) ? MIXED : firstPolygonContaining(fp, index, (gx + 0.5) * size, (gy + 0.5) * size);
      answers.set(key, a);
    }
    if (a === MIXED) mixed.push(i);
    else out[i] = a;
  }
  if (mixed.length) {
    const sx = Float64Array.from(mixed, (i) => xs[i]), sy = Float64Array.from(mixed, (i) => ys[i]);
    const got = joinPointsToPolygons(sx, sy, fp, mixed.length > 4 * fp.count ? undefined : index);
    for (let k = 0; k < mixed.length; k++) out[mixed[k]] = got[k];
  }
  return out;
}
