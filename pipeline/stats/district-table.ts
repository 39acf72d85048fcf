// The per-district indicators of out/stats/{arrondissements,quartiers,iris}.csv. Column names and
// order are a contract (DESIGN.md); values come from the join stage's districts_<level>.csv.
import { csvText, fixed } from "../core/csv-format.js";

export const DISTRICT_COLUMNS = [
  "code", "name", "cameras", "area_km2", "population", "households", "mean_income", "poverty_rate",
  "cameras_per_km2", "cameras_per_10k_residents", "camera_share", "area_share", "population_share",
  "lq_area", "lq_population", "zti_area_share", "zsp_area_share", "cameras_in_zti", "cameras_in_zsp",
] as const;
export type DistrictColumn = (typeof DISTRICT_COLUMNS)[number];

export interface DistrictStats {
  code: string;
  name: string;
  cameras: number;
  area_km2: number;
  population: number;
  households: number;
  /** Σ Ind_snv / Σ Ind, € per person per year; null without residents. */
  mean_income: number | null;
  /** Σ Men_pauv / Σ Men (share of households below 60 % of the median). */
  poverty_rate: number | null;
  cameras_per_km2: number;
  cameras_per_10k_residents: number | null;
  camera_share: number;
  area_share: number;
  population_share: number;
  lq_area: number | null;
  lq_population: number | null;
  zti_area_share: number;
  zsp_area_share: number;
  cameras_in_zti: number;
  cameras_in_zsp: number;
}

/** Decimals of each numeric column: fixed, so the bytes do not depend on the platform. */
export const DECIMALS: Record<Exclude<DistrictColumn, "code" | "name">, number> = {
  cameras: 0, area_km2: 6, population: 1, households: 1, mean_income: 0, poverty_rate: 4,
  cameras_per_km2: 2, cameras_per_10k_residents: 2, camera_share: 5, area_share: 5, population_share: 5,
  lq_area: 3, lq_population: 3, zti_area_share: 4, zsp_area_share: 4, cameras_in_zti: 0, cameras_in_zsp: 0,
};

export function districtStats(rows: Array<Record<string, string>>): DistrictStats[] {
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
        population: pop,
        households: num(r, "Men"),
        mean_income: ratio(num(r, "Ind_snv"), pop),
        poverty_rate: ratio(num(r, "Men_pauv"), num(r, "Men")),
        cameras_per_km2: cameras / (area / 1e6),
        cameras_per_10k_residents: pop > 0 ? (1e4 * cameras) / pop : null,
        camera_share: cameraShare,
        area_share: areaShare,
        population_share: popShare,
        lq_area: ratio(cameraShare, areaShare),
        lq_population: ratio(cameraShare, popShare),
        zti_area_share: num(r, "zti_area_m2") / area,
        zsp_area_share: num(r, "zsp_area_m2") / area,
        cameras_in_zti: num(r, "cameras_in_zti"),
        cameras_in_zsp: num(r, "cameras_in_zsp"),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function districtCsv(rows: DistrictStats[]): string {
  return csvText(
    [...DISTRICT_COLUMNS],
    rows.map((r) => DISTRICT_COLUMNS.map((c) => (c === "code" || c === "name" ? r[c] : fixed(r[c] as number | null, DECIMALS[c])))),
  );
}
