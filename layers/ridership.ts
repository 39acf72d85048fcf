// The `ridership` layer: an operator's annual entries per station (RATP: one CSV a year, no
// coordinates) placed on the stop areas of a station gazetteer by name (layers/ridership-match.ts).
// Writes one point per matched row, and a match report saying what was placed and what was not:
// an unknown station name is reported, never an error; a malformed file is refused.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Feature, Point } from "geojson";
import { InputError } from "../pipeline/core/errors.js";
import { columnIndex, parseCsv } from "../pipeline/geo/read-csv.js";
import { readLayerFile } from "../pipeline/geo/read-layer.js";
import { transformer } from "../pipeline/geo/crs.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import type { LayerResult } from "./layer-result.js";
import { fieldName } from "./layer-result.js";
import { Gazetteer, aliasKey, isMatch, matchRow, type Alias, type RidershipRow, type RowMatch, type RowMiss, type StopArea } from "./ridership-match.js";
import type { RidershipMatchReport } from "../pipeline/contracts.js";

export interface RidershipRead {
  layer: LayerResult;
  report: RidershipMatchReport;
}

/** Which year's file: the requested one, else the nearest (the earlier on a tie), said in the report. */
export function pickYearFile(path: string, requested: number | undefined): { file: string; year: number | null; requested: number | null; available: number[]; note: string | null } {
  if (!statSync(path).isDirectory()) {
    const y = yearOf(basename(path));
    const note = requested !== undefined && y !== null && y !== requested ? `the file given is for ${y}, not ${requested}` : null;
    return { file: path, year: y, requested: requested ?? null, available: y === null ? [] : [y], note };
  }
  const files = readdirSync(path).filter((f) => /\.csv$/i.test(f) && yearOf(f) !== null).sort();
  if (files.length === 0) throw new InputError(path, undefined, "no ridership file with a year in its name (e.g. …-2019.csv)", "put one CSV per year in the folder, its year in the file name");
  const byYear = new Map<number, string>();
  for (const f of files) {
    const y = yearOf(f)!;
    if (byYear.has(y)) throw new InputError(join(path, f), undefined, `a second file for ${y} (also ${byYear.get(y)})`, "keep one file per year in the folder");
    byYear.set(y, f);
  }
  const available = [...byYear.keys()].sort((a, b) => a - b);
  const want = requested ?? available[available.length - 1];
  const year = available.reduce((best, y) => (Math.abs(y - want) < Math.abs(best - want) ? y : best), available[0]);
  const note = year !== want ? `no file for ${want}: the nearest year, ${year}, is used (available: ${available[0]}–${available[available.length - 1]})` : null;
  return { file: join(path, byYear.get(year)!), year, requested: requested ?? null, available, note };
}

function yearOf(name: string): number | null {
  const m = name.match(/(?:^|\D)((?:19|20)\d{2})(?:\D|$)/g);
  if (!m) return null;
  return Number(m[m.length - 1].replace(/\D/g, ""));
}

/** Rows of the ridership CSV, checked: columns, traffic a non-negative integer, one row per station and network. */
export function readRidershipRows(file: string, fields: Record<string, string> | undefined): RidershipRow[] {
  const t = parseCsv(readFileSync(file, "utf8"), file);
  const si = columnIndex(t, file, [fieldName(fields, "station", "Station"), "station", "nom"], "station name");
  const ni = columnIndex(t, file, [fieldName(fields, "network", "Réseau"), "reseau", "network"], "network");
  const ei = columnIndex(t, file, [fieldName(fields, "entries", "Trafic"), "trafic", "entries"], "traffic (annual entries)");
  const li = t.header.map((h, i) => (/^correspondance/i.test(h.trim()) || (fields?.line && h === fields.line) ? i : -1)).filter((i) => i >= 0);
  const ti = t.header.findIndex((h) => /^(ville|town|commune)$/i.test(h.trim()));
  const seen = new Map<string, number>();
  return t.rows.map(({ line, cells }) => {
    const station = (cells[si] ?? "").trim();
    const network = (cells[ni] ?? "").trim();
    const raw = (cells[ei] ?? "").trim();
    if (station === "") throw new InputError(file, String(line), "empty station name", "fill the station column or remove the row");
    if (/^-\s*\d/.test(raw)) throw new InputError(file, String(line), `negative traffic ${raw} for ${station}`, "annual entries are counts ≥ 0: fix the row");
    if (!/^\d+$/.test(raw)) throw new InputError(file, String(line), `traffic "${raw}" for ${station} is not a whole number`, "write the annual entries as an integer without spaces or separators");
    const key = aliasKey(station, network);
    const first = seen.get(key);
    if (first !== undefined) throw new InputError(file, String(line), `a second row for ${station} (${network}), first at line ${first}`, "keep one row per station and network");
    seen.set(key, line);
    return { line, station, network, entries: Number(raw), lines: li.map((i) => (cells[i] ?? "").trim()).filter((s) => s !== ""), town: ti >= 0 ? (cells[ti] ?? "").trim() : "" };
  });
}

