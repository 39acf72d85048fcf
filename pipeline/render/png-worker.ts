// Worker side of png-pool.ts: one map per message — rasterises and PNG-encodes its SVG and, when
// asked, draws its vector PDF. resvg's encoder and pdfkit both run on the calling thread, so doing
// both here keeps the main thread free to build the next scenes.
import { parentPort } from "node:worker_threads";
import { svgToPng } from "./png.js";
import { sceneToPdf } from "./pdf.js";
import type { Scene } from "./scene.js";

export interface PngJob {
  id: number;
  svg: string;
  widthPx: number;
  dpi: number;
  /** Also draw the PDF of this map (the scene the SVG was written from). */
  scene?: Scene;
}

parentPort!.on("message", async (job: PngJob) => {
  try {
    const png = svgToPng(job.svg, job.widthPx, job.dpi);
    const pdf = job.scene ? await sceneToPdf(job.scene) : undefined;
    parentPort!.postMessage({ id: job.id, png, pdf });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
  }
});
