// Stage 3, join: locates every camera (cell, IRIS, quartier, arrondissement, ZTI, ZSP, distances),
// builds the 200 m cells covering the city with their camera counts and covariates, interpolates
// the cells' INSEE counts onto the districts, and locates the street crossings for the stats
// stage's null model. Reads only out/layers; writes out/joined/.
import { join } from "node:path";
import type { Feature } from "geojson";
import { OutputSet, jsonText } from "./core/output.js";
import { step } from "./core/progress.js";
import { geojsonText } from "./geo/write-geojson.js";
import { toPlanarPoint, shapeArea } from "./geo/planar.js";
import { circle, intersectionArea, unionPolygons } from "./geo/overlay.js";
import { centralDistricts, type Study } from "./core/study.js";
import { buildContext, locate, locateCrossing, type JoinContext, type PointJoin } from "./join/context.js";
import { studyCentre, zoneTolerance } from "./join/centre.js";
import { readOptionalLayer, readOutLayer } from "./core/out-files.js";
import { buildCityCells, type CityCell } from "./join/city-cells.js";
import { interpolateCounts } from "./join/interpolate.js";
import { cellsCsv, crossingsCsv, districtsCsv, type DistrictRow } from "./join/tables.js";
import { entriesByDistrict, entriesWithin, ridershipSummary, stationEntries, type RidershipJoinSummary } from "./join/ridership.js";

export const LEVELS = ["arrondissements", "quartiers", "iris"] as const;
export type Level = (typeof LEVELS)[number];
const LEVEL_KEY: Record<Level, "arrondissement" | "quartier" | "iris"> = { arrondissements: "arrondissement", quartiers: "quartier", iris: "iris" };
export const TERMINAL_RADIUS_M = 300;

export interface JoinReport {
  cameras: number;
  cameras_outside_city: number;
  cameras_without: Record<"arrondissement" | "quartier" | "iris" | "cell", string[]>;
  cells: number;
  cells_inhabited: number;
  income_cells_outside_city: number;
  unallocated_cells: Record<Level, string[]>;
  crossings: number;
  crossings_in_city: number;
  zone_tolerance_m: number;
  centre: { name: string; lonlat: [number, number] };
  areas_m2: { city: number; zti_in_city: number; zsp_in_city: number; central_1_4: number; terminals_300m_in_city: number };
  totals: Record<string, number>;
  /** Present when the study has a ridership layer. */
  ridership?: RidershipJoinSummary;
}

