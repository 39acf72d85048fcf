// Point-in-region for the millions of queries of the rotation and zone-move nulls: a bitmap of
// `pixel`-metre squares filled by scanlines (inside / outside), with the squares an edge passes
// through answered exactly by the edge index. Same even-odd rule as pointInRings.
import type { Position } from "geojson";
import { EdgeIndex } from "./edge-index.js";
import { SteadyGrid } from "./steady-radius.js";

export class RegionMask {
  private readonly edges: EdgeIndex;
  private readonly state: Uint8Array; // 0 outside, 1 inside, 2 exact test
  private readonly x0: number;
  private readonly y0: number;
  readonly cols: number;
  readonly rows: number;
  /** Where the grid starts on the grid of `origin`, in pixels (0 without an origin). */
  readonly c0: number = 0;
  readonly r0: number = 0;

  /**
   * `origin`: a point at or below every vertex whose grid this mask's pixels are to lie on (to
   * merge masks, PartsMask); the mask still covers only the polygons' own box, snapped to that
   * grid. Default: the grid starts at the polygons' own south-west corner.
   */
  constructor(polygons: Position[][][], readonly pixel = 25, origin?: [number, number]) {
    this.edges = new EdgeIndex(polygons);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    // The edges flat, four numbers each (no array per edge).
    const segs: number[] = [];
    for (const p of polygons) for (const r of p) for (let i = 0; i + 1 < r.length; i++) {
      segs.push(r[i][0], r[i][1], r[i + 1][0], r[i + 1][1]);
      x0 = Math.min(x0, r[i][0]); y0 = Math.min(y0, r[i][1]); x1 = Math.max(x1, r[i][0]); y1 = Math.max(y1, r[i][1]);
    }
    if (origin && segs.length) {
      this.c0 = Math.floor((x0 - origin[0]) / pixel);
      this.r0 = Math.floor((y0 - origin[1]) / pixel);
      x0 = origin[0] + this.c0 * pixel;
      y0 = origin[1] + this.r0 * pixel;
    } else if (origin) [x0, y0] = origin;
    this.x0 = x0; this.y0 = y0;
    // On a shared grid, up to the pixel that holds the last vertex (a vertex on a pixel's edge still has its pixel).
    this.cols = Math.max(1, origin ? Math.floor((x1 - x0) / pixel) + 1 : Math.ceil((x1 - x0) / pixel));
    this.rows = Math.max(1, origin ? Math.floor((y1 - y0) / pixel) + 1 : Math.ceil((y1 - y0) / pixel));
    this.state = new Uint8Array(this.cols * this.rows);
    if (!segs.length) return;
    // Each scanline's crossings, edge by edge over the rows the edge spans (one row either side
    // to spare, the test itself deciding): the same crossings, in the same order, as a pass over
    // every edge for every row, which cost rows × edges (a city outline at 10 m, seconds).
    const crossings: number[][] = Array.from({ length: this.rows }, () => []);
    for (let e = 0; e < segs.length; e += 4) {
      const ax = segs[e], ay = segs[e + 1], bx = segs[e + 2], by = segs[e + 3];
      let lo = Math.max(0, Math.floor((Math.min(ay, by) - y0) / pixel - 0.5) - 1);
      let hi = Math.min(this.rows - 1, Math.ceil((Math.max(ay, by) - y0) / pixel - 0.5) + 1);
      // A coordinate that is not a number spans no range: every row asks the test, as before.
      if (Number.isNaN(lo) || Number.isNaN(hi)) [lo, hi] = [0, this.rows - 1];
      for (let r = lo; r <= hi; r++) {
        const y = y0 + (r + 0.5) * pixel;
        if (ay > y !== by > y) crossings[r].push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
    }
    for (let r = 0; r < this.rows; r++) {
      const xs = crossings[r];
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const c0 = Math.max(0, Math.ceil((xs[k] - x0) / pixel - 0.5)), c1 = Math.min(this.cols - 1, Math.floor((xs[k + 1] - x0) / pixel - 0.5));
        for (let c = c0; c <= c1; c++) this.state[r * this.cols + c] = 1;
      }
    }
    for (let e = 0; e < segs.length; e += 4) {
      const ax = segs[e], ay = segs[e + 1], bx = segs[e + 2], by = segs[e + 3];
      const c0 = Math.max(0, Math.floor((Math.min(ax, bx) - x0) / pixel)), c1 = Math.min(this.cols - 1, Math.floor((Math.max(ax, bx) - x0) / pixel));
      const r0 = Math.max(0, Math.floor((Math.min(ay, by) - y0) / pixel)), r1 = Math.min(this.rows - 1, Math.floor((Math.max(ay, by) - y0) / pixel));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.state[r * this.cols + c] = 2;
    }
  }

