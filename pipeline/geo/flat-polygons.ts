// Polygons packed into typed arrays: one Float64Array of coordinates and offset tables, so a join
// over 100,000 polygons touches a few contiguous buffers instead of millions of small JS arrays
// (and memory grows with the vertices kept, not with GeoJSON object overhead).
import type { Geometry, Position } from "geojson";
import { rayCrosses, segmentDistance } from "./point-in-polygon.js";

export interface FlatPolygons {
  /** Number of polygons (features); a MultiPolygon is one polygon with several parts. */
  count: number;
  /** x0, y0, x1, y1, … for every ring vertex; rings are stored without the closing vertex. */
  coords: Float64Array;
  /** Vertex offset of ring r is ringStart[r]; ringStart[rings] = total vertices. */
  ringStart: Uint32Array;
  /** Rings of polygon p are polyRingStart[p] .. polyRingStart[p + 1] - 1. */
  polyRingStart: Uint32Array;
  /**
   * +1 or -1 per ring so that sign × signed area is + for outer rings and − for holes, whatever
   * the input winding (RFC 7946 asks for counter-clockwise shells, shapefiles use clockwise).
   */
  ringSign: Float64Array;
  /** minX, minY, maxX, maxY per polygon. */
  bbox: Float64Array;
}

/** Grows typed arrays as features arrive (a streaming reader keeps only this). */
export class FlatPolygonBuilder {
  /**
   * Coordinates in blocks filled one after the other and joined once by finish(): doubling one
   * array would write every coordinate two or three times over, and fresh memory is what costs.
   */
  private blocks: Float64Array[] = [];
  private used: number[] = [];
  private block = new Float64Array(0);
  private nBlock = 0;
  private nCoords = 0;
  // Per ring and per polygon: typed arrays grown by doubling (JS arrays of numbers grew through
  // the young generation and were copied once more by finish()).
  private ringStart = new Uint32Array(64);
  private ringSign = new Float64Array(64);
  private rings = 0;
  private polyRingStart = new Uint32Array(64);
  private bbox = new Float64Array(256);
  private polygons = 0;
  /** The box of the polygon being added. */
  private x0 = Infinity;
  private y0 = Infinity;
  private x1 = -Infinity;
  private y1 = -Infinity;
  /** One ring's x, y copied from nested arrays, reused: both kinds of input share addRing. */
  private ringValues = new Float64Array(64);

  /**
   * expectedValues: an upper bound on the coordinates to come (2 per vertex), when the caller
   * has one (a file's size): they then go into one array, written once and handed out as is, its
   * unwritten tail never touched (so it costs address space, not memory).
   */
  constructor(private readonly expectedValues = 0) {}

  get count(): number {
    return this.polygons;
  }

  /** Adds one polygon from a Polygon or MultiPolygon geometry (anything else: an empty polygon). */
  add(g: Geometry | null): void {
    this.beginPolygon();
    if (g?.type === "Polygon") this.addPart(g.coordinates);
    else if (g?.type === "MultiPolygon") for (const part of g.coordinates) this.addPart(part);
    this.endPolygon();
  }

  /** Starts a polygon: addRing then adds its rings, endPolygon closes it (none: an empty one). */
  beginPolygon(): void {
    this.x0 = this.y0 = Infinity;
    this.x1 = this.y1 = -Infinity;
  }

  endPolygon(): void {
    const p = this.polygons++;
    if (p + 2 > this.polyRingStart.length) {
      this.polyRingStart = grow(this.polyRingStart);
      this.bbox = grow(this.bbox);
    }
    this.polyRingStart[p + 1] = this.rings;
    const b = this.bbox;
    b[4 * p] = this.x0;
    b[4 * p + 1] = this.y0;
    b[4 * p + 2] = this.x1;
    b[4 * p + 3] = this.y1;
  }

  /** Stores the rings of one part (shell, then holes). */
  private addPart(part: Position[][]): void {
    for (let k = 0; k < part.length; k++) {
      const ring = part[k];
      if (this.ringValues.length < 2 * ring.length) this.ringValues = new Float64Array(4 * ring.length);
      const v = this.ringValues;
      for (let i = 0; i < ring.length; i++) {
        v[2 * i] = ring[i][0];
        v[2 * i + 1] = ring[i][1];
      }
      this.addRing(v, 0, ring.length, k === 0);
    }
  }

  /**
   * Adds the ring of vertices from .. to - 1 of xy (x0, y0, x1, y1, …), the shell of its part if
   * outer, else a hole. A closing vertex equal to the first is dropped; rings then under three
   * vertices are skipped.
   */
  addRing(xy: Float64Array, from: number, to: number, outer: boolean): void {
    let n = to - from;
    const f = 2 * from;
    if (n > 1 && xy[f] === xy[f + 2 * n - 2] && xy[f + 1] === xy[f + 2 * n - 1]) n--;
    if (n < 3) return;
    this.reserve(2 * n);
    const c = this.block;
    let at = this.nBlock;
    // Shoelace sum over the ring, closing edge included; the vertices copied on the way.
    let area2 = 0;
    let px = xy[f + 2 * n - 2], py = xy[f + 2 * n - 1];
    let x0 = this.x0, y0 = this.y0, x1 = this.x1, y1 = this.y1;
    for (let i = f, end = f + 2 * n; i < end; i += 2) {
      const x = xy[i], y = xy[i + 1];
      area2 += px * y - x * py;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
      c[at++] = x;
      c[at++] = y;
      px = x;
      py = y;
    }
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
    this.nCoords += at - this.nBlock;
    this.nBlock = at;
    const r = this.rings++;
    if (r + 2 > this.ringStart.length) {
      this.ringStart = grow(this.ringStart);
      this.ringSign = grow(this.ringSign);
    }
    this.ringSign[r] = area2 >= 0 ? (outer ? 1 : -1) : outer ? -1 : 1;
    this.ringStart[r + 1] = this.nCoords / 2;
  }

