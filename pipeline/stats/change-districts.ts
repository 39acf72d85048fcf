// Change per district, one file per declared level (out/stats/change_<level>.csv, keyed by code):
// earlier cameras, studied sites, and how many of each were kept, are new or are gone. The studied
// sites take the join stage's district (the district tables count the same way); the earlier
// cameras, which the join does not locate, are put in districts here with the same engine.
import type { ChangeDistrictRow, ChangeRow } from "../contracts.js";
import { csvText } from "../core/csv-format.js";
import type { PlanarShape } from "../geo/planar.js";
import { PolygonIndex } from "../geo/spatial-index.js";

/** The studied sites as the table needs them: row i's district (the join's) and change status. */
export interface LocatedSites {
  n: number;
  district(i: number): string | null;
  status(i: number): ChangeRow["status"] | undefined;
}

export function changeByDistrict(
  districts: PlanarShape[],
  codeOf: (s: PlanarShape) => string,
  sites: LocatedSites,
  olds: Array<{ x: number; y: number }>,
  oldStatus: (j: number) => ChangeRow["status"] | undefined,
): ChangeDistrictRow[] {
  const out = new Map<string, ChangeDistrictRow>(districts.map((d) => [codeOf(d), { code: codeOf(d), cameras_2012: 0, cameras_2019: 0, kept: 0, new: 0, gone: 0 }]));
  for (let i = 0; i < sites.n; i++) {
    const d = sites.district(i);
    const row = d === null ? undefined : out.get(d);
    if (!row) continue; // outside every district: counted in change.json's totals, not here
    row.cameras_2019++;
    const st = sites.status(i);
    if (st === "kept") row.kept++;
    else if (st === "new") row.new++;
  }
  const index = new PolygonIndex(districts);
  olds.forEach((o, j) => {
    const k = index.first(o.x, o.y);
    if (k < 0) return;
    const row = out.get(codeOf(districts[k]))!;
    row.cameras_2012++;
    if (oldStatus(j) === "removed") row.gone++;
  });
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export const CHANGE_DISTRICT_HEADER = ["code", "cameras_2012", "cameras_2019", "kept", "new", "gone"];

export function changeDistrictCsv(rows: ChangeDistrictRow[]): string {
  return csvText(CHANGE_DISTRICT_HEADER, rows.map((r) => [r.code, String(r.cameras_2012), String(r.cameras_2019), String(r.kept), String(r.new), String(r.gone)]));
}
