// A zone moved and turned at random inside the city, the cameras left where they stand: the null
// that keeps every clustering of the data (cameras in clumps, commissioning dates in batches by
// neighbourhood) and asks only whether THIS zone is special compared with a zone of the same shape
// and size anywhere in the city. Each feature of the zone is turned by a uniform angle about its
// bounding-box centre and that centre is put at a uniform point of the city; a placement is kept
// when every vertex of the moved feature lies inside the city (a zone half in the suburbs would
// hold fewer cameras for a reason that has nothing to do with its place).
import type { Position } from "geojson";
import type { PlanarShape } from "../geo/planar.js";
import type { EdgeIndex } from "../geo/edge-index.js";
import type { Rng } from "./rng.js";
import { RegionMask } from "../geo/region-mask.js";

export interface Placement {
  /** Centre of the feature before the move. */
  cx: number;
  cy: number;
  /** Where the centre went, and the turn (radians). */
  tx: number;
  ty: number;
  angle: number;
}

const MAX_TRIES = 20000;

/** A zone feature that no random placement fits inside the city (a zone nearly as large as it). */
/** No placement of a zone feature fits the city: the message in English, and in French for the verdict. */
export class NoPlacement extends Error {
  constructor(message: string, readonly messageFr: string) {
    super(message);
  }
}

/**
 * The city as a 40 m grid of cells known to be inside, outside, or on the limit (exact test
 * there): a placement tests every vertex of the moved feature, thousands of times per zone, and
 * almost all vertices fall in cells that need no edge search. Same answers as `edges.contains`.
 */
export class CityMask {
  private readonly state: Uint8Array;
  private readonly nx: number;
  private readonly ny: number;
  constructor(private readonly edges: EdgeIndex, readonly box: [number, number, number, number], private readonly size = 40) {
    this.nx = Math.max(1, Math.ceil((box[2] - box[0]) / size));
    this.ny = Math.max(1, Math.ceil((box[3] - box[1]) / size));
    this.state = new Uint8Array(this.nx * this.ny);
    for (let j = 0; j < this.ny; j++) {
      for (let i = 0; i < this.nx; i++) {
        const x0 = box[0] + i * size, y0 = box[1] + j * size;
        // 2 = an edge meets the cell: decide point by point; else the whole cell is on one side.
        this.state[j * this.nx + i] = edges.touches(x0, y0, x0 + size, y0 + size) ? 2 : edges.contains(x0 + size / 2, y0 + size / 2) ? 1 : 0;
      }
    }
  }
  contains(x: number, y: number): boolean {
    const i = Math.floor((x - this.box[0]) / this.size), j = Math.floor((y - this.box[1]) / this.size);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return false;
    const s = this.state[j * this.nx + i];
    return s === 2 ? this.edges.contains(x, y) : s === 1;
  }
}

/** The outer rings' vertices of each shape, flat (x, y, x, y…), made once: a shape is placed thousands of times. */
const outerVertices = new WeakMap<PlanarShape, Float64Array>();
function verticesOf(shape: PlanarShape): Float64Array {
  let v = outerVertices.get(shape);
  if (!v) {
    v = Float64Array.from(shape.polygons.flatMap((p) => p[0]).flatMap(([x, y]) => [x, y]));
    outerVertices.set(shape, v);
  }
  return v;
}

/** A random admissible placement of `shape` in the city; `tries` counts the rejected draws. */
export function placeAtRandom(shape: PlanarShape, city: CityMask, cityBox: [number, number, number, number], rng: Rng): { placement: Placement; rejected: number } {
  const [x0, y0, x1, y1] = shape.bbox;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  // Outer rings suffice: holes lie inside them.
  const vertices = verticesOf(shape);
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const tx = cityBox[0] + rng.next() * (cityBox[2] - cityBox[0]);
    const ty = cityBox[1] + rng.next() * (cityBox[3] - cityBox[1]);
    const angle = 2 * Math.PI * rng.next();
    if (!city.contains(tx, ty)) continue;
    const cos = Math.cos(angle), sin = Math.sin(angle);
    let fits = true;
    for (let k = 0; k < vertices.length && fits; k += 2) {
      const dx = vertices[k] - cx, dy = vertices[k + 1] - cy;
      fits = city.contains(tx + cos * dx - sin * dy, ty + sin * dx + cos * dy);
    }
    if (fits) return { placement: { cx, cy, tx, ty, angle }, rejected: tries };
  }
  throw new NoPlacement(
    `no random placement of zone feature ${shape.id} fits inside the city (${MAX_TRIES} tries)`,
    `aucun placement au hasard de l'élément de zone ${shape.id} ne tient dans la ville (${MAX_TRIES} essais)`,
  );
}

/**
 * Each zone feature as a 10 m mask in its own frame (region-mask.ts: a lookup for pixels wholly
 * inside or outside, the exact even-odd test for pixels an edge crosses): a test asks whether a
 * camera is in a moved feature a million times, and the ring walk for each was most of its cost.
 */
