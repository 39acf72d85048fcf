// The results file's rows, the checks every case runs, and the printed table.
import { readFileSync } from "node:fs";

export type CaseName = "paris_study" | "paris_stats" | "points_in_polygons" | "points_in_grid" | "cells_onto_polygons" | "carte1_render" | "study_200k_cameras" | "study_1m_cameras";
export type Baseline = "none" | "turf" | "mapshaper" | "geopandas" | "postgis";

export interface BenchRow {
  case: CaseName;
  contrechamp_s: number | null;
  baseline: Baseline;
  baseline_s: number | null;
  /** baseline_s / contrechamp_s: above 1, contrechamp is faster. */
  ratio: number | null;
  /** contrechamp's whole-process peak resident memory (GNU time). */
  peak_rss_mb: number | null;
  /** contrechamp's user + system CPU seconds (GNU time); wall minus this is waiting for a core. */
  contrechamp_cpu_s?: number | null;
  baseline_peak_rss_mb?: number | null;
  /** What the timings include, and anything skipped or extrapolated. */
  note: string;
}

export function row(c: CaseName, contrechamp: { seconds: number; peakRssMb: number | null; cpuSeconds?: number | null } | null, baseline: Baseline, baselineS: number | null, note: string, baselineRss?: number | null): BenchRow {
  const cs = contrechamp ? round(contrechamp.seconds) : null;
  const bs = baselineS === null ? null : round(baselineS);
  return {
    case: c,
    contrechamp_s: cs,
    baseline,
    baseline_s: bs,
    ratio: cs && bs ? Math.round((baselineS! / contrechamp!.seconds) * 100) / 100 : null,
    peak_rss_mb: contrechamp?.peakRssMb == null ? null : Math.round(contrechamp.peakRssMb),
    contrechamp_cpu_s: contrechamp?.cpuSeconds == null ? null : round(contrechamp.cpuSeconds),
    ...(baselineRss !== undefined ? { baseline_peak_rss_mb: baselineRss === null ? null : Math.round(baselineRss) } : {}),
    note,
  };
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** A wrong result stops the bench: speed never excuses a different answer. */
export class WrongResult extends Error {}

export function check(ok: boolean, what: string): void {
  if (!ok) throw new WrongResult(`bench: WRONG RESULT: ${what}`);
}

/** Reads a "key,count" CSV (header first) into a map; `keyCol`/`countCol` by name. */
export function readCounts(file: string, keyCol: string, countCol?: string): Map<string, number> {
  const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
  const head = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const k = head.indexOf(keyCol);
  const c = countCol ? head.indexOf(countCol) : -1;
  if (k < 0 || (countCol && c < 0)) throw new Error(`${file}: no column ${keyCol}/${countCol} in ${head.join(",")}`);
  const m = new Map<string, number>();
  for (const l of lines.slice(1)) {
    const cells = l.split(",");
    const key = cells[k];
    if (countCol) m.set(key, Number(cells[c]));
    else if (key !== "") m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

/** Differences between two count maps, as a short message (empty if equal). */
export function diffCounts(a: Map<string, number>, b: Map<string, number>): string {
  const bad: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) bad.push(`${k}: ${a.get(k) ?? 0} vs ${b.get(k) ?? 0}`);
  }
  return bad.length ? `${bad.length} keys differ, e.g. ${bad.slice(0, 5).join("; ")}` : "";
}

export function total(m: Map<string, number>): number {
  let t = 0;
  for (const v of m.values()) t += v;
  return t;
}

export function table(rows: BenchRow[]): string {
  const head = ["case", "contrechamp_s", "baseline", "baseline_s", "ratio", "peak_rss_mb", "cpu_s"];
  const body = rows.map((r) => [r.case, fmt(r.contrechamp_s), r.baseline, fmt(r.baseline_s), r.ratio === null ? "-" : `${r.ratio}×`, fmt(r.peak_rss_mb), fmt(r.contrechamp_cpu_s ?? null)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

const fmt = (v: number | null) => (v === null ? "-" : String(v));
