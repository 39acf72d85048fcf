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

/** Observed statistics of cameras at planar positions xy (EPSG:2154), laea the same in EPSG:3035. */
export function observedAt(xy: XY[], zones: ZoneIndexes, cells: CellLookup, laea?: XY[]): Values {
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const inZone = new Float64Array(zones.names.length);
  let rankSum = 0, incomeSum = 0, withIncome = 0;
  for (let i = 0; i < xy.length; i++) {
    const p = xy[i];
    for (let k = 0; k < zones.masks.length; k++) if (zones.masks[k].contains(p[0], p[1])) inZone[k]++;
    if (!zones.income) continue;
    const l = laea ? laea[i] : toLaea(p);
    const c = cells.at(l[0], l[1]);
    if (c && !Number.isNaN(c.rank)) {
      rankSum += c.rank;
      incomeSum += c.income;
      withIncome++;
    }
  }
  return statistics(zones.names, zones.income, xy.length, inZone, rankSum, incomeSum, withIncome);
}

/** The observed statistics on each jittered replicate. */
export function jitterReplicates(
  xy: Array<[number, number]>, confidence: Array<number | null>, s: JitterSettings, zones: ZoneIndexes, cells: CellLookup,
): Record<Statistic, number[]> {
  const names = statisticNames(zones.names, zones.income);
  const rng = seededRng(s.seed);
  const sig = confidence.map((c) => sigmaFor(c, s));
  // The grid position of a moved point by the local Jacobian of 2154 → 3035 (finite differences
  // over 1 m): over ~100 m the map is affine to well under a millimetre, and no PROJ call per draw.
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const base = xy.map((p) => toLaea(p));
  const jac = xy.map((p, i) => {
    const ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
    return [ex[0] - base[i][0], ey[0] - base[i][0], ex[1] - base[i][1], ey[1] - base[i][1]];
  });
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<Statistic, number[]>;
  for (let r = 0; r < s.replicates; r++) {
    const d = xy.map((_, i): XY => [sig[i] * rng.normal(), sig[i] * rng.normal()]);
    const moved = xy.map((p, i): XY => [p[0] + d[i][0], p[1] + d[i][1]]);
    const laea = base.map((b, i): XY => [b[0] + jac[i][0] * d[i][0] + jac[i][1] * d[i][1], b[1] + jac[i][2] * d[i][0] + jac[i][3] * d[i][1]]);
    const v = observedAt(moved, zones, cells, laea);
    for (const k of names) out[k].push(v[k]);
  }
  return out;
}
