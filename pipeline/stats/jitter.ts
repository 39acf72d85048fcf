// Geocoding uncertainty: each camera's position is redrawn from a 2-D normal around it, σ set by
// its geocode_confidence (σ = σ₁ at confidence 1, growing linearly to σ₀ at confidence 0; a
// missing confidence counts as 1), and the observed statistics are recomputed on the jittered
// positions. The tests are re-run on each replicate against the same null draws (the nulls do not
// depend on where the cameras are), which shows how far position errors could move the verdict.
import { transformer } from "../geo/crs.js";
import type { PartsMask } from "../geo/region-mask.js";
import { seededRng } from "./rng.js";
import { statistics, statisticNames, type Statistic, type Values } from "./permutation.js";

export interface JitterSettings {
  replicates: number;
  sigmaAtFull: number;
  sigmaAtZero: number;
  seed: number;
}

/** The cell under a point (EPSG:3035 metres), with its income rank and mean income. */
export interface CellLookup {
  at(x: number, y: number): { rank: number; income: number } | undefined;
  /**
   * The same answers as columns (a replicate looks up every camera): the cell's row under a
   * point (-1 for none) and each row's rank and income (rank NaN where at() gives undefined).
   */
  table?: {
    index(x: number, y: number): number; rank: Float64Array; income: Float64Array;
    /** Side of the lattice squares index() finds (floor(x / size), from the origin); without it every jittered point is looked up. */
    size?: number;
  };
}

export function sigmaFor(confidence: number | null, s: JitterSettings): number {
  const c = confidence === null || !Number.isFinite(confidence) ? 1 : Math.max(0, Math.min(1, confidence));
  return s.sigmaAtFull + (1 - c) * (s.sigmaAtZero - s.sigmaAtFull);
}

type XY = [number, number];

/** The declared zones, in order, as masks (a lookup per camera per replicate). */
export interface ZoneIndexes {
  names: string[];
  masks: PartsMask[];
  income: boolean;
}

/** The cameras in EPSG:3035 (the income grid's system), once for the observed values and the jitter. */
export interface Laea {
  lx: Float64Array;
  ly: Float64Array;
}

