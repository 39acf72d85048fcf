// Ctrl-C (SIGINT) and SIGTERM during a stage: end the run cleanly. (SIGHUP is left alone: a
// handler would override `nohup`, which works by ignoring it.)
// Outputs need no rollback: a stage stages its files in memory and commits them synchronously
// (core/output.ts), and a signal handler only runs between two turns of the event loop, so a
// signal never lands mid-commit: the commit finishes (new files) or has not begun (old files).
// What the handler does is release what the run holds — temporary files, PNG worker threads,
// the lock of the output folder — print one line and exit 128 + the signal number.
// (The price of synchronous commits: a signal is acted on once the stage's current synchronous
// stretch ends, a fraction of a second in this pipeline.)
import { clearStatus } from "./progress.js";

type Cleanup = () => void | Promise<void>;

/** Awaited first (ending worker threads): stage code may still run meanwhile. */
const cleanups = new Set<Cleanup>();
/** Then run synchronously right before exit (temporary files, the lock): nothing runs after them. */
const finals = new Set<() => void>();
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof SIGNALS;
let installed = false;
let exiting = false;
let during = "";

/** What is running, for the closing line ("during join"). */
export function setInterruptContext(what: string): void {
  during = what;
}

/**
 * True once a signal is being handled. Ending the PNG workers makes the stage's pending work
 * fail; the CLI must then not report that failure as an error: the handler is about to exit.
 */
export function isInterrupted(): boolean {
  return exiting;
}

/**
 * Registers something to release on interruption; returns its removal. `final` ones are
 * synchronous and run last, with no await between them and the exit, so no stage code can
 * write after the lock is released.
 */
export function onInterrupt(fn: Cleanup, opts: { final?: boolean } = {}): () => void {
  if (opts.final) {
    const f = fn as () => void;
    finals.add(f);
    return () => finals.delete(f);
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function exitCodeFor(signal: Signal): number {
  return 128 + SIGNALS[signal];
}

async function interrupted(signal: Signal): Promise<void> {
  // A second Ctrl-C while cleaning up: the user insists, stop now (cleanup is quick anyway).
  if (exiting) process.exit(exitCodeFor(signal));
  exiting = true;
  for (const fn of [...cleanups].reverse()) {
    // Worker threads end within milliseconds; never let a stuck one hold the exit. The timer is
    // not unref'd: it keeps the process alive until the cleanup is over and the line printed.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([fn(), new Promise((r) => (timer = setTimeout(r, 2000)))]);
    } catch {
      // Best effort: the exit below matters more than any one cleanup.
    } finally {
      clearTimeout(timer);
    }
  }
  for (const fn of [...finals].reverse()) {
    try {
      fn();
    } catch {
      // As above.
    }
  }
  clearStatus();
  process.stderr.write(`contrechamp: interrupted (${signal})${during ? ` during ${during}` : ""}; no output half-written, temporary files removed\n`);
  process.exit(exitCodeFor(signal));
}

/** Installs the handlers once (the CLI calls it before the first stage). */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const s of Object.keys(SIGNALS) as Signal[]) process.on(s, () => void interrupted(s));
}
