// Nulls that keep the cameras' clustering (issue 11, DESIGN.md "Statistics"):
// (a) rotation: the whole camera pattern turned about the city's centroid by a random angle and
//     shifted by a random vector (uniform in a disc), the draw kept when at least ROTATION_INSIDE
//     of the cameras stay inside the city; shares are over the cameras inside the city;
// (b) zone moves: each polygon of a zone layer turned about its centroid and moved to a random
//     place, kept when at least ZONE_INSIDE of its area (sample points) falls inside the city;
//     the cameras stay where they are.
// The pattern is aggregated first into units: the cameras of each 25 m square at their mean
// position, weighted by their number. A null then costs what the units cost (bounded by the
// city's area), not what the cameras cost; 25 m is below the geocoding error, so no statistic
// can tell the difference. Past MAX_UNITS units (a layer of hundreds of thousands of cameras)
// the squares grow to 50 m, 100 m…, and the outputs say which. The same units give the observed values the nulls are compared with.
import type { Position } from "geojson";
import type { PlanarShape } from "../geo/planar.js";
import { PartsMask, RegionMask } from "../geo/region-mask.js";
import { pointInPolygons } from "../geo/point-in-polygon.js";
import { shapeArea } from "../geo/planar.js";
import { seededRng, type Rng } from "./rng.js";
import { PointBuckets } from "./change-rotation.js";

export const UNIT_M = 25;
export const ROTATION_INSIDE = 0.9;
export const ZONE_INSIDE = 0.95;
const MAX_TRIES = 200;

type XY = [number, number];

export interface Units {
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
}

/** Most units a null moves: a pattern with more at 25 m is aggregated at 50 m, 100 m… instead. */
export const MAX_UNITS = 20_000;

/**
 * The pattern as units of UNIT_M (25 m); when that gives more than MAX_UNITS (a layer of
 * hundreds of thousands of cameras spread over the city), the unit side doubles until it does not:
 * a null's cost stays bounded by the city's area. `size` says which side was used.
 */
export function patternUnits(xy: { x: ArrayLike<number>; y: ArrayLike<number> }): Units & { size: number } {
  for (let size = UNIT_M; ; size *= 2) {
    const u = unitsOf(xy, size, MAX_UNITS);
    if (u) return { ...u, size };
  }
}

/** Units of `size` metres, or null as soon as there would be more than `max`. */
function unitsOf(xy: { x: ArrayLike<number>; y: ArrayLike<number> }, size: number, max: number): Units | null {
  // Keyed by number (no string per camera: a million cameras make a few thousand units), then
  // ordered as the "col,row" strings sort, the order the statistics have always summed in.
  const acc = new Map<number, [number, number, number, number, number]>();
  for (let i = 0; i < xy.x.length; i++) {
    const x = xy.x[i], y = xy.y[i];
    const c = Math.floor(x / size), r = Math.floor(y / size);
    const k = c * 4294967296 + (r >>> 0);
    const a = acc.get(k);
    if (a) {
      a[0] += x;
      a[1] += y;
      a[2] += 1;
    } else {
      if (acc.size >= max) return null;
      acc.set(k, [x, y, 1, c, r]);
    }
  }
  const units = [...acc.values()].map((a) => ({ a, key: `${a[3]},${a[4]}` })).sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  return {
    x: Float64Array.from(units, ({ a }) => a[0] / a[2]),
    y: Float64Array.from(units, ({ a }) => a[1] / a[2]),
    w: Float64Array.from(units, ({ a }) => a[2]),
  };
}

/** Area centroid of a multipolygon (holes subtract). */
export function centroid(polygons: Position[][][]): XY {
  let a = 0, cx = 0, cy = 0;
  for (const poly of polygons)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        a += f;
        cx += (ring[j][0] + ring[i][0]) * f;
        cy += (ring[j][1] + ring[i][1]) * f;
      }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Points inside a shape on a regular grid (about `target` of them), each standing for equal area. */