export async function runJoin(study: Study, outDir: string): Promise<JoinReport> {
  const centre = studyCentre(study);
  const ctx = buildContext(outDir, centre, zoneTolerance(study), study.layers);
  step("join: zones and cells");
  const cityArea = shapeArea(ctx.city.polygons);
  const ztiUnion = unionPolygons(ctx.zti.shapes.map((s) => s.polygons));
  const zspUnion = unionPolygons(ctx.zsp.shapes.map((s) => s.polygons));
  const { cells, incomeOutsideCity, countFields } = buildCityCells(ctx, readOutLayer(outDir, "income_cells"), ztiUnion, zspUnion);

  step("join: cameras");
  const cameraFeatures = readOutLayer(outDir, "cameras");
  const cellIndex = new Map(cells.map((c, i) => [c.id, i]));
  const cameraCount = new Array(cells.length).fill(0);
  const without: JoinReport["cameras_without"] = { arrondissement: [], quartier: [], iris: [], cell: [] };
  const located: Array<{ f: Feature; j: PointJoin }> = cameraFeatures.map((f) => {
    const j = locate(ctx, toPlanarPoint(f), lonlatOf(f));
    const id = String(f.properties!.id);
    const ci = cellIndex.get(j.cell);
    if (ci === undefined) without.cell.push(id);
    else cameraCount[ci]++;
    for (const k of ["arrondissement", "quartier", "iris"] as const) if (j[k] === null) without[k].push(id);
    return { f, j };
  });
  // Ridership (optional layer): entries at the stations within 300 m, for cameras, cells, districts.
  const ridershipFeatures = readOptionalLayer(outDir, "ridership", study.layers);
  const flows = study.layers.ridership ? stationEntries(ridershipFeatures) : null;
  const joinedCameras: Feature[] = located.map(({ f, j }) => ({
    type: "Feature",
    properties: { ...f.properties, ...j, ...(flows ? { ridership_300m: entriesWithin(toPlanarPoint(f), flows) } : {}) },
    geometry: f.geometry,
  }));

  step("join: districts");
  const districts = {} as Record<Level, DistrictRow[]>;
  const unallocated = {} as Record<Level, string[]>;
  for (const level of LEVELS) {
    const idx = ctx[level];
    const interp = interpolateCounts(cells, idx, countFields);
    unallocated[level] = interp.unallocatedCells;
    districts[level] = idx.shapes.map((s, i) => {
      const mine = located.filter(({ j }) => j[LEVEL_KEY[level]] === s.id);
      return {
        code: s.id,
        name: String(s.props.name ?? ""),
        arrondissement: String(s.props.arrondissement ?? s.id),
        area_m2: shapeArea(s.polygons),
        zti_area_m2: intersectionArea(s.polygons, ztiUnion),
        zsp_area_m2: intersectionArea(s.polygons, zspUnion),
        cameras: mine.length,
        cameras_in_zti: mine.filter(({ j }) => j.zti !== null).length,
        cameras_in_zsp: mine.filter(({ j }) => j.zsp !== null).length,
        counts: interp.sums[i],
      };
    });
  }

  step("join: crossings");
  const crossings = readOptionalLayer(outDir, "crossings", study.layers).map((f) => ({ id: String(f.properties!.id), j: locateCrossing(ctx, toPlanarPoint(f), lonlatOf(f)) }));

  const centralCodes = centralDistricts(study);
  const central = ctx.arrondissements.shapes.filter((s) => centralCodes.includes(s.id)).map((s) => s.polygons);
  const buffers = unionPolygons(ctx.terminals.map((t) => circle(t.xy[0], t.xy[1], TERMINAL_RADIUS_M)));
  const report: JoinReport = {
    ...(flows ? { ridership: ridershipSummary(flows, (xy) => ctx.cityEdges.contains(xy[0], xy[1]), (ridershipFeatures[0]?.properties?.year as number | undefined) ?? null) } : {}),
    cameras: located.length,
    cameras_outside_city: located.filter(({ j }) => !j.in_city).length,
    cameras_without: without,
    cells: cells.length,
    cells_inhabited: cells.filter((c) => c.inhabited).length,
    income_cells_outside_city: incomeOutsideCity,
    unallocated_cells: unallocated,
    crossings: crossings.length,
    crossings_in_city: crossings.filter((c) => c.j.in_city).length,
    zone_tolerance_m: ctx.tolerance,
    centre,
    areas_m2: {
      city: round(cityArea),
      zti_in_city: round(intersectionArea(ztiUnion, ctx.city.polygons)),
      zsp_in_city: round(intersectionArea(zspUnion, ctx.city.polygons)),
      central_1_4: round(shapeArea(unionPolygons(central))),
      terminals_300m_in_city: round(intersectionArea(buffers, ctx.city.polygons)),
    },
    totals: Object.fromEntries(["Ind", "Men", "Men_pauv", "Ind_snv"].map((k) => [k, round(cells.reduce((s, c) => s + (c.counts[k] ?? 0), 0))])),
  };

  const out = new OutputSet();
  const dir = join(outDir, "joined");
  out.add(join(dir, "cameras.geojson"), geojsonText(joinedCameras, "cameras_joined"));
  out.add(join(dir, "cells.csv"), cellsCsv(cells, cameraCount, flows ? { ridership_300m: cells.map((c) => entriesWithin(c.centre, flows)) } : {}));
  for (const level of LEVELS) {
    const entries = flows ? entriesByDistrict(flows, ctx[level]) : null;
    out.add(join(dir, `districts_${level}.csv`), districtsCsv(districts[level], countFields, entries ? { entries: (code) => entries.get(code) ?? 0 } : {}));
  }
  out.add(join(dir, "crossings.csv"), crossingsCsv(crossings));
  out.add(join(dir, "report.json"), jsonText(report));
  out.commit();
  return report;
}

const lonlatOf = (f: Feature): [number, number] => {
  const c = (f.geometry as { coordinates: number[] }).coordinates;
  return [c[0], c[1]];
};
const round = (v: number) => Math.round(v * 100) / 100;

export type { CityCell, JoinContext };
