// The permutation tests of the hypothesis: the cameras' share in each declared zone, the concentration
// index over income and the mean income at camera locations, against three nulls (uniform over the
// city's area; proportional to residents; on street crossings), plus geocoding jitter.
import type { Feature } from "geojson";
import { toPlanarShape } from "../geo/planar.js";
import { PartsMask } from "../geo/region-mask.js";
import { fractionalRanks } from "./concentration.js";
import { NOT_COMPUTED, cameraConfidences, cameraSources, type StatsCameras, type StatsInputs } from "./inputs.js";
import { jitterReplicates, laeaOf, observedAt, type JitterSettings, type ZoneIndexes } from "./jitter.js";
import { quantile } from "./quantile.js";
import { cellAt, lattice } from "./spatial-grid.js";
import { onThread } from "../core/on-thread.js";
import { compare, statisticNames, type Site, type Statistic, type TestResult, type Values } from "./permutation.js";

export const NULLS = ["uniform_area", "residents", "street_crossings"] as const;
export type NullName = (typeof NULLS)[number];

export const NULL_LABELS: Record<NullName, string> = {
  uniform_area: "uniform over the city's area (200 m cells weighted by their area inside the city)",
  residents: "proportional to residents (inhabited cells weighted by INSEE Ind)",
  street_crossings: "on a street crossing (OSM crossings inside the city, equally likely; drawn as counts per cell)",
};

/**
 * Position draws the geocoding jitter may make (cameras × replicates). The jitter describes how
 * far position errors could move the statistics; it decides no grade. With very many cameras its
 * spread shrinks (as 1/√cameras) and its cost does not, so beyond ~100,000 cameras at 99
 * replicates it makes fewer replicates, at least MIN_JITTER_REPLICATES, and says so.
 */
export const JITTER_DRAW_BUDGET = 10_000_000;
export const MIN_JITTER_REPLICATES = 9;

export function jitterReplicateCount(cameras: number, asked: number): number {
  if (cameras * asked <= JITTER_DRAW_BUDGET) return asked;
  return Math.min(asked, Math.max(MIN_JITTER_REPLICATES, Math.floor(JITTER_DRAW_BUDGET / cameras)));
}

export interface PermutationSettings {
  seed: number;
  draws: number;
  jitter: JitterSettings;
}

export function settingsFrom(s: Record<string, unknown>): PermutationSettings {
  const seed = Number(s.seed ?? 20190201);
  const sigma = (s.jitter_sigma_m as number[] | undefined) ?? [15, 100];
  return {
    seed,
    draws: Number(s.permutations ?? 999),
    jitter: { replicates: Number(s.jitter_replicates ?? 99), sigmaAtFull: Number(sigma[0]), sigmaAtZero: Number(sigma[1]), seed: seed + 7919 },
  };
}

