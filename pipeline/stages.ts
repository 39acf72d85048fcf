// The stages in pipeline order. Each reads the study and earlier stages' files under out/ and
// writes its own; `run` runs them all. A stage module registers itself here and nowhere else.
import type { Study } from "./study.js";
import { runLayers } from "./layers.js";
import { runJoin } from "./join.js";
import { runStats } from "./stats.js";

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
    name: "join",
    summary: "locate cameras in cells, districts and zones; cells and district counts into out/joined/",
    run: async ({ study, outDir }) => {
      await runJoin(study, outDir);
    },
  },
  {
    name: "stats",
    summary: "district tables, concentration indices and the hypothesis test into out/stats/",
    run: async ({ study, outDir }) => {
      await runStats(study, outDir);
    },
  },
];
