// Worker side of png-pool.ts: one map per message — rasterises and PNG-encodes its SVG and, when
// asked, draws its vector PDF. resvg's encoder and pdfkit both run on the calling thread, so doing
// both here keeps the main thread free to build the next scenes.
import { parentPort } from "node:worker_threads";
import { svgToPng } from "./png.js";
import { svgToPdf } from "./pdf.js";

export interface PdfJob {
  widthMm: number;
  heightMm: number;
  title: string;
}

export interface PngJob {
  id: number;
  svg: string;
  widthPx: number;
  dpi: number;
  /** Also draw the PDF of this map (from the same SVG). */
  pdf?: PdfJob;
}

parentPort!.on("message", async (job: PngJob) => {
  try {
    const png = svgToPng(job.svg, job.widthPx, job.dpi);
    const pdf = job.pdf ? await svgToPdf(job.svg, job.pdf.widthMm, job.pdf.heightMm, job.pdf.title) : undefined;
    parentPort!.postMessage({ id: job.id, png, pdf });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
  }
});