const featureMasks = new WeakMap<PlanarShape, RegionMask>();
function maskOf(shape: PlanarShape): RegionMask {
  let m = featureMasks.get(shape);
  if (!m) {
    m = new RegionMask(shape.polygons, 10);
    featureMasks.set(shape, m);
  }
  return m;
}


/**
 * The points in square buckets, so that a moved feature visits only the points near it: a
 * timing test places each of the zone's features a thousand times, and a scan of every camera
 * per placement was most of its cost.
 */
export class PointBuckets {
  private readonly start: Int32Array;
  private readonly order: Int32Array;
  private readonly nx: number;
  private readonly ny: number;
  private readonly x0: number;
  private readonly y0: number;
  /** A buffer for `near`'s answers, allocated once (a test asks thousands of times). */
  readonly scratch: Int32Array;
  constructor(readonly xs: Float64Array, readonly ys: Float64Array, private readonly size = 200) {
    this.scratch = new Int32Array(xs.length);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < xs.length; i++) {
      x0 = Math.min(x0, xs[i]); x1 = Math.max(x1, xs[i]);
      y0 = Math.min(y0, ys[i]); y1 = Math.max(y1, ys[i]);
    }
    if (xs.length === 0) x0 = y0 = x1 = y1 = 0;
    this.x0 = x0;
    this.y0 = y0;
    this.nx = Math.floor((x1 - x0) / size) + 1;
    this.ny = Math.floor((y1 - y0) / size) + 1;
    // Counting sort of the points by bucket (plain loops: a million points through from()'s and
    // forEach's callbacks took most of a second).
    const bucket = new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) bucket[i] = this.bucketOf(xs[i], ys[i]);
    this.start = new Int32Array(this.nx * this.ny + 1);
    for (let i = 0; i < bucket.length; i++) this.start[bucket[i] + 1]++;
    for (let b = 0; b < this.nx * this.ny; b++) this.start[b + 1] += this.start[b];
    const fill = this.start.slice(0, -1);
    this.order = new Int32Array(xs.length);
    for (let i = 0; i < bucket.length; i++) this.order[fill[bucket[i]]++] = i;
  }
  private bucketOf(x: number, y: number): number {
    return Math.floor((y - this.y0) / this.size) * this.nx + Math.floor((x - this.x0) / this.size);
  }
  /** Writes into `into` the index of every point whose bucket meets the box (a superset of those in it); returns how many. */
  near(x0: number, y0: number, x1: number, y1: number, into: Int32Array): number {
    const i0 = Math.max(0, Math.floor((x0 - this.x0) / this.size)), i1 = Math.min(this.nx - 1, Math.floor((x1 - this.x0) / this.size));
    const j0 = Math.max(0, Math.floor((y0 - this.y0) / this.size)), j1 = Math.min(this.ny - 1, Math.floor((y1 - this.y0) / this.size));
    let k = 0;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const b = j * this.nx + i;
        for (let t = this.start[b]; t < this.start[b + 1]; t++) into[k++] = this.order[t];
      }
    }
    return k;
  }
}

/** Which of the points fall in the zone once each of its features is moved (a union). */
export function membershipMoved(shapes: PlanarShape[], placements: Placement[], points: PointBuckets): Uint8Array {
  const out = new Uint8Array(points.xs.length);
  const hits = new Int32Array(points.xs.length);
  const m = movedHits(shapes, placements, points, new Int32Array(points.xs.length), 1, hits);
  for (let t = 0; t < m; t++) out[hits[t]] = 1;
  return out;
}

/**
 * The points inside the moved zone, written into `hits` (each once); returns how many. `mark`
 * (one entry per point) and a `stamp` different on every call let a test of a thousand
 * placements reuse one array, with no pass over every point to clear it or to count.
 */
export function movedHits(shapes: PlanarShape[], placements: Placement[], points: PointBuckets, mark: Int32Array, stamp: number, hits: Int32Array): number {
  const { xs, ys } = points;
  const near = points.scratch;
  let h = 0;
  placements.forEach((pl, k) => {
    const s = shapes[k];
    // A point farther from the new centre than the feature's farthest corner cannot be inside.
    const r = Math.hypot((s.bbox[2] - s.bbox[0]) / 2, (s.bbox[3] - s.bbox[1]) / 2);
    const m = points.near(pl.tx - r, pl.ty - r, pl.tx + r, pl.ty + r, near);
    // Is the point inside the feature after the move? The point is moved back instead (the turn
    // and the mask taken once per placement, not once per point).
    const cos = Math.cos(pl.angle), sin = Math.sin(pl.angle);
    const mask = maskOf(s);
    for (let t = 0; t < m; t++) {
      const i = near[t];
      if (mark[i] === stamp) continue;
      if (Math.abs(xs[i] - pl.tx) > r || Math.abs(ys[i] - pl.ty) > r) continue;
      const dx = xs[i] - pl.tx, dy = ys[i] - pl.ty;
      if (mask.contains(pl.cx + cos * dx + sin * dy, pl.cy - sin * dx + cos * dy)) {
        mark[i] = stamp;
        hits[h++] = i;
      }
    }
  });
  return h;
}
