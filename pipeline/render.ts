// Stage 5, render: publication maps from out/layers (and out/stats when the stats stage has
// run), driven by the study's declaration (levels, zones, language, area). Each map is one scene
// written as SVG (editable), PNG (300 dpi), PDF (vector, fonts embedded) and a caption file
// (methods and full sources, out/maps/<name>.txt).
import { join } from "node:path";
import { existsSync, readdirSync, rmSync } from "node:fs";
import type { Feature } from "geojson";
import { densityThreshold, type Study } from "./core/study.js";
import { OutputSet } from "./core/output.js";
import { step, warn } from "./core/progress.js";
import { UsageError } from "./core/errors.js";

// "Skipped" notes must reach the user even when stderr is not a terminal (make, CI): a map that
// silently does not appear would look like a bug. They are short, one line per skipped map
// (warnings: shown unless --quiet).
const note = (message: string) => warn(message);
import { readLayers, type CameraList, type Layers } from "./render/read-inputs.js";
import { cameraColumn } from "./render/camera-list.js";
import { layersMeetingArea } from "./render/area-extent.js";
import type { LayersManifest } from "./contracts.js";
import type { ClassifyOptions, ClassMethod } from "./stats/classify.js";
import { pageSpec, type PageSpec } from "./render/page.js";
import { carte1, type MapText } from "./render/carte1.js";
import { sceneToSvg } from "./render/svg.js";
import { pixelSize } from "./render/png.js";
import { PngPool } from "./render/png-pool.js";
import type { Scene } from "./render/scene.js";
import { companionMaps } from "./render/companions.js";
import { mapContext, type MapContext } from "./render/context.js";
import { langOf, type Lang } from "./render/strings.js";

export interface RenderSettings {
  page: PageSpec;
  dpi: number;
  classing: ClassifyOptions;
  lang: Lang;
}

/**
 * study.settings.render ({ page, dpi, method, classes, breaks }), with `--page` and `--lang`
 * (flags) winning over the study. Flags arrive as strings (or `true` for a bare flag).
 */
export function renderSettings(study: Study, flags: Record<string, string | boolean> = {}): RenderSettings {
  const s = (study.settings.render ?? {}) as Record<string, any>;
  const page = flags.page !== undefined && flags.page !== true ? pageSpec(String(flags.page)) : pageSpec(s.page);
  if (flags.lang !== undefined && flags.lang !== "fr" && flags.lang !== "en") throw new UsageError(`--lang ${String(flags.lang)}: unknown language (use fr or en)`);
  return {
    page,
    dpi: Number(s.dpi ?? 300),
    classing: { method: (s.method ?? "quantiles") as ClassMethod, k: Number(s.classes ?? 6), breaks: s.breaks },
    lang: langOf(flags.lang, study.lang),
  };
}

export interface RenderResult {
  files: string[];
}

/** Layer names a map may draw beyond the fixed roles: the declared levels and zones. */
export function declaredLayers(study: Study): string[] {
  return [...study.levels.map((l) => l.layer), ...study.zones.map((z) => z.layer)];
}

