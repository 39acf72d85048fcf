// Geocoding uncertainty: each camera's position is redrawn from a 2-D normal around it, σ set by
// its geocode_confidence (σ = σ₁ at confidence 1, growing linearly to σ₀ at confidence 0; a
// missing confidence counts as 1), and the observed statistics are recomputed on the jittered
// positions. The tests are re-run on each replicate against the same null draws (the nulls do not
// depend on where the cameras are), which shows how far position errors could move the verdict.
import { transformer } from "../geo/crs.js";
import { cellId } from "../geo/inspire-grid.js";
import type { PolygonIndex } from "../geo/spatial-index.js";
import { seededRng } from "./rng.js";
import { statistics, STATISTICS, type Statistic, type Values } from "./permutation.js";

export interface JitterSettings {
  replicates: number;
  sigmaAtFull: number;
  sigmaAtZero: number;
  seed: number;
}

export interface CellLookup {
  get(id: string): { rank: number; income: number } | undefined;
}

export function sigmaFor(confidence: number | null, s: JitterSettings): number {
  const c = confidence === null || !Number.isFinite(confidence) ? 1 : Math.max(0, Math.min(1, confidence));
  return s.sigmaAtFull + (1 - c) * (s.sigmaAtZero - s.sigmaAtFull);
}

/** Observed statistics of cameras at planar positions xy (EPSG:2154). */
export function observedAt(xy: Array<[number, number]>, zti: PolygonIndex, zsp: PolygonIndex, cells: CellLookup): Values {
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  let inZti = 0, inZsp = 0, rankSum = 0, incomeSum = 0, withIncome = 0;
  for (const p of xy) {
    if (zti.first(p[0], p[1]) >= 0) inZti++;
    if (zsp.first(p[0], p[1]) >= 0) inZsp++;
    const l = toLaea(p);
    const c = cells.get(cellId(l[0], l[1]));
    if (c && !Number.isNaN(c.rank)) {
      rankSum += c.rank;
      incomeSum += c.income;
      withIncome++;
    }
  }
  return statistics(xy.length, inZti, inZsp, rankSum, incomeSum, withIncome);
}

/** The observed statistics on each jittered replicate. */
export function jitterReplicates(
  xy: Array<[number, number]>, confidence: Array<number | null>, s: JitterSettings, zti: PolygonIndex, zsp: PolygonIndex, cells: CellLookup,
): Record<Statistic, number[]> {
  const rng = seededRng(s.seed);
  const sig = confidence.map((c) => sigmaFor(c, s));
  const out = Object.fromEntries(STATISTICS.map((k) => [k, [] as number[]])) as Record<Statistic, number[]>;
  for (let r = 0; r < s.replicates; r++) {
    const moved = xy.map((p, i): [number, number] => [p[0] + sig[i] * rng.normal(), p[1] + sig[i] * rng.normal()]);
    const v = observedAt(moved, zti, zsp, cells);
    for (const k of STATISTICS) out[k].push(v[k]);
  }
  return out;
}
