// The verdict as graded claims (DESIGN.md `claims`): each claim lists every test that bears on it,
// marked as keeping the cameras' clustering or ignoring it, and is graded by the clustering-aware
// tests alone: `holds` when every one of them rejects at 5 %, `fragile` when some do and some do
// not, `not_established` when none does. `decided_by` names the most conservative test (largest p)
// among them. The tests that ignore clustering stay in the list, labelled, for comparison.
import type { ModelResult } from "./count-model.js";
import type { PermutationReport } from "./hypothesis.js";
import type { InferenceReport } from "./inference.js";
import type { Summary } from "./summary.js";
import { NOT_COMPUTED, type Available } from "./inputs.js";
import { methodFr } from "./method-names.js";

export type Grade = "holds" | "fragile" | "not_established";

export interface ClaimTest {
  method: string;
  clustering: "kept" | "ignored";
  p: number | null;
  estimate?: number | null;
  ci95?: [number | null, number | null];
}

export interface Claim {
  id: string;
  statement: { en: string; fr: string };
  grade: Grade | null;
  decided_by: string | null;
  /** The same test named in French (for the French verdict and the report). */
  decided_by_fr?: string | null;
  p_decisive: number | null;
  numbers: Record<string, unknown>;
  tests: ClaimTest[];
  is_not: string;
  not_computed?: string;
}

export const ALPHA = 0.05;

export function grade(tests: ClaimTest[]): { grade: Grade | null; decided_by: string | null; p: number | null } {
  const kept = tests.filter((t) => t.clustering === "kept" && t.p !== null && Number.isFinite(t.p));
  if (!kept.length) return { grade: null, decided_by: null, p: null };
  const worst = kept.reduce((a, b) => (b.p! > a.p! ? b : a));
  const rejecting = kept.filter((t) => t.p! < ALPHA).length;
  return { grade: rejecting === kept.length ? "holds" : rejecting > 0 ? "fragile" : "not_established", decided_by: worst.method, p: worst.p };
}

type Model = InferenceReport["model"];
const hasModel = (m: Model): m is Exclude<Model, { not_computed: string }> => !("not_computed" in m);

/** Rate-ratio tests of one term: model Wald (ignores clustering), HAC, each bootstrap tile size. */
function termTests(term: string, nb: ModelResult, inf: InferenceReport): ClaimTest[] {
  const out: ClaimTest[] = [];
  const t = nb.terms.find((x) => x.term === term);
  if (!t) return out;
  out.push({ method: "negative binomial Wald (cells independent)", clustering: "ignored", p: t.p, estimate: t.rate_ratio, ci95: t.ci95 });
  const m = inf.model;
  if (!hasModel(m)) return out;
  if ("terms" in m.hac && m.hac.terms) {
    const h = m.hac.terms.find((x) => x.term === term);
    if (h) out.push({ method: `Conley spatial-HAC (Bartlett, ${m.hac.cutoff_m} m)`, clustering: "kept", p: h.p, estimate: h.rate_ratio, ci95: h.ci95 });
  }
  for (const b of m.block_bootstrap) {
    const h = b.terms.find((x) => x.term === term);
    if (h) out.push({ method: `spatial block bootstrap (${b.tile_m / 1000} km tiles)`, clustering: "kept", p: h.p, estimate: h.rate_ratio, ci95: h.ci95 });
  }
  return out;
}

