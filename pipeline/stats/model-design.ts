// The count model's design: one row per 200 m cell covering the city, inhabited or not, with one
// term per declared zone and only the covariates the study has.
// Uninhabited cells (no INSEE record: Bois, Seine, cemeteries, rail yards, parks) have no income
// and no residents. They are kept, with an indicator `uninhabited` and their log income and log
// residents set to the inhabited cells' mean (the centred value 0): the indicator then carries
// their whole difference, and the income and residents coefficients are estimated on the
// inhabited cells only. The share of the cell inside the city is a covariate, not an exposure
// offset, because cameras on the périphérique stand just beyond the limit in cells that are
// mostly outside it. Street supply is log(1 + OSM crossings in the cell): cameras hang where
// streets are, and without it every term that correlates with street density takes its credit.
// A term that cannot be estimated (missing, constant, collinear with the others) leaves the
// design with a note; the model is then fitted without it.
import { csvText, fixed } from "../core/csv-format.js";
import type { CellRow, StatsInputs } from "./inputs.js";
import { NOT_COMPUTED } from "./inputs.js";

export interface Term {
  name: string;
  label: string;
  unit: string;
}

export interface Design {
  /** The terms kept, in column order. */
  terms: Term[];
  dropped: Array<{ term: string; reason: string }>;
  names: string[];
  x: number[][];
  y: number[];
  ids: string[];
  /** Means used to centre log income and log residents (inhabited cells); null without income. */
  centring: { log_income: number; log_residents: number } | null;
  /** Standard deviation of log income over inhabited cells (for rate ratios per SD). */
  log_income_sd: number | null;
  cells: { used: number; inhabited: number; uninhabited: number; dropped: number };
}

interface Column extends Term {
  value: (c: CellRow) => number;
  /** Absent input → the reason the term is not in the model. */
  absent?: string;
}

export interface DesignOptions {
  /** Terms left out on purpose (a variant of the model), by name. */
  omit?: string[];
  /** Keep only these terms (plus the intercept), e.g. the unconditional income model. */
  only?: string[];
}

function columns(inputs: Pick<StatsInputs, "zones" | "available">, zoneLabels: Record<string, string>, li: number, lr: number): Column[] {
  const a = inputs.available;
  return [
    { name: "(intercept)", label: "intercept", unit: "", value: () => 1 },
    { name: "log_income_c", label: "log mean standard of living (centred)", unit: "+1 log unit (×2.72 income)", value: (c) => (c.inhabited ? Math.log(c.mean_income!) - li : 0), absent: a.income ? undefined : NOT_COMPUTED.income },
    { name: "dist_centre_km", label: "distance to the centre", unit: "per km", value: (c) => c.dist_centre_m / 1000 },
    ...inputs.zones.map((z): Column => ({ name: `${z}_share`, label: `cell inside ${zoneLabels[z] ?? z}`, unit: "whole cell vs none", value: (c) => c.zone_area_m2[z] / c.area_m2 })),
    { name: "dist_terminal_km", label: "distance to the nearest major terminal", unit: "per km", value: (c) => c.dist_terminal_m / 1000, absent: a.terminals ? undefined : NOT_COMPUTED.terminals },
    { name: "dist_edge_km", label: "distance to the city limit", unit: "per km", value: (c) => Math.abs(c.dist_edge_m) / 1000 },
    { name: "stations_300m", label: "metro/RER stations within 300 m", unit: "per station", value: (c) => c.stations_300m, absent: a.stations ? undefined : NOT_COMPUTED.stations },
    { name: "log_ridership_300m", label: "log(1 + station entries within 300 m)", unit: "+1 log unit", value: (c) => c.ridership_300m, absent: a.ridership ? undefined : NOT_COMPUTED.ridership },
    { name: "log_crossings", label: "street supply: log(1 + OSM crossings in the cell)", unit: "+1 log unit", value: (c) => Math.log1p(c.crossings), absent: a.crossings ? undefined : NOT_COMPUTED.crossings },
    { name: "log_residents_c", label: "log residents (centred)", unit: "+1 log unit", value: (c) => (c.inhabited ? Math.log(c.Ind) - lr : 0), absent: a.income ? undefined : NOT_COMPUTED.income },
    { name: "uninhabited", label: "uninhabited cell", unit: "vs inhabited", value: (c) => (c.inhabited ? 0 : 1), absent: a.income ? undefined : NOT_COMPUTED.income },
    { name: "city_share", label: "share of the cell inside the city", unit: "whole vs none", value: (c) => c.city_area_m2 / c.area_m2 },
  ];
}