  finish(): FlatPolygons {
    let coords: Float64Array;
    if (this.blocks.length === 0 && this.expectedValues > 0) coords = this.block.subarray(0, this.nBlock);
    else {
      coords = new Float64Array(this.nCoords);
      let at = 0;
      this.blocks.forEach((b, k) => {
        coords.set(b.subarray(0, this.used[k]), at);
        at += this.used[k];
      });
      coords.set(this.block.subarray(0, this.nBlock), at);
    }
    return {
      count: this.count,
      coords,
      ringStart: this.ringStart.slice(0, this.rings + 1),
      polyRingStart: this.polyRingStart.slice(0, this.polygons + 1),
      ringSign: this.ringSign.slice(0, this.rings),
      bbox: this.bbox.slice(0, 4 * this.polygons),
    };
  }

  /** Makes room for `more` values in the current block (a ring is never split between blocks). */
  private reserve(more: number): void {
    if (this.nBlock + more <= this.block.length) return;
    if (this.nBlock > 0) {
      this.blocks.push(this.block);
      this.used.push(this.nBlock);
    }
    // The expected size first; then each block as big as all before it (up to 4 MB): few blocks,
    // and a small builder stays small.
    const first = this.blocks.length === 0 && this.nBlock === 0 && this.block.length === 0 ? Math.min(this.expectedValues, MAX_EXPECTED_VALUES) : 0;
    this.block = new Float64Array(Math.max(more, first, Math.min(MAX_BLOCK_VALUES, Math.max(1024, this.nCoords))));
    this.nBlock = 0;
  }
}

const MAX_BLOCK_VALUES = 1 << 19;

/** A copy with twice the room. */
function grow<T extends Uint32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as { new (n: number): T })(2 * a.length);
  b.set(a);
  return b;
}
/** 1 GiB of address space at most for an expected size. */
const MAX_EXPECTED_VALUES = 1 << 27;

export function flattenPolygons(geometries: Array<Geometry | null>): FlatPolygons {
  const b = new FlatPolygonBuilder();
  for (const g of geometries) b.add(g);
  return b.finish();
}

/** Even-odd test over all rings of polygon p (parts of a MultiPolygon must not overlap). */
export function flatPointInPolygon(fp: FlatPolygons, p: number, x: number, y: number): boolean {
  const { coords, ringStart, polyRingStart } = fp;
  let inside = false;
  for (let r = polyRingStart[p]; r < polyRingStart[p + 1]; r++) {
    const a = ringStart[r], b = ringStart[r + 1];
    for (let i = a, j = b - 1; i < b; j = i++) {
      const yi = coords[2 * i + 1], yj = coords[2 * j + 1];
      if (yi > y !== yj > y && rayCrosses(x, y, coords[2 * i], yi, coords[2 * j], yj)) inside = !inside;
    }
  }
  return inside;
}

/** Area of polygon p (outer rings minus holes), in squared coordinate units. */
export function flatPolygonArea(fp: FlatPolygons, p: number): number {
  let total = 0;
  for (let r = fp.polyRingStart[p]; r < fp.polyRingStart[p + 1]; r++) {
    const a = fp.ringStart[r], b = fp.ringStart[r + 1];
    // Relative to the ring's first vertex, so projected coordinates in the millions keep precision.
    const ox = fp.coords[2 * a], oy = fp.coords[2 * a + 1];
    let area2 = 0;
    for (let i = a, j = b - 1; i < b; j = i++) {
      area2 += (fp.coords[2 * j] - ox) * (fp.coords[2 * i + 1] - oy) - (fp.coords[2 * i] - ox) * (fp.coords[2 * j + 1] - oy);
    }
    total += (fp.ringSign[r] * area2) / 2;
  }
  return total;
}

/** Distance from a point to the nearest edge of polygon p (edges walked as in the input rings). */
export function flatDistanceToBoundary(fp: FlatPolygons, p: number, x: number, y: number): number {
  const c = fp.coords;
  let best = Infinity;
  for (let r = fp.polyRingStart[p]; r < fp.polyRingStart[p + 1]; r++) {
    const a = fp.ringStart[r], b = fp.ringStart[r + 1];
    for (let i = a; i < b; i++) {
      const j = i + 1 === b ? a : i + 1;
      const d = segmentDistance(x, y, c[2 * i], c[2 * i + 1], c[2 * j], c[2 * j + 1]);
      if (d < best) best = d;
    }
  }
  return best;
}
