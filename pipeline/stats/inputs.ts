// The stats stage's inputs, all from out/joined: typed rows of the cells, cameras and crossings,
// with one column per declared zone and one district table per declared level. What the study
// does not have (income cells, crossings, stations, terminals, a ridership column) is recorded in
// `available`, so every statistic that needs it can say "not computed" instead of failing.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readOutColumns, readOutCsv, readOutJson } from "../core/out-files.js";
import { cameraTablePath, readSharedCameraTable, type SharedCameraTable } from "../core/joined-cameras.js";
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

/**
 * A cell's street crossings inside the city (out/joined/crossings.csv collapsed to its cells):
 * how many, and how many in each declared zone, in zone order. What the statistics use of the
 * crossings: their count per cell (a model term) and the crossings null, which places a camera on
 * a crossing picked uniformly — in the cell with probability ∝ its crossings, and in a zone with
 * the share of those crossings in it.
 */
export interface CrossingCell {
  cell: string;
  n: number;
  inZone: number[];
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
  /** By cell id. */
  crossingCells: CrossingCell[];
  districts: Record<string, Array<Record<string, string>>>;
  report: JoinReport;
  available: Available;
}

const num = (v: string | undefined) => (v === "" || v === undefined ? NaN : Number(v));

/** `shared`: the camera table when the caller has read it already (the stats stage, to share it with its helper thread). */
export function readStatsInputs(outDir: string, study: Pick<Study, "zones" | "levels" | "layers">, shared?: SharedCameraTable): StatsInputs {
  const dir = join(outDir, "joined");
  const zones = study.zones.map((z) => z.layer);
  const levels = study.levels.map((l) => ({ layer: l.layer, key: l.key }));
  const crossingsFile = join(dir, "crossings.csv");
  const crossingCells = study.layers.crossings && existsSync(crossingsFile) ? crossingsPerCell(crossingsFile, zones) : [];
  const perCell = new Map(crossingCells.map((c) => [c.cell, c.n]));
  const t = readOutColumns(join(dir, "cells.csv"), "join");
  const ridership = t.column("ridership_300m") !== undefined;
  const text = (name: string) => t.column(name) ?? new Array<string>(t.n).fill("");
  // An empty cell, or a column the join did not write, is a missing value (NaN), never 0.
  const number = (name: string) => text(name).map(num);
  const id = text("id"), inhabited = text("inhabited"), imputed = text("imputed"), meanIncome = text("mean_income");
  const lon = number("lon"), lat = number("lat"), area = number("area_m2"), cityArea = number("city_area_m2");
  const zoneArea = zones.map((z) => number(`${z}_area_m2`));
  const Ind = number("Ind"), Men = number("Men"), MenPauv = number("Men_pauv"), IndSnv = number("Ind_snv");
  const centre = number("dist_centre_m"), terminal = number("dist_terminal_m"), edge = number("dist_edge_m");
  const stations = number("stations_300m"), rider = number("ridership_300m"), cams = number("cameras");
  const cells = id.map((cellId, i): CellRow => ({
    id: cellId, lon: lon[i], lat: lat[i], area_m2: area[i], city_area_m2: cityArea[i],
    zone_area_m2: Object.fromEntries(zones.map((z, k) => [z, zoneArea[k][i] || 0])),
    inhabited: inhabited[i] === "1", imputed: imputed[i] === "1", Ind: Ind[i] || 0, Men: Men[i] || 0,
    Men_pauv: MenPauv[i] || 0, Ind_snv: IndSnv[i] || 0, mean_income: meanIncome[i] === "" || meanIncome[i] === undefined ? null : num(meanIncome[i]),
    dist_centre_m: centre[i], dist_terminal_m: terminal[i], dist_edge_m: edge[i],
    stations_300m: stations[i], ridership_300m: Math.log1p(rider[i]), crossings: perCell.get(cellId) ?? 0, cameras: cams[i],
  }));
  // The join's camera table, not its GeoJSON: typed columns, no object per camera.
  const { table, bytes } = shared ?? readSharedCameraTable(outDir);
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
    crossings: crossingCells.length > 0,
    stations: !!study.layers.stations,
    terminals: !!study.layers.terminals && inCity.some((c) => Number.isFinite(c.dist_terminal_m)),
    ridership: ridership && inCity.some((c) => Number.isFinite(c.ridership_300m)),
  };
  return { zones, levels, cells: inCity, cameras, crossingCells, districts, report, available };
}

/** out/joined/crossings.csv collapsed to its cells (17,000 rows for Paris: no object per row). */
function crossingsPerCell(file: string, zones: string[]): CrossingCell[] {
  const t = readOutColumns(file, "join", ["cell", "in_city", ...zones]);
  const none = new Array<string>(t.n).fill("");
  const cell = t.column("cell") ?? none, inCity = t.column("in_city") ?? none, zoneCols = zones.map((z) => t.column(z) ?? none);
  const byCell = new Map<string, CrossingCell>();
  for (let i = 0; i < t.n; i++) {
    if (inCity[i] !== "1") continue;
    let e = byCell.get(cell[i]);
    if (!e) byCell.set(cell[i], (e = { cell: cell[i], n: 0, inZone: zones.map(() => 0) }));
    e.n++;
    zoneCols.forEach((c, k) => (e.inZone[k] += c[i] !== "" ? 1 : 0));
  }
  return [...byCell.values()].sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
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
  // A loop, not Array.from(codes, f): a million cameras through the iterator took a second.
  const out = new Array<number | null>(c.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = c.codes[i] >= 0 ? asNumber[c.codes[i]] : null;
  return out;
}

/** The distinct sources of the cameras ("" for a camera without one), sorted. */
export function cameraSources(cams: StatsCameras): string[] {
  const c = cams.table.source;
  const seen = new Set<string>();
  for (let i = 0; i < cams.n; i++) seen.add(c.codes[i] >= 0 ? String(c.values[c.codes[i]] ?? "") : "");
  return [...seen].sort();
}
