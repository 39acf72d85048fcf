// Change per district, one file per declared level (out/stats/change_<level>.csv, keyed by code):
// earlier cameras, studied sites, and how many of each were kept, are new or are gone. The studied
// sites take the join stage's district (the district tables count the same way); the earlier
// cameras, which the join does not locate, are put in districts here with the same engine.
import type { ChangeDistrictRow, ChangeRow } from "../contracts.js";
import { csvText } from "../core/csv-format.js";
import type { PlanarShape } from "../geo/planar.js";
import { PolygonIndex } from "../geo/spatial-index.js";

export interface StatusByLayer {
  studied: Map<string, ChangeRow["status"]>;
  earlier: Map<string, ChangeRow["status"]>;
}

/** Each row's status by id, one map per layer: built once for all the levels. */
export function statusByLayer(rows: ChangeRow[], layers: { studied: string; earlier: string }): StatusByLayer {
  const out: StatusByLayer = { studied: new Map(), earlier: new Map() };
  for (const r of rows) {
    if (r.layer === layers.studied) out.studied.set(r.id, r.status);
    else if (r.layer === layers.earlier) out.earlier.set(r.id, r.status);
  }
  return out;
}

export function changeByDistrict(
  districts: PlanarShape[],
  codeOf: (s: PlanarShape) => string,
  sites: Array<{ id: string; district: string | null }>,
  olds: Array<{ id: string; x: number; y: number }>,
  rows: ChangeRow[],
  layers: { studied: string; earlier: string },
  status: StatusByLayer = statusByLayer(rows, layers),
): ChangeDistrictRow[] {
  const out = new Map<string, ChangeDistrictRow>(districts.map((d) => [codeOf(d), { code: codeOf(d), cameras_2012: 0, cameras_2019: 0, kept: 0, new: 0, gone: 0 }]));
  for (const s of sites) {
    const row = s.district === null ? undefined : out.get(s.district);
    if (!row) continue; // outside every district: counted in change.json's totals, not here
    row.cameras_2019++;
    const st = status.studied.get(s.id);
    if (st === "kept") row.kept++;
    else if (st === "new") row.new++;
  }
  const index = new PolygonIndex(districts);
  for (const o of olds) {
    const k = index.first(o.x, o.y);
    if (k < 0) continue;
    const row = out.get(codeOf(districts[k]))!;
    row.cameras_2012++;
    if (status.earlier.get(o.id) === "removed") row.gone++;
  }
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export const CHANGE_DISTRICT_HEADER = ["code", "cameras_2012", "cameras_2019", "kept", "new", "gone"];

export function changeDistrictCsv(rows: ChangeDistrictRow[]): string {
  return csvText(CHANGE_DISTRICT_HEADER, rows.map((r) => [r.code, String(r.cameras_2012), String(r.cameras_2019), String(r.kept), String(r.new), String(r.gone)]));
}
