// PNGs of several maps made at once: resvg parses, rasterises and encodes each SVG on its own
// worker thread while the main thread builds the next scenes. The pixels are those of svgToPng
// (the workers call it). Run from TypeScript sources (tests importing this module directly),
// there is no compiled worker to start, so maps are then made on resvg's own thread pool, with
// encoding on the main thread: same bytes, less overlap.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { svgToPngAsync } from "./png.js";
import type { PngJob } from "./png-worker.js";

type Reply = { id: number; png: Uint8Array } | { id: number; error: string };

export class PngPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void; worker: number }>();
  private next = 0;

  constructor(size = Math.min(2, availableParallelism())) {
    const script = new URL("./png-worker.js", import.meta.url);
    if (!import.meta.url.endsWith(".js")) return;
    for (let w = 0; w < size; w++) {
      const worker = new Worker(script);
      worker.on("message", (r: Reply) => this.settle(r));
      worker.on("error", (e) => this.failAll(e));
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  png(svg: string, widthPx: number, dpi: number): Promise<Buffer> {
    if (this.workers.length === 0) return svgToPngAsync(svg, widthPx, dpi);
    // The least busy worker: maps differ in cost, but a queue of a few is all there is.
    const w = this.load.indexOf(Math.min(...this.load));
    const id = this.next++;
    this.load[w]++;
    const job: PngJob = { id, svg, widthPx, dpi };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: w });
      this.workers[w].postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(r: Reply): void {
    const job = this.waiting.get(r.id);
    if (!job) return;
    this.waiting.delete(r.id);
    this.load[job.worker]--;
    if ("error" in r) job.reject(new Error(`PNG rendering failed: ${r.error}`));
    else job.resolve(Buffer.from(r.png.buffer, r.png.byteOffset, r.png.byteLength));
  }

  private failAll(e: Error): void {
    for (const job of this.waiting.values()) job.reject(e);
    this.waiting.clear();
  }
}
