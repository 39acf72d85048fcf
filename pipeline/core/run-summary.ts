// The lines the CLI prints after each stage and at the end of a run, read from the files the
// stage has just written (the stages return nothing and need not know about the terminal).
// Every reader is defensive: these files are other stages' contracts and evolve; a field that is
// missing or reshaped shortens a line, it never fails a run that succeeded.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { displayPath } from "./errors.js";
import { gradeWord } from "./grade-words.js";

/** 1371 → "1,371": English grouping, written by hand so it does not depend on ICU data. */
export function count(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  return (n < 0 ? "-" : "") + s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 640 → "0.6 s"; 119 600 → "2 min 00 s" (rounded to whole seconds first: never "1 min 60 s"). */
export function seconds(ms: number): string {
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const plural = (n: number, one: string, many = one + "s") => `${count(n)} ${n === 1 ? one : many}`;

/** The first `bytes` bytes of a file, as UTF-8 text. */
function fileStart(file: string, bytes: number): string {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    return buf.toString("utf8", 0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** District tables of out/stats (code and name columns) with their row counts. */
function districtTables(outDir: string): Array<[string, number]> {
  const dir = join(outDir, "stats");
  const out: Array<[string, number]> = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".csv")).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    // The header first: a per-camera table (change.csv, a million rows with a large layer) is not read.
    if (!/^code,name(,|\n|$)/.test(fileStart(join(dir, n), 64))) continue;
    const text = readFileSync(join(dir, n), "utf8");
    out.push([n.slice(0, -4), text.split("\n").filter((l) => l !== "").length - 1]);
  }
  return out.sort((a, b) => a[1] - b[1]);
}

/** Counts for the one line a finished stage gets: "join  1,371 cameras, 2,799 cells". */
export function stageCounts(stage: string, outDir: string, startedMs: number): string {
  try {
    if (stage === "layers") {
      const m = readJson(join(outDir, "layers", "manifest.json"));
      const layers: any[] = Array.isArray(m?.layers) ? m.layers : [];
      const kept = layers.reduce((s, l) => s + (num(l.kept) ? l.kept : 0), 0);
      const dropped = layers.reduce((s, l) => s + droppedCount(l), 0);
      const cams = layers.find((l) => l.layer === "cameras");
      return [plural(layers.length, "layer"), `${count(kept)} features kept`, dropped ? `${count(dropped)} dropped` : "", cams && num(cams.kept) ? `${count(cams.kept)} cameras` : ""].filter(Boolean).join(", ");
    }
    if (stage === "geocode") {
      const g = readJson(join(outDir, "stats", "geocoding.json"));
      if (!num(g?.sites)) return "";
      const outsideArea = g.inputs?.sites_outside_area;
      return [
        `${count(g.placed)} of ${plural(g.sites, "site")} placed`,
        num(g.unresolved) && g.unresolved ? `${count(g.unresolved)} unresolved (out/stats/geocoding_unresolved.csv)` : "",
        num(outsideArea) && outsideArea ? `${count(outsideArea)} outside the analysis area, left out` : "",
      ].filter(Boolean).join(", ");
    }
    if (stage === "join") {
      const r = readJson(join(outDir, "joined", "report.json"));
      // The join also keeps the inhabited cells beyond the limit (city-cells.ts), with no area inside:
      // counted apart, or a restricted study would read "2,032 cells" for the 214 that meet its area.
      const beyond = num(r?.income_cells_outside_city) ? r.income_cells_outside_city : 0;
      const cells = num(r?.cells) ? (beyond > 0 ? `${plural(r.cells - beyond, "cell")} (+${count(beyond)} inhabited beyond the limit, kept with no area inside)` : plural(r.cells, "cell")) : "";
      const parts = [num(r?.cameras) ? plural(r.cameras, "camera") : "", cells];
      if (num(r?.cameras_outside_city) && r.cameras_outside_city > 0) parts.push(`${count(r.cameras_outside_city)} outside the city`);
      return parts.filter(Boolean).join(", ");
    }
    if (stage === "stats") {
      const t = districtTables(outDir);
      // "arrondissements: 1", not "1 arrondissements": the names are the study's plural layer names.
      return t.length ? t.map(([n, k]) => `${n}: ${count(k)}`).join(", ") : "";
    }
    if (stage === "render") {
      const dir = join(outDir, "maps");
      const fresh = readdirSync(dir).filter((n) => /\.svg$/.test(n) && statSync(join(dir, n)).mtimeMs >= startedMs - 1000);
      const atlas = existsSync(join(dir, "atlas")) ? readdirSync(join(dir, "atlas")).filter((n) => n.endsWith(".svg") && statSync(join(dir, "atlas", n)).mtimeMs >= startedMs - 1000).length : 0;
      return [plural(fresh.length, "map"), atlas ? `${plural(atlas, "atlas page")}` : "", "SVG, PNG, PDF and captions in " + displayPath(dir)].filter(Boolean).join(", ");
    }
    if (stage === "report") {
      const f = join(outDir, "report", "index.html");
      return `${displayPath(f)} (${(statSync(f).size / 1e6).toFixed(1)} MB)`;
    }
  } catch {
    // A summary is a courtesy: fall back to the time alone.
  }
  return "";
}

function droppedCount(layer: any): number {
  if (num(layer?.dropped)) return layer.dropped;
  if (!Array.isArray(layer?.dropped)) return 0;
  return layer.dropped.reduce((s: number, d: any) => s + (num(d?.count) ? d.count : 1), 0);
}

/**
 * What the layers stage dropped or changed, from out/layers/manifest.json: dropped features are
 * warnings, normalisations and data fixes ("notes", and "warnings" if a later manifest has them)
 * are notes. One line per item, the layer first.
 */
export function manifestLines(outDir: string): Array<{ kind: "warning" | "note"; text: string }> {
  const m = readJson(join(outDir, "layers", "manifest.json"));
  const lines: Array<{ kind: "warning" | "note"; text: string }> = [];
  for (const l of Array.isArray(m?.layers) ? m.layers : []) {
    const name = String(l?.layer ?? "?");
    if (Array.isArray(l?.dropped)) {
      for (const d of l.dropped) {
        const n = num(d?.count) ? d.count : 1;
        const of = num(l.read) ? ` of ${count(l.read)}` : "";
        lines.push({ kind: "warning", text: `${name}: ${count(n)}${of} ${n === 1 ? "feature" : "features"} dropped: ${d?.reason ?? String(d)}` });
      }
    } else if (droppedCount(l) > 0) lines.push({ kind: "warning", text: `${name}: ${count(droppedCount(l))} features dropped` });
    for (const w of Array.isArray(l?.warnings) ? l.warnings : []) lines.push({ kind: "warning", text: `${name}: ${typeof w === "string" ? w : JSON.stringify(w)}` });
    for (const n of Array.isArray(l?.notes) ? l.notes : []) lines.push({ kind: "note", text: `${name}: ${typeof n === "string" ? n : JSON.stringify(n)}` });
  }
  return lines;
}

/** The first clause of a claim ("Tourist zones: 17.1% … (3.1 times its area share)"): a headline. */
function firstClause(text: string): string {
  // Cut at the first "; " or ". " outside parentheses: "(… residents; placement …)" is one clause.
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if (depth === 0 && (ch === ";" || ch === ".") && /\s/.test(text[i + 1])) return text.slice(0, i).trimEnd();
  }
  return text.replace(/\.$/, "");
}