/** The alias table: ratp_name,network,station_id,station_name,why (a missing reason is refused). */
export function readAliases(file: string): Map<string, Alias> {
  const t = parseCsv(readFileSync(file, "utf8"), file, ",");
  const [ni, wi, ii, yi] = [["ratp_name"], ["network"], ["station_id"], ["why"]].map((n) => columnIndex(t, file, n, n[0]));
  const out = new Map<string, Alias>();
  for (const { line, cells } of t.rows) {
    const a = { ratpName: cells[ni].trim(), network: cells[wi].trim(), stationId: cells[ii].trim(), why: (cells[yi] ?? "").trim() };
    if (!a.ratpName || !a.stationId) throw new InputError(file, String(line), "an alias needs ratp_name and station_id", "fill both columns");
    if (!a.why) throw new InputError(file, String(line), `no reason given for the alias of ${a.ratpName}`, "say in `why` what the name is (older name, short name…)");
    const k = aliasKey(a.ratpName, a.network);
    if (out.has(k)) throw new InputError(file, String(line), `a second alias for ${a.ratpName} (${a.network})`, "keep one alias per name and network");
    out.set(k, a);
  }
  return out;
}

/** Stop areas from an IDFM-like stations file: points grouped by stop-area id, every name kept. */
export async function readGazetteer(file: string, fields: Record<string, string> | undefined): Promise<{ areas: StopArea[]; points: number; sourceFiles: string[] }> {
  const layer = await readLayerFile(file, {});
  const idF = fieldName(fields, "id", "id_ref_zdc");
  const nameF = fieldName(fields, "name", "nom_zdc");
  const modeF = fieldName(fields, "mode", "mode");
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const groups = new Map<string, { name: string; names: Set<string>; modes: Set<string>; lines: Set<string>; xs: number[]; ys: number[] }>();
  layer.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const id = p[idF];
    if (id === undefined || id === null || id === "") throw new InputError(file, `feature ${i}`, `missing field "${idF}"`, "give every station point its stop-area id");
    const g = groups.get(String(id)) ?? { name: String(p[nameF] ?? ""), names: new Set<string>(), modes: new Set<string>(), lines: new Set<string>(), xs: [], ys: [] };
    for (const k of [nameF, "nom_gares", "nom_zda", "nom_iv", "nom_long"]) if (typeof p[k] === "string" && p[k]) g.names.add(p[k]);
    if (p[modeF]) g.modes.add(String(p[modeF]).toUpperCase());
    // IDFM: `indice_lig` is the line ("5", "3bis", "A"); res_com prefixes the mode ("METRO 5").
    const line = p.indice_lig ?? p[fieldName(fields, "line", "res_com")];
    if (line) g.lines.add(String(line).toUpperCase());
    const [x, y] = toL93((f.geometry as Point).coordinates as [number, number]);
    g.xs.push(x);
    g.ys.push(y);
    groups.set(String(id), g);
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const areas = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, g]) => ({ id, name: g.name, names: [...g.names], modes: [...g.modes].sort(), lines: [...g.lines].sort(), xy: [mean(g.xs), mean(g.ys)] as [number, number] }));
  return { areas, points: layer.features.length, sourceFiles: layer.sourceFiles };
}

/**
 * `spec.file`: a folder of yearly CSVs (or one CSV); `options.year`: the year wanted;
 * `options.stations`: the gazetteer (default: the study's stations file); `options.aliases`.
 */