export function buildClaims(summary: Summary, nb: ModelResult, perm: PermutationReport, inf: InferenceReport, zones: Array<{ layer: string; short: string; label: { en: string; fr: string }; approximated?: boolean }>, available: Available): Claim[] {
  const claims: Claim[] = [];
  const make = (id: string, statement: Claim["statement"], tests: ClaimTest[], numbers: Record<string, unknown>, isNot: string, notComputed?: string): void => {
    const g = grade(tests);
    claims.push({ id, statement, grade: notComputed ? null : g.grade, decided_by: notComputed ? null : g.decided_by, decided_by_fr: notComputed || !g.decided_by ? null : methodFr(g.decided_by), p_decisive: notComputed ? null : g.p, numbers, tests, is_not: isNot, ...(notComputed || !g.grade ? { not_computed: notComputed ?? "no test that keeps clustering could be run" } : {}) });
  };
  const cluster = (p: unknown): number | null => (p && typeof p === "object" && "p_two_sided" in p ? ((p as { p_two_sided: number | null }).p_two_sided ?? null) : null);

  for (const z of zones) {
    const share = summary.shares.find((s) => s.zone === z.layer);
    const tests: ClaimTest[] = [];
    for (const [name, t] of Object.entries(perm.tests)) {
      const r = t?.results[`share_${z.layer}`];
      if (r) tests.push({ method: `independent placement: ${name}`, clustering: "ignored", p: r.p_two_sided, estimate: r.observed });
    }
    tests.push(...termTests(`${z.layer}_share`, nb, inf));
    const rot = "zones" in inf.rotation && inf.rotation.zones ? inf.rotation.zones[z.layer] : undefined;
    if (rot) tests.push({ method: "rotation and shift of the whole camera pattern", clustering: "kept", p: cluster(rot), estimate: rot.observed });
    const mv = inf.zone_moves[z.layer];
    if (mv) tests.push({ method: `${z.short} polygons moved and turned at random`, clustering: "kept", p: cluster(mv), estimate: mv.observed });
    const pl = (inf.placebo_refits as Record<string, unknown>)[z.layer];
    if (pl && typeof pl === "object" && "p_two_sided" in pl) tests.push({ method: "placebo-zone refits of the model", clustering: "kept", p: (pl as { p_two_sided: number | null }).p_two_sided });
    make(`zone:${z.layer}`, { en: `More cameras in the ${z.label.en} than their area predicts`, fr: `Plus de caméras dans les ${z.label.fr} que leur surface ne le prévoit` },
      tests, { camera_share: share?.camera_share, area_share: share?.area_share, ratio: share?.ratio, rate_ratio: nb.terms.find((t) => t.term === `${z.layer}_share`)?.rate_ratio ?? null },
      `an association between the zone and the cameras' places, not evidence that the zone's designation caused them${zoneApprox(z)}`, share && share.area_share > 0 ? undefined : "the zone does not meet the city (or the analysis area): nothing to compare");
  }

  {
    const m = inf.model;
    const tests: ClaimTest[] = [];
    const t = nb.terms.find((x) => x.term === "dist_centre_km");
    if (t) tests.push({ method: "negative binomial Wald, full model (cells independent)", clustering: "ignored", p: t.p, estimate: t.rate_ratio, ci95: t.ci95 });
    let numbers: Record<string, unknown> = {};
    if (hasModel(m)) {
      const ne = m.without_city_limit;
      if ("hac" in ne && ne.hac) {
        const h = ne.hac.find((x) => x.term === "dist_centre_km");
        if (h) tests.push({ method: `Conley spatial-HAC, model without the city-limit term`, clustering: "kept", p: h.p, estimate: h.rate_ratio, ci95: h.ci95 });
      }
      const jw = m.joint_wald_distance.hac;
      if (jw) tests.push({ method: `joint Wald of the distance terms (${jw.terms.join(", ")}), HAC covariance`, clustering: "kept", p: jw.p });
      numbers = { joint_wald_model_based: m.joint_wald_distance.model_based, joint_wald_hac: jw, vif: m.vif.filter((v) => v.term.startsWith("dist_")), rate_ratio_per_km_without_city_limit: "model" in ne ? ne.model.terms.find((x) => x.term === "dist_centre_km")?.rate_ratio ?? null : null };
    }
    const cen = summary.shares.find((s) => s.zone === "central");
    make("centre", { en: "Fewer cameras the farther from the centre", fr: "Moins de caméras à mesure qu'on s'éloigne du centre" }, tests, { ...numbers, central_districts: cen ?? null },
      "a gradient of camera density with distance, which the centre's streets, traffic and visitors may explain as well as any intent");
  }

  {
    const tests = termTests("dist_terminal_km", nb, inf);
    const rt = "terminals" in inf.rotation && inf.rotation.terminals && "p_two_sided" in inf.rotation.terminals ? inf.rotation.terminals : null;
    if (rt) tests.push({ method: "rotation and shift of the whole camera pattern (share within 300 m)", clustering: "kept", p: rt.p_two_sided, estimate: rt.observed });
    make("terminals", { en: "More cameras around the major railway terminals", fr: "Plus de caméras autour des grandes gares" }, tests, { share_300m: summary.shares.find((s) => s.zone === "terminals") ?? null },
      "an association with the terminals' surroundings, not with rail travel itself", available.terminals ? undefined : NOT_COMPUTED.terminals);
  }
  make("stations", { en: "More cameras near metro/RER stations", fr: "Plus de caméras près des stations de métro et de RER" }, termTests("stations_300m", nb, inf), {},
    "an association with the number of stations nearby, not with their traffic", available.stations ? undefined : NOT_COMPUTED.stations);
  if (available.ridership) {
    make("ridership", { en: "More cameras where more passengers enter the stations nearby", fr: "Plus de caméras là où plus de voyageurs entrent dans les stations proches" }, termTests("log_ridership_300m", nb, inf), {},
      "an association with station entries, a proxy for crowds, not a measure of daytime population");
  }

  {
    const m = inf.model;
    const tests = termTests("log_income_c", nb, inf);
    const numbers = hasModel(m) && !("not_computed" in m.income) ? { per_sd: m.income.per_sd, log_income_sd: m.income.log_income_sd, unconditional: "model" in m.income.unconditional ? m.income.unconditional.model.terms.find((t) => t.term === "log_income_c") ?? null : null } : {};
    make("income", { en: "Among comparable places, poorer cells have more cameras", fr: "À lieux comparables, les carreaux plus pauvres ont plus de caméras" }, tests, numbers,
      "a conditional association at the scale of 200 m cells (residents' income, not the people filmed); not a statement about individuals (ecological fallacy)", available.income ? undefined : NOT_COMPUTED.income);
  }

  {
    const c = inf.concentration;
    const tests: ClaimTest[] = [];
    const res = perm.tests.residents?.results.concentration_index;
    if (res) tests.push({ method: "independent placement proportional to residents", clustering: "ignored", p: res.p_two_sided, estimate: res.observed });
    if (!("not_computed" in c)) {
      tests.push({ method: `block bootstrap (${c.block_bootstrap.tile_m / 1000} km tiles) of the index minus its area-per-resident benchmark`, clustering: "kept", p: c.minus_area_benchmark.p, estimate: c.minus_area_benchmark.value, ci95: c.minus_area_benchmark.ci95 as [number | null, number | null] });
      tests.push({ method: `block bootstrap (${c.block_bootstrap.tile_m / 1000} km tiles) of the index minus its crossings-per-resident benchmark`, clustering: "kept", p: c.minus_crossings_benchmark.p, estimate: c.minus_crossings_benchmark.value, ci95: c.minus_crossings_benchmark.ci95 as [number | null, number | null] });
    }
    make("concentration", { en: "Cameras are concentrated by residents' income beyond what area and streets per resident give", fr: "Les caméras se concentrent selon le revenu des habitants au-delà de ce que donnent la surface et les rues par habitant" }, tests,
      "not_computed" in c ? {} : { index: c.index, ci95: c.block_bootstrap.ci95, benchmarks: c.benchmarks },
      "the index alone says where cameras are along the income ranking; read against the area and street benchmarks, it says nothing about wealth unless it departs from them", available.income ? undefined : NOT_COMPUTED.income);
  }
  return claims;
}

