// The count model's design: one row per 200 m cell covering the city, inhabited or not.
// Uninhabited cells (no INSEE record: Bois, Seine, cemeteries, rail yards, parks) have no income
// and no residents. They are kept, with an indicator `uninhabited` and their log income and log
// residents set to the inhabited cells' mean (the centred value 0): the indicator then carries
// their whole difference, and the income and residents coefficients are estimated on the
// inhabited cells only. The share of the cell inside the city is a covariate, not an exposure
// offset, because cameras on the périphérique stand just beyond the limit in cells that are
// mostly outside it.
import { csvText, fixed } from "../core/csv-format.js";
import type { CellRow } from "./inputs.js";

export const TERMS = [
  { name: "(intercept)", label: "intercept", unit: "" },
  { name: "log_income_c", label: "log mean standard of living (centred)", unit: "+1 log unit (×2.72 income)" },
  { name: "dist_centre_km", label: "distance to the centre", unit: "per km" },
  { name: "zti_share", label: "cell inside a ZTI", unit: "whole cell vs none" },
  { name: "zsp_share", label: "cell inside a ZSP", unit: "whole cell vs none" },
  { name: "dist_terminal_km", label: "distance to the nearest major terminal", unit: "per km" },
  { name: "dist_edge_km", label: "distance to the city limit", unit: "per km" },
  { name: "stations_300m", label: "metro/RER stations within 300 m", unit: "per station" },
  // Entries, not stations: Châtelet and a quiet terminus no longer weigh the same. Logged because
  // entries span four orders of magnitude; 1 + so that cells without a station stay at 0.
  { name: "log_ridership_300m", label: "log(1 + annual station entries within 300 m)", unit: "+1 log unit (×2.72 entries)" },
  { name: "log_residents_c", label: "log residents (centred)", unit: "+1 log unit" },
  { name: "uninhabited", label: "uninhabited cell", unit: "vs inhabited" },
  { name: "city_share", label: "share of the cell inside the city", unit: "whole vs none" },
] as const;

export type Term = (typeof TERMS)[number];

export interface Design {
  /** The terms kept, in column order (a term that is constant or missing everywhere is dropped). */
  terms: Term[];
  dropped: Array<{ term: string; reason: string }>;
  names: string[];
  x: number[][];
  y: number[];
  ids: string[];
  /** Means used to centre log income and log residents (inhabited cells). */
  centring: { log_income: number; log_residents: number };
  cells: { used: number; inhabited: number; uninhabited: number; dropped: number };
}

export function buildDesign(cells: CellRow[]): Design {
  // A cell with residents but no income (never in the Paris file) would be dropped and counted.
  const usable = cells.filter((c) => !c.inhabited || c.mean_income !== null);
  const inhabited = usable.filter((c) => c.inhabited);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const li = mean(inhabited.map((c) => Math.log(c.mean_income!)));
  const lr = mean(inhabited.map((c) => Math.log(c.Ind)));
  const full = usable.map((c) => [
    1,
    c.inhabited ? Math.log(c.mean_income!) - li : 0,
    c.dist_centre_m / 1000,
    c.zti_area_m2 / c.area_m2,
    c.zsp_area_m2 / c.area_m2,
    c.dist_terminal_m / 1000,
    Math.abs(c.dist_edge_m) / 1000,
    c.stations_300m,
    // NaN when cells.csv has no ridership_300m column: the term leaves the model, the output says why.
    Math.log1p(c.ridership_300m),
    c.inhabited ? Math.log(c.Ind) - lr : 0,
    c.inhabited ? 0 : 1,
    c.city_area_m2 / c.area_m2,
  ]);
  // A study without ZSP, terminals or stations gives a column of zeros or of missing values:
  // it cannot be estimated, so it leaves the model and the output says why.
  const dropped: Design["dropped"] = [];
  const keep = TERMS.map((t, j) => {
    if (j === 0) return true;
    const col = full.map((r) => r[j]);
    const reason = col.some((v) => !Number.isFinite(v)) ? "missing (the study has no such layer)" : col.every((v) => v === col[0]) ? "constant over every cell" : null;
    if (reason) dropped.push({ term: t.name, reason });
    return reason === null;
  });
  const x = full.map((r) => r.filter((_, j) => keep[j]));
  const terms = TERMS.filter((_, j) => keep[j]);
  return {
    terms,
    dropped,
    names: terms.map((t) => t.name),
    x,
    y: usable.map((c) => c.cameras),
    ids: usable.map((c) => c.id),
    centring: { log_income: li, log_residents: lr },
    cells: { used: usable.length, inhabited: inhabited.length, uninhabited: usable.length - inhabited.length, dropped: cells.length - usable.length },
  };
}

/** The design as CSV (out/stats/model_cells.csv): anyone can refit the model with R or statsmodels. */
export function designCsv(d: Design): string {
  return csvText(["id", "cameras", ...d.names.slice(1)], d.x.map((r, i) => [d.ids[i], String(d.y[i]), ...r.slice(1).map((v) => fixed(v, 10))]));
}