/** Planar positions (EPSG:2154 metres) as two columns: the join's table holds them so, no pair per camera. */
export interface Planar {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * How far a position laeaOf takes from lon/lat may be from the 2154 → 3035 projection of the same
 * camera's planar position, which the statistics are defined on (both are PROJ's; they part by the
 * inverse Lambert-93's iteration: at most 1.6 µm over a million cameras in Paris). The jitter keeps
 * this much more distance from a lattice side before it trusts a shortcut.
 */
export const LAEA_AGREEMENT_M = 1e-5;
/** Within this of a lattice side, laeaOf takes the 2154 → 3035 projection itself: the cell must be the same. */
const SIDE_FALLBACK_M = 1e-3;

/**
 * The cameras in EPSG:3035. With their lon/lat and the lattice's side, projected from lon/lat (one
 * projection, as the join places them in cells; 2154 → 3035 first inverts Lambert-93 and costs
 * three times as much), except within SIDE_FALLBACK_M of a lattice side, where the 2154 → 3035
 * value is taken: every camera lands in the same square either way, and every position is within
 * LAEA_AGREEMENT_M of the 2154 → 3035 one.
 */
export function laeaOf(xy: Planar, lonlat?: { lon: ArrayLike<number>; lat: ArrayLike<number> }, size?: number): Laea {
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const n = xy.x.length;
  const lx = new Float64Array(n), ly = new Float64Array(n);
  if (!lonlat || !size) {
    for (let i = 0; i < n; i++) [lx[i], ly[i]] = toLaea([xy.x[i], xy.y[i]]);
    return { lx, ly };
  }
  const fromLonLat = transformer("EPSG:4326", "EPSG:3035");
  const near = (v: number) => {
    const f = v - Math.floor(v / size) * size;
    return f < SIDE_FALLBACK_M || size - f < SIDE_FALLBACK_M;
  };
  for (let i = 0; i < n; i++) {
    [lx[i], ly[i]] = fromLonLat([lonlat.lon[i], lonlat.lat[i]]);
    if (near(lx[i]) || near(ly[i]) || !Number.isFinite(lx[i]) || !Number.isFinite(ly[i])) [lx[i], ly[i]] = toLaea([xy.x[i], xy.y[i]]);
  }
  return { lx, ly };
}

/** Observed statistics of cameras at planar positions xy (EPSG:2154); `laea` the same points in EPSG:3035, needed when the zones carry income. */
export function observedAt(xy: Planar, zones: ZoneIndexes, cells: CellLookup, laea: Laea = zones.income ? laeaOf(xy) : { lx: new Float64Array(xy.x.length), ly: new Float64Array(xy.x.length) }): Values {
  return statisticsAt(xy.x, xy.y, laea.lx, laea.ly, zones, cells);
}

/** The statistics of cameras at (x, y) in EPSG:2154, (lx, ly) the same points in EPSG:3035. */
function statisticsAt(x: ArrayLike<number>, y: ArrayLike<number>, lx: Float64Array, ly: Float64Array, zones: ZoneIndexes, cells: CellLookup): Values {
  const inZone = new Float64Array(zones.names.length);
  let rankSum = 0, incomeSum = 0, withIncome = 0;
  const t = cells.table;
  for (let i = 0; i < x.length; i++) {
    for (let k = 0; k < zones.masks.length; k++) if (zones.masks[k].contains(x[i], y[i])) inZone[k]++;
    if (!zones.income) continue;
    if (t) {
      const j = t.index(lx[i], ly[i]);
      if (j >= 0 && !Number.isNaN(t.rank[j])) {
        rankSum += t.rank[j];
        incomeSum += t.income[j];
        withIncome++;
      }
      continue;
    }
    const c = cells.at(lx[i], ly[i]);
    if (c && !Number.isNaN(c.rank)) {
      rankSum += c.rank;
      incomeSum += c.income;
      withIncome++;
    }
  }
  return statistics(zones.names, zones.income, x.length, inZone, rankSum, incomeSum, withIncome);
}

/** The finite-difference Jacobian of 2154 → 3035 at p (over 1 m), as [∂lx/∂x, ∂lx/∂y, ∂ly/∂x, ∂ly/∂y]. */
function jacobianAt(p: XY, toLaea: (p: XY) => XY, base: XY = toLaea(p)): [number, number, number, number] {
  const ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
  return [ex[0] - base[0], ey[0] - base[0], ex[1] - base[1], ey[1] - base[1]];
}

/**
 * The map 2154 → 3035 over the cameras, summarised: the Jacobian at the centre of their box
 * (`centre`), how far any camera's Jacobian may be from it entrywise (`spread`: twice the largest
 * difference at the box's corners — over a city the Jacobian is all but linear, so its extremes are
 * at the corners), and how far a move of m metres on each axis may move a point along either
 * 3035 axis (`stretch` × m, with 2 % to spare).
 */
function laeaSummary(xy: Planar, toLaea: (p: XY) => XY): { centre: number[]; spread: number; stretch: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xy.x.length; i++) {
    const x = xy.x[i], y = xy.y[i];
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const centre = jacobianAt([(x0 + x1) / 2, (y0 + y1) / 2], toLaea);
  let spread = 0, stretch = Math.max(Math.abs(centre[0]) + Math.abs(centre[1]), Math.abs(centre[2]) + Math.abs(centre[3]));
  for (const p of [[x0, y0], [x0, y1], [x1, y0], [x1, y1]] as XY[]) {
    const j = jacobianAt(p, toLaea);
    for (let k = 0; k < 4; k++) spread = Math.max(spread, Math.abs(j[k] - centre[k]));
    stretch = Math.max(stretch, Math.abs(j[0]) + Math.abs(j[1]), Math.abs(j[2]) + Math.abs(j[3]));
  }
  return { centre, spread: 2 * spread, stretch: stretch * 1.02 };
}

/** The observed statistics on each jittered replicate. */
export function jitterReplicates(
  xy: Planar, confidence: Array<number | null>, s: JitterSettings, zones: ZoneIndexes, cells: CellLookup, laea: Laea = laeaOf(xy),
): Record<Statistic, number[]> {
  const names = statisticNames(zones.names, zones.income);
  const rng = seededRng(s.seed);
  const n = xy.x.length;
  const { x: px, y: py } = xy;
  const Z = zones.masks.length;
  const sig = new Float64Array(n);
  for (let i = 0; i < n; i++) sig[i] = sigmaFor(confidence[i], s);
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const { lx: bx, ly: by } = laea;
  const t = cells.table;
  // Each camera's answers where it stands, and how far it may move (each axis) before any could
  // change: the zone masks' steady radius (geo/steady-radius.ts) and, for the cell, the distance
  // to its lattice square's sides over the 2154 → 3035 stretch. Most moves of a few metres stay
  // inside: those cameras keep their answers, and only the others ask the masks and the grid.
  // The sums run over every camera in the same order as before, so they are the same numbers.
  const baseIn = new Uint8Array(n * Z), baseCell = new Int32Array(n).fill(-1);
  const zoneSteady = new Float64Array(n), cellSteady = new Float64Array(n);
  // South-west corner of each base point's lattice square (EPSG:3035).
  const sqx = new Float64Array(n), sqy = new Float64Array(n);
  const lattice = zones.income && t && t.size ? t : null;
  const size = lattice ? lattice.size! : 0;
  const map = lattice ? laeaSummary(xy, toLaea) : null;
  for (let i = 0; i < n; i++) {
    const x = px[i], y = py[i];
    let r = Infinity;
    for (let k = 0; k < Z; k++) {
      baseIn[i * Z + k] = zones.masks[k].contains(x, y) ? 1 : 0;
      r = Math.min(r, zones.masks[k].steadyRadius(x, y));
    }
    zoneSteady[i] = r;
    if (lattice && map) {
      baseCell[i] = lattice.index(bx[i], by[i]);
      sqx[i] = Math.floor(bx[i] / size) * size;
      sqy[i] = Math.floor(by[i] / size) * size;
      const ox = bx[i] - sqx[i], oy = by[i] - sqy[i];
      // Less the distance by which the base position may differ from the 2154 → 3035 one (laeaOf).
      cellSteady[i] = Math.max(0, (Math.min(ox, size - ox, oy, size - oy) - 1e-6 - LAEA_AGREEMENT_M) / map.stretch);
    }
  }
  // The grid position of a moved point by the local Jacobian of 2154 → 3035 (finite differences
  // over 1 m): over ~100 m the map is affine to well under a millimetre, and no PROJ call per draw.
  // A camera's own Jacobian is made (NaN until then) only when the centre's, within its spread,
  // leaves the moved point's square in doubt: the few that land within centimetres of a side. It
  // starts from the camera's 2154 → 3035 position, made with it (the base positions given may
  // differ from it by LAEA_AGREEMENT_M): six numbers per camera, the Jacobian then the position.
  const jac = new Float64Array(6 * n).fill(NaN);
  const moved = (i: number, dx: number, dy: number): XY => {
    if (Number.isNaN(jac[6 * i])) {
      const base = toLaea([px[i], py[i]]);
      jac.set(jacobianAt([px[i], py[i]], toLaea, base), 6 * i);
      jac.set(base, 6 * i + 4);
    }
    return [jac[6 * i + 4] + jac[6 * i] * dx + jac[6 * i + 1] * dy, jac[6 * i + 5] + jac[6 * i + 2] * dx + jac[6 * i + 3] * dy];
  };
  const exactCell = (i: number, dx: number, dy: number) => {
    const [lx, ly] = moved(i, dx, dy);
    return lattice ? lattice.index(lx, ly) : -1;
  };
  // The normals are rng.normal()'s, pair by pair (Box–Muller on two uniforms u, v: radius
  // √(−2 ln u), angle 2πv), made only when needed: with u above `calm`, the radius is too short to
  // leave the camera's steady square on either axis, whatever the angle, and the camera keeps its
  // answers without a logarithm or a cosine. The uniforms are drawn in the same order as before.
  const calm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = lattice ? Math.min(zoneSteady[i], cellSteady[i]) : zones.income ? 0 : zoneSteady[i];
    calm[i] = r > 0 ? Math.exp(-0.5 * ((r * (1 - 1e-9)) / sig[i]) ** 2) : 1;
  }
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Statistic, number[]>;
  const u = new Float64Array(2 * n);
  const inZone = new Float64Array(Z);
  for (let rep = 0; rep < s.replicates; rep++) {
    rng.uniforms(u);
    // Past the bulk uniforms (a u of exactly 0 is drawn again, as normal() does): the stream goes on.
    let q = 0;
    const uniform = () => (q < u.length ? u[q++] : (q++, rng.next()));
    inZone.fill(0);
    let rankSum = 0, incomeSum = 0, withIncome = 0;
    for (let i = 0; i < n; i++) {
      let a = uniform();
      while (a === 0) a = uniform();
      const b = uniform();
      if (a > calm[i]) {
        for (let k = 0; k < Z; k++) inZone[k] += baseIn[i * Z + k];
        if (!zones.income) continue;
        const j = baseCell[i];
        if (j >= 0 && lattice && !Number.isNaN(lattice.rank[j])) {
          rankSum += lattice.rank[j];
          incomeSum += lattice.income[j];
          withIncome++;
        }
        continue;
      }
      const rad = Math.sqrt(-2 * Math.log(a)), angle = 2 * Math.PI * b;
      const dx = sig[i] * (rad * Math.cos(angle)), dy = sig[i] * (rad * Math.sin(angle));
      const m = Math.max(Math.abs(dx), Math.abs(dy));
      if (m < zoneSteady[i]) for (let k = 0; k < Z; k++) inZone[k] += baseIn[i * Z + k];
      else {
        const mx = px[i] + dx, my = py[i] + dy;
        for (let k = 0; k < Z; k++) if (zones.masks[k].contains(mx, my)) inZone[k]++;
      }
      if (!zones.income) continue;
      let rank = NaN, income = NaN;
      if (lattice && map) {
        let j: number;
        if (m < cellSteady[i]) j = baseCell[i];
        else {
          // The moved point by the centre's Jacobian, give or take what its own could differ by.
          const c = map.centre, err = map.spread * (Math.abs(dx) + Math.abs(dy)) + 1e-6 + LAEA_AGREEMENT_M;
          const ax = bx[i] + c[0] * dx + c[1] * dy, ay = by[i] + c[2] * dx + c[3] * dy;
          // Most such moves stay in the base point's own square, sides and all.
          const fx = ax - sqx[i], fy = ay - sqy[i];
          if (fx > err && fx < size - err && fy > err && fy < size - err) j = baseCell[i];
          else {
            const sure = Math.floor((ax - err) / size) === Math.floor((ax + err) / size) && Math.floor((ay - err) / size) === Math.floor((ay + err) / size);
            j = sure ? lattice.index(ax, ay) : exactCell(i, dx, dy);
          }
        }
        if (j >= 0) { rank = lattice.rank[j]; income = lattice.income[j]; }
      } else {
        // No lattice to reason on: every moved point is looked up.
        const [lx, ly] = moved(i, dx, dy);
        const cell = t ? { rank: t.rank[t.index(lx, ly)] ?? NaN, income: t.income[t.index(lx, ly)] ?? NaN } : cells.at(lx, ly);
        if (cell) { rank = cell.rank; income = cell.income; }
      }
      if (!Number.isNaN(rank)) {
        rankSum += rank;
        incomeSum += income;
        withIncome++;
      }
    }
    const v = statistics(zones.names, zones.income, n, inZone, rankSum, incomeSum, withIncome);
    for (const k of names) out[k].push(v[k]);
  }
  return out;
}
