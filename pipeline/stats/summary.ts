// City-level indices of out/stats/summary.json: Gini of cameras over area and residents (cells and
// IRIS), the concentration curve and index over income, and camera share vs area share of the
// declared zones, the central districts and the terminals' surroundings. What needs an absent
// layer (income, terminals) is marked "not computed" with the reason. Camera shares are over every camera of the layer (those just outside
// the city limit included: they are Paris's cameras); area shares are over the city's area.
import { concentrationCurve, concentrationIndex, curveAt, gini, lorenz, sampleCurve, type Unit } from "./concentration.js";
import { NOT_COMPUTED, countCameras, hasValue, valueAt, zoneAreaInCity, type CellRow, type StatsCameras, type StatsInputs } from "./inputs.js";
import type { DistrictStats } from "./district-table.js";


export interface ShareRow {
  zone: string;
  label: string;
  cameras: number;
  camera_share: number;
  area_km2: number;
  area_share: number;
  /** camera_share / area_share: 1 = as many cameras as the zone's area predicts. */
  ratio: number;
  /** Cameras within the zone tolerance (declared zones only). */
  cameras_tolerance?: number;
  camera_share_tolerance?: number;
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function cellIncomeUnits(cells: CellRow[]): Array<Unit & { rank: number }> {
  return cells.filter((c) => c.inhabited && c.mean_income !== null).map((c) => ({ weight: c.Ind, count: c.cameras, rank: c.mean_income! }));
}

export interface ShareLabels {
  /** Zone layer → label (the study's English label). */
  zones: Record<string, string>;
  central: string;
}

export function shareRows(cameras: StatsCameras, inputs: StatsInputs, central: string[], labels?: ShareLabels): ShareRow[] {
  const a = inputs.report.areas_m2;
  const coarse = inputs.levels[0];
  const n = cameras.n;
  const t = cameras.table;
  const row = (zone: string, label: string, k: number, area: number, kTol?: number): ShareRow => ({
    zone, label, cameras: k, camera_share: r6(k / n), area_km2: r6(area / 1e6), area_share: r6(area / a.city), ratio: r6(k / n / (area / a.city)),
    ...(kTol === undefined ? {} : { cameras_tolerance: kTol, camera_share_tolerance: r6(kTol / n) }),
  });
  const rows = inputs.zones.map((z) =>
    row(z, labels?.zones[z] ?? z, countCameras(cameras, (i) => hasValue(t.zones[z], i)), zoneAreaInCity(inputs, z), countCameras(cameras, (i) => hasValue(t.zones_tol[z], i))));
  if (central.length && coarse) {
    // The central districts' area from the coarsest level's table (the join's own figure if any).
    const table = inputs.districts[coarse.layer] ?? [];
    const joined = (a as Record<string, number>).central ?? (a as Record<string, number>).central_1_4;
    const area = typeof joined === "number" && joined > 0 ? joined : table.filter((d) => central.includes(d.code)).reduce((s, d) => s + Number(d.area_m2 || 0), 0);
    rows.push(row("central", labels?.central ?? "Central districts", countCameras(cameras, (i) => { const code = valueAt(t.levels[coarse.key], i); return code !== null && central.includes(code); }), area));
  }
  if (inputs.available.terminals && typeof a.terminals_300m_in_city === "number") {
    rows.push(row("terminals", "Within 300 m of a major railway terminal", countCameras(cameras, (i) => t.dist_terminal_m[i] <= 300), a.terminals_300m_in_city));
  }
  return rows;
}

/** `finest`: the finest declared level's table (IRIS for Paris), for the district Gini. */
export function summarise(inputs: StatsInputs, finest: DistrictStats[], central: string[], labels?: ShareLabels) {
  const { cells, cameras } = inputs;
  const inCells = cells.reduce((s, c) => s + c.cameras, 0);
  const areaUnits = cells.map((c) => ({ weight: c.city_area_m2, count: c.cameras }));
  const resUnits = cells.filter((c) => c.inhabited).map((c) => ({ weight: c.Ind, count: c.cameras }));
  const incomeUnits = cellIncomeUnits(cells);
  const curve = concentrationCurve(incomeUnits);
  const deciles = Array.from({ length: 10 }, (_, k) => ({
    decile: k + 1,
    camera_share: r6(curveAt(curve, (k + 1) / 10) - curveAt(curve, k / 10)),
  }));
  const income = inputs.available.income;
  const finestName = inputs.levels[inputs.levels.length - 1]?.layer ?? "district";
  const described = (units: Unit[], unit: string) => ({
    unit,
    units: units.filter((u) => u.weight > 0).length,
    cameras: units.reduce((s, u) => s + u.count, 0),
    gini: r6(gini(units)),
    lorenz: sampleCurve(lorenz(units), 20).map((p) => ({ p: r6(p.p), c: r6(p.c) })),
  });
  return {
    cameras: {
      total: cameras.n,
      in_city: countCameras(cameras, (i) => cameras.table.in_city[i] === 1),
      in_city_cells: inCells,
      in_inhabited_cells: incomeUnits.reduce((s, u) => s + u.count, 0),
      // Cameras outside every district of the coarsest declared level.
      outside_every_district: ((inputs.report.cameras_without as Record<string, string[]>)[inputs.levels[0]?.key ?? ""] ?? []).length,
    },
    gini: {
      area_cells: described(areaUnits, "200 m cell (area inside the city)"),
      ...(income ? { residents_cells: described(resUnits, "inhabited 200 m cell (residents)") } : {}),
      // Keys keep the Paris names (area_iris…) whatever the finest level is called: readers use them.
      area_iris: described(finest.map((d) => ({ weight: d.area_km2, count: d.cameras })), `${finestName} (area)`),
      ...(income ? { residents_iris: described(finest.filter((d) => (d.population ?? 0) > 0).map((d) => ({ weight: d.population!, count: d.cameras })), `${finestName} (residents)`) } : {}),
    },
    ...(income ? {} : { gini_residents_not_computed: NOT_COMPUTED.income }),
    concentration: !income ? { not_computed: NOT_COMPUTED.income } as unknown as ConcentrationSummary : {
      method: "inhabited 200 m cells ranked by mean standard of living (Ind_snv / Ind), weighted by residents (Ind); CI = 1 − 2∫C(p)dp, negative = cameras among the poor",
      index: r6(concentrationIndex(incomeUnits)),
      cells: incomeUnits.length,
      cameras: incomeUnits.reduce((s, u) => s + u.count, 0),
      deciles,
      curve: sampleCurve(curve, 10).map((p) => ({ p: r6(p.p), c: r6(p.c) })),
    },
    // NaN (written as null) without income.
    mean_income_at_cameras: income ? r6(meanIncomeAtCameras(cells)) : NaN,
    mean_income_residents: income ? r6(cells.reduce((s, c) => s + c.Ind_snv, 0) / cells.reduce((s, c) => s + c.Ind, 0)) : NaN,
    shares: shareRows(cameras, inputs, central, labels),
  };
}

interface ConcentrationSummary {
  method: string;
  index: number;
  cells: number;
  cameras: number;
  deciles: Array<{ decile: number; camera_share: number }>;
  curve: Array<{ p: number; c: number }>;
  not_computed?: string;
}

/** Mean over cameras in inhabited cells of their cell's mean standard of living (€/yr). */
export function meanIncomeAtCameras(cells: CellRow[]): number {
  let s = 0, n = 0;
  for (const c of cells) if (c.mean_income !== null && c.cameras > 0) {
    s += c.cameras * c.mean_income;
    n += c.cameras;
  }
  return n > 0 ? s / n : NaN;
}

export type Summary = ReturnType<typeof summarise>;