export function samplePoints(s: PlanarShape, target = 400): { pts: XY[]; areaEach: number } {
  const area = shapeArea(s.polygons);
  const step = Math.max(5, Math.sqrt(area / target));
  const pts: XY[] = [];
  for (let x = s.bbox[0] + step / 2; x < s.bbox[2]; x += step)
    for (let y = s.bbox[1] + step / 2; y < s.bbox[3]; y += step) if (pointInPolygons(x, y, s.polygons)) pts.push([x, y]);
  if (!pts.length) pts.push(centroid(s.polygons));
  return { pts, areaEach: area / pts.length };
}

export interface Move {
  theta: number;
  /** Centroid before and after. */
  from: XY;
  to: XY;
}

export const moveForward = (m: Move, p: XY): XY => {
  const c = Math.cos(m.theta), s = Math.sin(m.theta);
  const dx = p[0] - m.from[0], dy = p[1] - m.from[1];
  return [m.to[0] + c * dx - s * dy, m.to[1] + s * dx + c * dy];
};


export interface Geometry {
  city: RegionMask;
  cityCentroid: XY;
  cityBox: [number, number, number, number];
  zones: Array<{ name: string; parts: PlanarShape[] }>;
  terminals: XY[];
  terminalRadius: number;
}

/**
 * Per-zone shares (over the units inside the city) and the terminal share of the units where they
 * stand (the observed values; a turned pattern is measured by insideTurned and measureTurned).
 */
function measure(g: Geometry, ux: Float64Array, uy: Float64Array, w: Float64Array, zoneIdx: PartsMask[], inCity: Uint8Array): { zones: number[]; terminals: number } {
  let inside = 0;
  for (let i = 0; i < ux.length; i++) {
    inCity[i] = g.city.contains(ux[i], uy[i]) ? 1 : 0;
    if (inCity[i]) inside += w[i];
  }
  const zones = new Array<number>(zoneIdx.length).fill(0);
  let term = 0;
  const r2 = g.terminalRadius ** 2;
  const terminals = g.terminals, nt = terminals.length, nz = zoneIdx.length;
  for (let i = 0; i < ux.length; i++) {
    if (!inCity[i]) continue;
    const x = ux[i], y = uy[i];
    for (let k = 0; k < nz; k++) if (zoneIdx[k].contains(x, y)) zones[k] += w[i];
    for (let t = 0; t < nt; t++) {
      // dx·dx is what ** 2 gives (both correctly rounded), without a call per terminal.
      const dx = terminals[t][0] - x, dy = terminals[t][1] - y;
      if (dx * dx + dy * dy <= r2) {
        term += w[i];
        break;
      }
    }
  }
  return { zones: zones.map((z) => z / inside), terminals: g.terminals.length ? term / inside : NaN };
}

/**
 * Units grouped by BLOCK_M squares (by position), and those blocks by BIG_M squares, for the city
 * test of a turned pattern: a block is a range of `units`, a big block a range of blocks.
 */
interface Blocks {
  start: Int32Array;
  units: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  w: Float64Array;
  bigStart: Int32Array;
  bigX: Float64Array;
  bigY: Float64Array;
  bigW: Float64Array;
  /** Each block's index by its square (column · 2³² + row, as the key below). */
  at: Map<number, number>;
}
const BLOCK_M = 200;
const BIG_M = 800;

