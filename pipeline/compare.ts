// `contrechamp compare A B [C ...]`: districts side by side, every indicator of out/stats with the
// city value and each district's rank at its level (1 = highest). Districts are named by code
// (75118, 7511871, 751187101), by name (Goutte-d'Or, accents and case ignored) or, for
// arrondissements, by number (18e, 18ème, 18).
import { join } from "node:path";
import { InputError, UsageError } from "./errors.js";
import { readOutCsv } from "./join/read-out.js";
import { DISTRICT_COLUMNS, DECIMALS } from "./stats/district-table.js";
import { csvText, fixed } from "./join/format.js";

const LEVEL_FILES = { arrondissement: "arrondissements", quartier: "quartiers", iris: "iris" } as const;
type Level = keyof typeof LEVEL_FILES;
const INDICATORS = DISTRICT_COLUMNS.filter((c) => c !== "code" && c !== "name");
type Indicator = (typeof INDICATORS)[number];

interface Picked {
  level: Level;
  row: Record<string, string>;
  ranks: Record<Indicator, number | null>;
  of: number;
}

export const norm = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");

export function findDistrict(query: string, rows: Array<Record<string, string>>, level: Level): Record<string, string> | undefined {
  const q = query.trim();
  const byCode = rows.find((r) => r.code === q);
  if (byCode) return byCode;
  if (level === "arrondissement") {
    const m = /^(\d{1,2})\s*(e|er|eme|ème|è|re)?(\s*arr.*)?$/i.exec(q);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 20) return rows.find((r) => r.code === `751${m[1].padStart(2, "0")}`);
  }
  const n = norm(q);
  return rows.find((r) => norm(r.name) === n) ?? (n.length >= 4 ? uniquePrefix(rows, n) : undefined);
}

function uniquePrefix(rows: Array<Record<string, string>>, n: string): Record<string, string> | undefined {
  const hits = rows.filter((r) => norm(r.name).startsWith(n));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The city row: sums, and ratios recomputed from sums (not averages of ratios). */
export function cityValues(rows: Array<Record<string, string>>): Record<Indicator, number> {
  const sum = (k: string, w?: string) => rows.reduce((s, r) => s + Number(r[k] || 0) * (w ? Number(r[w] || 0) : 1), 0);
  const cameras = sum("cameras"), area = sum("area_km2"), pop = sum("population"), men = sum("households");
  return {
    cameras, area_km2: area, population: pop, households: men,
    mean_income: sum("mean_income", "population") / pop,
    poverty_rate: sum("poverty_rate", "households") / men,
    cameras_per_km2: cameras / area, cameras_per_10k_residents: (1e4 * cameras) / pop,
    camera_share: 1, area_share: 1, population_share: 1, lq_area: 1, lq_population: 1,
    zti_area_share: sum("zti_area_share", "area_km2") / area, zsp_area_share: sum("zsp_area_share", "area_km2") / area,
    cameras_in_zti: sum("cameras_in_zti"), cameras_in_zsp: sum("cameras_in_zsp"),
  };
}

function ranks(rows: Array<Record<string, string>>, row: Record<string, string>): Record<Indicator, number | null> {
  return Object.fromEntries(INDICATORS.map((k) => {
    if (row[k] === "") return [k, null];
    const v = Number(row[k]);
    return [k, 1 + rows.filter((r) => r[k] !== "" && Number(r[k]) > v).length];
  })) as Record<Indicator, number | null>;
}

export function compareDistricts(outDir: string, queries: string[], levelFlag?: string): { picked: Picked[]; city: Record<Indicator, number> } {
  if (queries.length < 1) throw new UsageError("compare needs at least one district, e.g. contrechamp compare 75118 Goutte-d'Or 10e");
  // "quartiers" or "IRIS" are as clear as "quartier": accept plural and case.
  if (levelFlag !== undefined) levelFlag = levelFlag.toLowerCase().replace(/s$/, "").replace(/^iri$/, "iris");
  if (levelFlag !== undefined && !(levelFlag in LEVEL_FILES)) throw new UsageError(`--level ${levelFlag}: use arrondissement, quartier or iris`);
  const tables = {} as Record<Level, Array<Record<string, string>>>;
  const table = (l: Level) => (tables[l] ??= readOutCsv(join(outDir, "stats", `${LEVEL_FILES[l]}.csv`), "stats"));
  const levels: Level[] = levelFlag ? [levelFlag as Level] : ["arrondissement", "quartier", "iris"];
  const picked = queries.map((q) => {
    for (const l of levels) {
      const row = findDistrict(q, table(l), l);
      if (row) return { level: l, row, ranks: ranks(table(l), row), of: table(l).length };
    }
    throw new InputError(join(outDir, "stats", `${LEVEL_FILES[levels[0]]}.csv`), undefined, `no district "${q}"${levelFlag ? ` at level ${levelFlag}` : ""}`, "name it by INSEE code (75118), name (Goutte-d'Or) or arrondissement number (18e)");
  });
  return { picked, city: cityValues(table(picked[0].level)) };
}

export function formatComparison(c: ReturnType<typeof compareDistricts>, format = "table"): string {
  const { picked, city } = c;
  const head = ["indicator", "city", ...picked.map((p) => `${p.row.code} ${p.row.name}`)];
  const value = (k: Indicator, v: number | string) => (typeof v === "number" ? fixed(v, DECIMALS[k]) : v);
  const rows = INDICATORS.map((k) => [k, value(k, city[k]), ...picked.map((p) => p.row[k])]);
  const rankRows = INDICATORS.map((k) => picked.map((p) => (p.ranks[k] === null ? "" : `${p.ranks[k]}/${p.of}`)));
  if (format === "json") {
    return JSON.stringify({
      city: Object.fromEntries(INDICATORS.map((k) => [k, Number(value(k, city[k]))])),
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