export async function runPermutationTests(inputs: StatsInputs, zoneFeatures: Record<string, Feature[]>, st: PermutationSettings) {
  const cells = inputs.cells;
  const zones = inputs.zones;
  const income = inputs.available.income;
  const names = statisticNames(zones, income);
  const ranks = fractionalRanks(cells.map((c) => ({ weight: c.inhabited && c.mean_income !== null ? c.Ind : 0, rank: c.mean_income ?? 0 })));
  const byId = new Map(cells.map((c, i) => [c.id, { rank: ranks[i], income: c.mean_income ?? NaN, c, i }]));
  const cellSite = (c: (typeof cells)[number], weight: number, i: number): Site => ({
    weight,
    pZone: zones.map((z) => (c.city_area_m2 > 0 ? Math.min(1, c.zone_area_m2[z] / c.city_area_m2) : 0)),
    rank: ranks[i],
    income: c.mean_income ?? NaN,
  });
  const sites: Record<NullName, Site[]> = {
    uniform_area: cells.map((c, i) => cellSite(c, c.city_area_m2, i)).filter((s) => s.weight > 0),
    residents: income ? cells.map((c, i) => cellSite(c, c.inhabited ? c.Ind : 0, i)).filter((s) => s.weight > 0) : [],
    // Crossings come collapsed to their cells (inputs.ts CrossingCell).
    street_crossings: inputs.crossingCells.map((e) => {
      const c = byId.get(e.cell);
      return { weight: e.n, pZone: e.inZone.map((k) => k / e.n), rank: c ? c.rank : NaN, income: c ? c.income : NaN };
    }),
  };
  // A null with no sites (a study without crossings, or without income for residents) is not run, and the outputs say why.
  const nulls = NULLS.filter((nm) => sites[nm].length > 0);
  const n = inputs.cameras.n;
  const zoneIdx: ZoneIndexes = { names: zones, masks: zones.map((z) => new PartsMask((zoneFeatures[z] ?? []).map((f) => toPlanarShape(f).polygons))), income };
  const xy = inputs.cameras.planar;
  // Cells by grid position (lattice.ts), not by id string: the jitter looks up every camera on
  // every replicate.
  const grid = lattice(cells.map((c) => c.id));
  const byIndex = cells.map((c) => byId.get(c.id));
  const lookup = {
    at: (x: number, y: number) => { const i = cellAt(grid, x, y); return i < 0 ? undefined : byIndex[i]; },
    table: { index: (x: number, y: number) => cellAt(grid, x, y), size: grid.size, rank: Float64Array.from(byIndex, (c) => c?.rank ?? NaN), income: Float64Array.from(byIndex, (c) => c?.income ?? NaN) },
  };
  // The cameras in EPSG:3035 once, for the observed values and the jitter's base positions: from
  // their lon/lat, each in the same lattice square as from their planar position (jitter.ts).
  const laea = laeaOf(xy, inputs.cameras.table, grid.size);
  const observed: Values = observedAt(xy, zoneIdx, lookup, laea);
  // The nulls' draws on the helper thread (they need only the sites), the jitter here meanwhile.
  const drawn = onThread<Array<Record<Statistic, Float64Array>>>(new URL("./permutation.js", import.meta.url), "simulateNulls",
    [nulls.map((nm) => ({ sites: sites[nm], seed: st.seed + 1000 * (NULLS.indexOf(nm) + 1) })), zones, income, n, st.draws]);
  drawn.result.catch(() => {}); // awaited below, after the jitter; a jitter failure must not leave it unhandled
  const replicates = jitterReplicateCount(n, st.jitter.replicates);
  const jit = jitterReplicates(xy, cameraConfidences(inputs.cameras), { ...st.jitter, replicates }, zoneIdx, lookup, laea);
  const drawnNulls = await drawn.result;
  const draws = Object.fromEntries(nulls.map((nm, k) => [nm, drawnNulls[k]])) as Record<NullName, Record<Statistic, Float64Array>>;
  const tests = Object.fromEntries(
    nulls.map((nm) => [nm, { null: NULL_LABELS[nm], sites: sites[nm].length, results: Object.fromEntries(names.map((s) => [s, roundResult(compare(observed[s], draws[nm][s]))])) }]),
  ) as Partial<Record<NullName, { null: string; sites: number; results: Record<Statistic, TestResult> }>>;
  const jitter = {
    replicates,
    ...(replicates < st.jitter.replicates
      ? { replicates_asked: st.jitter.replicates, reduced: `${n} cameras × ${st.jitter.replicates} replicates exceeds the ${JITTER_DRAW_BUDGET} position draws the jitter may make; ${replicates} replicates (at least ${MIN_JITTER_REPLICATES})` }
      : {}),
    sigma_m: { confidence_1: st.jitter.sigmaAtFull, confidence_0: st.jitter.sigmaAtZero },
    statistics: Object.fromEntries(names.map((s) => {
      const v = [...jit[s]].sort((a, b) => a - b);
      const p = Object.fromEntries(nulls.map((nm) => {
        const ps = jit[s].map((o) => compare(o, draws[nm][s]).p_two_sided).sort((a, b) => a - b);
        return [nm, { p_two_sided_max: r6(ps[ps.length - 1]), p_two_sided_median: r6(quantile(ps, 0.5)), share_below_0_05: r6(ps.filter((q) => q < 0.05).length / ps.length) }];
      }));
      return [s, { observed_range: [r6(v[0]), r6(v[v.length - 1])], observed_95: [r6(quantile(v, 0.025)), r6(quantile(v, 0.975))], p: p }];
    })),
  };
  return {
    /** These nulls place every camera independently of the others. */
    clustering: "ignored: each null places cameras independently, so its p-values are too small when cameras cluster",
    camera_sources: cameraSources(inputs.cameras),
    zone_tolerance_m: inputs.report.zone_tolerance_m,
    nulls_not_run: NULLS.filter((nm) => !nulls.includes(nm)),
    nulls_not_run_reasons: Object.fromEntries(NULLS.filter((nm) => !nulls.includes(nm)).map((nm) => [nm, nm === "residents" ? NOT_COMPUTED.income : NOT_COMPUTED.crossings])),
    statistics_not_computed: income ? {} : { concentration_index: NOT_COMPUTED.income, mean_income: NOT_COMPUTED.income },
    cameras: n,
    cameras_with_income: income ? withIncome(inputs.cameras, (cell) => { const c = byId.get(cell); return c !== undefined && !Number.isNaN(c.rank); }) : 0,
    draws: st.draws,
    seed: st.seed,
    observed: Object.fromEntries(names.map((s) => [s, r6(observed[s])])) as Values,
    tests,
    jitter,
  };
}

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : NaN);
function roundResult(t: TestResult): TestResult {
  return { observed: r6(t.observed), null_mean: r6(t.null_mean), envelope: t.envelope.map(r6) as [number, number, number], p_greater: r6(t.p_greater), p_less: r6(t.p_less), p_two_sided: r6(t.p_two_sided) };
}

export type PermutationReport = Awaited<ReturnType<typeof runPermutationTests>>;

/** Cameras whose cell passes `test`: the test once per distinct cell, not per camera. */
function withIncome(cams: StatsCameras, test: (cell: string) => boolean): number {
  const cell = cams.table.cell;
  const ok = cell.values.map((v) => test(String(v ?? "")));
  let k = 0;
  for (let i = 0; i < cams.n; i++) if (cell.codes[i] >= 0 ? ok[cell.codes[i]] : test("")) k++;
  return k;
}
