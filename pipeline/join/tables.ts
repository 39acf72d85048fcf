// The join stage's tables (out/joined/*.csv): fixed formats so the bytes are stable.
import { transformer } from "../geo/crs.js";
import type { CityCell } from "./city-cells.js";
import type { CrossingJoin } from "./context.js";
import { csvText, fixed } from "../core/csv-format.js";

export interface DistrictRow {
  code: string;
  name: string;
  /** Code of the coarsest level's district this one lies in (its own code at that level). */
  parent: string;
  area_m2: number;
  /** Zone layer → area of the district inside the zones' union (m²). */
  zoneArea: Record<string, number>;
  cameras: number;
  /** Zone layer → cameras of the district inside the zone. */
  zoneCameras: Record<string, number>;
  counts: Record<string, number>;
}

/** What the tables are named after: the study's zones and its coarsest level's key. */
export interface TableShape {
  zones: string[];
  parentKey: string;
  /** false when the study has no income cells: INSEE columns are left empty, never 0. */
  income: boolean;
}

export function cellColumns(shape: TableShape): string[] {
  return [
    "id", "lon", "lat", "area_m2", "city_area_m2", ...shape.zones.map((z) => `${z}_area_m2`), "inhabited", "imputed",
    "Ind", "Men", "Men_pauv", "Ind_snv", "mean_income", "dist_centre_m", "dist_terminal_m", "dist_edge_m", "stations_300m", "cameras",
  ];
}

export function cellsCsv(cells: CityCell[], cameras: number[], shape: TableShape): string {
  const toWgs = transformer("EPSG:2154", "EPSG:4326");
  const count = (c: CityCell, k: string) => (shape.income ? fixed(c.counts[k] ?? 0, 4) : "");
  const rows = cells.map((c, i) => {
    const [lon, lat] = toWgs(c.centre);
    return [
      c.id, fixed(lon, 7), fixed(lat, 7), fixed(c.area_m2, 2), fixed(c.city_area_m2, 2), ...shape.zones.map((z) => fixed(c.zoneArea[z], 2)),
      c.inhabited ? "1" : "0", c.imputed ? "1" : "0",
      count(c, "Ind"), count(c, "Men"), count(c, "Men_pauv"), count(c, "Ind_snv"),
      fixed(c.mean_income, 2), fixed(c.dist_centre_m, 1), fixed(c.dist_terminal_m, 1), fixed(c.dist_edge_m, 1), String(c.stations_300m), String(cameras[i]),
    ];
  });
  return csvText(cellColumns(shape), rows);
}

export function districtsCsv(rows: DistrictRow[], countFields: string[], shape: TableShape): string {
  const header = [
    "code", "name", shape.parentKey, "area_m2", ...shape.zones.map((z) => `${z}_area_m2`), "cameras", ...shape.zones.map((z) => `cameras_in_${z}`), ...countFields,
  ];
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return csvText(header, sorted.map((r) => [
    r.code, r.name, r.parent, fixed(r.area_m2, 2), ...shape.zones.map((z) => fixed(r.zoneArea[z], 2)),
    String(r.cameras), ...shape.zones.map((z) => String(r.zoneCameras[z])), ...countFields.map((f) => fixed(r.counts[f], 4)),
  ]));
}

export function crossingsCsv(crossings: Array<{ id: string; j: CrossingJoin }>, shape: TableShape): string {
  const header = ["id", "cell", "in_city", shape.parentKey, ...shape.zones, "dist_terminal_m"];
  return csvText(header, crossings.map(({ id, j }) => [id, j.cell, j.in_city ? "1" : "0", j.district ?? "", ...shape.zones.map((z) => j.zones[z] ?? ""), fixed(j.dist_terminal_m, 1)]));
}