  contains(x: number, y: number): boolean {
    const c = Math.floor((x - this.x0) / this.pixel), r = Math.floor((y - this.y0) / this.pixel);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return false;
    const s = this.state[r * this.cols + c];
    return s === 2 ? this.edges.contains(x, y) : s === 1;
  }

  private counts?: SquareCounts;

  /**
   * What contains() answers for every point of the box [xa, xb] × [ya, yb]: 1 all inside, 0 all
   * outside, 2 it depends (the box meets an edge or mixed pixels). Exact: it looks at the same
   * pixels contains() would, in O(1) by summed-area tables built on first use.
   */
  boxState(xa: number, ya: number, xb: number, yb: number): number {
    this.counts ??= new SquareCounts(this.state, this.cols, this.rows);
    return this.counts.state(Math.floor((xa - this.x0) / this.pixel), Math.floor((ya - this.y0) / this.pixel), Math.floor((xb - this.x0) / this.pixel), Math.floor((yb - this.y0) / this.pixel));
  }

  /** The pixel's state (0 outside, 1 inside, 2 needs the exact test), pixels counted from the mask's own corner. */
  pixelState(c: number, r: number): number {
    return c < 0 || r < 0 || c >= this.cols || r >= this.rows ? 0 : this.state[r * this.cols + c];
  }
}

/**
 * A zone made of parts that may overlap (a zone layer's features): a point is in it when any part
 * contains it — even-odd over the parts together would cancel where two overlap. One mask per
 * part; the same answers as the polygon index's "first feature containing the point".
 */
