// A run killed mid-stage leaves every output file either its old or its new version, never half a
// file; temporary files it leaves are never taken for outputs and the next run removes them and
// finishes the job. The layers stage is killed (SIGKILL: no chance to clean up) at moments chosen
// by watching its output folder: before it writes, as its first temporary file appears, once
// all of them are written, and midway through the renames. (Observed on this machine, in the
// order of the sorted file names: before the commit all old; temporary files beside old ones;
// zti new while cameras and the manifest are still old. The kill lands when it lands, so the
// test asserts the invariant, not which state it caught.)
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutputSet } from "../pipeline/core/output.js";
import { InputError } from "../pipeline/core/errors.js";
import { CAMERAS_2012, removeTempDirs, runCli, snapshot, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const TEMP = /\.tmp-\d+$/;
let oldDir: string;
let newDir: string;
let oldFiles: Record<string, string>;
let newFiles: Record<string, string>;

/** File name → base64 bytes of dir/layers. */
const layerFiles = (dir: string) => Object.fromEntries(Object.entries(snapshot(join(dir, "layers"))).map(([p, b]) => [p.slice(p.lastIndexOf("/") + 1), b]));

beforeAll(() => {
  // "Old": an earlier run with other camera and ZTI files, so that those layers and the manifest
  // differ from the "new" run on the study's own files.
  oldDir = tempDir();
  // --area all: those few cameras lie in one arrondissement, which the partial-coverage check refuses otherwise.
  const args = ["--layer", "cameras=test/fixtures/bad/cameras_id_column.csv", "--layer", "zti=test/fixtures/bad/zti_l93_declared.geojson", "--area", "all"];
  expect(runCli(["layers", "--out", oldDir, ...args]).code).toBe(0);
  newDir = tempDir();
  // The study's own cameras come from the geocode stage; the layers stage writes cameras.geojson
  // only for a file with coordinates, so the "new" run names the 2012 layer.
  expect(runCli(["layers", "--out", newDir, ...CAMERAS_2012]).code).toBe(0);
  oldFiles = layerFiles(oldDir);
  newFiles = layerFiles(newDir);
  expect(Object.keys(newFiles).sort()).toEqual(Object.keys(oldFiles).sort());
  for (const f of ["cameras.geojson", "zti.geojson", "manifest.json"]) expect(newFiles[f]).not.toBe(oldFiles[f]);
});

type Moment = "early" | "first temp file" | "all temp files" | "zti renamed";

/** Starts the layers stage on `out` and SIGKILLs it at `moment`; resolves with how it ended. */
function killAt(out: string, moment: Moment, onPid: (pid: number) => void = () => {}): Promise<NodeJS.Signals | null> {
  const dir = join(out, "layers");
  const child = spawn(process.execPath, ["bin/contrechamp.js", "layers", "--out", out, ...CAMERAS_2012], { stdio: "ignore" });
  onPid(child.pid!);
  const temps = () => readdirSync(dir).filter((n) => TEMP.test(n));
  let ztiStaged = false;
  const due = (): boolean => {
    const t = temps();
    if (moment === "first temp file") return t.length > 0;
    if (moment === "all temp files") return t.some((n) => n.startsWith("manifest.json"));
    // Midway through the renames: zti is new, cameras and the manifest still old.
    const zti = t.some((n) => n.startsWith("zti.geojson"));
    ztiStaged ||= zti;
    return ztiStaged && !zti;
  };
  return new Promise((done) => {
    let exited = false;
    child.on("exit", (_code, signal) => {
      exited = true;
      done(signal);
    });
    if (moment === "early") setTimeout(() => child.kill("SIGKILL"), 150);
    else {
      // inotify events rather than a busy loop, which would take a core from the child.
      const watcher = watch(dir, () => {
        if (!exited && due()) {
          child.kill("SIGKILL");
          watcher.close();
        }
      });
      child.on("exit", () => watcher.close());
    }
  });
}

describe("a killed layers run", () => {
  for (const moment of ["early", "first temp file", "all temp files", "zti renamed"] as Moment[]) {
    it(`killed at "${moment}": each output is old or new, and the next run completes`, async () => {
      const out = tempDir();
      cpSync(oldDir, out, { recursive: true });
      // The kill must really have landed mid-run, or the old-or-new check below proves nothing.
      let pid = 0;
      expect(await killAt(out, moment, (p) => (pid = p)), "the run finished before it was killed").toBe("SIGKILL");
      const after = layerFiles(out);
      for (const [name, bytes] of Object.entries(after)) {
        if (TEMP.test(name)) continue; // staging files: never read as outputs, removed below
        expect(name in newFiles, `unexpected file ${name}`).toBe(true);
        expect(bytes === oldFiles[name] || bytes === newFiles[name], `${name} is neither the old nor the new version`).toBe(true);
      }
      // The next run finishes the job and leaves no staging file behind. A killed run cannot
      // remove its lock (.contrechamp.lock): the next run says it removed it, naming the dead pid.
      const lockLeft = existsSync(join(out, ".contrechamp.lock"));
      const r = runCli(["layers", "--out", out, ...CAMERAS_2012]);
      expect(r.code).toBe(0);
      const lines = r.stderr.trimEnd().split("\n");
      if (lockLeft) expect(lines[0]).toMatch(new RegExp(`^contrechamp: removed a stale lock .*\\.contrechamp\\.lock \\(pid ${pid}, .*; that process is gone\\)$`));
      // Then only the stage line, the manifest's warnings and notes (test/terminal-output.test.ts).
      expect(lines.slice(lockLeft ? 1 : 0).every((l) => /^contrechamp: layers |^contrechamp: {3}(warning|note): /.test(l)), r.stderr).toBe(true);
      expect(layerFiles(out)).toEqual(newFiles);
      expect(existsSync(join(out, ".contrechamp.lock"))).toBe(false);
    });
  }
});

describe("OutputSet staging files", () => {
  it("a write that fails leaves the folder as it was and says which file, as an InputError", () => {
    const dir = join(tempDir(), "layers");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.geojson"), "old a\n");
    // A folder where the temporary file of b must go: writing it fails with EISDIR.
    mkdirSync(join(dir, `b.geojson.tmp-${process.pid}`));
    const set = new OutputSet();
    set.add(join(dir, "a.geojson"), "new a\n");
    set.add(join(dir, "b.geojson"), "new b\n");
    let err: unknown;
    try {
      set.commit();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/b\.geojson: cannot be written \(EISDIR: .*\) \(free some space, or choose another --out folder\)$/);
    expect(readdirSync(dir).sort()).toEqual(["a.geojson", `b.geojson.tmp-${process.pid}`]);
    expect(readFileSync(join(dir, "a.geojson"), "utf8")).toBe("old a\n");
  });


  it("removes those of dead processes, keeps those of living ones, and writes only its own files", () => {
    const dir = join(tempDir(), "layers");
    mkdirSync(dir);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout);
    const living = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, `zti.geojson.tmp-${deadPid}`), '{"type":"Feat');
      writeFileSync(join(dir, `other.geojson.tmp-${living.pid}`), "in progress");
      const set = new OutputSet();
      set.add(join(dir, "zti.geojson"), "new\n");
      set.commit();
      expect(readdirSync(dir).sort()).toEqual([`other.geojson.tmp-${living.pid}`, "zti.geojson"]);
      expect(readFileSync(join(dir, "zti.geojson"), "utf8")).toBe("new\n");
      expect(existsSync(join(dir, `zti.geojson.tmp-${deadPid}`))).toBe(false);
    } finally {
      living.kill("SIGKILL");
    }
  });
});

