// All-or-nothing outputs. A stage stages every file it will write in memory, then `commit()`
// writes each to a temporary sibling and renames them into place. A failure before commit leaves
// the output folder exactly as it was; a kill during commit leaves each file old or new, never half.
import { mkdirSync, renameSync, writeFileSync, rmSync, accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "./errors.js";

export class OutputSet {
  private readonly files = new Map<string, string | Uint8Array>();

  add(path: string, data: string | Uint8Array): void {
    this.files.set(path, data);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  commit(): void {
    const staged: Array<[string, string]> = [];
    try {
      for (const [path, data] of this.files) {
        ensureWritableDir(dirname(path));
        const tmp = `${path}.tmp-${process.pid}`;
        writeFileSync(tmp, data);
        staged.push([tmp, path]);
      }
    } catch (e) {
      for (const [tmp] of staged) rmSync(tmp, { force: true });
      throw e;
    }
    for (const [tmp, path] of staged) renameSync(tmp, path);
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