export async function readRidership(spec: LayerSpec, studyDir: string, stations: LayerSpec | undefined): Promise<RidershipRead> {
  const opts = spec.options ?? {};
  const gazFile = typeof opts.stations === "string" ? resolve(studyDir, opts.stations) : stations?.file;
  if (!gazFile) throw new InputError(spec.file, undefined, "no station gazetteer to place the ridership on", 'declare a "stations" layer or the ridership option "stations"');
  const picked = pickYearFile(spec.file, typeof opts.year === "number" ? opts.year : undefined);
  const rows = readRidershipRows(picked.file, spec.fields);
  const aliasFile = typeof opts.aliases === "string" ? resolve(studyDir, opts.aliases) : undefined;
  const aliases = aliasFile ? readAliases(aliasFile) : new Map<string, Alias>();
  const gaz = await readGazetteer(gazFile, typeof opts.stations === "string" ? undefined : stations?.fields);
  const g = new Gazetteer(gaz.areas);
  const results = rows.map((r) => matchRow(r, g, aliases));
  const matched = results.filter(isMatch);
  const missed = results.filter((m): m is RowMiss => !isMatch(m));
  const toWgs = transformer("EPSG:2154", "EPSG:4326");
  const features: Feature[] = matched.map((m) => ({
    type: "Feature",
    properties: {
      id: `ridership-${m.row.line}`,
      station: `station-${m.area.id}`,
      name: m.area.name,
      ratp_name: m.row.station,
      network: m.row.network,
      lines: m.row.lines,
      entries: m.row.entries,
      year: picked.year,
      match: m.method,
    },
    geometry: { type: "Point", coordinates: toWgs(m.area.xy).map((v) => Math.round(v * 1e7) / 1e7) },
  }));
  const report = matchReport(picked, rows, matched, missed, aliases);
  const layer: LayerResult = {
    name: "ridership",
    features,
    read: rows.length,
    dropped: missed.length ? [{ reason: "not placed on a station (listed in ridership_match.json)", count: missed.length }] : [],
    notes: [
      `${basename(picked.file)}: year ${picked.year ?? "not stated"}${picked.note ? ` (${picked.note})` : ""}`,
      `${matched.length} of ${rows.length} rows placed on ${gaz.areas.length} stop areas of ${basename(gazFile)}; ${(100 * report.entries_placed_share).toFixed(2)} % of the entries`,
    ],
    sourceFiles: [picked.file, ...(aliasFile ? [aliasFile] : []), ...gaz.sourceFiles],
    source: spec.source,
    vintage: picked.year !== null ? String(picked.year) : spec.vintage,
    licence: spec.licence,
  };
  return { layer, report };
}

function matchReport(picked: ReturnType<typeof pickYearFile>, rows: RidershipRow[], matched: RowMatch[], missed: RowMiss[], aliases: Map<string, Alias>): RidershipMatchReport {
  const sum = (xs: Array<{ row: RidershipRow }> | RidershipRow[]) => xs.reduce((s, x) => s + ("row" in x ? x.row.entries : x.entries), 0);
  const total = sum(rows);
  const towns = new Map<string, { rows: number; matched: number; entries: number; placed: number }>();
  for (const r of rows) {
    const t = towns.get(r.town) ?? { rows: 0, matched: 0, entries: 0, placed: 0 };
    t.rows++;
    t.entries += r.entries;
    towns.set(r.town, t);
  }
  for (const m of matched) {
    const t = towns.get(m.row.town)!;
    t.matched++;
    t.placed += m.row.entries;
  }
  const aliasByKey = [...aliases.values()];
  return {
    file: basename(picked.file),
    year_requested: picked.requested,
    year: picked.year,
    years_available: picked.available,
    year_note: picked.note,
    rows: rows.length,
    rows_matched: matched.length,
    entries: total,
    entries_placed: sum(matched),
    entries_placed_share: total > 0 ? sum(matched) / total : 0,
    by_method: { name: matched.filter((m) => m.method === "name").length, "name+lines": matched.filter((m) => m.method === "name+lines").length, alias: matched.filter((m) => m.method === "alias").length },
    by_town: Object.fromEntries([...towns.entries()].sort(([a], [b]) => a.localeCompare(b)).filter(([t]) => t !== "")),
    homonyms: matched.filter((m) => m.setAside.length > 0).map((m) => ({ line: m.row.line, station: m.row.station, network: m.row.network, lines: m.row.lines, chosen: `${m.area.id} ${m.area.name}`, set_aside: m.setAside })),
    aliases: matched.filter((m) => m.method === "alias").map((m) => ({ line: m.row.line, station: m.row.station, network: m.row.network, chosen: `${m.area.id} ${m.area.name}`, why: aliasByKey.find((a) => aliasKey(a.ratpName, a.network) === aliasKey(m.row.station, m.row.network))!.why })),
    unmatched: missed.map((m) => ({ line: m.row.line, station: m.row.station, network: m.row.network, entries: m.row.entries, town: m.row.town, reason: m.reason, candidates: m.candidates })),
  };
}
