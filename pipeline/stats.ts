// Stage 4, stats: district tables, city-level indices and the hypothesis test, from out/joined.
// Writes out/stats/{arrondissements,quartiers,iris}.csv, summary.json, hypothesis.{json,md}.
import { join } from "node:path";
import { OutputSet, jsonText } from "./core/output.js";
import { step } from "./core/progress.js";
import { centralDistricts, type Study } from "./core/study.js";
import { readStatsInputs } from "./stats/inputs.js";
import { districtCsv, districtStats } from "./stats/district-table.js";
import { summarise } from "./stats/summary.js";
import { buildDesign, designCsv } from "./stats/model-design.js";
import { fitCountModels } from "./stats/count-model.js";
import { runPermutationTests, settingsFrom } from "./stats/hypothesis.js";
import { readOptionalLayer } from "./core/out-files.js";
import { writeVerdict } from "./stats/verdict.js";
import { hypothesisMarkdown } from "./stats/hypothesis-md.js";
import { addChangeOutputs } from "./stats/change.js";

export async function runStats(study: Study, outDir: string): Promise<void> {
  const inputs = readStatsInputs(outDir);
  const out = new OutputSet();
  const dir = join(outDir, "stats");
  const levels = study.levels.map((l) => l.layer);
  const tables = Object.fromEntries(levels.map((level) => [level, districtStats(inputs.districts[level])]));
  for (const level of levels) out.add(join(dir, `${level}.csv`), districtCsv(tables[level]));
  step("stats: summary");
  const summary = summarise(inputs, tables[levels[levels.length - 1]], centralDistricts(study));
  out.add(join(dir, "summary.json"), jsonText(summary));
  step("stats: count models");
  const design = buildDesign(inputs.cells);
  const models = fitCountModels(design);
  out.add(join(dir, "model_cells.csv"), designCsv(design));
  step("stats: permutation tests");
  const permutation = runPermutationTests(inputs, readOptionalLayer(outDir, "zti", study.layers), readOptionalLayer(outDir, "zsp", study.layers), settingsFrom(study.settings));
  const verdict = writeVerdict(summary, models.negative_binomial, permutation);
  out.add(join(dir, "hypothesis.json"), jsonText({ verdict, models, permutation, design: { cells: design.cells, centring: design.centring, terms: design.names, dropped: design.dropped } }));
  out.add(join(dir, "hypothesis.md"), hypothesisMarkdown(verdict, models, permutation, design, inputs.report.cameras_without.cell.length));
  addChangeOutputs(out, study, outDir); // change.{csv,json}, change_<level>.csv (stats/change.ts)
  out.commit();
}
