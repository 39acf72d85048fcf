// One run at a time per output folder. Two runs writing the same --out would interleave their
// files (one's layers with the other's stats) although each file is whole. The lock is a file
// created with O_EXCL (atomic on local file systems), holding who took it: pid, host, start time,
// command, and the boot id, so that a lock left by a crash (or a reboot that reused the pid) is
// recognised as stale and removed with a note rather than blocking every later run.
import { isAlive } from "./output.js";
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { InputError } from "./errors.js";

export const LOCK_NAME = ".contrechamp.lock";

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  command: string;
  boot?: string;
}

export interface RunLock {
  path: string;
  /** Removes the lock (and the output folder if taking the lock created it and it stayed empty). */
  release(): void;
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}


function readHolder(path: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(path, "utf8"));
    return typeof h?.pid === "number" ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder is certainly gone: same host, and either another boot or a dead pid.
 * A lock from another host (an NFS folder) cannot be checked, so it is never taken for stale.
 * An unreadable lock is a run that has created the file and not yet written it, or garbage:
 * it is stale only once it is older than a few seconds (see acquire).
 */
function isStale(h: LockHolder): boolean {
  if (h.host !== hostname()) return false;
  const boot = bootId();
  if (boot && h.boot && h.boot !== boot) return true;
  return !isAlive(h.pid);
}

/** Holder files (`.contrechamp.lock.<pid>`) left by a run killed before it could link them. */
function removeDeadTemps(dir: string): void {
  for (const n of readdirSync(dir)) {
    const m = /^\.contrechamp\.lock\.(\d+)$/.exec(n);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
}

/** A lock without a holder for more than 10 s: a run killed between creating and writing it. */
function isOldGarbage(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > 10_000;
  } catch {
    return false;
  }
}

export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid}${h.host !== hostname() ? ` on ${h.host}` : ""}, \`${h.command}\`, started ${h.started}`;
}

type Attempt = { lock: RunLock; note?: string } | { holder: LockHolder | undefined };

function tryAcquire(outDir: string, command: string): Attempt {
  const dir = resolve(outDir);
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  let note: string | undefined;
  removeDeadTemps(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    // The holder is written to a file of our own, then linked to the lock's name: link() fails if
    // the lock exists (atomic like O_EXCL) and a lock never exists half-written, even if the run
    // is killed at that moment.
    const holder: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command, boot: bootId() };
    const mine = `${path}.${process.pid}`;
    const fd = openSync(mine, "w");
    writeSync(fd, JSON.stringify(holder) + "\n");
    closeSync(fd);
    try {
      try {
        linkSync(mine, path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw e;
        // A file system without hard links: O_EXCL instead (a kill between create and write then
        // leaves an empty lock, taken for stale after 10 s).
        const fx = openSync(path, "wx");
        writeSync(fx, JSON.stringify(holder) + "\n");
        closeSync(fx);
      }
      rmSync(mine, { force: true });
    } catch (e) {
      rmSync(mine, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readHolder(path);
      if (holder ? isStale(holder) : isOldGarbage(path)) {
        // Two runs may find the same stale lock: rmSync then link lets only one of them in.
        rmSync(path, { force: true });
        note = `removed a stale lock ${path} (${holder ? describeHolder(holder) + "; that process is gone" : "unreadable and older than 10 s"})`;
        continue;
      }
      return { holder };
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // Only our own lock: if it was removed by hand and retaken, it is not ours to remove.
      if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      if (created) {
        try {
          if (readdirSync(dir).length === 0) rmdirSync(dir);
        } catch {
          // Someone else is writing there now: leave it.
        }
      }
    };
    return { lock: { path, release }, note };
  }
  return { holder: readHolder(path) };
}

/**
 * Takes the lock of `outDir` or, when another live run holds it, fails with one line naming the
 * holder (exit 2) — or with `wait`, polls until it is free, calling onWait once.
 */
export async function acquireRunLock(
  outDir: string,
  command: string,
  opts: { wait?: boolean; onWait?: (holder: string) => void; onNote?: (note: string) => void; pollMs?: number } = {},
): Promise<RunLock> {
  let waited = false;
  for (;;) {
    const a = tryAcquire(outDir, command);
    if ("lock" in a) {
      if (a.note) opts.onNote?.(a.note);
      return a.lock;
    }
    const path = join(resolve(outDir), LOCK_NAME);
    const who = a.holder ? describeHolder(a.holder) : "holder unknown: the lock file is empty or unreadable";
    if (!opts.wait) {
      throw new InputError(path, undefined, `another contrechamp run is writing this folder (${who})`, "wait for it to finish, re-run with --wait, or choose another --out; remove the lock file only if that process is gone");
    }
    if (!waited) opts.onWait?.(`waiting for the run holding ${path} (${who})`);
    waited = true;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
  }
}