export function buildDesign(inputs: Pick<StatsInputs, "cells" | "zones" | "available">, zoneLabels: Record<string, string> = {}, opts: DesignOptions = {}): Design {
  const income = inputs.available.income;
  // A cell with residents but no income (never in the Paris file) is dropped and counted.
  const usable = inputs.cells.filter((c) => !income || !c.inhabited || (c.mean_income !== null && c.mean_income > 0 && c.Ind > 0));
  const inhabited = usable.filter((c) => income && c.inhabited);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const li = income ? mean(inhabited.map((c) => Math.log(c.mean_income!))) : 0;
  const lr = income ? mean(inhabited.map((c) => Math.log(c.Ind))) : 0;
  const sd = income && inhabited.length > 1 ? Math.sqrt(inhabited.reduce((s, c) => s + (Math.log(c.mean_income!) - li) ** 2, 0) / (inhabited.length - 1)) : null;
  const dropped: Design["dropped"] = [];
  const candidates = columns(inputs, zoneLabels, li, lr).filter((t) => {
    if (t.name === "(intercept)") return true;
    if (opts.only && !opts.only.includes(t.name)) return false;
    if (opts.omit?.includes(t.name)) return false;
    if (t.absent) {
      dropped.push({ term: t.name, reason: t.absent });
      return false;
    }
    return true;
  });
  const full = usable.map((c) => candidates.map((t) => t.value(c)));
  const keep = candidates.map((t, j) => {
    if (j === 0) return true;
    const col = full.map((r) => r[j]);
    const reason = col.some((v) => !Number.isFinite(v)) ? "missing in some cells" : col.every((v) => v === col[0]) ? "constant over every cell" : null;
    if (reason) dropped.push({ term: t.name, reason });
    return reason === null;
  });
  // Collinearity: Gram–Schmidt on the centred columns in term order; a column the earlier ones
  // explain to within 1e-8 of its variance cannot be estimated and leaves with the reason.
  const basis: Float64Array[] = [];
  candidates.forEach((t, j) => {
    if (!keep[j] || j === 0) return;
    const col = Float64Array.from(full, (r) => r[j]);
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    for (let i = 0; i < col.length; i++) col[i] -= m;
    const norm0 = col.reduce((s, v) => s + v * v, 0);
    for (const b of basis) {
      let d = 0;
      for (let i = 0; i < col.length; i++) d += col[i] * b[i];
      for (let i = 0; i < col.length; i++) col[i] -= d * b[i];
    }
    const norm = col.reduce((s, v) => s + v * v, 0);
    if (norm <= 1e-8 * norm0) {
      keep[j] = false;
      dropped.push({ term: t.name, reason: "collinear with the other terms (cannot be estimated)" });
      return;
    }
    const s = Math.sqrt(norm);
    for (let i = 0; i < col.length; i++) col[i] /= s;
    basis.push(col);
  });
  const x = full.map((r) => r.filter((_, j) => keep[j]));
  const terms = candidates.filter((_, j) => keep[j]).map(({ name, label, unit }) => ({ name, label, unit }));
  return {
    terms,
    dropped,
    names: terms.map((t) => t.name),
    x,
    y: usable.map((c) => c.cameras),
    ids: usable.map((c) => c.id),
    centring: income ? { log_income: li, log_residents: lr } : null,
    log_income_sd: sd,
    cells: { used: usable.length, inhabited: inhabited.length, uninhabited: usable.length - inhabited.length, dropped: inputs.cells.length - usable.length },
  };
}

/** The design as CSV (out/stats/model_cells.csv): anyone can refit the model with R or statsmodels. */
export function designCsv(d: Design): string {
  return csvText(["id", "cameras", ...d.names.slice(1)], d.x.map((r, i) => [d.ids[i], String(d.y[i]), ...r.slice(1).map((v) => fixed(v, 10))]));
}
