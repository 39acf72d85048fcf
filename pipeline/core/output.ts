// All-or-nothing outputs. A stage stages every file it will write in memory, then `commit()`
// writes each to a temporary sibling and renames them into place. A failure before commit leaves
// the output folder exactly as it was; a kill during commit leaves each file old or new, never half.
import { mkdirSync, readdirSync, renameSync, writeFileSync, rmSync, accessSync, constants, existsSync, statSync, openSync, writeSync, closeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { displayPath, InputError } from "./errors.js";

/**
 * Temporary files this process has written and not yet renamed or removed. Commits are
 * synchronous, so a signal handler never sees one mid-commit; the set is for a commit that threw
 * half-way and for any future asynchronous writer: `removeOwnTemps` is what interruption calls.
 */
const liveTemps = new Set<string>();

export function removeOwnTemps(): number {
  let n = 0;
  for (const t of liveTemps) {
    rmSync(t, { force: true });
    n++;
  }
  liveTemps.clear();
  return n;
}

export class OutputSet {
  private readonly files = new Map<string, string | Uint8Array | Iterable<Uint8Array>>();

  /**
   * `data` as pieces (an array or any iterable of Uint8Array): written one after the other, never
   * joined in memory. A generator is run at commit, so a big file can be produced as it is written;
   * if it throws, the commit fails like a failed write (no file replaced).
   */
  add(path: string, data: string | Uint8Array | Iterable<Uint8Array>): void {
    this.files.set(path, data);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Files are renamed in the order they were added: a stage adds its "done" file (the manifest
   * make depends on) last, so a run killed between renames is redone by the next `make`.
   */
  commit(): void {
    const staged: Array<[string, string]> = [];
    const dirs = new Set<string>();
    try {
      for (const [path, data] of this.files) {
        const dir = dirname(path);
        if (!dirs.has(dir)) {
          ensureWritableDir(dir);
          removeStaleTemps(dir);
          dirs.add(dir);
        }
        const tmp = `${path}.tmp-${process.pid}`;
        try {
          liveTemps.add(tmp);
          if (typeof data === "string" || data instanceof Uint8Array) writeFileSync(tmp, data);
          else writePieces(tmp, data);
        } catch (e) {
          if (existsSync(tmp) && statSync(tmp).isFile()) rmSync(tmp, { force: true });
          liveTemps.delete(tmp);
          throw writeError(path, e);
        }
        staged.push([tmp, path]);
      }
    } catch (e) {
      for (const [tmp] of staged) rmSync(tmp, { force: true });
      for (const [tmp] of staged) liveTemps.delete(tmp);
      throw e;
    }
    for (const [tmp, path] of staged) {
      try {
        renameSync(tmp, path);
        liveTemps.delete(tmp);
      } catch (e) {
        // Files renamed so far are new, the rest old: the manifest (last) is still old, so the
        // next run redoes the stage; its temporaries are removed now or by that run.
        for (const [t] of staged) rmSync(t, { force: true });
        for (const [t] of staged) liveTemps.delete(t);
        throw writeError(path, e);
      }
    }
  }
}

/** Disk full, read-only file system, a folder in the way: the user can fix these, so exit 2. */
function writeError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code) return e as Error;
  return new InputError(path, undefined, `cannot be written (${code}: ${(e as Error).message.split(",")[0].replace(/^\w+: /, "")})`, "free some space, or choose another --out folder");
}

const TEMP = /\.tmp-(\d+)$/;

/** Temporary files left by a run that was killed during its commit (its process is gone). */
export function removeStaleTemps(dir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a process still runs (EPERM: it runs under another user). Shared with the run lock. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Fails before any work when `dir` could not be created or written, without creating anything:
 * the nearest existing ancestor must be a writable folder.
 */
export function checkOutputDir(dir: string): void {
  let d = resolve(dir);
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  try {
    if (!statSync(d).isDirectory()) throw new Error("not a directory");
    accessSync(d, constants.W_OK);
  } catch {
    const why = d === resolve(dir) ? "the output folder cannot be written" : `the output folder cannot be created (${displayPath(d)} is not a writable folder)`;
    throw new InputError(dir, undefined, why, "choose another --out folder or fix its permissions");
  }
}

export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const why = existsSync(dir) ? "the output folder cannot be written" : "the output folder cannot be created";
    throw new InputError(dir, undefined, why, "choose another --out folder or fix its permissions");
  }
}

/** JSON with sorted-insertion keys as built and a final newline: stable bytes for stable inputs. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** A file written from pieces: a million joined cameras are ~600 MB, not joined into one more copy. */
function writePieces(file: string, pieces: Iterable<Uint8Array>): void {
  const fd = openSync(file, "w");
  try {
    for (const p of pieces) {
      let off = 0;
      while (off < p.length) off += writeSync(fd, p, off, p.length - off);
    }
  } finally {
    closeSync(fd);
  }
}
