// The stages in pipeline order. Each reads the study and earlier stages' files under out/ and
// writes its own; `run` runs them all. A stage module registers itself here and nowhere else.
// Stage modules load on demand: the layers stage pulls in @turf (~0.3 s of start-up), which the
// later stages and `compare` do not need.
import type { Study } from "./core/study.js";

export interface StageOptions {
  study: Study;
  outDir: string;
  /** Stage-specific flags (e.g. render --atlas). */
  flags: Record<string, string | boolean>;
  /** Words after the command (the districts of `compare`). */
  positional: string[];
}

export interface Stage {
  name: string;
  summary: string;
  run(opts: StageOptions): Promise<void>;
  /** The module the stage's helper thread (core/on-thread.ts) starts on, warmed up by the CLI before the study is read. */
  helperModule?: URL;
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
    name: "geocode",
    summary: "place the camera sites of a list without coordinates (2019 Préfecture list) into out/layers/cameras.geojson",
    run: async ({ study, outDir }) => {
      await (await import("./geocode.js")).runGeocode(study, outDir);
    },
  },
  {
    name: "join",
    summary: "locate cameras in cells, districts and zones; cells and district counts into out/joined/",
    helperModule: new URL("./join/locate-all.js", import.meta.url),
    run: async ({ study, outDir }) => {
      await (await import("./join.js")).runJoin(study, outDir);
    },
  },
  {
    name: "stats",
    summary: "district tables, concentration indices and the hypothesis test into out/stats/",
    helperModule: new URL("./stats/side-outputs.js", import.meta.url),
    run: async ({ study, outDir }) => {
      await (await import("./stats.js")).runStats(study, outDir);
    },
  },
  {
    name: "render",
    summary: "draw the maps (Carte 1 and companions) as SVG and 300 dpi PNG into out/maps/ (--atlas: one page per arrondissement)",
    run: async ({ study, outDir, flags }) => {
      await (await import("./render.js")).runRender(study, outDir, flags);
    },
  },
  {
    name: "report",
    summary: "write out/report/index.html, one self-contained page presenting the study",
    run: async ({ study, outDir, flags }) => {
      await (await import("./report.js")).runReport(study, outDir, flags);
    },
  },
];