function zoneApprox(z: { short: string; approximated?: boolean }): string {
  return z.approximated ? `; the ${z.short} perimeters are approximations, so the counts inside them are too` : "";
}

/**
 * The `timing` claim of the change analysis (stats/change-claim.ts) in the verdict's shape, so
 * hypothesis.json holds every claim, graded, in one list.
 */
export function timingAsClaim(c: import("../contracts.js").Claim): Claim {
  const n = c.numbers as { tests?: Array<{ p_adjusted?: number | null; p_rotation?: number | null }>; deciding_test?: unknown };
  const tested = (n.tests ?? []).filter((t) => t.p_rotation !== null && t.p_rotation !== undefined);
  return {
    id: c.id,
    statement: c.statement,
    grade: c.grade,
    decided_by: c.decided_by,
    decided_by_fr: c.decided_by && c.decided_by !== "not computed" ? methodFr(c.decided_by) : null,
    p_decisive: tested.length ? Math.min(...tested.map((t) => t.p_adjusted ?? 1)) : null,
    numbers: c.numbers,
    tests: [],
    is_not: "an association in time between a zone's designation and the cameras commissioned after it, not a cause; a commissioning date may be a replacement, and undated sites are left out",
    ...(c.decided_by === "not computed" ? { not_computed: String((c.numbers as { reason?: string }).reason ?? "") } : {}),
  };
}
