// The per-district indicators of out/stats/<level layer>.csv, one file per declared level. Column
// names and order are a contract (DESIGN.md): the base columns, then `<zone>_area_share` for each
// declared zone, then `cameras_in_<zone>`; values come from the join stage's districts_<level>.csv.
import { csvText, fixed } from "../core/csv-format.js";

export const BASE_COLUMNS = [
  "code", "name", "cameras", "area_km2", "population", "households", "mean_income", "poverty_rate",
  "cameras_per_km2", "cameras_per_10k_residents", "camera_share", "area_share", "population_share",
  "lq_area", "lq_population",
] as const;
type BaseColumn = (typeof BASE_COLUMNS)[number];

/** The columns of a level's table for the declared zones, in contract order. */
export function districtColumns(zones: string[]): string[] {
  return [...BASE_COLUMNS, ...zones.map((z) => `${z}_area_share`), ...zones.map((z) => `cameras_in_${z}`)];
}

/** The Paris study's columns (zones zti, zsp), kept for readers written against them. */
export const DISTRICT_COLUMNS = districtColumns(["zti", "zsp"]) as readonly string[];
export type DistrictColumn = string;

export interface DistrictStats {
  code: string;
  name: string;
  cameras: number;
  area_km2: number;
  population: number | null;
  households: number | null;
  /** Σ Ind_snv / Σ Ind, € per person per year; null without residents. */
  mean_income: number | null;
  /** Σ Men_pauv / Σ Men (share of households below 60 % of the median). */
  poverty_rate: number | null;
  cameras_per_km2: number;
  cameras_per_10k_residents: number | null;
  camera_share: number;
  area_share: number;
  population_share: number | null;
  lq_area: number | null;
  lq_population: number | null;
  /** `<zone>_area_share` and `cameras_in_<zone>` for each declared zone. */
  [zoneColumn: string]: string | number | null;
}

/** Decimals of each numeric column: fixed, so the bytes do not depend on the platform. */
const BASE_DECIMALS: Record<Exclude<BaseColumn, "code" | "name">, number> = {
  cameras: 0, area_km2: 6, population: 1, households: 1, mean_income: 0, poverty_rate: 4,
  cameras_per_km2: 2, cameras_per_10k_residents: 2, camera_share: 5, area_share: 5, population_share: 5,
  lq_area: 3, lq_population: 3,
};

/** Decimals of a numeric column, zone columns included. */
export function decimalsOf(column: string): number {
  if (column in BASE_DECIMALS) return BASE_DECIMALS[column as keyof typeof BASE_DECIMALS];
  if (column.endsWith("_area_share")) return 4;
  return 0;
}

/** Decimals by column for the Paris columns (readers written against them). */
export const DECIMALS: Record<string, number> = Object.fromEntries(DISTRICT_COLUMNS.filter((c) => c !== "code" && c !== "name").map((c) => [c, decimalsOf(c)]));

/**
 * `income` false (the study has no income layer): population, income and poverty columns are
 * left empty, not zero, so no reader mistakes "not computed" for "no residents".
 */
export function districtStats(rows: Array<Record<string, string>>, zones: string[], income = true): DistrictStats[] {
  const num = (r: Record<string, string>, k: string) => Number(r[k] || 0);
  const totalCameras = rows.reduce((s, r) => s + num(r, "cameras"), 0);
  const totalArea = rows.reduce((s, r) => s + num(r, "area_m2"), 0);
  const totalPop = rows.reduce((s, r) => s + num(r, "Ind"), 0);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return rows
    .map((r) => {
      const cameras = num(r, "cameras");
      const area = num(r, "area_m2");
      const pop = num(r, "Ind");
      const cameraShare = totalCameras > 0 ? cameras / totalCameras : 0;
      const areaShare = area / totalArea;
      const popShare = totalPop > 0 ? pop / totalPop : 0;
      return {
        code: r.code,
        name: r.name,
        cameras,
        area_km2: area / 1e6,
        population: income ? pop : null,
        households: income ? num(r, "Men") : null,
        mean_income: income ? ratio(num(r, "Ind_snv"), pop) : null,
        poverty_rate: income ? ratio(num(r, "Men_pauv"), num(r, "Men")) : null,
        cameras_per_km2: cameras / (area / 1e6),
        cameras_per_10k_residents: income && pop > 0 ? (1e4 * cameras) / pop : null,
        camera_share: cameraShare,
        area_share: areaShare,
        population_share: income ? popShare : null,
        lq_area: ratio(cameraShare, areaShare),
        lq_population: income ? ratio(cameraShare, popShare) : null,
        ...Object.fromEntries(zones.map((z) => [`${z}_area_share`, num(r, `${z}_area_m2`) / area])),
        ...Object.fromEntries(zones.map((z) => [`cameras_in_${z}`, num(r, `cameras_in_${z}`)])),
      } as DistrictStats;
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function districtCsv(rows: DistrictStats[], zones: string[]): string {
  const cols = districtColumns(zones);
  return csvText(cols, rows.map((r) => cols.map((c) => (c === "code" || c === "name" ? String(r[c]) : fixed(r[c] as number | null, decimalsOf(c))))));
}
