// Benchmark of Carte 1: scene, SVG and 300 dpi PNG from out/layers (run `make layers` first).
//   node dist/bench/render.js [out]
// The CLI sets resvg's allocator options before the addon loads (render/raster-allocator.ts);
// to time the PNG as the CLI draws it: MIMALLOC_PURGE_DELAY=-1 MIMALLOC_ALLOW_LARGE_OS_PAGES=1 node …
// Target: SVG + PNG of Carte 1 in under ~2 s on the project machine; the PDF is timed once
// after the loop.
import { performance } from "node:perf_hooks";
import { loadStudy } from "../pipeline/core/study.js";
import { readLayers } from "../pipeline/render/read-inputs.js";
import { declaredLayers, mapWords, renderSettings } from "../pipeline/render.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { sceneToSvg } from "../pipeline/render/svg.js";
import { sceneToPng } from "../pipeline/render/png.js";
import { sceneToPdf } from "../pipeline/render/pdf.js";

const out = process.argv[2] ?? "out";
const study = loadStudy("data/paris/study.json");
const t0 = performance.now();
const { layers, manifest } = readLayers(out, declaredLayers(study));
const tRead = performance.now() - t0;
const s = renderSettings(study);
const words = mapWords(study, layers, manifest, s.lang);
const runs: Array<{ scene: number; svg: number; png: number }> = [];
for (let i = 0; i < 5; i++) {
  const a = performance.now();
  const { scene } = carte1(layers, s.page, s.classing, words);
  const b = performance.now();
  const svg = sceneToSvg(scene);
  const c = performance.now();
  const png = sceneToPng(scene, s.dpi, svg);
  const d = performance.now();
  runs.push({ scene: b - a, svg: c - b, png: d - c });
  if (i === 0) process.stdout.write(`carte1: svg ${(svg.length / 1e6).toFixed(2)} MB, png ${(png.length / 1e6).toFixed(2)} MB\n`);
}
const med = (k: "scene" | "svg" | "png") => runs.map((r) => r[k]).sort((x, y) => x - y)[2];
process.stdout.write(
  `read layers ${tRead.toFixed(0)} ms; median of 5: scene ${med("scene").toFixed(0)} ms, svg ${med("svg").toFixed(0)} ms, ` +
    `png ${med("png").toFixed(0)} ms, total ${(med("scene") + med("svg") + med("png")).toFixed(0)} ms\n`,
);

{
  const { scene } = carte1(layers, s.page, s.classing, words);
  const a = performance.now();
  const pdf = await sceneToPdf(scene);
  process.stdout.write(`pdf ${(performance.now() - a).toFixed(0)} ms, ${(pdf.length / 1e6).toFixed(2)} MB\n`);
}
