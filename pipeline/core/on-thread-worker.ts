// Thread side of on-thread.ts: imports the module, calls the function, posts its value or error.
import { parentPort, workerData } from "node:worker_threads";
import { serialiseError, type ThreadReply, type ThreadRequest } from "./on-thread.js";

const { module, fn, args } = workerData as ThreadRequest;
try {
  const m = await import(module);
  const value = await m[fn](...args);
  parentPort!.postMessage({ ok: true, value } satisfies ThreadReply);
} catch (e) {
  parentPort!.postMessage({ ok: false, error: serialiseError(e) } satisfies ThreadReply);
}
