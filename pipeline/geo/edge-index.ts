// A static index (flatbush) over the edges of a large polygon such as the city limit (~2,000
// vertices), so point-in-polygon, distance to the boundary and "does this cell touch the boundary"
// look at a handful of edges instead of all of them: 17,000 crossings and 2,800 cells stay cheap.
import Flatbush from "flatbush";
import type { Position } from "geojson";
import { rayCrosses, segmentDistance } from "./point-in-polygon.js";

export class EdgeIndex {
  private readonly tree: Flatbush;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  readonly maxX: number;
  /** Edges by horizontal band of the plane (an edge in every band its y-range meets), for contains(). */
  private readonly bandY0: number;
  private readonly bandH: number;
  private readonly bandStart: Int32Array;
  private readonly bandEdges: Int32Array;

  constructor(polygons: Position[][][]) {
    const segs: number[][] = [];
    for (const p of polygons) for (const r of p) for (let i = 0; i + 1 < r.length; i++) segs.push([r[i][0], r[i][1], r[i + 1][0], r[i + 1][1]]);
    this.ax = Float64Array.from(segs, (s) => s[0]);
    this.ay = Float64Array.from(segs, (s) => s[1]);
    this.bx = Float64Array.from(segs, (s) => s[2]);
    this.by = Float64Array.from(segs, (s) => s[3]);
    this.tree = new Flatbush(Math.max(1, segs.length));
    let maxX = -Infinity;
    for (const s of segs) {
      this.tree.add(Math.min(s[0], s[2]), Math.min(s[1], s[3]), Math.max(s[0], s[2]), Math.max(s[1], s[3]));
      maxX = Math.max(maxX, s[0], s[2]);
    }
    if (segs.length === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
    this.maxX = maxX;
    // About as many bands as edges: a ray then looks at the few edges of its band, with no
    // array allocated per query (the tree's search allocated one, millions of times in the nulls).
    let y0 = Infinity, y1 = -Infinity;
    for (const s of segs) {
      y0 = Math.min(y0, s[1], s[3]);
      y1 = Math.max(y1, s[1], s[3]);
    }
    const bands = Math.max(1, Math.min(segs.length, 1 << 16));
    this.bandY0 = segs.length ? y0 : 0;
    this.bandH = segs.length && y1 > y0 ? (y1 - y0) / bands : 1;
    this.bandStart = new Int32Array(bands + 1);
    const range = (k: number): [number, number] => [this.bandOf(Math.min(this.ay[k], this.by[k])), this.bandOf(Math.max(this.ay[k], this.by[k]))];
    for (let k = 0; k < segs.length; k++) {
      const [b0, b1] = range(k);
      for (let b = b0; b <= b1; b++) this.bandStart[b + 1]++;
    }
    for (let b = 0; b < bands; b++) this.bandStart[b + 1] += this.bandStart[b];
    this.bandEdges = new Int32Array(this.bandStart[bands]);
    const fill = this.bandStart.slice(0, bands);
    for (let k = 0; k < segs.length; k++) {
      const [b0, b1] = range(k);
      for (let b = b0; b <= b1; b++) this.bandEdges[fill[b]++] = k;
    }
  }

  private bandOf(y: number): number {
    return Math.min(this.bandStart.length - 2, Math.max(0, Math.floor((y - this.bandY0) / this.bandH)));
  }

  /**
   * Even-odd ray cast to +x over only the edges whose bbox meets the ray (same rule as
   * pointInRings): exactly the edges a search of the tree for the ray's box returns, taken from
   * the point's band, so the same crossings and the same answer.
   */
  contains(x: number, y: number): boolean {
    let inside = false;
    const b = this.bandOf(y);
    const { ax, ay, bx, by, bandEdges } = this;
    for (let t = this.bandStart[b]; t < this.bandStart[b + 1]; t++) {
      const i = bandEdges[t];
      if (Math.min(ay[i], by[i]) > y || Math.max(ay[i], by[i]) < y || Math.max(ax[i], bx[i]) < x) continue;
      if (rayCrosses(x, y, bx[i], by[i], ax[i], ay[i])) inside = !inside;
    }
    return inside;
  }

  /** Distance to the nearest edge: bbox neighbours bound the search, exact distances decide. */
  distance(x: number, y: number): number {
    let best = Infinity;
    for (const i of this.tree.neighbors(x, y, 8)) best = Math.min(best, this.segDist(i, x, y));
    for (const i of this.tree.search(x - best, y - best, x + best, y + best)) best = Math.min(best, this.segDist(i, x, y));
    return best;
  }

  /** Positive inside, negative outside. */
  signedDistance(x: number, y: number): number {
    const d = this.distance(x, y);
    return this.contains(x, y) ? d : -d;
  }

  /**
   * signedDistance for many points, the same values: points are taken by square of `cell` metres,
   * and each square keeps the few edges that can be nearest to a point in it (those within D + 2r
   * of its centre, D the centre's distance, r the half-diagonal: the nearest edge of a point p is
   * within D + r of p, so within D + 2r of the centre), and whether it is wholly inside or
   * outside. A million cameras then cost a few dozen segment distances each, not a nearest-
   * neighbour search on the tree. `out`: where to write them (memory shared with another thread).
   */
  signedDistances(xs: Float64Array, ys: Float64Array, cell = 100, out: Float64Array = new Float64Array(xs.length)): Float64Array {
    const squares = new Map<number, { edges: Int32Array; inside: number }>();
    const r = cell * Math.SQRT1_2;
    const square = (gx: number, gy: number) => {
      const cx = (gx + 0.5) * cell, cy = (gy + 0.5) * cell;
      const d = this.distance(cx, cy);
      // A hair over the bound: rounding in the distances must never drop the nearest edge.
      const reach = d + 2 * r + 1e-6 * (1 + d);
      const edges = Int32Array.from(this.tree.search(cx - reach, cy - reach, cx + reach, cy + reach).filter((k) => this.segDist(k, cx, cy) <= reach));
      // A square no edge box meets is wholly inside or outside: its centre says which.
      const inside = this.touches(gx * cell, gy * cell, (gx + 1) * cell, (gy + 1) * cell) ? -1 : this.contains(cx, cy) ? 1 : 0;
      return { edges, inside };
    };
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i], y = ys[i];
      const gx = Math.floor(x / cell), gy = Math.floor(y / cell);
      // Keys exact for squares within ±2^25 cells (3,350 km at 100 m); anything else, one at a time.
      if (!(Math.abs(gx) < 2 ** 25 && Math.abs(gy) < 2 ** 25)) {
        out[i] = this.signedDistance(x, y);
        continue;
      }
      const key = gx * 2 ** 26 + gy;
      let sq = squares.get(key);
      if (!sq) squares.set(key, (sq = square(gx, gy)));
      let best = Infinity;
      for (let k = 0; k < sq.edges.length; k++) {
        const d = this.segDist(sq.edges[k], x, y);
        if (d < best) best = d;
      }
      const inside = sq.inside === -1 ? this.contains(x, y) : sq.inside === 1;
      out[i] = inside ? best : -best;
    }
    return out;
  }

  /** True when some edge's bbox meets the box (the box may straddle the boundary). */
  touches(x0: number, y0: number, x1: number, y1: number): boolean {
    return this.tree.search(x0, y0, x1, y1).length > 0;
  }

  private segDist(i: number, x: number, y: number): number {
    return segmentDistance(x, y, this.ax[i], this.ay[i], this.bx[i], this.by[i]);
  }
}
