// PNGs and PDFs of several maps made at once: a worker thread takes one map at a time — resvg
// parses, rasterises and encodes its SVG, pdfkit draws its PDF — while the main thread builds
// the next scenes. The bytes are those of svgToPng and sceneToPdf (the workers call them). Run
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

type Reply = { id: number; png: Uint8Array; pdf?: Uint8Array } | { id: number; error: string };
type Made = { png: Buffer; pdf?: Buffer };
const buf = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export class PngPool {
  private readonly workers: Worker[] = [];
  /** Workers with no job: each takes one map at a time, so the cost of maps evens out. */
  private readonly idle: Worker[] = [];
  private readonly queue: PngJob[] = [];
  private readonly waiting = new Map<number, { resolve: (m: Made) => void; reject: (e: Error) => void }>();
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
    return this.submit({ id: 0, svg, widthPx, dpi }).then((m) => m.png);
  }

  /** One map's PNG and PDF, made by the same worker. */
  map(scene: Scene, svg: string, widthPx: number, dpi: number): { png: Promise<Buffer>; pdf: Promise<Buffer> } {
    if (this.workers.length === 0) return { png: svgToPngAsync(svg, widthPx, dpi), pdf: sceneToPdf(scene) };
    const made = this.submit({ id: 0, svg, widthPx, dpi, scene });
    return { png: made.then((m) => m.png), pdf: made.then((m) => m.pdf!) };
  }

  private submit(job: PngJob): Promise<Made> {
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
    else job.resolve({ png: buf(r.png), pdf: r.pdf && buf(r.pdf) });
  }

  private failAll(e: Error): void {
    for (const job of this.waiting.values()) job.reject(e);
    this.waiting.clear();
  }
}
