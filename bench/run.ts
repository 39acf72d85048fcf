// `npm run bench`: the cases in order, one temp folder for every generated input, results
// in out/bench/results.json and a table on stdout. Not part of `make test`; a wrong result
// (counts differing from a baseline's) stops it with exit 1, a slow machine never does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { cellsOntoPolygons } from "./case-cells.js";
import { pointsInGrid } from "./case-grid.js";
import { pointsInPolygons } from "./case-join.js";
import { carte1Render, parisStats, parisStudy } from "./case-study.js";
import { scaleStudy } from "./case-scale.js";
import { table, type BenchRow } from "./results.js";

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

async function main(): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), "contrechamp-bench-"));
  const rows: BenchRow[] = [];
  const started = Date.now();
  // Timings are wall clock on a shared machine: say how busy it was.
  const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
  log(`machine: ${cpus().length} cores, load average ${load()} at start`);
  // BENCH_CASES=a,b runs only those cases (paris_study always runs: the others read its output);
  // BENCH_SCALE=0 skips the two synthetic whole-study cases (minutes on a busy machine).
  const only = process.env.BENCH_CASES?.split(",").map((c) => c.trim());
  const wanted = (c: string) => (!only || only.includes(c)) && !(process.env.BENCH_SCALE === "0" && c.startsWith("study_"));
  try {
    const study = join(tmp, "paris");
    rows.push(...parisStudy(study, log));
    if (wanted("paris_stats")) rows.push(...parisStats(study, log));
    const layers = join(study, "layers");
    if (wanted("points_in_polygons")) rows.push(...(await pointsInPolygons(tmp, layers, log)));
    if (wanted("points_in_grid")) rows.push(...pointsInGrid(tmp, log));
    if (wanted("cells_onto_polygons")) rows.push(...cellsOntoPolygons(tmp, layers, log));
    if (wanted("carte1_render")) rows.push(...carte1Render(study, log));
    if (wanted("study_200k_cameras")) rows.push(...scaleStudy(tmp, layers, 200_000, "study_200k_cameras", log));
    if (wanted("study_1m_cameras")) rows.push(...scaleStudy(tmp, layers, 1_000_000, "study_1m_cameras", log));
  } finally {
    if (process.env.BENCH_KEEP) log(`inputs kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync("out/bench", { recursive: true });
  writeFileSync("out/bench/results.json", JSON.stringify(rows, null, 2) + "\n");
  console.log(table(rows));
  for (const r of rows) console.log(`- ${r.case} / ${r.baseline}: ${r.note}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${load()} at end; out/bench/results.json`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
