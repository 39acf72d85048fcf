// The district levels of a finished run, found from out/stats alone (no study file): `compare`
// and `districts` work with --out anywhere. A level is declared in out/stats/summary.json
// (`levels`: names or {layer, key}) when the stats stage records it; otherwise every
// out/stats/<name>.csv whose header starts with code,name is a level, coarse to fine by row count.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError, UsageError } from "./errors.js";
import { readOutCsv } from "./out-files.js";

export interface LevelTable {
  /** Singular display name ("quartier"): the declared key, else the file name made singular. */
  name: string;
  /** File name in out/stats ("quartiers.csv"). */
  file: string;
  path: string;
  /** Names --level accepts for it, folded. */
  aliases: string[];
}

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
/** "quartiers" → "quartier", "IRIS" → "iris": plural -s dropped unless the word ends in -is/-ss. */
const singular = (s: string) => (/[^is]s$/i.test(s) ? s.slice(0, -1) : s);

function header(path: string): string {
  const text = readFileSync(path, "utf8");
  const nl = text.indexOf("\n");
  return (nl < 0 ? text : text.slice(0, nl)).replace(/^\uFEFF/, "").replace(/\r$/, "");
}

function rowCount(path: string): number {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "").length - 1;
}

function level(dir: string, stem: string, key?: string): LevelTable {
  const name = key ?? singular(stem);
  const aliases = [...new Set([stem, name, singular(stem)].map(fold))];
  return { name, file: `${stem}.csv`, path: join(dir, `${stem}.csv`), aliases };
}

export function findLevels(outDir: string): LevelTable[] {
  const dir = join(outDir, "stats");
  const isTable = (stem: string) => existsSync(join(dir, `${stem}.csv`)) && /^code,name(,|$)/.test(header(join(dir, `${stem}.csv`)));
  let declared: unknown;
  try {
    declared = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))?.levels;
  } catch {
    declared = undefined;
  }
  if (Array.isArray(declared) && declared.length) {
    const out: LevelTable[] = [];
    for (const d of declared) {
      const stem = typeof d === "string" ? d : typeof d?.layer === "string" ? d.layer : undefined;
      if (!stem || !isTable(stem)) continue;
      out.push(level(dir, stem, typeof d?.key === "string" ? d.key : undefined));
    }
    if (out.length) return out;
  }
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".csv")).map((n) => n.slice(0, -4));
  } catch {
    names = [];
  }
  // change_<level>.csv (stats/change.ts) adds columns to a level; it is not a level itself.
  const tables = names.filter((n) => !n.startsWith("change_") && isTable(n)).map((stem) => ({ stem, rows: rowCount(join(dir, `${stem}.csv`)) }));
  tables.sort((a, b) => a.rows - b.rows || a.stem.localeCompare(b.stem));
  if (!tables.length) {
    throw new InputError(dir, undefined, "no district tables (CSV files starting with code,name)", "run `contrechamp stats` first, or give the --out folder of a finished run");
  }
  return tables.map((t) => level(dir, t.stem));
}

/** All levels, or the one --level names (plural, singular, any case or accents). */
export function pickLevels(levels: LevelTable[], flag: string | undefined, outDir: string): LevelTable[] {
  if (flag === undefined) return levels;
  const f = fold(flag);
  const hit = levels.find((l) => l.aliases.includes(f) || l.aliases.includes(singular(f)));
  if (!hit) throw new UsageError(`--level ${flag}: no such level in ${join(outDir, "stats")} (use ${levels.map((l) => l.name).join(", ")})`);
  return [hit];
}

/** Change since the earlier camera layer (stats/change.ts), joined by code when change_<level>.csv exists. */
export const CHANGE_COLUMNS = ["cameras_2012", "cameras_2019", "kept", "new", "gone"];

export function readLevel(l: LevelTable): { level: LevelTable; rows: Array<Record<string, string>>; indicators: string[] } {
  let rows = readOutCsv(l.path, "stats");
  let indicators = header(l.path).split(",").filter((c) => c !== "code" && c !== "name");
  const changeFile = l.path.replace(/([^/\\]+)\.csv$/, "change_$1.csv");
  if (existsSync(changeFile)) {
    const change = new Map(readOutCsv(changeFile, "stats").map((r) => [r.code, r]));
    rows = rows.map((r) => ({ ...r, ...Object.fromEntries(CHANGE_COLUMNS.map((k) => [k, change.get(r.code)?.[k] ?? ""])) }));
    indicators = [...indicators, ...CHANGE_COLUMNS.filter((k) => !indicators.includes(k))];
  }
  return { level: l, rows, indicators };
}
