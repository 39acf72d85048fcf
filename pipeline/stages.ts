// The stages in pipeline order. Each reads the study and earlier stages' files under out/ and
// writes its own; `run` runs them all. A stage module registers itself here and nowhere else.
import type { Study } from "./study.js";
// Stage modules load on demand: the layers stage pulls in @turf (~0.3 s of start-up), which the
// later stages and `compare` do not need.

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
      await (await import("./layers.js")).runLayers(study, outDir);
    },
  },
  {
    name: "join",
    summary: "locate cameras in cells, districts and zones; cells and district counts into out/joined/",
    run: async ({ study, outDir }) => {
      await (await import("./join.js")).runJoin(study, outDir);
    },
  },
  {
    name: "stats",
    summary: "district tables, concentration indices and the hypothesis test into out/stats/",
    run: async ({ study, outDir }) => {
      await (await import("./stats.js")).runStats(study, outDir);
    },
  },
];
