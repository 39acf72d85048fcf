// Stage 5, render: publication maps from out/layers (and out/stats when the stats stage has
// run). Each map is one scene written twice, as SVG (editable) and PNG (300 dpi, print).
import { join } from "node:path";
import { rmSync } from "node:fs";
import type { Feature } from "geojson";
import type { Study } from "./core/study.js";
import { OutputSet } from "./core/output.js";
import { step, warn } from "./core/progress.js";

// "Skipped" notes must reach the user even when stderr is not a terminal (make, CI): a map that
// silently does not appear would look like a bug. They are short, one line per skipped map
// (warnings: shown unless --quiet).
const note = (message: string) => warn(message);
import { readLayers, type Layers } from "./render/read-inputs.js";
import type { LayersManifest } from "./contracts.js";
import type { ClassifyOptions, ClassMethod } from "./stats/classify.js";
import { pageSpec, type PageSpec } from "./render/page.js";
import { carte1, type MapText } from "./render/carte1.js";
import { sceneToSvg } from "./render/svg.js";
import { pixelSize } from "./render/png.js";
import { PngPool } from "./render/png-pool.js";
import type { Scene } from "./render/scene.js";
import { formatFr } from "./render/format-fr.js";
import { COMPANION_NAMES, companionMaps } from "./render/companions.js";

export interface RenderSettings {
  page: PageSpec;
  dpi: number;
  classing: ClassifyOptions;
}

/** study.settings.render: { page: "A4" | "A3-portrait" | {width,height}, dpi, method, classes, breaks }. */
export function renderSettings(study: Study): RenderSettings {
  const s = (study.settings.render ?? {}) as Record<string, any>;
  return {
    page: pageSpec(s.page),
    dpi: Number(s.dpi ?? 300),
    classing: { method: (s.method ?? "quantiles") as ClassMethod, k: Number(s.classes ?? 6), breaks: s.breaks },
  };
}

export interface RenderResult {
  files: string[];
}

export async function runRender(study: Study, outDir: string, flags: Record<string, string | boolean>): Promise<RenderResult> {
  const settings = renderSettings(study);
  const { layers, manifest, unplaced } = readLayers(outDir);
  for (const [name, k] of Object.entries(unplaced)) note(`render: ${k} feature(s) of out/layers/${name}.geojson are not single points and are not drawn (the sources line says so)`);
  const words: MapText = { title: study.title, subtitle: study.subtitle, sources: sourcesLines(study, layers, manifest, unplaced.cameras ?? 0) };
  const out = new OutputSet();
  const maps = join(outDir, "maps");
  // PNGs are made on worker threads while the next scenes are built; the files are staged in
  // map order (svg, png per map) once all are done.
  const pool = new PngPool();
  const pending: Array<[string, string, Promise<Buffer>]> = [];
  const emit = (name: string, scene: Scene) => {
    const svg = sceneToSvg(scene);
    const png = pool.png(svg, pixelSize(scene, settings.dpi).width, settings.dpi);
    png.catch(() => {}); // awaited below; a failure while a later scene is built must not go unhandled
    pending.push([name, svg, png]);
    step(`render: ${name}`);
  };
  const drawn = new Set(["carte1"]);
  try {
    emit("carte1", carte1(layers, settings.page, settings.classing, words).scene);
    for (const [name, scene] of companionMaps({ layers, outDir, settings, words, atlas: flags.atlas === true, note })) {
      emit(name, scene);
      drawn.add(name);
    }
    for (const [name, svg, png] of pending) {
      out.add(join(maps, `${name}.svg`), svg);
      out.add(join(maps, `${name}.png`), await png);
    }
  } finally {
    await pool.close();
  }
  out.commit();
  // A companion skipped this run (stats gone) must not survive from an earlier run: it would show
  // numbers that no longer match out/. Atlas pages are only written with --atlas and left alone.
  for (const name of COMPANION_NAMES) {
    if (drawn.has(name)) continue;
    for (const ext of ["svg", "png"]) rmSync(join(maps, `${name}.${ext}`), { force: true });
  }
  return { files: out.paths() };
}

/**
 * The sources line: the study's own (curated, French) line, then what was actually drawn,
 * read from the features themselves, so the map stays true when a stage swaps the camera list.
 */
export function sourcesLines(study: Study, layers: Layers, manifest: LayersManifest, unplaced = 0): string[] {
  const tally = (fs: Feature[], key: string) => {
    const m = new Map<string, number>();
    for (const f of fs) {
      const v = String(f.properties?.[key] ?? "?");
      m.set(v, (m.get(v) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v, c]) => `${v} ${formatFr(c)}`).join(", ");
  };
  const cam = manifest.layers.find((l) => l.layer === "cameras");
  const camLine =
    `Caméras dessinées : ${formatFr(layers.cameras.length)} points (source : ${tally(layers.cameras, "source")} ; ` +
    `positionnement : ${tally(layers.cameras, "geocode_method")})` +
    (unplaced > 0 ? ` ; ${formatFr(unplaced)} non ponctuelles, non dessinées` : "") +
    (cam?.source ? ` ; couche déclarée : ${cam.source}, ${cam.vintage ?? "millésime inconnu"}.` : ".");
  return [...(study.sourcesLine ? [study.sourcesLine] : []), `${camLine} Carte : contrechamp.`];
}