function blocksOf(u: Units): Blocks {
  const key = (x: number, y: number, side: number) => Math.floor(x / side) * 4294967296 + (Math.floor(y / side) >>> 0);
  const byKey = new Map<number, number[]>();
  for (let i = 0; i < u.x.length; i++) {
    const k = key(u.x[i], u.y[i], BLOCK_M);
    const b = byKey.get(k);
    if (b) b.push(i);
    else byKey.set(k, [i]);
  }
  // Blocks of one big block next to each other (stable: the big blocks in first-seen order).
  const byBig = new Map<number, number[][]>();
  for (const m of byKey.values()) {
    const k = key(u.x[m[0]], u.y[m[0]], BIG_M);
    const g = byBig.get(k);
    if (g) g.push(m);
    else byBig.set(k, [m]);
  }
  const bigs = [...byBig.values()];
  const groups = bigs.flat();
  const start = new Int32Array(groups.length + 1);
  groups.forEach((m, k) => (start[k + 1] = start[k] + m.length));
  const bigStart = new Int32Array(bigs.length + 1);
  bigs.forEach((g, k) => (bigStart[k + 1] = bigStart[k] + g.length));
  const weight = (m: number[]) => m.reduce((s, i) => s + u.w[i], 0);
  // A square's centre: every unit of the square lies within side/√2 of it.
  const centre = (v: number, side: number) => (Math.floor(v / side) + 0.5) * side;
  const bigX = Float64Array.from(bigs, (g) => centre(u.x[g[0][0]], BIG_M)), bigY = Float64Array.from(bigs, (g) => centre(u.y[g[0][0]], BIG_M));
  return {
    start, units: Int32Array.from(groups.flat()),
    cx: Float64Array.from(groups, (m) => centre(u.x[m[0]], BLOCK_M)),
    cy: Float64Array.from(groups, (m) => centre(u.y[m[0]], BLOCK_M)),
    w: Float64Array.from(groups, weight),
    bigStart,
    bigX, bigY,
    at: new Map(groups.map((m, k) => [key(u.x[m[0]], u.y[m[0]], BLOCK_M), k])),
    bigW: Float64Array.from(bigs, (g) => g.reduce((s, m) => s + weight(m), 0)),
  };
}

/** A turn of the pattern (the move's cos, sin and centres) with the blocks it moves. */
interface Turned {
  blocks: Blocks;
  /** The units' positions before the turn. */
  x: Float64Array;
  y: Float64Array;
  m: Move;
  cos: number;
  sin: number;
  total: number;
  /** Scratch: each big block's and block's state for this turn. */
  bigState: Uint8Array;
  blockState: Uint8Array;
  /** Scratch for measureTurned: the blocks near a terminal (all 0 between turns). */
  nearTerminal: Uint8Array;
}

/**
 * The units' city flags for a turned pattern and the weight inside, or null when less than
 * `minInside` can be inside (most rotations are rejected: at 200k cameras, 12 of 13). Coarse to
 * fine: a big block (then a block) whose turned square lies on pixels all inside (all outside)
 * the city mask is answered at once, as contains() would answer each of its units, and the big
 * blocks alone often settle a rejection; only blocks over the edge test their units. The weights
 * are counts (integers), so the sums do not depend on the order they are taken in.
 */
function insideTurned(g: Geometry, w: Float64Array, minInside: number, inCity: Uint8Array, t: Turned): number | null {
  const { blocks: b, m, cos, sin, total, bigState, blockState } = t;
  const turnedState = (cx: number, cy: number, half: number) => {
    const dx = cx - m.from[0], dy = cy - m.from[1];
    const x = m.to[0] + cos * dx - sin * dy, y = m.to[1] + sin * dx + cos * dy;
    return g.city.boxState(x - half, y - half, x + half, y + half);
  };
  // + a centimetre for the rounding of the turned coordinates
  const bigHalf = BIG_M * Math.SQRT1_2 + 0.01, half = BLOCK_M * Math.SQRT1_2 + 0.01;
  let inside = 0, outside = 0;
  for (let K = 0; K < bigState.length; K++) {
    const st = (bigState[K] = turnedState(b.bigX[K], b.bigY[K], bigHalf));
    if (st === 1) inside += b.bigW[K];
    else if (st === 0 && total - (outside += b.bigW[K]) < minInside) return null;
  }
  // The big blocks over the edge; the flags of whole blocks are set only once the turn is kept
  // (most are rejected on the way), and their states stay in the scratch for measureTurned.
  for (let K = 0; K < bigState.length; K++) {
    if (bigState[K] !== 2) continue;
    for (let k = b.bigStart[K]; k < b.bigStart[K + 1]; k++) {
      const st = (blockState[k] = turnedState(b.cx[k], b.cy[k], half));
      if (st !== 2) {
        if (st === 1) inside += b.w[k];
        else if (total - (outside += b.w[k]) < minInside) return null;
        continue;
      }
      for (let j = b.start[k]; j < b.start[k + 1]; j++) {
        const i = b.units[j];
        const ex = t.x[i] - m.from[0], ey = t.y[i] - m.from[1];
        inCity[i] = g.city.contains(m.to[0] + cos * ex - sin * ey, m.to[1] + sin * ex + cos * ey) ? 1 : 0;
        if (inCity[i]) inside += w[i];
        else if (total - (outside += w[i]) < minInside) return null;
      }
    }
  }
  const set = (j0: number, j1: number, st: number) => {
    for (let j = j0; j < j1; j++) inCity[b.units[j]] = st;
  };
  for (let K = 0; K < bigState.length; K++) {
    if (bigState[K] !== 2) set(b.start[b.bigStart[K]], b.start[b.bigStart[K + 1]], bigState[K]);
    else for (let k = b.bigStart[K]; k < b.bigStart[K + 1]; k++) if (blockState[k] !== 2) set(b.start[k], b.start[k + 1], blockState[k]);
  }
  return inside;
}

