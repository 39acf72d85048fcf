// The CLI run asynchronously: rendering takes seconds, and a synchronous child process would
// block the vitest worker's event loop long enough for its RPC to time out on a busy machine.
import { spawn } from "node:child_process";
import { join } from "node:path";

export function runCliAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), "bin/contrechamp.js"), ...args], { env: { ...process.env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Lets the worker answer its RPC between long synchronous steps. */
export const breathe = () => new Promise<void>((r) => setImmediate(r));
