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
  table?: { index(x: number, y: number): number; rank: Float64Array; income: Float64Array };
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

/** The observed statistics on each jittered replicate. */
export function jitterReplicates(
  xy: Array<[number, number]>, confidence: Array<number | null>, s: JitterSettings, zones: ZoneIndexes, cells: CellLookup, laea: Laea = laeaOf(xy),
): Record<Statistic, number[]> {
  const names = statisticNames(zones.names, zones.income);
  const rng = seededRng(s.seed);
  const n = xy.length;
  const sig = Float64Array.from(confidence, (c) => sigmaFor(c, s));
  // The grid position of a moved point by the local Jacobian of 2154 → 3035 (finite differences
  // over 1 m): over ~100 m the map is affine to well under a millimetre, and no PROJ call per draw.
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const { lx: bx, ly: by } = laea;
  const jac = new Float64Array(4 * n);
  xy.forEach((p, i) => {
    const ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
    jac[4 * i] = ex[0] - bx[i];
    jac[4 * i + 1] = ey[0] - bx[i];
    jac[4 * i + 2] = ex[1] - by[i];
    jac[4 * i + 3] = ey[1] - by[i];
  });
  // Flat arrays reused by every replicate: a replicate of a million cameras allocates nothing.
  const mx = new Float64Array(n), my = new Float64Array(n), lx = new Float64Array(n), ly = new Float64Array(n);
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Statistic, number[]>;
  const z = new Float64Array(2 * n);
  for (let r = 0; r < s.replicates; r++) {
    rng.normals(z);
    for (let i = 0; i < n; i++) {
      const dx = sig[i] * z[2 * i], dy = sig[i] * z[2 * i + 1];
      mx[i] = xy[i][0] + dx;
      my[i] = xy[i][1] + dy;
      lx[i] = bx[i] + jac[4 * i] * dx + jac[4 * i + 1] * dy;
      ly[i] = by[i] + jac[4 * i + 2] * dx + jac[4 * i + 3] * dy;
    }
    const v = statisticsAt(mx, my, lx, ly, zones, cells);
    for (const k of names) out[k].push(v[k]);
  }
  return out;
}