/**
 * measure() for a kept turn, block by block: the turn's city flags and the states the city test
 * left in the scratch, then for each block with units inside the city, its turned square against
 * each zone mask (boxState, exact as for the city) and the terminals' discs (with a centimetre
 * to spare either side), so that only the blocks over an edge or a disc's rim turn and test their
 * units, with the arithmetic the city test turns them with. The weights are counts: the sums are
 * the unit-by-unit ones.
 */
function measureTurned(g: Geometry, w: Float64Array, zoneIdx: PartsMask[], inCity: Uint8Array, t: Turned, inside: number): { zones: number[]; terminals: number } {
  const { blocks: b, m, cos, sin, bigState, blockState } = t;
  const nz = zoneIdx.length, terminals = g.terminals, nt = terminals.length;
  const zones = new Array<number>(nz).fill(0);
  const zoneState = new Uint8Array(nz);
  let term = 0;
  const r = g.terminalRadius, r2 = r ** 2;
  const half = BLOCK_M * Math.SQRT1_2 + 0.01;
  // A block centre nearer a terminal than √allIn2 has all its units in the disc; one farther than
  // √someIn2 from every terminal, none (a centimetre to spare, squares of non-negative distances).
  const allIn2 = r - half - 0.01 > 0 ? (r - half - 0.01) ** 2 : -1, someIn2 = (r + half + 0.01) ** 2;
  // The blocks that may reach a terminal's disc: each terminal turned back onto the pattern, the
  // blocks of the squares around it (a metre to spare for the rounding); every other block's
  // centre is farther than √someIn2 from every terminal, as the test below would find.
  const near = t.nearTerminal, reach = r + half + 1;
  for (let q = 0; q < nt; q++) {
    const ex = terminals[q][0] - m.to[0], ey = terminals[q][1] - m.to[1];
    const px = m.from[0] + cos * ex + sin * ey, py = m.from[1] - sin * ex + cos * ey;
    for (let col = Math.floor((px - reach) / BLOCK_M) - 1; col <= Math.floor((px + reach) / BLOCK_M) + 1; col++)
      for (let row = Math.floor((py - reach) / BLOCK_M) - 1; row <= Math.floor((py + reach) / BLOCK_M) + 1; row++) {
        const k = b.at.get(col * 4294967296 + (row >>> 0));
        if (k !== undefined) near[k] = 1;
      }
  }
  const bigHalf = BIG_M * Math.SQRT1_2 + 0.01, bigZone = new Uint8Array(nz);
  for (let K = 0; K < bigState.length; K++) {
    if (bigState[K] === 0) continue;
    // The big block's turned square against each zone first: all in or all out settles its blocks.
    {
      const dx = b.bigX[K] - m.from[0], dy = b.bigY[K] - m.from[1];
      const x = m.to[0] + cos * dx - sin * dy, y = m.to[1] + sin * dx + cos * dy;
      for (let z = 0; z < nz; z++) bigZone[z] = zoneIdx[z].boxState(x - bigHalf, y - bigHalf, x + bigHalf, y + bigHalf);
    }
    for (let k = b.bigStart[K]; k < b.bigStart[K + 1]; k++) {
      const city = bigState[K] !== 2 ? bigState[K] : blockState[k];
      if (city === 0) continue;
      const j0 = b.start[k], j1 = b.start[k + 1];
      // The weight of the block's units inside the city.
      let win = b.w[k];
      if (city === 2) {
        win = 0;
        for (let j = j0; j < j1; j++) if (inCity[b.units[j]]) win += w[b.units[j]];
        if (win === 0) continue;
      }
      const dx = b.cx[k] - m.from[0], dy = b.cy[k] - m.from[1];
      const x = m.to[0] + cos * dx - sin * dy, y = m.to[1] + sin * dx + cos * dy;
      let mixed = false;
      for (let z = 0; z < nz; z++) {
        const st = (zoneState[z] = bigZone[z] !== 2 ? bigZone[z] : zoneIdx[z].boxState(x - half, y - half, x + half, y + half));
        if (st === 1) zones[z] += win;
        else if (st === 2) mixed = true;
      }
      // 1: every unit within a disc; 0: none within any; 2: ask each unit.
      let termState = 0;
      if (near[k]) for (let q = 0; q < nt; q++) {
        const ddx = terminals[q][0] - x, ddy = terminals[q][1] - y, d2 = ddx * ddx + ddy * ddy;
        if (d2 < allIn2) {
          termState = 1;
          break;
        }
        if (d2 <= someIn2) termState = 2;
      }
      if (termState === 1) term += win;
      if (!mixed && termState !== 2) continue;
      for (let j = j0; j < j1; j++) {
        const i = b.units[j];
        if (!inCity[i]) continue;
        const ex = t.x[i] - m.from[0], ey = t.y[i] - m.from[1];
        const ux = m.to[0] + cos * ex - sin * ey, uy = m.to[1] + sin * ex + cos * ey;
        if (mixed) for (let z = 0; z < nz; z++) if (zoneState[z] === 2 && zoneIdx[z].contains(ux, uy)) zones[z] += w[i];
        if (termState !== 2) continue;
        for (let q = 0; q < nt; q++) {
          const ddx = terminals[q][0] - ux, ddy = terminals[q][1] - uy;
          if (ddx * ddx + ddy * ddy <= r2) {
            term += w[i];
            break;
          }
        }
      }
    }
  }
  near.fill(0);
  return { zones: zones.map((z) => z / inside), terminals: nt ? term / inside : NaN };
}

