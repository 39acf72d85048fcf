// The stats stage's inputs, all from out/joined: typed rows of the cells, cameras and crossings,
// with one column per declared zone and one district table per declared level. What the study
// does not have (income cells, crossings, stations, terminals, a ridership column) is recorded in
// `available`, so every statistic that needs it can say "not computed" instead of failing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readOutCsv, readOutJson } from "../core/out-files.js";
import { cameraTablePath, readSharedCameraTable } from "../core/joined-cameras.js";
import { InputError } from "../core/errors.js";
import type { CodedColumn, JoinedCameraTable, JoinReport } from "../contracts.js";
import type { Study } from "../core/study.js";

/** A row of out/joined/cells.csv. */
export interface CellRow {
  id: string;
  lon: number;
  lat: number;
  area_m2: number;
  city_area_m2: number;
  /** Area of each declared zone inside the cell, m², by zone layer name. */
  zone_area_m2: Record<string, number>;
  inhabited: boolean;
  imputed: boolean;
  Ind: number;
  Men: number;
  Men_pauv: number;
  Ind_snv: number;
  mean_income: number | null;
  dist_centre_m: number;
  /** NaN when the study has no terminals. */
  dist_terminal_m: number;
  dist_edge_m: number;
  stations_300m: number;
  /** log(1 + annual station entries within 300 m; cells.csv holds the entries), NaN when the join wrote no ridership column. */
  ridership_300m: number;
  /** OSM street crossings in the cell (0 without a crossings layer). */
  crossings: number;
  cameras: number;
}

/**
 * The joined cameras as the statistics read them: the join's typed table (out/joined/cameras.cols,
 * core/joined-cameras.ts), not an object per camera; their planar positions are its x and y columns.
 */
export interface StatsCameras {
  n: number;
  table: JoinedCameraTable;
  /** EPSG:2154 metres, projected from the joined lon/lat: the table's own columns. */
  planar: { x: Float64Array; y: Float64Array };
  /** The table's file as read, in memory the stage's helper thread shares (core/joined-cameras.ts). */
  bytes?: Uint8Array;
}

export interface CrossingRow {
  id: string;
  cell: string;
  in_city: boolean;
  zones: Record<string, boolean>;
  dist_terminal_m: number;
}

/** Which optional inputs the study has: each absent one is a reason for "not computed". */
export interface Available {
  income: boolean;
  crossings: boolean;
  stations: boolean;
  terminals: boolean;
  ridership: boolean;
}

export const NOT_COMPUTED: Record<keyof Available, string> = {
  income: "not computed: the study has no income layer",
  crossings: "not computed: the study has no crossings layer",
  stations: "not computed: the study has no stations layer",
  terminals: "not computed: the study has no terminals layer",
  ridership: "not computed: the join wrote no ridership column (ridership_300m)",
};

export interface StatsInputs {
  zones: string[];
  levels: Array<{ layer: string; key: string }>;
  cells: CellRow[];
  cameras: StatsCameras;
  crossings: CrossingRow[];
  districts: Record<string, Array<Record<string, string>>>;
  report: JoinReport;
  available: Available;
}

const num = (v: string | undefined) => (v === "" || v === undefined ? NaN : Number(v));

