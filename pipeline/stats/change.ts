// Change between the earlier camera layer (cameras_2012) and the studied sites, and the timing of
// commissioning dates against the zones' designation dates. Called by the stats stage (on its
// helper thread); reads the joined cameras and out/layers (the earlier layer, the city, zones,
// levels) and computes out/stats/change.{csv,json} and change_<level>.csv, which change-files.ts
// stages. What cannot be computed (no earlier layer, no dates, no designated zone) is written as
// { computed: false, reason }, never an error.
import type { ChangeReport, ChangeRow, TimingReport } from "../contracts.js";
import { readJoinedCameras, readOutLayer } from "../core/out-files.js";
import type { Study } from "../core/study.js";
import { toPlanarPoint, toPlanarShape } from "../geo/planar.js";
import { cameraViewOfFeatures, type CameraView } from "./camera-view.js";
import { settingsFrom } from "./hypothesis.js";
import { matchAtScales, matchThreshold, RAYLEIGH_95, type MatchSettings, type OldPoint, type SiteColumns } from "./change-match.js";
import { changeCounts, changeCsv, changeTable, sensitivity, SENSITIVITY_SCALES, type ChangeTable } from "./change-table.js";
import { changeByDistrict, changeDistrictCsv } from "./change-districts.js";
import { MIN_PER_SIDE, PERMUTATION_TEST, ROTATION_TEST, timingTests } from "./change-timing.js";
import { timingClaim } from "./change-claim.js";
import { timingCaveats } from "./change-caveats.js";

const EARLIER = "cameras_2012";
const STUDIED = "cameras";

/**
 * `cams`: the joined cameras (stats/camera-view.ts), over the join's typed table when the caller
 * has it; by default out/joined/cameras.geojson.
 */
