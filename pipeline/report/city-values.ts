// City-wide value of every indicator, recomputed from the arrondissement rows (they tile the
// city): totals for counts, ratios of totals for rates, weighted means for averages. This is the
// "Paris" column of the comparison view; the page says it is derived from the districts.
import type { DistrictRow } from "./district-table.js";

export function cityValues(rows: DistrictRow[]): Record<string, number | null> {
  const sum = (key: string): number | null => {
    let s = 0;
    for (const r of rows) {
      const v = r.values[key];
      if (v === null || v === undefined) return null;
      s += v;
    }
    return rows.length ? s : null;
  };
  /** Σ(value·weight) / Σweight; null if any value or weight is missing. */
  const weighted = (key: string, weightKey: string): number | null => {
    let num = 0;
    let den = 0;
    for (const r of rows) {
      const v = r.values[key];
      const w = r.values[weightKey];
      if (v === null || v === undefined || w === null || w === undefined) return null;
      num += v * w;
      den += w;
    }
    return den > 0 ? num / den : null;
  };
  const ratio = (a: number | null, b: number | null, k = 1) => (a === null || b === null || b === 0 ? null : (k * a) / b);
  const cameras = sum("cameras");
  const area = sum("area_km2");
  const population = sum("population");
  return {
    cameras,
    area_km2: area,
    population,
    households: sum("households"),
    // mean_income is Σ Ind_snv / Σ Ind per district, so the population-weighted mean is exact.
    mean_income: weighted("mean_income", "population"),
    // A share of households (Filosofi counts poor households), hence the household weights.
    poverty_rate: weighted("poverty_rate", "households"),
    cameras_per_km2: ratio(cameras, area),
    cameras_per_10k_residents: ratio(cameras, population, 10_000),
    camera_share: cameras === null ? null : 1,
    area_share: area === null ? null : 1,
    population_share: population === null ? null : 1,
    lq_area: cameras === null || area === null ? null : 1,
    lq_population: cameras === null || population === null ? null : 1,
    zti_area_share: weighted("zti_area_share", "area_km2"),
    zsp_area_share: weighted("zsp_area_share", "area_km2"),
    cameras_in_zti: sum("cameras_in_zti"),
    cameras_in_zsp: sum("cameras_in_zsp"),
  };
}
