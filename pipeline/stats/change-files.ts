// Stages the change outputs (stats/change.ts computes them, on the helper thread) into the stats
// stage's OutputSet. A module of its own so that the main thread, which only stages them, does
// not load the matching, the timing tests and their indexes.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ChangeReport } from "../contracts.js";
import type { OutputSet } from "../core/output.js";
import { jsonText } from "../core/output.js";
import type { Study } from "../core/study.js";
import type { computeChange } from "./change.js";

/** Stages the change outputs into `out` (the stats stage's one hook), computed here or on a thread. */
export function addChangeOutputs(out: OutputSet, study: Study, outDir: string, computed: ReturnType<typeof computeChange>): ChangeReport {
  const dir = join(outDir, "stats");
  const { report, files } = computed;
  // Per-row files of an earlier run would describe inputs that no longer exist.
  for (const stale of ["change.csv", ...study.levels.map((l) => `change_${l.layer}.csv`)]) if (!files.has(stale) && existsSync(join(dir, stale))) rmSync(join(dir, stale));
  for (const [name, text] of files) out.add(join(dir, name), text);
  out.add(join(dir, "change.json"), jsonText(report));
  return report;
}
