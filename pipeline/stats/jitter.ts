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

export function laeaOf(xy: XY[]): Laea {
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const lx = new Float64Array(xy.length), ly = new Float64Array(xy.length);
  xy.forEach((p, i) => ([lx[i], ly[i]] = toLaea(p)));
  return { lx, ly };
}

/** Observed statistics of cameras at planar positions xy (EPSG:2154); `laea` the same points in EPSG:3035, needed when the zones carry income. */
export function observedAt(xy: XY[], zones: ZoneIndexes, cells: CellLookup, laea: Laea = zones.income ? laeaOf(xy) : { lx: new Float64Array(xy.length), ly: new Float64Array(xy.length) }): Values {
  const x = Float64Array.from(xy, (p) => p[0]), y = Float64Array.from(xy, (p) => p[1]);
  return statisticsAt(x, y, laea.lx, laea.ly, zones, cells);
}

/** The statistics of cameras at (x, y) in EPSG:2154, (lx, ly) the same points in EPSG:3035. */
function statisticsAt(x: Float64Array, y: Float64Array, lx: Float64Array, ly: Float64Array, zones: ZoneIndexes, cells: CellLookup): Values {
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

/**
 * Bound on how far a move of m metres (each axis) in EPSG:2154 moves a point in EPSG:3035 along
 * either axis: |cos θ| + |sin θ| times the scale, θ the angle between the two grids' norths. Taken
 * from the Jacobian at the cameras' corners and centre, with 2 % to spare (over a city θ and the
 * scale vary by far less).
 */
function laeaStretch(xy: XY[], toLaea: (p: XY) => XY): number {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of xy) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  let k = 0;
  for (const p of [[x0, y0], [x0, y1], [x1, y0], [x1, y1], [(x0 + x1) / 2, (y0 + y1) / 2]] as XY[]) {
    const b = toLaea(p), ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
    k = Math.max(k, Math.abs(ex[0] - b[0]) + Math.abs(ey[0] - b[0]), Math.abs(ex[1] - b[1]) + Math.abs(ey[1] - b[1]));
  }
  return k * 1.02;
}

/** The observed statistics on each jittered replicate. */
export function jitterReplicates(
  xy: Array<[number, number]>, confidence: Array<number | null>, s: JitterSettings, zones: ZoneIndexes, cells: CellLookup, laea: Laea = laeaOf(xy),
): Record<Statistic, number[]> {
  const names = statisticNames(zones.names, zones.income);
  const rng = seededRng(s.seed);
  const n = xy.length;
  const Z = zones.masks.length;
  const sig = Float64Array.from(confidence, (c) => sigmaFor(c, s));
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const { lx: bx, ly: by } = laea;
  const t = cells.table;
  // Each camera's answers where it stands, and how far it may move (each axis) before any could
  // change: the zone masks' steady radius (geo/steady-radius.ts) and, for the cell, the distance
  // to its lattice square's sides over the 2154 → 3035 stretch. Most moves of a few metres stay
  // inside: those cameras keep their answers, and only the others ask the masks and the grid.
  // The sums run over every camera in the same order as before, so they are the same numbers.
  const baseIn = new Uint8Array(n * Z), baseCell = new Int32Array(n).fill(-1), steady = new Float64Array(n);
  const stretch = zones.income && t ? laeaStretch(xy, toLaea) : 1;
  const size = t?.size ?? 0; // 0: no lattice to reason on
  for (let i = 0; i < n; i++) {
    const [x, y] = xy[i];
    let r = Infinity;
    for (let k = 0; k < Z; k++) {
      baseIn[i * Z + k] = zones.masks[k].contains(x, y) ? 1 : 0;
      r = Math.min(r, zones.masks[k].steadyRadius(x, y));
    }
    if (zones.income) {
      if (t && size > 0) {
        baseCell[i] = t.index(bx[i], by[i]);
        const ox = bx[i] - Math.floor(bx[i] / size) * size, oy = by[i] - Math.floor(by[i] / size) * size;
        r = Math.min(r, (Math.min(ox, size - ox, oy, size - oy) - 1e-6) / stretch);
      } else r = 0; // no grid to reason on: every move asks
    }
    steady[i] = Math.max(0, r);
  }
  // The grid position of a moved point by the local Jacobian of 2154 → 3035 (finite differences
  // over 1 m): over ~100 m the map is affine to well under a millimetre, and no PROJ call per draw.
  // Made on a camera's first move that leaves its steady square (NaN until then).
  const jac = new Float64Array(4 * n).fill(NaN);
  const jacobian = (i: number) => {
    const p = xy[i], ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
    jac[4 * i] = ex[0] - bx[i];
    jac[4 * i + 1] = ey[0] - bx[i];
    jac[4 * i + 2] = ex[1] - by[i];
    jac[4 * i + 3] = ey[1] - by[i];
  };
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Statistic, number[]>;
  const z = new Float64Array(2 * n);
  const inZone = new Float64Array(Z);
  for (let rep = 0; rep < s.replicates; rep++) {
    rng.normals(z);
    inZone.fill(0);
    let rankSum = 0, incomeSum = 0, withIncome = 0;
    for (let i = 0; i < n; i++) {
      const dx = sig[i] * z[2 * i], dy = sig[i] * z[2 * i + 1];
      const still = Math.abs(dx) < steady[i] && Math.abs(dy) < steady[i];
      if (still) for (let k = 0; k < Z; k++) inZone[k] += baseIn[i * Z + k];
      else {
        const mx = xy[i][0] + dx, my = xy[i][1] + dy;
        for (let k = 0; k < Z; k++) if (zones.masks[k].contains(mx, my)) inZone[k]++;
      }
      if (!zones.income) continue;
      let rank = NaN, income = NaN;
      if (still && t) {
        const j = baseCell[i];
        if (j >= 0) { rank = t.rank[j]; income = t.income[j]; }
      } else {
        if (Number.isNaN(jac[4 * i])) jacobian(i);
        const lx = bx[i] + jac[4 * i] * dx + jac[4 * i + 1] * dy;
        const ly = by[i] + jac[4 * i + 2] * dx + jac[4 * i + 3] * dy;
        if (t) {
          const j = t.index(lx, ly);
          if (j >= 0) { rank = t.rank[j]; income = t.income[j]; }
        } else {
          const c = cells.at(lx, ly);
          if (c) { rank = c.rank; income = c.income; }
        }
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
