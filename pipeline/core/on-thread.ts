// One exported function of a compiled module run on a worker thread, so that a stage's
// independent pieces (the change and timing tests, then the block bootstrap, beside the models
// in the stats stage) use the machine's second core. Every task of the process goes to ONE helper
// thread, in the order asked: on two cores a second worker would only take turns with the main
// thread, and each worker pays its own start-up (a Node environment, its imports compiled and
// warmed again). Arguments and result cross by structured clone (plain data, Maps, typed arrays).
// A user error thrown on the thread comes back as the same InputError/UsageError, so it still
// ends the run with its one line and exit code 2. Run from TypeScript sources (tests importing
// the stage directly) there is no compiled worker to start: the function then runs in this
// thread, same result.
import { Worker } from "node:worker_threads";
import { InputError, UsageError } from "./errors.js";
import { onInterrupt } from "./interrupt.js";

export interface ThreadTask<R> {
  result: Promise<R>;
  /** Ends the thread early (the stage failed elsewhere and will not wait for it). */
  cancel(): Promise<void>;
}

export interface ThreadRequest {
  id: number;
  module: string;
  fn: string;
  args: unknown[];
}

export type ThreadReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: SerialisedError });

export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  input?: { file: string; where: string | undefined; what: string; fix: string };
}

interface Pending {
  fn: string;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** The helper thread and the tasks it owes an answer; null until the first task (and after it stops). */
let helper: { worker: Worker; pending: Map<number, Pending>; unregister: () => void } | null = null;
let nextId = 1;

function startHelper(): NonNullable<typeof helper> {
  const worker = new Worker(new URL("./on-thread-worker.js", import.meta.url));
  const h = {
    worker,
    pending: new Map<number, Pending>(),
    unregister: onInterrupt(async () => {
      await worker.terminate();
    }),
  };
  worker.on("message", (r: ThreadReply) => {
    const p = h.pending.get(r.id);
    if (!p) return;
    h.pending.delete(r.id);
    // Idle, it must not keep the process alive.
    if (h.pending.size === 0) worker.unref();
    if (r.ok) p.resolve(r.value);
    else p.reject(revive(r.error));
  });
  const fail = (why: (fn: string) => Error) => {
    if (helper === h) helper = null;
    h.unregister();
    for (const p of h.pending.values()) p.reject(why(p.fn));
    h.pending.clear();
  };
  worker.on("error", (e) => fail(() => e));
  // A thread that dies without answering (out of memory…) must not leave the stage waiting.
  worker.on("exit", (code) => fail((fn) => new Error(`worker thread for ${fn} stopped (exit code ${code})`)));
  return h;
}

export function onThread<R>(module: URL, fn: string, args: unknown[]): ThreadTask<R> {
  if (!import.meta.url.endsWith(".js") || !/\.m?js$/.test(module.href)) {
    const result = import(module.href).then((m) => m[fn](...args) as R);
    return { result, cancel: async () => {} };
  }
  const h = helper ?? (helper = startHelper());
  const id = nextId++;
  const result = new Promise<R>((resolve, reject) => h.pending.set(id, { fn, resolve: resolve as (v: unknown) => void, reject }));
  h.worker.ref();
  h.worker.postMessage({ id, module: module.href, fn, args } satisfies ThreadRequest);
  return {
    result,
    cancel: async () => {
      // Nobody waits for it any more: its rejection must not count as unhandled.
      result.catch(() => {});
      if (h.pending.has(id)) await h.worker.terminate();
    },
  };
}

/**
 * Starts the helper thread and has it import `module` (and what that imports) now, so that a
 * stage's first task finds it ready: the CLI calls it before it reads the study, and the thread's
 * start-up (a Node environment, its modules compiled: a third of a second) overlaps the main
 * thread's. Run from TypeScript sources there is no thread to start.
 */
export function warmThread(module: URL): void {
  if (!import.meta.url.endsWith(".js") || !/\.m?js$/.test(module.href)) return;
  onThread<void>(module, "", []).result.catch(() => {});
}

/**
 * Ends the helper thread now, whatever it owes (the stage failed and will wait for none of it, or
 * it is done and its heap is not to be kept through the later stages). Not awaited: a worker
 * terminated while it is still starting may never report its end, and an awaited termination
 * then left the stage's own await unsettled (exit code 13, the bad input's message never
 * printed). Unref'd, the thread cannot keep the process alive; Node ends it at exit anyway.
 */
export function stopThread(): void {
  const h = helper;
  if (!h) return;
  helper = null;
  h.unregister();
  h.worker.unref();
  h.worker.terminate().catch(() => {});
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
