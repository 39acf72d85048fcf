// City-level indices of out/stats/summary.json: Gini of cameras over area and residents (cells and
// IRIS), the concentration curve and index over income, and camera share vs area share of the
// zones the hypothesis names. Camera shares are over every camera of the layer (those just outside
// the city limit included: they are Paris's cameras); area shares are over the city's area.
import { concentrationCurve, concentrationIndex, curveAt, gini, lorenz, sampleCurve, type Unit } from "./concentration.js";
import type { CameraRow, CellRow, StatsInputs } from "./inputs.js";
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
  /** Cameras within the zone tolerance (ZTI, ZSP only). */
  cameras_tolerance?: number;
  camera_share_tolerance?: number;
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function cellIncomeUnits(cells: CellRow[]): Array<Unit & { rank: number }> {
  return cells.filter((c) => c.inhabited && c.mean_income !== null).map((c) => ({ weight: c.Ind, count: c.cameras, rank: c.mean_income! }));
}

export function shareRows(cameras: CameraRow[], inputs: StatsInputs, central: string[]): ShareRow[] {
  const a = inputs.report.areas_m2;
  const n = cameras.length;
  const row = (zone: string, label: string, k: number, area: number, kTol?: number): ShareRow => ({
    zone, label, cameras: k, camera_share: r6(k / n), area_km2: r6(area / 1e6), area_share: r6(area / a.city), ratio: r6(k / n / (area / a.city)),
    ...(kTol === undefined ? {} : { cameras_tolerance: kTol, camera_share_tolerance: r6(kTol / n) }),
  });
  return [
    row("zti", "Zones touristiques internationales", cameras.filter((c) => c.zti).length, a.zti_in_city, cameras.filter((c) => c.zti_tol).length),
    row("zsp", "Zones de sécurité prioritaires", cameras.filter((c) => c.zsp).length, a.zsp_in_city, cameras.filter((c) => c.zsp_tol).length),
    row("central", "Arrondissements 1–4", cameras.filter((c) => c.arrondissement !== null && central.includes(c.arrondissement)).length, a.central),
    row("terminals", "Within 300 m of a major railway terminal", cameras.filter((c) => c.dist_terminal_m !== null && c.dist_terminal_m <= 300).length, a.terminals_300m_in_city),
  ];
}

export function summarise(inputs: StatsInputs, iris: DistrictStats[], central: string[]) {
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
  const described = (units: Unit[], unit: string) => ({
    unit,
    units: units.filter((u) => u.weight > 0).length,
    cameras: units.reduce((s, u) => s + u.count, 0),
    gini: r6(gini(units)),
    lorenz: sampleCurve(lorenz(units), 20).map((p) => ({ p: r6(p.p), c: r6(p.c) })),
  });
  return {
    cameras: {
      total: cameras.length,
      in_city: cameras.filter((c) => c.in_city).length,
      in_city_cells: inCells,
      in_inhabited_cells: incomeUnits.reduce((s, u) => s + u.count, 0),
      outside_every_district: inputs.report.cameras_without.arrondissement.length,
    },
    gini: {
      area_cells: described(areaUnits, "200 m cell (area inside the city)"),
      residents_cells: described(resUnits, "inhabited 200 m cell (residents)"),
      area_iris: described(iris.map((d) => ({ weight: d.area_km2, count: d.cameras })), "IRIS (area)"),
      residents_iris: described(iris.filter((d) => d.population > 0).map((d) => ({ weight: d.population, count: d.cameras })), "IRIS (residents)"),
    },
    concentration: {
      method: "inhabited 200 m cells ranked by mean standard of living (Ind_snv / Ind), weighted by residents (Ind); CI = 1 − 2∫C(p)dp, negative = cameras among the poor",
      index: r6(concentrationIndex(incomeUnits)),
      cells: incomeUnits.length,
      cameras: incomeUnits.reduce((s, u) => s + u.count, 0),
      deciles,
      curve: sampleCurve(curve, 10).map((p) => ({ p: r6(p.p), c: r6(p.c) })),
    },
    mean_income_at_cameras: r6(meanIncomeAtCameras(cells)),
    mean_income_residents: r6(cells.reduce((s, c) => s + c.Ind_snv, 0) / cells.reduce((s, c) => s + c.Ind, 0)),
    shares: shareRows(cameras, inputs, central),
  };
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
