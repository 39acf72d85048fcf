// Ridership columns of the district tables (out/stats/<level>.csv): `entries` (annual entries at
// the stations standing in the district, from the join's districts_<level>.csv) and
// `entries_per_km2`. Appended after the fixed columns only when the join wrote `entries`, i.e.
// when the study has a ridership layer; the district table's own columns are left untouched.
import { fixed } from "../core/csv-format.js";

export const RIDERSHIP_COLUMNS = ["entries", "entries_per_km2"] as const;

export function withRidershipColumns(csv: string, joined: Array<Record<string, string>>): string {
  if (joined.length === 0 || joined[0].entries === undefined) return csv;
  const byCode = new Map(joined.map((r) => [r.code, r]));
  const lines = csv.split("\n");
  const end = lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
  return lines
    .map((line, i) => {
      if (i >= end) return line;
      if (i === 0) return `${line},${RIDERSHIP_COLUMNS.join(",")}`;
      // District codes are INSEE-like identifiers: never quoted, never holding a comma.
      const r = byCode.get(line.slice(0, line.indexOf(",")));
      if (!r) throw new Error(`district ${line.slice(0, line.indexOf(","))} of the stats table is not in the join's table`);
      const entries = Number(r.entries);
      const km2 = Number(r.area_m2) / 1e6;
      return `${line},${fixed(entries, 0)},${fixed(km2 > 0 ? entries / km2 : null, 0)}`;
    })
    .join("\n");
}