export interface RotationDraws {
  observed: { zones: number[]; terminals: number };
  zones: Float64Array[];
  terminals: Float64Array;
  accepted: number;
  tries: number;
}

export function rotationNull(u: Units, g: Geometry, draws: number, shiftM: number, seed: number): RotationDraws {
  const rng = seededRng(seed);
  const zoneIdx = g.zones.map((z) => new PartsMask(z.parts.map((p) => p.polygons)));
  const total = u.w.reduce((s, v) => s + v, 0);
  const flags = new Uint8Array(u.x.length);
  const obs = measure(g, u.x, u.y, u.w, zoneIdx, flags);
  const zones = g.zones.map(() => new Float64Array(draws));
  const terminals = new Float64Array(draws);
  const blocks = blocksOf(u);
  const bigState = new Uint8Array(blocks.bigX.length), blockState = new Uint8Array(blocks.cx.length), nearTerminal = new Uint8Array(blocks.cx.length);
  let d = 0, tries = 0;
  while (d < draws && tries < draws * MAX_TRIES) {
    tries++;
    const theta = 2 * Math.PI * rng.next();
    const rad = shiftM * Math.sqrt(rng.next()), phi = 2 * Math.PI * rng.next();
    const m: Move = { theta, from: g.cityCentroid, to: [g.cityCentroid[0] + rad * Math.cos(phi), g.cityCentroid[1] + rad * Math.sin(phi)] };
    const c = Math.cos(m.theta), sn = Math.sin(m.theta);
    const turn: Turned = { blocks, x: u.x, y: u.y, m, cos: c, sin: sn, total, bigState, blockState, nearTerminal };
    const inside = insideTurned(g, u.w, ROTATION_INSIDE * total, flags, turn);
    const v = inside === null || inside < ROTATION_INSIDE * total ? null : measureTurned(g, u.w, zoneIdx, flags, turn, inside);
    if (!v) continue;
    v.zones.forEach((s, k) => (zones[k][d] = s));
    terminals[d] = v.terminals;
    d++;
  }
  return { observed: { zones: obs.zones, terminals: obs.terminals }, zones: zones.map((z) => z.subarray(0, d)), terminals: terminals.subarray(0, d), accepted: d, tries };
}