function pickLang(v: any, lang: string): any {
  if (v && typeof v === "object" && !Array.isArray(v) && (lang in v || "en" in v || "fr" in v)) return v[lang] ?? v.en ?? v.fr;
  return v;
}

/**
 * The verdict of out/stats/hypothesis.json as a few lines: a `headline` if the file has one, then
 * one line per claim (from `claims`, or the `verdict` sentences), shortened to the first clause
 * unless `full`. Whatever the shape, never throws; [] when there is nothing to say.
 */
export function verdictLines(outDir: string, lang: string, full = false): string[] {
  const h = readJson(join(outDir, "stats", "hypothesis.json"));
  if (!h || typeof h !== "object") return [];
  const text = (v: any): string | undefined => {
    const t = pickLang(v, lang);
    return typeof t === "string" && t.trim() ? t.trim() : undefined;
  };
  const lines: string[] = [];
  const headline = text(h.headline) ?? text(h.verdict?.headline);
  if (headline) lines.push(headline);
  let claims: string[] = [];
  if (Array.isArray(h.claims)) {
    claims = h.claims
      .map((c: any) => {
        const t = text(c?.headline) ?? text(c?.statement) ?? text(c?.text) ?? text(c?.summary) ?? text(c);
        if (!t) return undefined;
        const grade = c?.grade ?? c?.status ?? c?.verdict;
        const absent = c && typeof c === "object" && typeof c.not_computed === "string";
        const status = typeof grade === "string" ? ` [${gradeWord(grade, lang)}]` : absent ? (lang === "fr" ? " [non calculé]" : " [not computed]") : "";
        // The grade stays on the line however the statement is shortened.
        return (full ? t : firstClause(t)) + status;
      })
      .filter((t: string | undefined): t is string => Boolean(t));
  } else {
    const v = pickLang(h.verdict, lang);
    const list = Array.isArray(v) ? v : Array.isArray(v?.claims) ? v.claims : typeof v === "string" ? [v] : [];
    claims = list.map((c: any) => text(c)).filter((t: string | undefined): t is string => Boolean(t));
  }
  for (const c of claims) lines.push(Array.isArray(h.claims) || full ? c : firstClause(c));
  return lines;
}
