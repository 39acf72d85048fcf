// Cases study_200k_cameras and study_1m_cameras: the whole study (every stage, every map, the
// report) with SYNTHETIC cameras — 200,000 and 1,000,000 seeded points over the Paris study
// (bench/synthetic-cameras.ts: labelled synthetic, never real data) — through the real command
// line, as a user with a big camera list would run it (`run --layer cameras=FILE`). Checks: every
// stage wrote its output, no camera lost between the CSV, the layers stage and the join, and the
// report page under 10 MB (README, The report page). The run's own per-stage times go in the note.
import { existsSync, statSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { timed } from "./measure.js";
import { check, row, type BenchRow, type CaseName } from "./results.js";
import { writeSyntheticCameras } from "./synthetic-cameras.js";

export const REPORT_MAX_BYTES = 10 * 1024 * 1024;

/** "join 13.1 s, stats 37.1 s…" from the run's one line per stage on stderr. */
export function stageTimes(stderr: string): string {
  const out: string[] = [];
  for (const m of stderr.matchAll(/^contrechamp: (layers|geocode|join|stats|render|report) .*?  (\d+\.\d s|\d+ min \d\d s)$/gm)) out.push(`${m[1]} ${m[2]}`);
  return out.join(", ");
}

export function scaleStudy(tmp: string, parisLayers: string, n: number, name: CaseName, log: (s: string) => void): BenchRow[] {
  const csv = join(tmp, `synthetic_cameras_${n}.csv`);
  writeSyntheticCameras(parisLayers, csv, n);
  const out = join(tmp, name);
  const r = timed(process.execPath, ["bin/contrechamp.js", "run", "--out", out, "--layer", `cameras=${csv}`]);
  for (const f of ["joined/cameras.geojson", "joined/cameras.cols", "stats/summary.json", "maps/carte1.svg", "maps/carte1.png", "report/index.html"]) check(existsSync(join(out, f)), `${name}: no ${f}`);
  const report = JSON.parse(readFileSync(join(out, "joined", "report.json"), "utf8"));
  const manifest = JSON.parse(readFileSync(join(out, "layers", "manifest.json"), "utf8"));
  const cams = manifest.layers.find((l: { layer: string }) => l.layer === "cameras");
  const dropped = (cams?.dropped ?? []).reduce((s: number, d: { count: number }) => s + d.count, 0);
  // Every row of the CSV is kept or counted as dropped, and every kept camera is joined.
  check(cams?.read === n && cams.kept + dropped + (cams.merged ?? 0) === n, `${name}: the layers stage read ${cams?.read} of ${n} rows, kept ${cams?.kept}, dropped ${dropped}`);
  check(report.cameras === cams.kept, `${name}: the join has ${report.cameras} cameras, the layers stage kept ${cams.kept}`);
  const bytes = statSync(join(out, "report", "index.html")).size;
  check(bytes < REPORT_MAX_BYTES, `${name}: report/index.html is ${bytes} bytes (limit ${REPORT_MAX_BYTES})`);
  const stages = stageTimes(r.stderr);
  log(`${name}: contrechamp run ${r.seconds.toFixed(1)} s, peak ${Math.round(r.peakRssMb ?? 0)} MB, report ${(bytes / 1e6).toFixed(2)} MB, ${report.cameras} cameras joined (${stages})`);
  return [
    row(name, r, "none", null, `no baseline; one run, a whole process: node bin/contrechamp.js run --layer cameras=<${n} SYNTHETIC cameras, seeded, 70 % around the study's cameras σ 150 m, 30 % uniform over the city> (all stages, all maps, the report); per stage: ${stages}; report ${bytes} bytes; ${report.cameras} of ${n} cameras joined (${dropped} dropped by the layers stage)`),
  ];
}
