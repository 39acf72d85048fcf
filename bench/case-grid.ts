// Case 3: 1,000,000 points into a France-sized 200 m INSPIRE grid (EPSG:3035), counted per cell.
// Checked against an independent count in this process (string ids from floor arithmetic).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { timedMedian } from "./measure.js";
import { seededRng } from "../pipeline/stats/rng.js";
import { check, diffCounts, readCounts, row, total, type BenchRow } from "./results.js";
import { writeFileSync } from "node:fs";

const POINTS = 1_000_000;

export function pointsInGrid(tmp: string, log: (s: string) => void): BenchRow[] {
  const file = join(tmp, "points_3035.csv");
  const rand = seededRng(3035).next;
  const lines = ["id,x,y"];
  // Mainland France's box in EPSG:3035, roughly 1,000 km square; cents so cells are unambiguous.
  for (let i = 0; i < POINTS; i++) lines.push(`${i},${(3_200_000 + rand() * 1_000_000).toFixed(2)},${(2_100_000 + rand() * 1_000_000).toFixed(2)}`);
  writeFileSync(file, lines.join("\n") + "\n");
  const out = join(tmp, "contrechamp_grid.csv");
  const ours = timedMedian(process.execPath, ["dist/bench/cases/points-in-grid.js", file, out]);
  log(`case 3: contrechamp ${ours.seconds.toFixed(2)} s (median of ${ours.runs.join(", ")}) ${ours.stdout.trim()}`);
  const got = readCounts(out, "IdINSPIRE", "count");
  const want = new Map<string, number>();
  for (const l of readFileSync(file, "utf8").split("\n").slice(1)) {
    if (!l) continue;
    const [, xs, ys] = l.split(",");
    const id = `CRS3035RES200mN${Math.floor(Number(ys) / 200) * 200}E${Math.floor(Number(xs) / 200) * 200}`;
    want.set(id, (want.get(id) ?? 0) + 1);
  }
  const d = diffCounts(want, got);
  check(d === "", `grid counts differ from the independent count: ${d}`);
  check(total(got) === POINTS, `grid counts total ${total(got)}, expected ${POINTS}`);
  return [
    row("points_in_grid", ours, "none", null, `no baseline; median of 3 runs, each a whole process: node start, streaming read of the 1M-point CSV (EPSG:3035), cell arithmetic, count per cell, writing ${got.size} INSPIRE ids with counts; checked equal to an independent per-id count, total ${POINTS}`),
  ];
}
