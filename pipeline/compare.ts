// `contrechamp compare A B [C ...]`: districts side by side, every indicator of out/stats with the
// city value and each district's rank at its level (1 = highest). Districts are named by code
// (75118, 7511871, 751187101), by name (Goutte-d'Or, accents and case ignored) or, for
// arrondissements, by number (18e, 18ème, 18). The look-up, ranks and city values are
// pipeline/stats/compare-districts.ts, the very function the report page embeds.
// `contrechamp districts [--level L]`: the codes and names of each level.
// Both read only out/stats: the levels are the district tables found there (core/stats-levels.ts),
// so they work with --out alone, anywhere, without the study file.
import { join } from "node:path";
import { InputError, UsageError } from "./core/errors.js";
import { compareDistricts as compareRows, type CompareRow, type CompareTable } from "./stats/compare-districts.js";
import { csvText } from "./core/csv-format.js";
import { CHANGE_COLUMNS, findLevels, pickLevels, readLevel, type LevelTable } from "./core/stats-levels.js";
import { displayNumber } from "./core/display-number.js";

/** A CSV row as compare-districts wants it, keeping the CSV text to print values as written. */
type CsvDistrict = CompareRow & { csv: Record<string, string> };

export function toCompareRows(rows: Array<Record<string, string>>, indicators: string[]): CsvDistrict[] {
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    values: Object.fromEntries(indicators.map((k) => [k, r[k] === "" || r[k] === undefined ? null : Number(r[k])])),
    csv: r,
  }));
}

export interface Comparison {
  /** The indicator columns, in the order of the first district's table. */
  indicators: string[];
  picked: Array<{ level: string; row: Record<string, string>; ranks: Record<string, number | null>; of: number }>;
  city: Record<string, number | null>;
}

export function compareDistricts(outDir: string, queries: string[], levelFlag?: string): Comparison {
  if (queries.length < 1) throw new UsageError("compare needs at least one district, e.g. contrechamp compare 75118 Goutte-d'Or 10e");
  const levels = pickLevels(findLevels(outDir), levelFlag, outDir);
  const read = levels.map((l) => readLevel(l));
  const tables: Array<CompareTable<CsvDistrict>> = read.map((t) => ({ level: t.level.name, rows: toCompareRows(t.rows, t.indicators) }));
  const all = [...new Set(read.flatMap((t) => t.indicators))];
  const r = compareRows(tables, queries, all);
  if (r.unknown.length) {
    const q = r.unknown[0];
    const near = r.suggestions[q] ?? [];
    const hint = near.length ? `did you mean ${near.map((n) => `"${n}"`).join(", ")}? ` : "name it by code, name or arrondissement number; ";
    throw new InputError(join(outDir, "stats"), undefined, `no district "${q}"${levelFlag ? ` at level ${levels[0].name}` : ` at any level (${levels.map((l) => l.file).join(", ")})`}`, `${hint}contrechamp districts --out ${outDir} lists them`);
  }
  const first = read.find((t) => t.level.name === r.picked[0].level)!;
  // The change columns only when every district picked has them (the stats stage wrote them).
  const withChange = r.picked.every((p) => CHANGE_COLUMNS.every((k) => (p.row.csv[k] ?? "") !== ""));
  return {
    indicators: first.indicators.filter((k) => withChange || !CHANGE_COLUMNS.includes(k)),
    picked: r.picked.map((p) => ({ level: p.level, row: p.row.csv, ranks: p.ranks, of: p.of })),
    city: r.city,
  };
}

export function formatComparison(c: Comparison, format = "table"): string {
  const { picked, city, indicators } = c;
  const head = ["indicator", "city", ...picked.map((p) => `${p.row.code} ${p.row.name}`)];
  const raw = (v: string | undefined) => (v === undefined || v === "" ? null : Number(v));
  // csv and json: full precision, as computed (city) or as the stats stage wrote it (districts).
  const rankRows = indicators.map((k) => picked.map((p) => (p.ranks[k] === null || p.ranks[k] === undefined ? "" : `${p.ranks[k]}/${p.of}`)));
  if (format === "json") {
    return JSON.stringify({
      city: Object.fromEntries(indicators.map((k) => [k, city[k] ?? null])),
      districts: picked.map((p) => ({
        level: p.level, code: p.row.code, name: p.row.name,
        values: Object.fromEntries(indicators.map((k) => [k, raw(p.row[k])])),
        ranks: p.ranks, of: p.of,
      })),
    }, null, 2) + "\n";
  }
  if (format === "csv") {
    const h = ["indicator", "city", ...picked.flatMap((p) => [p.row.code, `${p.row.code}_rank`])];
    const cityText = (k: string) => (city[k] === null || city[k] === undefined ? "" : String(city[k]));
    return csvText(h, indicators.map((k, i) => [k, cityText(k), ...picked.flatMap((p, j) => [p.row[k] ?? "", rankRows[i][j]])]));
  }
  if (format !== "table" && format !== "md") throw new UsageError(`--format ${format}: use table, csv, json or md`);
  // table and md: for reading, numbers rounded to what means something, with thousands separators.
  const cellsOf = indicators.map((k, i) => [
    k,
    displayNumber(k, city[k] ?? null),
    ...picked.map((p, j) => {
      const v = displayNumber(k, raw(p.row[k]));
      return rankRows[i][j] ? `${v} (${rankRows[i][j]})` : v;
    }),
  ]);
  if (format === "md") {
    return [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...cellsOf.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n\nRank in parentheses: 1 = highest of its level.\n";
  }
  return alignTable([head, ...cellsOf]) + "(rank in parentheses: 1 = highest of its level)\n";
}

function alignTable(all: string[][]): string {
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  return all.map((r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ").trimEnd()).join("\n") + "\n";
}

export interface DistrictList {
  levels: Array<{ level: string; file: string; districts: Array<{ code: string; name: string }> }>;
}

export function listDistricts(outDir: string, levelFlag?: string): DistrictList {
  const levels = pickLevels(findLevels(outDir), levelFlag, outDir);
  return {
    levels: levels.map((l: LevelTable) => ({ level: l.name, file: l.file, districts: readLevel(l).rows.map((r) => ({ code: r.code, name: r.name })) })),
  };
}

export function formatDistricts(list: DistrictList, format = "table"): string {
  if (format === "json") return JSON.stringify(list, null, 2) + "\n";
  if (format === "csv") return csvText(["level", "code", "name"], list.levels.flatMap((l) => l.districts.map((d) => [l.level, d.code, d.name])));
  if (format === "md") {
    return list.levels.map((l) => [`## ${l.level} (${l.districts.length})`, "", "| code | name |", "|---|---|", ...l.districts.map((d) => `| ${d.code} | ${d.name} |`)].join("\n")).join("\n\n") + "\n";
  }
  if (format !== "table") throw new UsageError(`--format ${format}: use table, csv, json or md`);
  return list.levels
    .map((l) => {
      const w = Math.max(...l.districts.map((d) => d.code.length));
      return [`${l.level} (${l.districts.length}, ${l.file})`, ...l.districts.map((d) => `  ${d.code.padEnd(w)}  ${d.name}`)].join("\n") + "\n";
    })
    .join("\n");
}