export async function runRender(study: Study, outDir: string, flags: Record<string, string | boolean>): Promise<RenderResult> {
  const settings = renderSettings(study, flags);
  const read = readLayers(outDir, declaredLayers(study), densityThreshold(study.settings));
  const { manifest, unplaced } = read;
  const layers = study.area ? layersMeetingArea(read.layers) : read.layers;
  for (const [name, k] of Object.entries(unplaced)) note(`render: ${k} feature(s) of the ${name} layer are not single points and are not drawn (the caption files say so)`);
  const words = mapWords(study, layers, manifest, settings.lang, unplaced.cameras ?? 0);
  const out = new OutputSet();
  const maps = join(outDir, "maps");
  // PNGs and PDFs are made on worker threads while the next scenes are built; the files are
  // staged in map order (svg, png, pdf, txt per map) once all are done.
  const pool = new PngPool();
  const pending: Array<[string, string, Promise<Buffer>, Promise<Buffer>, string]> = [];
  const emit = (name: string, scene: Scene) => {
    const svg = sceneToSvg(scene);
    const { png, pdf } = pool.map(scene, svg, pixelSize(scene, settings.dpi).width, settings.dpi);
    // Awaited below; a failure while a later scene is built must not go unhandled.
    png.catch(() => {});
    pdf.catch(() => {});
    pending.push([name, svg, png, pdf, scene.caption ?? `${scene.title}\n`]);
    step(`render: ${name}`);
  };
  const drawn = new Set<string>();
  try {
    emit("carte1", carte1(layers, settings.page, settings.classing, words).scene);
    drawn.add("carte1");
    for (const [name, scene] of companionMaps({ layers, outDir, settings, words, atlas: flags.atlas === true, note })) {
      emit(name, scene);
      drawn.add(name);
    }
    for (const [name, svg, png, pdf, caption] of pending) {
      out.add(join(maps, `${name}.svg`), svg);
      out.add(join(maps, `${name}.png`), await png);
      out.add(join(maps, `${name}.pdf`), await pdf);
      out.add(join(maps, `${name}.txt`), caption);
    }
  } finally {
    await pool.close();
  }
  out.commit();
  // A map not drawn this run (stats gone, a level no longer declared) must not survive from an
  // earlier run: it would show numbers that no longer match out/. Atlas pages are only written
  // with --atlas and left alone otherwise.
  if (existsSync(maps)) {
    for (const f of readdirSync(maps)) {
      const m = /^(.+)\.(svg|png|pdf|txt)$/.exec(f);
      if (m && !drawn.has(m[1])) rmSync(join(maps, f), { force: true });
    }
  }
  return { files: out.paths() };
}

/** Title, subtitle, context and caption notes shared by every map of the run. */
export function mapWords(study: Study, layers: Layers, manifest: LayersManifest, lang: Lang, unplaced = 0): MapText {
  const ctx: MapContext = mapContext(study, layers, lang);
  const year = ctx.year("cameras");
  const title = year && !study.title.includes(year) ? `${study.title}, ${year}` : study.title;
  // A zoomed map says which area it shows: the study's title names the whole city.
  const areaNames = ctx.zoomed ? layers.area.map((f) => String(f.properties?.name ?? f.properties?.code)).join(", ") : "";
  const subtitle = areaNames ? [study.subtitle, ctx.S.areaShown(areaNames)].filter(Boolean).join(" — ") : study.subtitle;
  return { title, subtitle, sources: ctx.credit(["cameras", "city"]), ctx, captionNotes: captionNotes(study, layers, manifest, unplaced, lang) };
}

/**
 * Caption notes every map shares: the study's full sources line, then what the camera layer's
 * features say about their source and positioning (so the caption stays true when a stage swaps
 * the camera list).
 */
export function captionNotes(study: Study, layers: Layers, manifest: LayersManifest, unplaced: number, lang: Lang): string[] {
  const tally = (cams: CameraList, key: string) => {
    const m = new Map<string, number>();
    const col = cameraColumn(cams, key);
    for (let i = 0; i < cams.length; i++) {
      const v = String(col[i] ?? "?");
      m.set(v, (m.get(v) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v, c]) => `${v} ${c}`).join(", ");
  };
  const fr = lang === "fr";
  const cam = manifest.layers.find((l) => l.layer === "cameras");
  const spec = study.layers.cameras ?? study.layers.camera_sites;
  const declared = spec?.source ? `${spec.source}${spec.vintage ? `, ${spec.vintage}` : ""}` : fr ? "couche fournie par l’utilisateur, source non déclarée" : "layer supplied by the user, source not declared";
  let hasMethod = false;
  const methods = cameraColumn(layers.cameras, "geocode_method");
  for (let i = 0; i < layers.cameras.length && !hasMethod; i++) hasMethod = !!methods[i];
  const positioning = hasMethod ? (fr ? ` ; positionnement : ${tally(layers.cameras, "geocode_method")}` : `; positioning: ${tally(layers.cameras, "geocode_method")}`) : "";
  return [
    ...(study.sourcesLine ? [study.sourcesLine] : []),
    (fr ? `Caméras dessinées : ${layers.cameras.length} points (${declared})${positioning}` : `Cameras drawn: ${layers.cameras.length} points (${declared})${positioning}`) +
      (unplaced > 0 ? (fr ? ` ; ${unplaced} non ponctuelles, non dessinées.` : `; ${unplaced} not single points, not drawn.`) : ".") +
      (cam ? "" : ""),
  ];
}
