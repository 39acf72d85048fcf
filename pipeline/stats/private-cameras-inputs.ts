// Reads and locates what the private-camera table needs (out/layers: the crowdsourced layer, the
// study's cameras, ridership; out/joined/report.json: the city's areas) and writes the table's
// two files' contents. Absent crowdsourced layer → null: nothing is written.
import { join } from "node:path";
import type { Feature } from "geojson";
import { readJoinedCameras, readOptionalLayer, readOutJson, readOutLayer } from "../core/out-files.js";
import { centralDistricts, type Study } from "../core/study.js";
import { toPlanarPoint } from "../geo/planar.js";
import { cameraViewOfFeatures, type CameraView } from "./camera-view.js";
import { buildContext, locate, type JoinContext } from "../join/context.js";
import { studyCentre, zoneTolerance } from "../join/centre.js";
import { entriesWithin, stationEntries, RIDERSHIP_RADIUS_M, type StationEntries } from "../join/ridership.js";
import { quantile } from "./quantile.js";
import { areaRow, coverage, groupRow, privateCamerasCsv, type CameraGroup, type LocatedCamera } from "./private-cameras.js";
import type { JoinReport } from "../join.js";
import type { XY } from "../geo/distance.js";

/** "High ridership": the stations of the city whose entries reach the top decile of its stations. */
export const HIGH_RIDERSHIP_QUANTILE = 0.9;

export const SURVEY_LABEL = {
  en: "a volunteer survey of part of the city (sous-surveillance.net, ≤ 2012), not a census",
  fr: "un relevé bénévole d'une partie de la ville (sous-surveillance.net, ≤ 2012), pas un recensement",
};

