// The stages in pipeline order. Each reads the study and earlier stages' files under out/ and
// writes its own; `run` runs them all. A stage module registers itself here and nowhere else.
import type { Study } from "./study.js";
import { runLayers } from "./layers.js";
import { runRender } from "./render.js";

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
    name: "render",
    summary: "draw the maps (Carte 1 and companions) as SVG and 300 dpi PNG into out/maps/ (--atlas: one page per arrondissement)",
    run: async ({ study, outDir, flags }) => {
      await runRender(study, outDir, flags);
    },
  },
];
