// Worker side of png-pool.ts: one output per message — a map's PNG (resvg rasterises and encodes
// its SVG) or its vector PDF (pdfkit draws its scene). Both run on the calling thread, so doing
// them here keeps the main thread free to build the next scenes; one output per job lets two
// workers share the maps' outputs evenly.
import { parentPort } from "node:worker_threads";
import { svgToPng } from "./png.js";
import { sceneToPdf } from "./pdf.js";
import type { Scene } from "./scene.js";

export type PngJob = { id: number; svg: string; widthPx: number; dpi: number } | { id: number; scene: Scene };

parentPort!.on("message", async (job: PngJob) => {
  try {
    const bytes = "scene" in job ? await sceneToPdf(job.scene) : svgToPng(job.svg, job.widthPx, job.dpi);
    // The file's memory is handed over, not copied (a map's PNG is 1–2 MB), when the bytes are a
    // whole buffer of their own (not a slice of Node's shared pool).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    parentPort!.postMessage({ id: job.id, bytes }, own ? [bytes.buffer as ArrayBuffer] : []);
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
  }
});