export function readStatsInputs(outDir: string, study: Pick<Study, "zones" | "levels" | "layers">): StatsInputs {
  const dir = join(outDir, "joined");
  const zones = study.zones.map((z) => z.layer);
  const levels = study.levels.map((l) => ({ layer: l.layer, key: l.key }));
  const crossingsFile = join(dir, "crossings.csv");
  const crossings = study.layers.crossings && existsSync(crossingsFile)
    ? readOutCsv(crossingsFile, "join").map((r) => ({
        id: r.id, cell: r.cell, in_city: r.in_city === "1",
        zones: Object.fromEntries(zones.map((z) => [z, (r[z] ?? "") !== ""])), dist_terminal_m: num(r.dist_terminal_m),
      }))
    : [];
  const perCell = new Map<string, number>();
  for (const x of crossings) if (x.in_city) perCell.set(x.cell, (perCell.get(x.cell) ?? 0) + 1);
  let ridership = false;
  const cells = readOutCsv(join(dir, "cells.csv"), "join").map((r): CellRow => {
    if (r.ridership_300m !== undefined) ridership = true;
    // An empty cell is a missing value (NaN), never 0.
    return {
      id: r.id, lon: num(r.lon), lat: num(r.lat), area_m2: num(r.area_m2), city_area_m2: num(r.city_area_m2),
      zone_area_m2: Object.fromEntries(zones.map((z) => [z, num(r[`${z}_area_m2`]) || 0])),
      inhabited: r.inhabited === "1", imputed: r.imputed === "1", Ind: num(r.Ind) || 0, Men: num(r.Men) || 0,
      Men_pauv: num(r.Men_pauv) || 0, Ind_snv: num(r.Ind_snv) || 0, mean_income: r.mean_income === "" || r.mean_income === undefined ? null : num(r.mean_income),
      dist_centre_m: num(r.dist_centre_m), dist_terminal_m: num(r.dist_terminal_m), dist_edge_m: num(r.dist_edge_m),
      stations_300m: num(r.stations_300m), ridership_300m: Math.log1p(num(r.ridership_300m)), crossings: perCell.get(r.id) ?? 0, cameras: num(r.cameras),
    };
  });
  // The join's camera table, not its GeoJSON: typed columns, no object per camera.
  const { table, bytes } = readSharedCameraTable(outDir);
  const missing = [...levels.filter((l) => !table.levels[l.key]).map((l) => l.key), ...zones.filter((z) => !table.zones[z])];
  if (missing.length) throw new InputError(cameraTablePath(outDir), undefined, `joined without ${missing.join(", ")}, which the study declares`, "run the join stage again");
  const cameras: StatsCameras = { n: table.n, table, bytes, planar: { x: table.x, y: table.y } };
  const districts = Object.fromEntries(levels.map((l) => [l.layer, readOutCsv(join(dir, `districts_${l.layer}.csv`), "join")]));

  const report = readOutJson<JoinReport>(join(dir, "report.json"), "join");
  // The statistics are about the city (or the analysis area that replaces it): a cell of the
  // income file that does not meet it (the join keeps and reports them) holds no camera by
  // construction, and in the model it would pass for a cell that has none. With --area, those
  // were most of the design (1,829 of 2,006 cells for the 18e).
  const inCity = cells.filter((c) => c.city_area_m2 > 0);
  const available: Available = {
    income: !!study.layers.income_cells && inCity.some((c) => c.inhabited),
    crossings: crossings.some((x) => x.in_city),
    stations: !!study.layers.stations,
    terminals: !!study.layers.terminals && inCity.some((c) => Number.isFinite(c.dist_terminal_m)),
    ridership: ridership && inCity.some((c) => Number.isFinite(c.ridership_300m)),
  };
  return { zones, levels, cells: inCity, cameras, crossings, districts, report, available };
}

/** Area of a zone inside the city (m²): the join's figure when it wrote one, else the cells' sum. */
export function zoneAreaInCity(inputs: StatsInputs, zone: string): number {
  const a = (inputs.report.areas_m2 as unknown as Record<string, number>)[`${zone}_in_city`];
  if (typeof a === "number") return a;
  return inputs.cells.reduce((s, c) => s + Math.min(c.zone_area_m2[zone], c.city_area_m2), 0);
}

/** Whether row i of a coded column holds a value (null, absent and "" do not, as in the joined GeoJSON's reading). */
export function hasValue(c: CodedColumn<unknown>, i: number): boolean {
  const k = c.codes[i];
  return k >= 0 && c.values[k] !== "";
}

/** Row i's value as a string, or null (null, absent, ""). */
export function valueAt(c: CodedColumn<unknown>, i: number): string | null {
  return hasValue(c, i) ? String(c.values[c.codes[i]]) : null;
}

/** Cameras whose row passes `test`. */
export function countCameras(cams: StatsCameras, test: (i: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < cams.n; i++) if (test(i)) k++;
  return k;
}

/** Each camera's geocoding confidence (null where the join holds none or not a number). */
export function cameraConfidences(cams: StatsCameras): Array<number | null> {
  const c = cams.table.geocode_confidence;
  const asNumber = c.values.map((v) => (typeof v === "number" ? v : null));
  return Array.from(c.codes, (k) => (k >= 0 ? asNumber[k] : null));
}

/** The distinct sources of the cameras ("" for a camera without one), sorted. */
export function cameraSources(cams: StatsCameras): string[] {
  const c = cams.table.source;
  const seen = new Set<string>();
  for (let i = 0; i < cams.n; i++) seen.add(c.codes[i] >= 0 ? String(c.values[c.codes[i]] ?? "") : "");
  return [...seen].sort();
}
