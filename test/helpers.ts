// Runs the built CLI as a user would (the Makefile builds dist/ before the tests).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function runCli(args: string[], opts: { cwd?: string } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), "bin/contrechamp.js"), ...args], {
    cwd: opts.cwd ?? process.cwd(),
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** As runCli, without blocking: lets a test file run several CLI processes at once. */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(process.cwd(), "bin/contrechamp.js"), ...args], {
      cwd: opts.cwd ?? process.cwd(),
      env: { ...process.env, CI: "true", ...opts.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const made: string[] = [];

export function tempDir(prefix = "contrechamp-test-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes the folders tempDir made in this test file (each full layers run writes ~4 MB). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Every file under dir with its bytes, to prove a failed run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[p] = readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}

/**
 * The Préfecture's 2012 layer as the study's cameras: fast (no geocoding) and the layer the
 * render and report fixtures were computed on with geopandas.
 */
export const CAMERAS_2012 = ["--layer", "cameras=data/paris/cameras/Camera_Pref.shp", "--crs", "EPSG:4326"];

/**
 * The stderr lines that are not the normal progress and summary (pipeline/core/progress.ts): one
 * line per finished stage ("contrechamp: join  1,371 cameras, …  0.6 s"), the manifest's notes and
 * warnings and the verdict (indented), the closing "done in … open …/index.html". What is left is
 * what a test asserting "no message" means: errors, render's "skipped" notes, anything unexpected.
 */
export function otherStderr(stderr: string): string[] {
  const normal = [
    /^contrechamp: (layers|geocode|join|stats|render|report) +.*\d s$/,
    /^contrechamp: {3}\S/,
    /^contrechamp: verdict ?:$/,
    /^contrechamp: done in .*; open .*index\.html$/,
  ];
  return stderr.split("\n").filter((l) => l !== "" && !normal.some((re) => re.test(l)));
}
