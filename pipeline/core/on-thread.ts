// One exported function of a compiled module run on a worker thread, so that a stage's
// independent pieces (the change and timing tests beside the inference, in the stats stage) use
// the machine's second core. Arguments and result cross by structured clone (plain data, Maps,
// typed arrays). A user error thrown on the thread comes back as the same InputError/UsageError,
// so it still ends the run with its one line and exit code 2. Run from TypeScript sources (tests
// importing the stage directly) there is no compiled worker to start: the function then runs in
// this thread, same result.
import { Worker } from "node:worker_threads";
import { InputError, UsageError } from "./errors.js";
import { onInterrupt } from "./interrupt.js";

export interface ThreadTask<R> {
  result: Promise<R>;
  /** Ends the thread early (the stage failed elsewhere and will not wait for it). */
  cancel(): Promise<void>;
}

export interface ThreadRequest {
  module: string;
  fn: string;
  args: unknown[];
}

export type ThreadReply = { ok: true; value: unknown } | { ok: false; error: SerialisedError };

export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  input?: { file: string; where: string | undefined; what: string; fix: string };
}

export function onThread<R>(module: URL, fn: string, args: unknown[]): ThreadTask<R> {
  if (!import.meta.url.endsWith(".js") || !/\.m?js$/.test(module.href)) {
    const result = import(module.href).then((m) => m[fn](...args) as R);
    return { result, cancel: async () => {} };
  }
  const request: ThreadRequest = { module: module.href, fn, args };
  const worker = new Worker(new URL("./on-thread-worker.js", import.meta.url), { workerData: request });
  let settled = false;
  const unregister = onInterrupt(async () => {
    await worker.terminate();
  });
  const result = new Promise<R>((resolve, reject) => {
    worker.once("message", (r: ThreadReply) => {
      settled = true;
      if (r.ok) resolve(r.value as R);
      else reject(revive(r.error));
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    // A thread that dies without answering (out of memory…) must not leave the stage waiting.
    worker.once("exit", (code) => {
      unregister();
      if (!settled) reject(new Error(`worker thread for ${fn} stopped (exit code ${code})`));
    });
  });
  return {
    result,
    cancel: async () => {
      unregister();
      await worker.terminate();
    },
  };
}

export function serialiseError(e: unknown): SerialisedError {
  const err = e instanceof Error ? e : new Error(String(e));
  const out: SerialisedError = { name: err.name, message: err.message, stack: err.stack };
  if (e instanceof InputError) out.input = { file: e.file, where: e.where, what: e.what, fix: e.fix };
  return out;
}

function revive(s: SerialisedError): Error {
  if (s.input) return new InputError(s.input.file, s.input.where, s.input.what, s.input.fix);
  if (s.name === "UsageError") return new UsageError(s.message.replace(/^contrechamp: /, ""));
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
