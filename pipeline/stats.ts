// Stage 4, stats: district tables (one per declared level), city-level indices, the count model
// and the hypothesis test with inference that keeps the cameras' clustering, from out/joined.
// Writes out/stats/<level layer>.csv, summary.json, model_cells.csv, hypothesis.{json,md}.
import { join } from "node:path";
import { OutputSet, jsonText } from "./core/output.js";
import { step } from "./core/progress.js";
import { centralDistricts, type Study } from "./core/study.js";
import { readStatsInputs } from "./stats/inputs.js";
import { readSharedCameraTable, type SharedCameraTable } from "./core/joined-cameras.js";
import { districtCsv, districtStats } from "./stats/district-table.js";
import { withRidershipColumns } from "./stats/district-ridership.js";
import { summarise } from "./stats/summary.js";
import { buildDesign, designCsv } from "./stats/model-design.js";
import { fitCountModels } from "./stats/count-model.js";
import { runPermutationTests, settingsFrom } from "./stats/hypothesis.js";
import { readOptionalLayer } from "./core/out-files.js";
import { writeVerdict } from "./stats/verdict.js";
import { centralDistrictWords } from "./core/words-fr.js";
import { hypothesisMarkdown } from "./stats/hypothesis-md.js";
import { inferenceSettings, runInference, startBootstraps, startResidualMoran } from "./stats/inference.js";
import { buildClaims, timingAsClaim } from "./stats/claims.js";
import { hotSpotOutputs } from "./stats/hotspot-files.js";
import { robustness } from "./stats/robustness.js";
import { addChangeOutputs } from "./stats/change-files.js";
import type { changeOutputs, privateOutputs } from "./stats/side-outputs.js";
import { onThread, stopThread } from "./core/on-thread.js";

const SIDE = new URL("./stats/side-outputs.js", import.meta.url);
type ChangeResult = ReturnType<typeof changeOutputs>;
type PrivateResult = ReturnType<typeof privateOutputs>;

export async function runStats(study: Study, outDir: string): Promise<void> {
  // The join's camera table first, into memory the helper thread shares; the thread starts on it
  // at once with the change and timing outputs, which need nothing this thread computes, while
  // this thread reads the rest.
  const shared = readSharedCameraTable(outDir);
  const changeResult = onThread<ChangeResult>(SIDE, "changeOutputs", [study, outDir, shared.bytes]).result;
  changeResult.catch(() => {}); // awaited at the end; a failure elsewhere first must not leave it unhandled
  try {
    await statsWith(study, outDir, shared, changeResult);
  } finally {
    // Failed, nothing more is awaited from it; done, its heap is not kept through the later stages.
    stopThread();
  }
}

async function statsWith(study: Study, outDir: string, shared: SharedCameraTable, changeResult: Promise<ChangeResult>): Promise<void> {
  const inputs = readStatsInputs(outDir, study, shared);
  const out = new OutputSet();
  const dir = join(outDir, "stats");
  const zoneLabels = Object.fromEntries(study.zones.map((z) => [z.layer, z.label.en]));
  const tables = Object.fromEntries(study.levels.map((l) => [l.layer, districtStats(inputs.districts[l.layer], inputs.zones, inputs.available.income)]));
  for (const l of study.levels) out.add(join(dir, `${l.layer}.csv`), withRidershipColumns(districtCsv(tables[l.layer], inputs.zones), inputs.districts[l.layer]));
  step("stats: summary");
  const finest = study.levels[study.levels.length - 1].layer;
  const summary = summarise(inputs, tables[finest], centralDistricts(study), { zones: zoneLabels, central: "Central districts" });
  out.add(join(dir, "summary.json"), jsonText(summary));
  step("stats: count models");
  const design = buildDesign(inputs, zoneLabels);
  const { poisson, negative_binomial, nbFit } = fitCountModels(design);
  // On the helper thread, after the change outputs: the block bootstrap and the residual Moran test
  // (the model inference waits for them), the permutation tests' null draws and, last, the
  // private-camera table.
  const settings = inferenceSettings(study.settings);
  const boot = startBootstraps(design, nbFit, settings);
  const moran = startResidualMoran(design, nbFit, settings);
  const models = { poisson, negative_binomial };
  out.add(join(dir, "model_cells.csv"), designCsv(design));
  step("stats: permutation tests");
  const zoneFeatures = Object.fromEntries(study.zones.map((z) => [z.layer, readOptionalLayer(outDir, z.layer, study.layers)]));
  // Its nulls' draws go to the helper thread; it is awaited once the inference (on this thread) is done.
  const permutationResult = runPermutationTests(inputs, zoneFeatures, settingsFrom(study.settings));
  permutationResult.catch(() => {}); // awaited below; a failure of the inference first must not leave it unhandled
  const privateResult = onThread<PrivateResult>(SIDE, "privateOutputs", [study, outDir, shared.bytes]).result;
  privateResult.catch(() => {}); // awaited at the end
  step("stats: inference under clustering");
  const inference = await runInference({
    inputs, design, nbFit, zoneFeatures, zoneLabels,
    city: readOptionalLayer(outDir, "city", study.layers),
    terminals: readOptionalLayer(outDir, "terminals", study.layers),
    settings,
  }, boot, moran);
  const robust = robustness(inputs, tables, zoneFeatures);
  // The Gi* hot spots on this thread, now: the helper thread has the longer queue (on Paris this
  // thread waited for it about half a second at the end), and they need only the cells' counts.
  step("stats: hot spots");
  const hot = hotSpotOutputs(design.ids, design.y, settings);
  const permutation = await permutationResult;
  out.add(join(dir, "hotspots_cells.csv"), hot.csv);
  out.add(join(dir, "hotspots_cells.geojson"), hot.geojson);
  step("stats: change, timing, private cameras");
  const change = addChangeOutputs(out, study, outDir, await changeResult); // change.{csv,json}, change_<level>.csv (stats/change-files.ts)
  const claims = [...buildClaims(summary, negative_binomial, permutation, inference, study.zones, inputs.available), timingAsClaim(change.claim!)];
  const coarse = study.levels[0];
  const central = centralDistrictWords(coarse.label.fr, centralDistricts(study), new Map(tables[coarse.layer].map((d) => [d.code, d.name])));
  const verdict = writeVerdict(summary, negative_binomial, permutation, study.zones, claims, central);
  const designInfo = { cells: design.cells, centring: design.centring, log_income_sd: design.log_income_sd, terms: design.names, dropped: design.dropped };
  out.add(join(dir, "hypothesis.json"), jsonText({ claims, verdict, models, permutation, inference, robustness: robust, hotspots: hot.summary, design: designInfo }));
  out.add(join(dir, "hypothesis.md"), hypothesisMarkdown(verdict, models, permutation, design, inputs.report.cameras_without.cell.length, claims, inference));
  const crowd = await privateResult;
  if (crowd) {
    out.add(join(dir, "private_cameras.csv"), crowd.csv);
    out.add(join(dir, "private_cameras.json"), jsonText(crowd.json));
  }
  out.commit();
  // The verdict reaches the terminal in the closing summary of `run` (core/run-summary.ts).
}
