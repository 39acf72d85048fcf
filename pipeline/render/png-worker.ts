// Worker side of png-pool.ts: rasterises and PNG-encodes one SVG per message. resvg's encoder
// runs on the calling thread, so encoding here keeps it off the main thread, beside the others.
import { parentPort } from "node:worker_threads";
import { svgToPng } from "./png.js";

export interface PngJob {
  id: number;
  svg: string;
  widthPx: number;
  dpi: number;
}

parentPort!.on("message", (job: PngJob) => {
  try {
    parentPort!.postMessage({ id: job.id, png: svgToPng(job.svg, job.widthPx, job.dpi) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
  }
});