export function computeChange(study: Study, outDir: string, cams: CameraView = cameraViewOfFeatures(readJoinedCameras(outDir))): { report: ChangeReport; files: Map<string, string | Uint8Array[]> } {
  const files = new Map<string, string | Uint8Array[]>();
  const st = settingsFrom(study.settings);
  const sites = sitesOf(cams);
  const timing = computeTiming(study, outDir, cams, sites, st);
  const notComputed = (reason: string): { report: ChangeReport; files: typeof files } => ({
    report: { computed: false, reason, commissioned_by_month: byMonth({ n: sites.n, row: (i) => ({ commissioned: sites.commissioned(i) }) }), timing, claim: timingClaim(timing) },
    files,
  });
  if (!study.layers[EARLIER]) return notComputed(`the study has no earlier camera layer (${EARLIER})`);
  const earlier = readOutLayer(outDir, EARLIER);
  // The layers stage keeps earlier cameras up to its clip tolerance outside the city and says how
  // far (outside_city_m): those are counted, not matched, so kept + removed = cameras in the city.
  const inCity = earlier.filter((f) => !(Number(f.properties?.outside_city_m ?? 0) > 0));
  if (inCity.length === 0) return notComputed(`the earlier camera layer (${EARLIER}) has no camera in the city`);
  const olds: OldPoint[] = inCity.map((f) => {
    const [x, y] = toPlanarPoint(f);
    return { id: String(f.properties?.id), x, y, label: f.properties?.label ?? null };
  });
  // A site placed by the geocoder on an earlier point carries that layer's source tag as its method.
  const earlierSource = earlier.find((f) => f.properties?.source)?.properties?.source ?? null;
  const ms: MatchSettings = { sigmaAtFull: st.jitter.sigmaAtFull, sigmaAtZero: st.jitter.sigmaAtZero, scale: 1, fromEarlierLayer: earlierSource };
  const layers = { studied: STUDIED, earlier: EARLIER };
  // The rule and its sensitivity rows from one search for candidates (change-match.ts).
  const scales = [1, ...SENSITIVITY_SCALES.filter((k) => k !== 1)];
  const matched = matchAtScales(sites, olds, ms, scales);
  const pairs = matched[0];
  const rows = changeTable(sites, olds, pairs, ms, layers);
  files.set("change.csv", changeCsv(rows));
  // Rows 0…n−1 are the sites in camera order, then the earlier cameras (change-table.ts).
  const siteStatus = (i: number) => rows.status(i), oldStatus = (j: number) => rows.status(sites.n + j);
  for (const level of study.levels) {
    const shapes = readOutLayer(outDir, level.layer).map((f) => toPlanarShape(f));
    const located = { n: cams.n, district: (i: number) => (cams.property(level.key, i) as string | null | undefined) ?? null, status: siteStatus };
    files.set(`change_${level.layer}.csv`, changeDistrictCsv(changeByDistrict(shapes, (s) => String(s.props.code ?? s.id), located, olds, oldStatus)));
  }
  const report: ChangeReport = {
    computed: true,
    layers,
    rule: {
      threshold: `T(c) = ${RAYLEIGH_95.toFixed(3)} × √(σ(c)² + σ₁²), σ(c) = σ₁ + (1 − c)(σ₀ − σ₁), c = geocode_confidence (null = 1)`,
      sigma_m: { confidence_1: ms.sigmaAtFull, confidence_0: ms.sigmaAtZero },
      threshold_m: { confidence_1: Math.round(matchThreshold(1, ms) * 10) / 10, confidence_0: Math.round(matchThreshold(0, ms) * 10) / 10 },
      why: "95th percentile of the distance between two positions of one camera, each with the project's position error (the jitter model of the hypothesis test; the earlier layer's points at σ₁)",
      names: "Dice ≥ 0.5 on the names' distinctive words (articles, street types and position words dropped): within T such a pair is taken before a closer pair whose names disagree; it may also lie up to 2T apart",
      assignment: "greedy one-to-one: candidate pairs sorted by (names agree within T, within T, names agree within 2T), then distance, then ids; each taken if both ends are free",
      positioned_from_earlier_layer: earlierSource === null ? null : `sites whose geocode_method is "${earlierSource}" were placed on the earlier layer's own point: their "kept" is not evidence of stability`,
    },
    counts: changeCounts(rows, STUDIED, EARLIER, earlier.length - inCity.length),
    sensitivity: sensitivity(sites, olds, ms, new Map(scales.map((k, i) => [k, matched[i].length]))),
    zone_shares: zoneShares(study, cams, rows),
    commissioned_by_month: byMonth({ n: sites.n, row: (i) => ({ commissioned: sites.commissioned(i), status: rows.status(i) }) }),
    timing,
    claim: timingClaim(timing),
  };
  return { report, files };
}

/** Why the timing tests were not made, in both languages of the claims. */
const NOT_TIMED = {
  noZone: { reason: "the study declares no zone", reason_fr: "l'étude ne déclare aucune zone" },
  noDesignation: { reason: "no declared zone has a designation date", reason_fr: "aucune zone déclarée n'a de date de désignation" },
  noDates: { reason: "the camera layer has no commissioning dates (commissioned)", reason_fr: "la couche de caméras n'a pas de dates de mise en service (commissioned)" },
};

/** The sites as the matching and the table read them, over the view (no object per camera). */
function sitesOf(cams: CameraView): SiteColumns {
  // The commissioning dates are a coded column's few values: each read as a day once.
  const days = new Map<unknown, string | null>();
  return {
    n: cams.n, x: cams.x, y: cams.y,
    id: (i) => cams.id(i),
    label: (i) => cams.label(i),
    confidence: (i) => {
      const c = cams.confidence(i);
      return typeof c === "number" ? c : null;
    },
    method: (i) => (cams.method(i) as string | null | undefined) ?? null,
    commissioned: (i) => {
      const v = cams.commissioned(i);
      let d = days.get(v);
      if (d === undefined) days.set(v, (d = isoDay(v)));
      return d;
    },
  };
}

