// Reads one out/stats/<level>.csv into typed rows. Missing numbers stay null (shown "—"), never 0.
import { InputError } from "../core/errors.js";
import { parseCsv, parseNumberCell } from "../geo/read-csv.js";
import type { Indicator } from "./indicators.js";

export interface DistrictRow {
  code: string;
  name: string;
  /** Indicator key → value, null when the cell is empty or not a number. */
  values: Record<string, number | null>;
}

/** `indicators`: the study's columns (ReportStudy.indicators), base and zone columns. */
export function parseDistrictCsv(text: string, file: string, indicators: Indicator[]): DistrictRow[] {
  const table = parseCsv(text, file);
  const col = (name: string) => table.header.findIndex((h) => h.trim() === name);
  const codeAt = col("code");
  const nameAt = col("name");
  if (codeAt < 0 || nameAt < 0) {
    throw new InputError(file, "1", `no "code" or "name" column (found ${table.header.join(", ")})`, "run the stats stage again");
  }
  const at = indicators.map((i) => [i.key, col(i.key)] as const);
  const missing = at.filter(([, i]) => i < 0).map(([k]) => k);
  if (missing.length === at.length) {
    throw new InputError(file, "1", "none of the indicator columns of the stats contract", "run the stats stage again");
  }
  return table.rows.map(({ cells }) => {
    const values: Record<string, number | null> = {};
    for (const [key, i] of at) {
      const v = i < 0 ? NaN : parseNumberCell(cells[i] ?? "");
      values[key] = Number.isFinite(v) ? v : null;
    }
    return { code: (cells[codeAt] ?? "").trim(), name: (cells[nameAt] ?? "").trim(), values };
  });
}