/** `studyCameras`: the joined cameras (stats/camera-view.ts), over the join's table when the caller has it; by default out/joined/cameras.geojson. */
export function privateCameraOutputs(study: Study, outDir: string, studyCameras?: CameraView): { csv: string; json: unknown } | null {
  if (!study.layers.private_cameras) return null;
  const central = new Set(centralDistricts(study));
  // The table needs the coarsest level (each camera's district) and the levels that hold a central
  // district: the others are not indexed (projecting Paris's 992 IRIS was half this function's time).
  const levels = study.levels.filter((l, k) => k === 0 || readOutLayer(outDir, l.layer).some((f) => central.has(String(f.properties?.id ?? f.id))));
  const ctx = buildContext(outDir, studyCentre(study), zoneTolerance(study), { ...study, levels });
  const report = readOutJson<JoinReport>(join(outDir, "joined", "report.json"), "join");
  const flows = study.layers.ridership ? stationEntries(readOptionalLayer(outDir, "ridership", study.layers)) : null;
  const high = flows ? highRidershipStations(flows, ctx) : null;
  const zones = ctx.zones.map((z) => z.key);
  const place = (f: Feature): LocatedCamera => {
    const xy = toPlanarPoint(f);
    const j = locate(ctx, xy);
    return {
      in_city: j.in_city,
      central: ctx.levels.some((l) => central.has(String(j[l.key]))),
      zones: Object.fromEntries(zones.map((z) => [z, j[z] !== null && j[z] !== undefined])),
      near_high_ridership: high ? nearAny(high.points, xy[0], xy[1]) : false,
      ridership_300m: flows ? entriesWithin(xy, flows) : null,
      district: (j[ctx.levels[0].key] as string | null) ?? null,
    };
  };
  // The study's cameras were located by the join already; only the crowdsourced ones are located
  // here. They are a large layer's million: one object, filled in for each camera in turn
  // (groupRow reads a camera before it asks for the next), not a million.
  // Their district and zone answers depend on a coded property only: made once per distinct value.
  const here: LocatedCamera = { in_city: false, central: false, zones: Object.fromEntries(zones.map((z) => [z, false])), near_high_ridership: false, ridership_300m: null, district: null };
  const joinedOf = (v: CameraView) => {
    const centralAt = ctx.levels.map((l) => v.perValue(l.key, (value) => central.has(String(value))));
    const zoneAt = zones.map((z) => v.perValue(z, (value) => value !== null && value !== undefined));
    const districtAt = v.perValue(ctx.levels[0].key, (value) => (value as string | null) ?? null);
    return (i: number): LocatedCamera => {
      here.in_city = v.inCity(i) === true;
      here.central = centralAt.some((at) => at(i));
      for (let k = 0; k < zones.length; k++) here.zones[zones[k]] = zoneAt[k](i);
      here.near_high_ridership = high ? nearAny(high.points, v.x[i], v.y[i]) : false;
      here.ridership_300m = v.ridership(i);
      here.district = districtAt(i);
      return here;
    };
  };
  const study_ = studyCameras ?? cameraViewOfFeatures(readJoinedCameras(outDir));
  const joined = joinedOf(study_);
  const crowd = readOutLayer(outDir, "private_cameras").map((f) => ({ f, c: place(f) }));
  const of = (t: string) => crowd.filter(({ f }) => f.properties!.op_type === t).map(({ c }) => c);
  const groups: CameraGroup[] = [
    { id: "crowdsourced_private", label: "crowdsourced, private operator", cameras: of("private") },
    { id: "crowdsourced_public", label: "crowdsourced, public operator", cameras: of("public") },
    { id: "crowdsourced_all", label: "crowdsourced, all (private, public, not stated)", cameras: crowd.map(({ c }) => c) },
    { id: "study_cameras", label: "the study's cameras (Préfecture list)", cameras: { n: study_.n, at: joined } },
  ];
  const city = report.areas_m2.city;
  const nearHighArea = high ? areaNear(high.points, ctx) / city : null;
  const rows = [
    ...groups.map((g) => groupRow(g, zones)),
    areaRow({ central: (report.areas_m2.central ?? 0) / city, zones: Object.fromEntries(zones.map((z) => [z, (report.areas_m2[`${z}_in_city`] ?? 0) / city])), near_high_ridership: nearHighArea }, zones, "share of the city's area"),
  ];
  const districts = ctx.levels[0].index.shapes.map((s) => s.id);
  const cov = coverage(crowd.map(({ c }) => c), districts);
  const privateCams = crowd.filter(({ f }) => f.properties!.op_type === "private");
  const operators = new Map<string, number>();
  for (const { f } of privateCams) {
    const op = String(f.properties!.operator || "not stated");
    operators.set(op, (operators.get(op) ?? 0) + 1);
  }
  const json = {
    label: SURVEY_LABEL,
    layer: { source: study.layers.private_cameras.source ?? null, vintage: study.layers.private_cameras.vintage ?? null },
    high_ridership: high
      ? { definition: `stations of the city with annual entries ≥ the ${HIGH_RIDERSHIP_QUANTILE * 100}th percentile of its stations (type 7), cameras within ${RIDERSHIP_RADIUS_M} m`, threshold_entries: high.threshold, stations: high.points.length }
      : "not computed: the study has no ridership layer",
    rows,
    private_operators: Object.fromEntries([...operators.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    coverage: cov,
    test: "none",
    why_no_test: `the survey has points in ${cov.districts_with_any} of ${cov.districts} ${study.levels[0].label.en}s, ${Math.round(cov.top3_share * 100)} % of them in three: it records where volunteers walked, so a test of where private cameras stand against the city would measure the volunteers' routes, not the cameras`,
  };
  return { csv: privateCamerasCsv(rows, zones), json };
}

/**
 * Whether (x, y) lies within RIDERSHIP_RADIUS_M of any point (Math.hypot's answer): squared
 * distances decide all but the points within a billionth of the radius, which hypot decides — a
 * million cameras times the stations, without a hypot each.
 */
function nearAny(points: XY[], x: number, y: number): boolean {
  const r2 = RIDERSHIP_RADIUS_M * RIDERSHIP_RADIUS_M;
  for (const q of points) {
    const dx = q[0] - x, dy = q[1] - y, d2 = dx * dx + dy * dy;
    if (d2 > r2 * (1 + 1e-9)) continue;
    if (d2 < r2 * (1 - 1e-9) || Math.hypot(dx, dy) <= RIDERSHIP_RADIUS_M) return true;
  }
  return false;
}

/**
 * Area of the city within 300 m of any of the points, counted on a 10 m lattice (each lattice
 * point stands for 100 m²): a polygon union of the circles costs seconds, and at 10 m the count is
 * within a few hundredths of a percent of the city's area, far below what the table's 4 decimals show.
 */
export const LATTICE_M = 10;
function areaNear(points: XY[], ctx: JoinContext): number {
  const r2 = RIDERSHIP_RADIUS_M * RIDERSHIP_RADIUS_M;
  const near = (x: number, y: number, q: XY) => (x - q[0]) ** 2 + (y - q[1]) ** 2 <= r2;
  let n = 0;
  points.forEach((p, k) => {
    const x0 = Math.ceil((p[0] - RIDERSHIP_RADIUS_M) / LATTICE_M), x1 = Math.floor((p[0] + RIDERSHIP_RADIUS_M) / LATTICE_M);
    const y0 = Math.ceil((p[1] - RIDERSHIP_RADIUS_M) / LATTICE_M), y1 = Math.floor((p[1] + RIDERSHIP_RADIUS_M) / LATTICE_M);
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const x = i * LATTICE_M, y = j * LATTICE_M;
        // Counted once: by the first point whose circle holds it.
        if (!near(x, y, p)) continue;
        let earlier = false;
        for (let e = 0; e < k && !earlier; e++) earlier = near(x, y, points[e]);
        if (!earlier && ctx.cityEdges.contains(x, y)) n++;
      }
  });
  return n * LATTICE_M * LATTICE_M;
}

/** Stations of the city (rows of one stop area summed) in the top decile of entries. */
function highRidershipStations(flows: StationEntries[], ctx: JoinContext): { threshold: number; points: XY[] } {
  const by = new Map<string, { xy: XY; entries: number }>();
  for (const s of flows) {
    if (!ctx.cityEdges.contains(s.xy[0], s.xy[1])) continue;
    const a = by.get(s.station) ?? { xy: s.xy, entries: 0 };
    a.entries += s.entries;
    by.set(s.station, a);
  }
  const all = [...by.values()];
  const threshold = quantile(all.map((a) => a.entries).sort((a, b) => a - b), HIGH_RIDERSHIP_QUANTILE);
  return { threshold, points: all.filter((a) => a.entries >= threshold).map((a) => a.xy) };
}
