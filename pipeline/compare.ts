// `contrechamp compare A B [C ...]`: districts side by side, every indicator of out/stats with the
// city value and each district's rank at its level (1 = highest). Districts are named by code
// (75118, 7511871, 751187101), by name (Goutte-d'Or, accents and case ignored) or, for
// arrondissements, by number (18e, 18ème, 18). The look-up, ranks and city values are
// pipeline/stats/compare-districts.ts, the very function the report page embeds.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, UsageError } from "./core/errors.js";
import { readOutCsv } from "./core/out-files.js";
import { DISTRICT_COLUMNS, DECIMALS } from "./stats/district-table.js";
import { compareDistricts as compareRows, type CompareRow, type CompareTable } from "./stats/compare-districts.js";
import { csvText, fixed } from "./core/csv-format.js";

const LEVEL_FILES = { arrondissement: "arrondissements", quartier: "quartiers", iris: "iris" } as const;
type Level = keyof typeof LEVEL_FILES;
const INDICATORS = DISTRICT_COLUMNS.filter((c) => c !== "code" && c !== "name");
type Indicator = string;
// Change since the earlier camera layer (stats/change.ts), when the stats stage could compute it.
export const CHANGE_COLUMNS = ["cameras_2012", "cameras_2019", "kept", "new", "gone"];
const KEYS = [...INDICATORS, ...CHANGE_COLUMNS];

/** A level's district table with its change_<level>.csv columns joined by code, if that file exists. */
function readLevel(outDir: string, file: string): Array<Record<string, string>> {
  const rows = readOutCsv(join(outDir, "stats", `${file}.csv`), "stats");
  const changeFile = join(outDir, "stats", `change_${file}.csv`);
  if (!existsSync(changeFile)) return rows;
  const change = new Map(readOutCsv(changeFile, "stats").map((r) => [r.code, r]));
  return rows.map((r) => ({ ...r, ...Object.fromEntries(CHANGE_COLUMNS.map((k) => [k, change.get(r.code)?.[k] ?? ""])) }));
}

/** A CSV row as compare-districts wants it, keeping the CSV text to print values as written. */
type CsvDistrict = CompareRow & { csv: Record<string, string> };

export function toCompareRows(rows: Array<Record<string, string>>): CsvDistrict[] {
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    values: Object.fromEntries(KEYS.map((k) => [k, r[k] === "" || r[k] === undefined ? null : Number(r[k])])),
    csv: r,
  }));
}

export interface Comparison {
  picked: Array<{ level: Level; row: Record<string, string>; ranks: Record<string, number | null>; of: number }>;
  city: Record<string, number | null>;
  /** The district columns, then the change columns when change_<level>.csv was read. */
  indicators?: string[];
}

export function compareDistricts(outDir: string, queries: string[], levelFlag?: string): Comparison {
  if (queries.length < 1) throw new UsageError("compare needs at least one district, e.g. contrechamp compare 75118 Goutte-d'Or 10e");
  // "quartiers" or "IRIS" are as clear as "quartier": accept plural and case.
  if (levelFlag !== undefined) levelFlag = levelFlag.toLowerCase().replace(/s$/, "").replace(/^iri$/, "iris");
  if (levelFlag !== undefined && !(levelFlag in LEVEL_FILES)) throw new UsageError(`--level ${levelFlag}: use arrondissement, quartier or iris`);
  const levels: Level[] = levelFlag ? [levelFlag as Level] : ["arrondissement", "quartier", "iris"];
  const tables: Array<CompareTable<CsvDistrict>> = [];
  // Levels are read only as far as needed: most queries are arrondissements.
  const picked: Comparison["picked"] = [];
  let city: Comparison["city"] = {};
  for (const q of queries) {
    let r = compareRows(tables, [q], KEYS);
    while (r.unknown.length && tables.length < levels.length) {
      const l = levels[tables.length];
      tables.push({ level: l, rows: toCompareRows(readLevel(outDir, LEVEL_FILES[l])) });
      r = compareRows(tables, [q], KEYS);
    }
    if (r.unknown.length) {
      throw new InputError(join(outDir, "stats", `${LEVEL_FILES[levels[0]]}.csv`), undefined, `no district "${q}"${levelFlag ? ` at level ${levelFlag}` : ""}`, "name it by INSEE code (75118), name (Goutte-d'Or) or arrondissement number (18e)");
    }
    const p = r.picked[0];
    if (!picked.length) city = r.city;
    picked.push({ level: p.level as Level, row: p.row.csv, ranks: p.ranks, of: p.of });
  }
  const withChange = picked.every((p) => CHANGE_COLUMNS.every((k) => (p.row[k] ?? "") !== ""));
  return { picked, city, indicators: withChange ? KEYS : INDICATORS };
}

export function formatComparison(c: Comparison, format = "table"): string {
  const { picked, city } = c;
  const INDICATORS = c.indicators ?? KEYS.filter((k) => !CHANGE_COLUMNS.includes(k));
  const head = ["indicator", "city", ...picked.map((p) => `${p.row.code} ${p.row.name}`)];
  const value = (k: Indicator) => fixed(city[k], (DECIMALS as Record<string, number>)[k] ?? 0);
  const rows = INDICATORS.map((k) => [k, value(k), ...picked.map((p) => p.row[k])]);
  const rankRows = INDICATORS.map((k) => picked.map((p) => (p.ranks[k] === null ? "" : `${p.ranks[k]}/${p.of}`)));
  if (format === "json") {
    return JSON.stringify({
      city: Object.fromEntries(INDICATORS.map((k) => [k, value(k) === "" ? null : Number(value(k))])),
      districts: picked.map((p) => ({
        level: p.level, code: p.row.code, name: p.row.name,
        values: Object.fromEntries(INDICATORS.map((k) => [k, p.row[k] === "" ? null : Number(p.row[k])])),
        ranks: p.ranks, of: p.of,
      })),
    }, null, 2) + "\n";
  }
  if (format === "csv") {
    const h = ["indicator", "city", ...picked.flatMap((p) => [p.row.code, `${p.row.code}_rank`])];
    return csvText(h, rows.map((r, i) => [r[0], r[1], ...picked.flatMap((_, j) => [r[2 + j], rankRows[i][j]])]));
  }
  const cellsOf = rows.map((r, i) => [r[0], r[1], ...picked.map((_, j) => (rankRows[i][j] ? `${r[2 + j]} (${rankRows[i][j]})` : r[2 + j] || "–"))]);
  if (format === "md") {
    return [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...cellsOf.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n\nRank in parentheses: 1 = highest of its level.\n";
  }
  if (format !== "table") throw new UsageError(`--format ${format}: use table, csv, json or md`);
  const all = [head, ...cellsOf];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ")).join("\n") + "\n(rank in parentheses: 1 = highest of its level)\n";
}
