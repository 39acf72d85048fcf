// Stage 3, join: locates every camera (cell, IRIS, quartier, arrondissement, ZTI, ZSP, distances),
// builds the 200 m cells covering the city with their camera counts and covariates, interpolates
// the cells' INSEE counts onto the districts, and locates the street crossings for the stats
// stage's null model. Reads only out/layers; writes out/joined/.
import { join } from "node:path";
import type { Feature, Position } from "geojson";
import { OutputSet, jsonText } from "./core/output.js";
import type { JoinReport } from "./contracts.js";
import { step } from "./core/progress.js";
import { toPlanarPoint, shapeArea } from "./geo/planar.js";
import { circle, intersectionArea, unionPolygons } from "./geo/overlay.js";
import { centralDistricts, type Study } from "./core/study.js";
import { buildContext, locateCrossing, type JoinContext } from "./join/context.js";
import { districtCounts, locateAllBeside, pointBatch } from "./join/locate-all.js";
import { cameraIds, readCameraSource } from "./join/camera-source.js";
import { cameraTablePieces, joinColumns } from "./join/camera-table.js";
import { joinKeys, joinedGeojsonPieces } from "./join/joined-geojson.js";
import { CAMERA_TABLE_FILE } from "./core/joined-cameras.js";
import { studyCentre, zoneTolerance } from "./join/centre.js";
import { readOptionalLayer, readOutLayer } from "./core/out-files.js";
import { buildCityCells, type CityCell } from "./join/city-cells.js";
import { interpolateCounts } from "./join/interpolate.js";
import { cellsCsv, crossingsCsv, districtsCsv, type DistrictRow, type TableShape } from "./join/tables.js";
import { interiorPoint } from "./geo/interior-point.js";
import type { PolygonIndex } from "./geo/spatial-index.js";
import { entriesByDistrict, entriesWithin, ridershipSummary, stationEntries } from "./join/ridership.js";

export const TERMINAL_RADIUS_M = 300;

export type { JoinReport } from "./contracts.js";

