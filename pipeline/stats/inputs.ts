// The stats stage's inputs, all from out/joined: typed rows of the cells, cameras and crossings.
import { join } from "node:path";
import { readOutCsv, readOutGeojson, readOutJson } from "../core/out-files.js";
import type { CellMeasures, JoinReport, PointJoin } from "../contracts.js";

/** A row of out/joined/cells.csv: the join's cell measures, its counts and cameras. */
export interface CellRow extends CellMeasures {
  /** Area of each declared zone in the cell (cells.csv `<zone>_area_m2`); 0 when the study has no such zone. */
  zti_area_m2: number;
  zsp_area_m2: number;
  lon: number;
  lat: number;
  Ind: number;
  Men: number;
  Men_pauv: number;
  Ind_snv: number;
  /** NaN when the study has no terminals. */
  dist_terminal_m: number;
  cameras: number;
}

export interface CameraRow extends PointJoin {
  arrondissement: string | null;
  zti: string | null;
  zsp: string | null;
  zti_tol: string | null;
  zsp_tol: string | null;
  id: string;
  source: string;
  lon: number;
  lat: number;
  geocode_confidence: number | null;
  geocode_method: string | null;
}

export interface CrossingRow {
  id: string;
  cell: string;
  in_city: boolean;
  arrondissement: string;
  zti: boolean;
  zsp: boolean;
  dist_terminal_m: number;
}

export interface StatsInputs {
  cells: CellRow[];
  cameras: CameraRow[];
  crossings: CrossingRow[];
  /** Level layer → rows of out/joined/districts_<layer>.csv, for each declared level. */
  districts: Record<string, Array<Record<string, string>>>;
  report: JoinReport;
}

export function readStatsInputs(outDir: string): StatsInputs {
  const dir = join(outDir, "joined");
  const report = readOutJson<JoinReport>(join(dir, "report.json"), "join");
  const cells = readOutCsv(join(dir, "cells.csv"), "join").map((r) => {
    // An empty cell is a missing value (NaN), never 0.
    const n = (k: string) => (r[k] === "" || r[k] === undefined ? NaN : Number(r[k]));
    const area = (k: string) => (r[k] === undefined ? 0 : n(k));
    return {
      id: r.id, lon: n("lon"), lat: n("lat"), area_m2: n("area_m2"), city_area_m2: n("city_area_m2"), zti_area_m2: area("zti_area_m2"),
      zsp_area_m2: area("zsp_area_m2"), inhabited: r.inhabited === "1", imputed: r.imputed === "1", Ind: n("Ind"), Men: n("Men"),
      Men_pauv: n("Men_pauv"), Ind_snv: n("Ind_snv"), mean_income: r.mean_income === "" ? null : n("mean_income"),
      dist_centre_m: n("dist_centre_m"), dist_terminal_m: n("dist_terminal_m"), dist_edge_m: n("dist_edge_m"),
      stations_300m: n("stations_300m"), cameras: n("cameras"),
    };
  });
  const cameras = readOutGeojson(join(dir, "cameras.geojson"), "join").map((f) => {
    const p = f.properties as Record<string, any>;
    const c = (f.geometry as { coordinates: number[] }).coordinates;
    const conf = p.geocode_confidence;
    return { ...(p as CameraRow), id: String(p.id), source: String(p.source ?? ""), lon: c[0], lat: c[1], geocode_confidence: typeof conf === "number" ? conf : null, geocode_method: p.geocode_method ?? null };
  });
  const crossings = readOutCsv(join(dir, "crossings.csv"), "join").map((r) => ({
    id: r.id, cell: r.cell, in_city: r.in_city === "1", arrondissement: r[report.inputs.levels[0].key] ?? "", zti: Boolean(r.zti), zsp: Boolean(r.zsp), dist_terminal_m: r.dist_terminal_m === "" ? NaN : Number(r.dist_terminal_m),
  }));
  const districts = Object.fromEntries(report.inputs.levels.map((l) => [l.layer, readOutCsv(join(dir, `districts_${l.layer}.csv`), "join")]));
  return { cells, cameras, crossings, districts, report };
}
