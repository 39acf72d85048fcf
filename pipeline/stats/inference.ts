// Inference that keeps the cameras' clustering, around the count model of cameras per cell:
// collinearity (VIF), the distance terms tested jointly, the centre effect without the city-limit
// term, income per SD and unconditional; residual Moran's I and its correlogram; Conley HAC and
// block-bootstrap intervals; rotation and zone-move nulls; placebo-zone refits; the concentration
// index against its benchmarks; the Gini against random placement. Every piece that needs an
// absent input or a model that could not be fitted says so instead of failing.
import type { Feature } from "geojson";
import type { GlmFit } from "./glm.js";
import { modelResult, safeFit, type ModelResult } from "./count-model.js";
import { buildDesign, type Design } from "./model-design.js";
import { flatten } from "./glm-weighted.js";
import { placeboRefits, type PlaceboZone } from "./placebo.js";
import { jointWald, vif } from "./model-checks.js";
import { lattice } from "./spatial-grid.js";
import type { residualMoran } from "./residual-moran.js";
import { conleyCovariance, waldRows, type BootstrapResult } from "./spatial-inference.js";
import { onThread, type ThreadTask } from "../core/on-thread.js";
import { patternUnits, rotationNull, zoneMoveNull, centroid, type Geometry } from "./cluster-nulls.js";
import { concentrationInference, giniVsRandom } from "./concentration-inference.js";
import { compare } from "./permutation.js";
import { fractionalRanks } from "./concentration.js";
import { NOT_COMPUTED, type StatsInputs } from "./inputs.js";
import { toPlanarPoint, toPlanarShape } from "../geo/planar.js";
import { RegionMask } from "../geo/region-mask.js";

type ResidualMoran = ReturnType<typeof residualMoran>;

export interface InferenceSettings {
  rotations: number;
  rotation_shift_m: number;
  zone_moves: number;
  placebo_refits: number;
  bootstrap_replicates: number;
  block_sizes_m: number[];
  hac_cutoff_m: number;
  moran_permutations: number;
  lisa_permutations: number;
  fdr: number;
  seed: number;
}

/** Defaults sized for the stats stage to stay under 3 s on Paris (bench case paris_stats). */
export const INFERENCE_DEFAULTS: Omit<InferenceSettings, "seed"> = {
  rotations: 999,
  rotation_shift_m: 1000,
  zone_moves: 999,
  placebo_refits: 49,
  bootstrap_replicates: 99,
  block_sizes_m: [1000, 2000],
  hac_cutoff_m: 1000,
  moran_permutations: 999,
  lisa_permutations: 499,
  fdr: 0.05,
};

export function inferenceSettings(s: Record<string, unknown>): InferenceSettings {
  const given = (s.inference ?? {}) as Partial<InferenceSettings>;
  return { ...INFERENCE_DEFAULTS, ...given, seed: Number(s.seed ?? 20190201) + 31337 };
}

/** Random placements for the Gini's envelope (a description, not a test the verdict uses). */
export const GINI_DRAWS = 99;

export const DISTANCE_TERMS = ["dist_centre_km", "dist_terminal_km", "dist_edge_km"];
const r6 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6)));

export interface InferenceContext {
  inputs: StatsInputs;
  design: Design;
  nbFit: GlmFit | null;
  zoneFeatures: Record<string, Feature[]>;
  city: Feature[];
  terminals: Feature[];
  zoneLabels: Record<string, string>;
  settings: InferenceSettings;
}

/**
 * The block bootstrap (hundreds of refits, the largest piece) on the helper thread, while this
 * one goes on; the stage asks for it as soon as the model is fitted, before the thread's other
 * tasks, since the model inference waits for it. Null when there is nothing to bootstrap.
 */
export function startBootstraps(design: Design, nbFit: GlmFit | null, st: InferenceSettings): ThreadTask<BootstrapResult[]> | null {
  return nbFit && st.bootstrap_replicates > 0
    ? onThread<BootstrapResult[]>(new URL("./spatial-inference.js", import.meta.url), "blockBootstraps", [flatten(design.x, design.y), nbFit, design.names, lattice(design.ids), st.block_sizes_m, st.bootstrap_replicates, st.seed + 200])
    : null;
}

/** The residual Moran test and correlogram on the helper thread (stats/residual-moran.ts); null without a fit. */
export function startResidualMoran(design: Design, nbFit: GlmFit | null, st: InferenceSettings): ThreadTask<ResidualMoran> | null {
  return nbFit
    ? onThread<ResidualMoran>(new URL("./residual-moran.js", import.meta.url), "residualMoran", [design.y, nbFit.mu, nbFit.alpha, lattice(design.ids), st.moran_permutations, st.seed + 11])
    : null;
}