function computeTiming(study: Study, outDir: string, cams: CameraView, sites: SiteColumns, st: ReturnType<typeof settingsFrom>): TimingReport {
  const caveats = { en: [] as string[], fr: [] as string[] };
  const designated = study.zones.filter((z) => z.designated.length > 0);
  if (designated.length === 0) return { computed: false, ...(study.zones.length === 0 ? NOT_TIMED.noZone : NOT_TIMED.noDesignation), tests: [], caveats };
  // Only cameras inside the city: the zones and their random placements are inside it.
  const inCity: number[] = [];
  for (let i = 0; i < sites.n; i++) if (cams.inCity(i) !== false) inCity.push(i);
  if (!inCity.some((i) => sites.commissioned(i) !== null)) return { computed: false, ...NOT_TIMED.noDates, tests: [], caveats };
  const zones = designated.map((z) => ({ layer: z.layer, short: z.short, designated: z.designated, shapes: readOutLayer(outDir, z.layer).map((f) => toPlanarShape(f)) }));
  const city = readOutLayer(outDir, "city").map((f) => toPlanarShape(f));
  const tests = timingTests(inCity.map((i) => ({ x: sites.x[i], y: sites.y[i], date: sites.commissioned(i) })), zones, city, { seed: st.seed, draws: st.draws, minPerSide: MIN_PER_SIDE });
  return {
    computed: true,
    before_rule: `before: commissioned strictly before the designation date (a date given to the month or year starts on its first day); after: on or after it; deciding test: ${ROTATION_TEST}; shown beside it: ${PERMUTATION_TEST}`,
    tests,
    caveats: timingCaveats(tests, study.zones),
  };
}

/** Kept vs new sites inside each declared zone (the join's strict membership), in the city only; `rows` start with the sites in camera order. */
export function zoneShares(study: Pick<Study, "zones">, cams: CameraView, rows: ChangeRow[] | Pick<ChangeTable, "status">): NonNullable<ChangeReport["zone_shares"]> {
  const status = Array.isArray(rows) ? (i: number) => rows[i].status : (i: number) => rows.status(i);
  const inCity: number[] = [];
  for (let i = 0; i < cams.n; i++) if (cams.inCity(i) !== false) inCity.push(i);
  const share = (n: number, inZone: number) => (n ? Math.round((inZone / n) * 1e6) / 1e6 : 0);
  return study.zones.map((z) => {
    // Both sides in one pass; membership once per coded value of the zone's column.
    const holds = cams.perValue(z.layer, (v) => v != null);
    let kept = 0, keptIn = 0, fresh = 0, newIn = 0;
    for (const i of inCity) {
      const st = status(i);
      if (st === "kept") {
        kept++;
        if (holds(i)) keptIn++;
      } else if (st === "new") {
        fresh++;
        if (holds(i)) newIn++;
      }
    }
    return { zone: z.layer, short: z.short, kept, kept_in_zone: keptIn, kept_share: share(kept, keptIn), new: fresh, new_in_zone: newIn, new_share: share(fresh, newIn) };
  });
}

/** An ISO day (YYYY-MM-DD) or null: anything else is not a usable date. */
function isoDay(v: unknown): string | null {
  return typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
}

/** Dated sites per month; kept/new only when the matching was made. */
function byMonth(rows: { n: number; row(i: number): Pick<ChangeRow, "commissioned"> & { status?: ChangeRow["status"] } }) {
  const m = new Map<string, { month: string; cameras: number; kept?: number; new?: number }>();
  for (let i = 0; i < rows.n; i++) {
    const r = rows.row(i);
    if (!r.commissioned) continue;
    const key = r.commissioned.slice(0, 7);
    const e = m.get(key) ?? (r.status ? { month: key, cameras: 0, kept: 0, new: 0 } : { month: key, cameras: 0 });
    e.cameras++;
    if (r.status === "kept") e.kept!++;
    else if (r.status === "new") e.new!++;
    m.set(key, e);
  }
  return [...m.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}
