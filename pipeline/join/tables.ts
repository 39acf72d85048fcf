// The join stage's tables (out/joined/*.csv): fixed formats so the bytes are stable.
import { transformer } from "../geo/crs.js";
import type { CityCell } from "./city-cells.js";
import type { CrossingJoin } from "./context.js";
import { csvText, fixed } from "../core/csv-format.js";

export interface DistrictRow {
  code: string;
  name: string;
  arrondissement: string;
  area_m2: number;
  zti_area_m2: number;
  zsp_area_m2: number;
  cameras: number;
  cameras_in_zti: number;
  cameras_in_zsp: number;
  counts: Record<string, number>;
}

export const CELL_COLUMNS = [
  "id", "lon", "lat", "area_m2", "city_area_m2", "zti_area_m2", "zsp_area_m2", "inhabited", "imputed",
  "Ind", "Men", "Men_pauv", "Ind_snv", "mean_income", "dist_centre_m", "dist_terminal_m", "dist_edge_m", "stations_300m", "cameras",
] as const;

/** `extra`: optional integer columns appended after the fixed ones (ridership_300m…), one value per cell. */
export function cellsCsv(cells: CityCell[], cameras: number[], extra: Record<string, number[]> = {}): string {
  const names = Object.keys(extra);
  const toWgs = transformer("EPSG:2154", "EPSG:4326");
  const rows = cells.map((c, i) => {
    const [lon, lat] = toWgs(c.centre);
    return [
      c.id, fixed(lon, 7), fixed(lat, 7), fixed(c.area_m2, 2), fixed(c.city_area_m2, 2), fixed(c.zti_area_m2, 2), fixed(c.zsp_area_m2, 2),
      c.inhabited ? "1" : "0", c.imputed ? "1" : "0",
      fixed(c.counts.Ind ?? 0, 4), fixed(c.counts.Men ?? 0, 4), fixed(c.counts.Men_pauv ?? 0, 4), fixed(c.counts.Ind_snv ?? 0, 4),
      fixed(c.mean_income, 2), fixed(c.dist_centre_m, 1), fixed(c.dist_terminal_m, 1), fixed(c.dist_edge_m, 1), String(c.stations_300m), String(cameras[i]),
      ...names.map((n) => fixed(extra[n][i], 0)),
    ];
  });
  return csvText([...CELL_COLUMNS, ...names], rows);
}

/** `extra`: optional integer columns appended last (entries…), computed from the district code. */
export function districtsCsv(rows: DistrictRow[], countFields: string[], extra: Record<string, (code: string) => number> = {}): string {
  const names = Object.keys(extra);
  const header = ["code", "name", "arrondissement", "area_m2", "zti_area_m2", "zsp_area_m2", "cameras", "cameras_in_zti", "cameras_in_zsp", ...countFields, ...names];
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return csvText(header, sorted.map((r) => [
    r.code, r.name, r.arrondissement, fixed(r.area_m2, 2), fixed(r.zti_area_m2, 2), fixed(r.zsp_area_m2, 2),
    String(r.cameras), String(r.cameras_in_zti), String(r.cameras_in_zsp), ...countFields.map((f) => fixed(r.counts[f], 4)),
    ...names.map((n) => fixed(extra[n](r.code), 0)),
  ]));
}

export function crossingsCsv(crossings: Array<{ id: string; j: CrossingJoin }>): string {
  const header = ["id", "cell", "in_city", "arrondissement", "zti", "zsp", "dist_terminal_m"];
  return csvText(header, crossings.map(({ id, j }) => [id, j.cell, j.in_city ? "1" : "0", j.arrondissement ?? "", j.zti ?? "", j.zsp ?? "", fixed(j.dist_terminal_m, 1)]));
}