/**
 * The inference; `boot` and `moran` the helper thread's parts already asked for
 * (startBootstraps, startResidualMoran), else asked here.
 */
export async function runInference(ctx: InferenceContext, boot = startBootstraps(ctx.design, ctx.nbFit, ctx.settings), moran = startResidualMoran(ctx.design, ctx.nbFit, ctx.settings)) {
  const l = lattice(ctx.design.ids);
  try {
    return await inferenceWith(ctx, l, boot ? boot.result : Promise.resolve([]), moran ? moran.result : null);
  } catch (e) {
    await boot?.cancel();
    await moran?.cancel();
    throw e;
  }
}

async function inferenceWith(ctx: InferenceContext, l: ReturnType<typeof lattice>, bootstraps: Promise<BootstrapResult[]>, moran: Promise<ResidualMoran> | null) {
  const { inputs, nbFit, settings: st } = ctx;
  const geometry = geometryOf(ctx);
  const units = patternUnits(inputs.cameras.planar);
  const rot = st.rotations > 0 && geometry ? rotationNull(units, geometry, st.rotations, st.rotation_shift_m, st.seed + 1) : null;
  const rotation = rot
    ? {
        method: `whole camera pattern (${units.x.length} units of ${units.size} m) turned about the city's centroid by a uniform angle and shifted uniformly within ${st.rotation_shift_m} m; kept when ≥ 90 % of the cameras stay inside the city`,
        draws: rot.accepted,
        tries: rot.tries,
        zones: Object.fromEntries(inputs.zones.map((z, k) => [z, round(compare(rot.observed.zones[k], rot.zones[k]))])),
        terminals: inputs.available.terminals ? round(compare(rot.observed.terminals, rot.terminals)) : { not_computed: NOT_COMPUTED.terminals },
      }
    : { not_computed: st.rotations > 0 ? "the study has no city outline to rotate within" : "rotations = 0 in settings.inference" };
  const moves = geometry && st.zone_moves > 0 ? geometry.zones.map((z, k) => zoneMoveNull(units, geometry, z, st.zone_moves, st.seed + 100 + k)) : [];
  const zoneMoves = Object.fromEntries(moves.map((m) => [m.zone, {
    method: `each of the zone's ${geometry!.zones.find((z) => z.name === m.zone)!.parts.length} polygons turned and moved at random, ≥ 95 % inside the city; cameras fixed`,
    draws: m.draws.length,
    parts_not_moved: m.parts_not_moved,
    ...round(compare(m.observed, m.draws)),
  }]));
  const placeboZones: PlaceboZone[] = moves.map((mv) => ({
    zone: mv.zone,
    term: ctx.design.names.indexOf(`${mv.zone}_share`),
    parts: geometry!.zones.find((z) => z.name === mv.zone)!.parts,
    moves: mv.moves.slice(0, st.placebo_refits),
  }));
  const placebo = nbFit && st.placebo_refits > 0 ? placeboRefits(flatten(ctx.design.x, ctx.design.y), nbFit.alpha, nbFit.coefficients, l, placeboZones) : {};
  const concentration = concentrationPart(ctx, l);
  const areaUnits = inputs.cells.map((c) => ({ weight: c.city_area_m2, count: c.cameras }));
  const gini = giniVsRandom(areaUnits, areaUnits.reduce((s, u) => s + u.count, 0), GINI_DRAWS, st.seed + 7);
  const model = nbFit ? modelInference(ctx, nbFit, l, await bootstraps, (await moran)!) : { not_computed: "the count model could not be fitted (see models.negative_binomial.not_fitted)" };
  return { settings: st, model, rotation, zone_moves: zoneMoves, placebo_refits: placebo, concentration, gini_area_cells: gini };
}

function round(t: ReturnType<typeof compare>) {
  return { observed: r6(t.observed), null_mean: r6(t.null_mean), envelope: t.envelope.map(r6), p_greater: r6(t.p_greater), p_less: r6(t.p_less), p_two_sided: r6(t.p_two_sided) };
}

function geometryOf(ctx: InferenceContext): Geometry | null {
  if (!ctx.city.length) return null;
  const city = ctx.city.map((f) => toPlanarShape(f));
  const polys = city.flatMap((s) => s.polygons);
  const box = city.reduce((b, s) => [Math.min(b[0], s.bbox[0]), Math.min(b[1], s.bbox[1]), Math.max(b[2], s.bbox[2]), Math.max(b[3], s.bbox[3])] as [number, number, number, number], [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number]);
  return {
    city: new RegionMask(polys),
    cityCentroid: centroid(polys),
    cityBox: box,
    zones: ctx.inputs.zones.map((z) => ({ name: z, parts: (ctx.zoneFeatures[z] ?? []).map((f) => toPlanarShape(f)) })),
    terminals: ctx.inputs.available.terminals ? ctx.terminals.map((f) => toPlanarPoint(f)) : [],
    terminalRadius: 300,
  };
}