export class PartsMask {
  private readonly masks: RegionMask[];
  private readonly state: Uint8Array;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cols: number;
  private readonly rows: number;
  constructor(private readonly parts: Position[][][][], private readonly pixel = 25) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of parts) for (const poly of p) for (const r of poly) for (const q of r) {
      x0 = Math.min(x0, q[0]); y0 = Math.min(y0, q[1]); x1 = Math.max(x1, q[0]); y1 = Math.max(y1, q[1]);
    }
    if (!(x0 <= x1)) x0 = y0 = x1 = y1 = 0;
    this.x0 = x0;
    this.y0 = y0;
    // The parts' masks on one grid, merged: one lookup answers most points (a part's inside
    // wins, no part's edge means outside); only pixels an edge crosses ask the parts one by one.
    this.masks = parts.map((p) => new RegionMask(p, pixel, [x0, y0]));
    this.cols = Math.max(1, Math.ceil((x1 - x0) / pixel));
    this.rows = Math.max(1, Math.ceil((y1 - y0) / pixel));
    this.state = new Uint8Array(this.cols * this.rows);
    // Each part over its own box only: inside if any part's pixel is, else exact if any part's is.
    for (const m of this.masks)
      for (let r = 0; r < m.rows; r++) {
        const row = (r + m.r0) * this.cols + m.c0;
        for (let c = 0; c < m.cols; c++) {
          const v = m.pixelState(c, r);
          if (v === 0 || c + m.c0 >= this.cols || r + m.r0 >= this.rows) continue;
          if (v === 1 || this.state[row + c] === 0) this.state[row + c] = v;
        }
      }
  }
  private steady?: SteadyGrid;
  /** A radius within which (|dx|, |dy| < it) contains() answers as at (x, y); 0 where an edge is near (geo/steady-radius.ts). */
  steadyRadius(x: number, y: number): number {
    this.steady ??= new SteadyGrid(this.state, this.cols, this.rows, this.pixel, this.x0, this.y0);
    return this.steady.radius(x, y);
  }

  private clear?: SteadyGrid;
  /**
   * As steadyRadius, and besides no part's edge comes nearer than it: the merged grid lets a
   * part's inside hide another part's edge (overlapping parts), this one marks every edge.
   */
  clearRadius(x: number, y: number): number {
    if (!this.clear) {
      // Inside any part, then every pixel a part's edge passes through marked on this grid (a
      // part's own grid ends at its box and leaves out an edge on its far side, which another
      // part may surround).
      // (The merged grid is 1 exactly where some part's pixel is inside.)
      const st = this.state.map((v) => (v === 1 ? 1 : 0)), px = this.pixel;
      for (const part of this.parts) for (const poly of part) for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) {
        const [ax, ay] = ring[i], [bx, by] = ring[i + 1];
        const c0 = Math.max(0, Math.floor((Math.min(ax, bx) - this.x0) / px)), c1 = Math.min(this.cols - 1, Math.floor((Math.max(ax, bx) - this.x0) / px));
        const r0 = Math.max(0, Math.floor((Math.min(ay, by) - this.y0) / px)), r1 = Math.min(this.rows - 1, Math.floor((Math.max(ay, by) - this.y0) / px));
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) st[r * this.cols + c] = 2;
      }
      this.clear = new SteadyGrid(st, this.cols, this.rows, this.pixel, this.x0, this.y0);
    }
    return this.clear.radius(x, y);
  }
  private counts?: SquareCounts;
  /** As RegionMask.boxState, for this contains(): the merged grid's pixels answer it (2 where a part must be asked). */
  boxState(xa: number, ya: number, xb: number, yb: number): number {
    this.counts ??= new SquareCounts(this.state, this.cols, this.rows);
    return this.counts.state(Math.floor((xa - this.x0) / this.pixel), Math.floor((ya - this.y0) / this.pixel), Math.floor((xb - this.x0) / this.pixel), Math.floor((yb - this.y0) / this.pixel));
  }
  contains(x: number, y: number): boolean {
    const c = Math.floor((x - this.x0) / this.pixel), r = Math.floor((y - this.y0) / this.pixel);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return false;
    const s = this.state[r * this.cols + c];
    if (s !== 2) return s === 1;
    for (const m of this.masks) if (m.contains(x, y)) return true;
    return false;
  }
}

/** Summed-area tables of a pixel-state grid: pixels not inside and pixels not outside, per rectangle. */
class SquareCounts {
  private readonly notIn: Int32Array;
  private readonly notOut: Int32Array;
  constructor(state: Uint8Array, private readonly cols: number, private readonly rows: number) {
    const w = cols + 1;
    this.notIn = new Int32Array(w * (rows + 1));
    this.notOut = new Int32Array(w * (rows + 1));
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const v = state[r * cols + c], k = (r + 1) * w + c + 1;
        this.notIn[k] = (v !== 1 ? 1 : 0) + this.notIn[k - 1] + this.notIn[k - w] - this.notIn[k - w - 1];
        this.notOut[k] = (v !== 0 ? 1 : 0) + this.notOut[k - 1] + this.notOut[k - w] - this.notOut[k - w - 1];
      }
  }
  /** State of pixels c0…c1 × r0…r1 (outside the grid counts as outside, as contains() says). */
  state(c0: number, r0: number, c1: number, r1: number): number {
    const inGrid = c0 >= 0 && r0 >= 0 && c1 < this.cols && r1 < this.rows;
    const a0 = Math.max(0, c0), b0 = Math.max(0, r0), a1 = Math.min(this.cols - 1, c1), b1 = Math.min(this.rows - 1, r1);
    if (a0 > a1 || b0 > b1) return 0;
    const w = this.cols + 1;
    const k11 = (b1 + 1) * w + a1 + 1, k01 = b0 * w + a1 + 1, k10 = (b1 + 1) * w + a0, k00 = b0 * w + a0;
    if (inGrid && this.notIn[k11] - this.notIn[k01] - this.notIn[k10] + this.notIn[k00] === 0) return 1;
    return this.notOut[k11] - this.notOut[k01] - this.notOut[k10] + this.notOut[k00] === 0 ? 0 : 2;
  }
}
