// Benchmark of the join and stats stages on the Paris study (not run by the tests):
//   make build && node dist/bench/analysis.js [out]
// Needs out/layers from `contrechamp layers`. Prints wall and CPU time per stage, best of 3.
import { loadStudy } from "../pipeline/core/study.js";
import { runJoin } from "../pipeline/join.js";
import { runStats } from "../pipeline/stats.js";

const outDir = process.argv[2] ?? "out";
const study = loadStudy("data/paris/study.json");

async function time(name: string, fn: () => Promise<unknown>): Promise<void> {
  let best = Infinity, bestCpu = Infinity;
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
  }
  process.stdout.write(`${name.padEnd(6)} wall ${best.toFixed(0)} ms, cpu ${bestCpu.toFixed(0)} ms (best of 3)\n`);
}

await time("join", () => runJoin(study, outDir));
await time("stats", () => runStats(study, outDir));