// Ctrl-C and SIGTERM, unlike SIGKILL, are caught (pipeline/core/interrupt.ts): the run ends its
// render worker threads, removes its temporary files and its lock, prints one line and exits
// 128 + the signal number. Files stay whole either way: commits are synchronous, so the handler
// runs before a commit starts or after it ends.
describe("an interrupted run (SIGINT, SIGTERM)", () => {
  const LOCK = ".contrechamp.lock";
  /** Every file under dir, with the temporary and lock files the run must not leave. */
  const leftovers = (dir: string): string[] => Object.keys(snapshot(dir)).filter((p) => TEMP.test(p) || p.endsWith(LOCK));

  /** Spawns the CLI; sends `signal` once `ready(stderr so far)` holds; resolves with how it ended. */
  function interrupt(args: string[], signal: NodeJS.Signals, ready: (stderr: string, out: string) => boolean, out: string) {
    const child = spawn(process.execPath, ["bin/contrechamp.js", ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CI: "true" } });
    let stderr = "";
    let sent = false;
    const check = () => {
      if (!sent && ready(stderr, out)) {
        sent = true;
        child.kill(signal);
      }
    };
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
      check();
    });
    const poll = setInterval(check, 10);
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; sent: boolean }>((done) =>
      child.on("close", (code, sig) => {
        clearInterval(poll);
        done({ code, signal: sig, stderr, sent });
      }),
    );
  }

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`layers, ${signal} once it holds the folder: exit ${code}, one line, each output old or new, no temporary file or lock left`, async () => {
      const out = tempDir();
      cpSync(oldDir, out, { recursive: true });
      const r = await interrupt(["layers", "--out", out, ...CAMERAS_2012], signal, (_, o) => existsSync(join(o, LOCK)), out);
      expect(r.sent, "the run ended before it could be interrupted").toBe(true);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(code);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines.at(-1)).toMatch(new RegExp(`^contrechamp: interrupted \\(${signal}\\)( during layers)?; no output half-written, temporary files removed$`));
      expect(lines.filter((l) => /interrupted|internal error/.test(l))).toHaveLength(1);
      for (const [name, bytes] of Object.entries(layerFiles(out))) {
        expect(name in newFiles, `unexpected file ${name}`).toBe(true);
        expect(bytes === oldFiles[name] || bytes === newFiles[name], `${name} is neither the old nor the new version`).toBe(true);
      }
      expect(leftovers(out)).toEqual([]);
    }, 60_000);
  }

  it("ends the render worker threads of an open pool, then exits 143", () => {
    // Deterministic: a pool with a job in flight, and the process signals itself.
    const script = [
      'import { PngPool } from "./dist/pipeline/render/png-pool.js";',
      'import { installInterruptHandlers } from "./dist/pipeline/core/interrupt.js";',
      'import { setVerbosity } from "./dist/pipeline/core/progress.js";',
      'setVerbosity("verbose"); installInterruptHandlers();',
      "const pool = new PngPool(2);",
      'pool.png(\'<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><circle cx="2000" cy="2000" r="1900"/></svg>\', 4000, 300).catch(() => {});',
      'process.kill(process.pid, "SIGTERM");',
      "setTimeout(() => process.stdout.write(\"still alive\"), 60000);",
    ].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("contrechamp:   ended 2 render worker threads\ncontrechamp: interrupted (SIGTERM); no output half-written, temporary files removed\n");
    expect(r.status).toBe(143);
  }, 120_000);

  it("render, SIGTERM while it draws: exit 143, no map half-written, nothing left behind", async () => {
    const out = tempDir();
    cpSync(newDir, out, { recursive: true });
    // --verbose: the status lines say when the first map has gone to the render workers.
    const r = await interrupt(["render", "--out", out, "--verbose"], "SIGTERM", (s) => s.includes("contrechamp: render: carte1\n"), out);
    expect(r.sent).toBe(true);
    expect(r.code).toBe(143);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("contrechamp: interrupted (SIGTERM) during render; no output half-written, temporary files removed");
    expect(r.stderr).not.toMatch(/internal error|render worker stopped/);
    // Usually the maps are still being drawn and the handler ends the threads ("ended 2 render worker
    // threads"), so nothing is written; on a loaded machine the workers may have finished first.
    // Either way the maps are all absent (old) or all there (new), never a part.
    const maps = existsSync(join(out, "maps")) ? readdirSync(join(out, "maps")).sort() : [];
    if (/ended \d render worker thread/.test(r.stderr)) expect(maps).toEqual([]);
    else expect([[], ["cameras-2012-2019.png", "cameras-2012-2019.svg", "carte1.png", "carte1.svg"]]).toContainEqual(maps);
    expect(leftovers(out)).toEqual([]);
    expect(layerFiles(out)).toEqual(newFiles);
  }, 60_000);
});