/** A random placement of one part: turned and moved, ≥ ZONE_INSIDE of it inside the city. */
function placePart(g: Geometry, part: PlanarShape, sample: XY[], from: XY, rng: Rng): Move | null {
  for (let t = 0; t < MAX_TRIES; t++) {
    const m: Move = { theta: 2 * Math.PI * rng.next(), from, to: [g.cityBox[0] + rng.next() * (g.cityBox[2] - g.cityBox[0]), g.cityBox[1] + rng.next() * (g.cityBox[3] - g.cityBox[1])] };
    const c = Math.cos(m.theta), s = Math.sin(m.theta);
    const need = ZONE_INSIDE * sample.length;
    let inside = 0, out = 0;
    for (const p of sample) {
      const dx = p[0] - from[0], dy = p[1] - from[1];
      if (g.city.contains(m.to[0] + c * dx - s * dy, m.to[1] + s * dx + c * dy)) inside++;
      else if (++out > sample.length - need) break;
    }
    if (inside >= need) return m;
  }
  return null;
}

export interface ZoneMoveDraws {
  zone: string;
  observed: number;
  draws: Float64Array;
  /** Parts that found no place ≥ 95 % inside the city in MAX_TRIES and stayed put. */
  parts_not_moved: number;
  /** The moves of each draw (kept for the placebo refits). */
  moves: Move[][];
}

export function zoneMoveNull(u: Units, g: Geometry, zone: { name: string; parts: PlanarShape[] }, draws: number, seed: number): ZoneMoveDraws {
  const rng = seededRng(seed);
  const parts = zone.parts.map((p) => ({ shape: p, idx: new RegionMask(p.polygons, 10), c: centroid(p.polygons), sample: samplePoints(p, 200).pts, r: radius(p) }));
  const inCity = new Uint8Array(u.x.length);
  let total = 0;
  for (let i = 0; i < u.x.length; i++) if (g.city.contains(u.x[i], u.y[i])) {
    inCity[i] = 1;
    total += u.w[i];
  }
  let obs = 0;
  for (let i = 0; i < u.x.length; i++) if (inCity[i] && parts.some((p) => p.idx.contains(u.x[i], u.y[i]))) obs += u.w[i];
  const out = new Float64Array(draws);
  const hit = new Uint8Array(u.x.length);
  const moves: Move[][] = [];
  // The units in square buckets: a moved part looks only at the units near it (the same units
  // pass the box test below; which are hit does not depend on the order they are looked at).
  const buckets = new PointBuckets(u.x, u.y);
  const near = buckets.scratch;
  let stuck = 0;
  for (let d = 0; d < draws; d++) {
    hit.fill(0);
    let sum = 0;
    const ms: Move[] = [];
    for (const p of parts) {
      const m = placePart(g, p.shape, p.sample, p.c, rng) ?? (stuck++, { theta: 0, from: p.c, to: p.c });
      ms.push(m);
      const c = Math.cos(m.theta), s = Math.sin(m.theta);
      const k = buckets.near(m.to[0] - p.r, m.to[1] - p.r, m.to[0] + p.r, m.to[1] + p.r, near);
      for (let t = 0; t < k; t++) {
        const i = near[t];
        if (hit[i] || !inCity[i] || Math.abs(u.x[i] - m.to[0]) > p.r || Math.abs(u.y[i] - m.to[1]) > p.r) continue;
        const dx = u.x[i] - m.to[0], dy = u.y[i] - m.to[1];
        if (p.idx.contains(m.from[0] + c * dx + s * dy, m.from[1] - s * dx + c * dy)) {
          hit[i] = 1;
          sum += u.w[i];
        }
      }
    }
    moves.push(ms);
    // The hit units' weight summed as they are hit: counts, so the order does not matter.
    out[d] = sum / total;
  }
  return { zone: zone.name, observed: obs / total, draws: out, parts_not_moved: stuck, moves };
}

function radius(p: PlanarShape): number {
  const c = centroid(p.polygons);
  let r = 0;
  for (const poly of p.polygons) for (const ring of poly) for (const q of ring) r = Math.max(r, Math.hypot(q[0] - c[0], q[1] - c[1]));
  return r;
}
