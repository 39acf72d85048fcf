// Cases 1 and 5: the whole Paris study through the CLI, and Carte 1 alone if the render stage
// exists. Both run the real command line into a temporary out folder.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { STAGES } from "../pipeline/stages.js";
import { timedMedian } from "./measure.js";
import { check, row, type BenchRow } from "./results.js";

export function parisStudy(outDir: string, log: (s: string) => void): BenchRow[] {
  const r = timedMedian(process.execPath, ["bin/contrechamp.js", "run", "--out", outDir]);
  // Where each stage writes (DESIGN.md); geocode completes the layers rather than a folder of its own.
  const written: Record<string, string> = { geocode: "layers/cameras.geojson", join: "joined", render: "maps" };
  for (const s of STAGES) {
    const what = written[s.name] ?? s.name;
    check(existsSync(join(outDir, what)), `contrechamp run wrote no ${what} (${s.name} stage)`);
  }
  check(existsSync(join(outDir, "layers", "manifest.json")), "contrechamp run wrote no layers/manifest.json");
  const stages = STAGES.map((s) => s.name).join(", ");
  log(`case 1: contrechamp run ${r.seconds.toFixed(2)} s (stages: ${stages})`);
  return [row("paris_study", r, "none", null, `no baseline; median of 3 runs, each a whole process: node bin/contrechamp.js run --out <temp> from a warm install (dist/ built, node_modules present); stages present in this build: ${stages}`)];
}

export function carte1Render(outDir: string, log: (s: string) => void): BenchRow[] {
  if (!STAGES.some((s) => s.name === "render")) {
    log("case 5: render stage not present");
    return [row("carte1_render", null, "none", null, "render stage not present")];
  }
  const r = timedMedian(process.execPath, ["bin/contrechamp.js", "render", "--out", outDir]);
  const maps = existsSync(join(outDir, "maps")) ? readdirSync(join(outDir, "maps")) : [];
  check(maps.some((f) => f.endsWith(".svg")) && maps.some((f) => f.endsWith(".png")), `render wrote no SVG and PNG (found: ${maps.join(", ")})`);
  log(`case 5: contrechamp render ${r.seconds.toFixed(2)} s`);
  return [row("carte1_render", r, "none", null, "no baseline; median of 3 runs, each a whole process: node bin/contrechamp.js render on the case 1 output (all maps the stage draws, SVG and PNG)")];
}

/** Case 1b: the stats stage alone on case 1's output, default replicate counts (target < 3 s). */
export function parisStats(outDir: string, log: (s: string) => void): BenchRow[] {
  const r = timedMedian(process.execPath, ["bin/contrechamp.js", "stats", "--out", outDir]);
  check(existsSync(join(outDir, "stats", "hypothesis.json")), "contrechamp stats wrote no stats/hypothesis.json");
  log(`case 1b: contrechamp stats ${r.seconds.toFixed(2)} s`);
  return [row("paris_stats", r, "none", null, "no baseline; target under 3 s; median of 3 runs, each a whole process: node bin/contrechamp.js stats on the case 1 output, with the default settings.inference (999 rotations, 999 zone moves per zone, 49 placebo refits per zone, 99 block-bootstrap replicates per tile size (1 km, 2 km), 999 Moran permutations, 499 Gi* conditional permutations shared by all cells, 99 random placements for the Gini envelope), 999 draws per independent null, 99 jitter replicates and 999 draws per timing test; one helper thread beside the main one runs the change and timing outputs, the block bootstrap, the residual Moran test, the hot spots, the independent nulls' draws and the private-camera table")];
}
