// PNGs and PDFs of several maps made at once: a worker thread takes one output at a time — resvg
// parses, rasterises and encodes a map's SVG, or pdfkit draws its PDF — while the main thread
// builds the next scenes. The bytes are those of svgToPng and sceneToPdf (the workers call them). Run
// from TypeScript sources (tests importing this module directly), there is no compiled worker to
// start, so maps are then made on resvg's own thread pool and the PDF on the main thread: same
// bytes, less overlap.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { svgToPngAsync } from "./png.js";
import { sceneToPdf } from "./pdf.js";
import type { PngJob } from "./png-worker.js";
import type { Scene } from "./scene.js";
import { onInterrupt } from "../core/interrupt.js";
import { detail } from "../core/progress.js";

type Reply = { id: number; bytes: Uint8Array } | { id: number; error: string };

export class PngPool {
  private readonly workers: Worker[] = [];
  /** Workers with no job: each takes one output at a time, so the cost of maps evens out. */
  private readonly idle: Worker[] = [];
  private readonly queue: PngJob[] = [];
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** Removes this pool from what an interrupted run (core/interrupt.ts) ends. */
  private unregister: () => void = () => {};

  constructor(size = Math.min(2, availableParallelism())) {
    const script = new URL("./png-worker.js", import.meta.url);
    if (!import.meta.url.endsWith(".js")) return;
    for (let w = 0; w < size; w++) {
      const worker = new Worker(script);
      worker.on("message", (r: Reply) => {
        this.idle.push(worker);
        this.settle(r);
        this.dispatch();
      });
      worker.on("error", (e) => this.failAll(e));
      // A worker that dies (out of memory…) must not leave its maps waiting forever.
      worker.on("exit", (code) => this.failAll(new Error(`render worker stopped (exit code ${code})`)));
      this.workers.push(worker);
      this.idle.push(worker);
    }
    // Ctrl-C or SIGTERM: end the threads (their pending maps fail; the run is exiting anyway).
    if (this.workers.length) {
      this.unregister = onInterrupt(async () => {
        const n = this.workers.length;
        await this.close();
        detail(`ended ${n} render worker thread${n === 1 ? "" : "s"}`);
      });
    }
  }

  png(svg: string, widthPx: number, dpi: number): Promise<Buffer> {
    if (this.workers.length === 0) return svgToPngAsync(svg, widthPx, dpi);
    return this.submit({ id: 0, svg, widthPx, dpi });
  }

  /** One map's PNG and PDF, two jobs: whichever worker is free takes the next. */
  map(scene: Scene, svg: string, widthPx: number, dpi: number): { png: Promise<Buffer>; pdf: Promise<Buffer> } {
    if (this.workers.length === 0) return { png: svgToPngAsync(svg, widthPx, dpi), pdf: sceneToPdf(scene) };
    return { png: this.submit({ id: 0, svg, widthPx, dpi }), pdf: this.submit({ id: 0, scene }) };
  }

  private submit(job: PngJob): Promise<Buffer> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.queue.push({ ...job, id });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) this.idle.shift()!.postMessage(this.queue.shift()!);
  }

  async close(): Promise<void> {
    this.unregister();
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private settle(r: Reply): void {
    const job = this.waiting.get(r.id);
    if (!job) return;
    this.waiting.delete(r.id);
    if ("error" in r) job.reject(new Error(`map rendering failed: ${r.error}`));
    else job.resolve(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
  }

  private failAll(e: Error): void {
    for (const job of this.waiting.values()) job.reject(e);
    this.waiting.clear();
  }
}
