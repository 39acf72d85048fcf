// The stages in pipeline order. Each reads the study and earlier stages' files under out/ and
// writes its own; `run` runs them all. A stage module registers itself here and nowhere else.
import type { Study } from "./study.js";
import { runLayers } from "./layers.js";
import { runGeocode } from "./geocode.js";
import { runReport } from "./report.js";

export interface StageOptions {
  study: Study;
  outDir: string;
  /** Stage-specific flags (e.g. render --atlas). */
  flags: Record<string, string | boolean>;
}

export interface Stage {
  name: string;
  summary: string;
  run(opts: StageOptions): Promise<void>;
}

export const STAGES: Stage[] = [
  {
    name: "layers",
    summary: "read, validate and normalise every input layer into out/layers/",
    run: async ({ study, outDir }) => {
      await runLayers(study, outDir);
    },
  },
  {
    name: "geocode",
    summary: "place the camera sites of a list without coordinates (2019 Préfecture list) into out/layers/cameras.geojson",
    run: async ({ study, outDir }) => {
      await runGeocode(study, outDir);
    },
  },
  {
    name: "report",
    summary: "write out/report/index.html, one self-contained page presenting the study",
    run: async ({ study, outDir }) => {
      await runReport(study, outDir);
    },
  },
];