export async function runJoin(study: Study, outDir: string): Promise<JoinReport> {
  const centre = studyCentre(study);
  const ctx = buildContext(outDir, centre, zoneTolerance(study), study);
  const zones = ctx.zones.map((z) => z.layer);
  const coarsest = ctx.levels[0];
  const hasIncome = Boolean(study.layers.income_cells);
  const shape: TableShape = { zones, parentKey: coarsest.key, income: hasIncome };
  step("join: zones and cells");
  const cityArea = shapeArea(ctx.city.polygons);
  const unions: Record<string, Position[][][]> = Object.fromEntries(ctx.zones.map((z) => [z.layer, unionPolygons(z.index.shapes.map((s) => s.polygons))]));
  const { cells, incomeOutsideCity, countFields } = buildCityCells(ctx, hasIncome ? readOutLayer(outDir, "income_cells") : [], unions);

  step("join: cameras");
  // Streamed into typed arrays (join/camera-source.ts): a million cameras are never a million features.
  const camerasFile = join(outDir, "layers", "cameras.geojson");
  const source = readCameraSource(camerasFile, joinKeys(ctx.levels.map((l) => l.key), zones, Boolean(study.layers.ridership)));
  const cellIndex = new Map(cells.map((c, i) => [c.id, i]));
  const cameraCount = new Array(cells.length).fill(0);
  const without: JoinReport["cameras_without"] = Object.fromEntries([...ctx.levels.map((l) => [l.key, [] as string[]]), ["cell", [] as string[]]]);
  // One pass per declared level and zone over typed arrays (join/locate-all.ts), not one locate() per camera.
  // The point measures (city edge, LAEA position, terminals) on the helper thread meanwhile.
  const batch = await locateAllBeside(ctx, pointBatch({ lon: source.lon, lat: source.lat }, true), ctx.city.polygons);
  // Ridership (optional layer): entries at the stations within 300 m, for cameras, cells, districts.
  const ridershipFeatures = readOptionalLayer(outDir, "ridership", study.layers);
  const flows = study.layers.ridership ? stationEntries(ridershipFeatures) : null;
  const joined = joinColumns(ctx, source, batch, flows);
  const cellOf = Int32Array.from(joined.cell.values, (id) => cellIndex.get(id) ?? -1);
  const idOf = cameraIds(source);
  let outsideCity = 0;
  for (let i = 0; i < batch.n; i++) {
    const ci = cellOf[joined.cell.codes[i]];
    if (ci < 0) without.cell.push(idOf(i));
    else cameraCount[ci]++;
    for (const l of joined.levels) if (l.codes[i] < 0) without[l.key].push(idOf(i));
    if (!joined.inCity[i]) outsideCity++;
  }

  step("join: districts");
  const districts: Record<string, DistrictRow[]> = {};
  const unallocated: Record<string, string[]> = {};
  for (const level of ctx.levels) {
    const idx = level.index;
    const interp = interpolateCounts(cells, idx, countFields);
    unallocated[level.layer] = interp.unallocatedCells;
    const counted = districtCounts(batch, ctx.levels.indexOf(level), idx.shapes.length);
    districts[level.layer] = idx.shapes.map((s, i) => {
      return {
        code: s.id,
        name: String(s.props.name ?? ""),
        parent: level === coarsest ? s.id : parentOf(s.polygons, coarsest.index),
        area_m2: shapeArea(s.polygons),
        zoneArea: Object.fromEntries(zones.map((z) => [z, intersectionArea(s.polygons, unions[z])])),
        cameras: counted.cameras[i],
        zoneCameras: Object.fromEntries(zones.map((z, k) => [z, counted.inZone[k][i]])),
        counts: interp.sums[i],
      };
    });
  }

  step("join: crossings");
  const crossings = readOptionalLayer(outDir, "crossings", study.layers).map((f) => ({ id: String(f.properties!.id), j: locateCrossing(ctx, toPlanarPoint(f), lonlatOf(f)) }));

  const centralCodes = centralDistricts(study);
  const central = ctx.levels.flatMap((l) => l.index.shapes).filter((s) => centralCodes.includes(s.id)).map((s) => s.polygons);
  const buffers = unionPolygons(ctx.terminals.map((t) => circle(t.xy[0], t.xy[1], TERMINAL_RADIUS_M)));
  const report: JoinReport = {
    ...(flows ? { ridership: ridershipSummary(flows, (xy) => ctx.cityEdges.contains(xy[0], xy[1]), (ridershipFeatures[0]?.properties?.year as number | undefined) ?? null) } : {}),
    cameras: batch.n,
    cameras_outside_city: outsideCity,
    cameras_without: without,
    cells: cells.length,
    cells_inhabited: cells.filter((c) => c.inhabited).length,
    income_cells_outside_city: incomeOutsideCity,
    unallocated_cells: unallocated,
    crossings: crossings.length,
    crossings_in_city: crossings.filter((c) => c.j.in_city).length,
    zone_tolerance_m: ctx.tolerance,
    centre,
    inputs: {
      levels: study.levels.map((l) => ({ layer: l.layer, key: l.key })),
      zones,
      income: hasIncome,
      crossings: Boolean(study.layers.crossings),
      stations: Boolean(study.layers.stations),
      terminals: Boolean(study.layers.terminals),
      central_districts: centralCodes,
    },
    areas_m2: {
      city: round(cityArea),
      ...Object.fromEntries(zones.map((z) => [`${z}_in_city`, round(intersectionArea(unions[z], ctx.city.polygons))])),
      central: round(central.length ? shapeArea(unionPolygons(central)) : 0),
      terminals_300m_in_city: round(intersectionArea(buffers, ctx.city.polygons)),
    },
    totals: hasIncome ? Object.fromEntries(["Ind", "Men", "Men_pauv", "Ind_snv"].map((k) => [k, round(cells.reduce((s, c) => s + (c.counts[k] ?? 0), 0))])) : {},
  };

  const out = new OutputSet();
  const dir = join(outDir, "joined");
  // The GeoJSON is produced as it is written (a second pass over the layer), the table beside it.
  out.add(join(dir, "cameras.geojson"), joinedGeojsonPieces(camerasFile, joined, source));
  out.add(join(dir, CAMERA_TABLE_FILE), cameraTablePieces(joined, source));
  out.add(join(dir, "cells.csv"), cellsCsv(cells, cameraCount, shape, flows ? { ridership_300m: cells.map((c) => entriesWithin(c.centre, flows)) } : {}));
  for (const level of ctx.levels) {
    const entries = flows ? entriesByDistrict(flows, level.index) : null;
    out.add(join(dir, `districts_${level.layer}.csv`), districtsCsv(districts[level.layer], countFields, shape, entries ? { entries: (code) => entries.get(code) ?? 0 } : {}));
  }
  out.add(join(dir, "crossings.csv"), crossingsCsv(crossings, shape));
  out.add(join(dir, "report.json"), jsonText(report));
  out.commit();
  return report;
}

/** The coarse district a finer one lies in: the one holding an interior point of its largest part. */
function parentOf(polygons: Position[][][], coarse: PolygonIndex): string {
  const [x, y] = interiorPoint(polygons);
  const i = coarse.first(x, y);
  return i < 0 ? "" : coarse.shapes[i].id;
}

const lonlatOf = (f: Feature): [number, number] => {
  const c = (f.geometry as { coordinates: number[] }).coordinates;
  return [c[0], c[1]];
};
const round = (v: number) => Math.round(v * 100) / 100;

export type { CityCell, JoinContext };
