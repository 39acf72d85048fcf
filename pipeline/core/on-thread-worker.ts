// Thread side of on-thread.ts: for each task asked, imports the module, calls the function and
// posts its value or error, tagged with the task's id. Tasks run one after the other, in the
// order they came (a chain, so that one's awaited import does not let the next start first).
import { parentPort } from "node:worker_threads";
import { serialiseError, type ThreadReply, type ThreadRequest } from "./on-thread.js";

let queue: Promise<void> = Promise.resolve();

async function run({ id, module, fn, args }: ThreadRequest): Promise<void> {
  try {
    const m = await import(module);
    // No function: a warm-up (on-thread.ts warmThread), the import was the task.
    const value = fn ? await m[fn](...args) : undefined;
    parentPort!.postMessage({ id, ok: true, value } satisfies ThreadReply);
  } catch (e) {
    parentPort!.postMessage({ id, ok: false, error: serialiseError(e) } satisfies ThreadReply);
  }
}

parentPort!.on("message", (req: ThreadRequest) => {
  queue = queue.then(() => run(req));
});