function modelInference(ctx: InferenceContext, fit: GlmFit, l: ReturnType<typeof lattice>, boots: BootstrapResult[], moran: ResidualMoran) {
  const { design: d, inputs, settings: st } = ctx;
  const flat = flatten(d.x, d.y);
  const hacCov = conleyCovariance(flat, fit, l, st.hac_cutoff_m);
  const distance = DISTANCE_TERMS.filter((t) => d.names.includes(t));
  const noEdge = variant(ctx, { omit: ["dist_edge_km"] }, l);
  const income = d.names.includes("log_income_c") ? incomePart(ctx, fit, l) : { not_computed: inputs.available.income ? "the income term could not be estimated (see design.dropped)" : NOT_COMPUTED.income };
  return {
    vif: vif(d.x, d.names),
    residual_moran: moran,
    joint_wald_distance: {
      model_based: jointWald(fit.coefficients, fit.covariance, d.names, distance),
      hac: hacCov ? jointWald(fit.coefficients, hacCov, d.names, distance) : null,
    },
    hac: hacCov ? { kernel: "Bartlett", cutoff_m: st.hac_cutoff_m, terms: waldRows(fit.coefficients, hacCov, d.names) } : { not_computed: "the HAC covariance was not positive on its diagonal" },
    block_bootstrap: boots.map((b) => ({ tile_m: b.tile_m, tiles: b.tiles, replicates: b.replicates, failed: b.failed, refit: "NB2 at the full fit's α, tiles drawn with replacement", terms: b.terms })),
    without_city_limit: noEdge,
    income,
  };
}

/** A variant of the cell model (terms left out), with its HAC intervals. */
function variant(ctx: InferenceContext, opts: { omit?: string[]; only?: string[] }, l: ReturnType<typeof lattice>): { model: ModelResult; hac: ReturnType<typeof waldRows> | null } | { not_computed: string } {
  const d = buildDesign(ctx.inputs, ctx.zoneLabels, opts);
  const f = safeFit("negative_binomial", d);
  if (!f.fit) return { not_computed: f.reason! };
  const lv = d.ids.length === ctx.design.ids.length ? l : lattice(d.ids);
  const cov = conleyCovariance(flatten(d.x, d.y), f.fit, lv, ctx.settings.hac_cutoff_m);
  return { model: modelResult(f.fit, d), hac: cov ? waldRows(f.fit.coefficients, cov, d.names) : null };
}

function incomePart(ctx: InferenceContext, fit: GlmFit, l: ReturnType<typeof lattice>) {
  const d = ctx.design;
  const j = d.names.indexOf("log_income_c");
  const sd = d.log_income_sd!;
  const b = fit.coefficients[j], se = fit.se[j];
  const Z = 1.959963984540054;
  const unconditional = variant(ctx, { only: ["log_income_c", "uninhabited", "city_share"] }, l);
  return {
    log_income_sd: r6(sd),
    per_sd: { rate_ratio: r6(Math.exp(b * sd)), ci95: [r6(Math.exp((b - Z * se) * sd)), r6(Math.exp((b + Z * se) * sd))] },
    unconditional: { terms: "log income, uninhabited indicator, share of the cell in the city", ...unconditional },
  };
}

function concentrationPart(ctx: InferenceContext, l: ReturnType<typeof lattice>) {
  const { inputs, design: d, settings: st } = ctx;
  if (!inputs.available.income) return { not_computed: NOT_COMPUTED.income };
  const byId = new Map(inputs.cells.map((c) => [c.id, c]));
  const cells = d.ids.map((id) => byId.get(id)!);
  const ranks = fractionalRanks(cells.map((c) => ({ weight: c.inhabited && c.mean_income !== null ? c.Ind : 0, rank: c.mean_income ?? 0 })));
  const ranked = cells.map((c, i) => ({ weight: c.inhabited && c.mean_income !== null ? c.Ind : 0, rank: Number.isNaN(ranks[i]) ? 0 : ranks[i], cameras: c.cameras, area: c.city_area_m2, crossings: c.crossings }));
  const tile = st.block_sizes_m[0] ?? 1000;
  return concentrationInference(ranked, d.ids, l, tile, Math.max(st.bootstrap_replicates, 199), st.seed + 300);
}

export type InferenceReport = Awaited<ReturnType<typeof runInference>>;
