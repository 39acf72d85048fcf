// The even-odd test of flat-polygons.ts for millions of points against the same polygons: each
// polygon's edges sorted once into horizontal bands of its box (an edge in every band its y-range
// meets), so a point looks at the few edges of its band instead of every edge of the polygon.
// Only an edge whose y-range holds the point's y can be crossed by its ray, and that edge is in
// the point's band (bands are a monotone function of y), so the crossings are the same ones and
// the answer is flatPointInPolygon's, bit for bit. A point join of a million cameras tests each
// against several overlapping districts' boxes: 125 edges an arrondissement became ~2.
import { rayCrosses } from "./point-in-polygon.js";
import type { FlatPolygons } from "./flat-polygons.js";

export interface PolygonBands {
  /** Per polygon: its first band in bandStart, its band count (0: no edges), the bands' origin and height. */
  first: Int32Array;
  count: Int32Array;
  y0: Float64Array;
  y1: Float64Array;
  height: Float64Array;
  /**
   * Edges of band b are edges[t] for t in bandStart[b] .. bandStart[b + 1] - 1: e >= 0 is the edge
   * from vertex e - 1 to vertex e, e < 0 the closing edge of ring -e - 1 (from its last vertex to
   * its first). One number an edge, not two: the array is the biggest this builds, and fresh memory costs.
   */
  bandStart: Int32Array;
  edges: Int32Array;
}

/** About one band per two edges of a polygon (at most 4096). */
export function polygonBands(fp: FlatPolygons): PolygonBands {
  const { coords, ringStart, polyRingStart, count: n } = fp;
  const first = new Int32Array(n), count = new Int32Array(n);
  const y0 = new Float64Array(n), y1 = new Float64Array(n), height = new Float64Array(n);
  let bands = 0;
  for (let p = 0; p < n; p++) {
    const vertices = ringStart[polyRingStart[p + 1]] - ringStart[polyRingStart[p]];
    y0[p] = fp.bbox[4 * p + 1];
    y1[p] = fp.bbox[4 * p + 3];
    first[p] = bands;
    count[p] = vertices === 0 ? 0 : Math.max(1, Math.min(4096, vertices >> 1));
    height[p] = y1[p] > y0[p] ? (y1[p] - y0[p]) / count[p] : 1;
    bands += count[p];
  }
  // A counting sort over every edge, written out twice (no callback: a call per edge through a
  // closure cost a third of the time). Counts go to bandStart[b + 2], their running sum makes
  // bandStart[b + 1] the start of band b, used as band b's cursor while placing, after which it
  // is band b's end, i.e. the start of band b + 1: bandStart[0 .. bands] then says where each starts.
  const start = new Int32Array(bands + 2);
  for (let p = 0; p < n; p++) {
    const py0 = y0[p], h = height[p], c = count[p], f = first[p] + 2;
    for (let r = polyRingStart[p]; r < polyRingStart[p + 1]; r++) {
      const a = ringStart[r], b = ringStart[r + 1];
      for (let i = a, j = b - 1; i < b; j = i++) {
        const yi = coords[2 * i + 1], yj = coords[2 * j + 1];
        const b0 = bandOf(py0, h, c, yi < yj ? yi : yj), b1 = bandOf(py0, h, c, yi < yj ? yj : yi);
        for (let k = b0; k <= b1; k++) start[f + k]++;
      }
    }
  }
  for (let b = 1; b <= bands; b++) start[b + 1] += start[b];
  const edges = new Int32Array(start[bands + 1]);
  for (let p = 0; p < n; p++) {
    const py0 = y0[p], h = height[p], c = count[p], f = first[p] + 1;
    for (let r = polyRingStart[p]; r < polyRingStart[p + 1]; r++) {
      const a = ringStart[r], b = ringStart[r + 1];
      for (let i = a, j = b - 1; i < b; j = i++) {
        const yi = coords[2 * i + 1], yj = coords[2 * j + 1];
        const b0 = bandOf(py0, h, c, yi < yj ? yi : yj), b1 = bandOf(py0, h, c, yi < yj ? yj : yi);
        const e = i === a ? -r - 1 : i;
        for (let k = b0; k <= b1; k++) edges[start[f + k]++] = e;
      }
    }
  }
  return { first, count, y0, y1, height, bandStart: start.subarray(0, bands + 1), edges };
}

function bandOf(y0: number, height: number, count: number, y: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor((y - y0) / height)));
}

/** flatPointInPolygon(fp, p, x, y), from the edges of the point's band only. */
export function bandedPointInPolygon(fp: FlatPolygons, bands: PolygonBands, p: number, x: number, y: number): boolean {
  // Outside [y0, y1) every vertex is on one side of y: no edge crosses (nor would the full walk's).
  if (!(y >= bands.y0[p] && y < bands.y1[p])) return false;
  const band = bands.first[p] + bandOf(bands.y0[p], bands.height[p], bands.count[p], y);
  const coords = fp.coords, edges = bands.edges;
  let inside = false;
  for (let t = bands.bandStart[band], end = bands.bandStart[band + 1]; t < end; t++) {
    const e = edges[t];
    let i = e, j = e - 1;
    if (e < 0) {
      i = fp.ringStart[-e - 1];
      j = fp.ringStart[-e] - 1;
    }
    const yi = coords[2 * i + 1], yj = coords[2 * j + 1];
    if (yi > y !== yj > y && rayCrosses(x, y, coords[2 * i], yi, coords[2 * j], yj)) inside = !inside;
  }
  return inside;
}
