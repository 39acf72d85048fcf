// What the user reads on stderr (pipeline/core/progress.ts, run-summary.ts), terminal or not.
// The CLI is spawned with stderr piped (CI=true, as in every CLI test): one line per stage with
// its counts and time, the manifest's warnings and notes, plain lines without \r; --quiet silences
// everything but errors, --verbose adds the steps. The redrawn status line is checked in-process
// with a fake terminal. The closing summary of a whole `run` (verdict, report path) is checked on
// the real study's run in test/report-stage.test.ts, which already pays for that run.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CAMERAS_2012, removeTempDirs, runCliAsync, tempDir } from "./helpers.js";
import { counter, done, setTerminal, setVerbosity, step, warn } from "../pipeline/core/progress.js";
import { count, manifestLines, seconds, stageCounts, verdictLines } from "../pipeline/core/run-summary.js";

afterAll(removeTempDirs);

let out: string;
let normal: { code: number; stderr: string; stdout: string };
let manifest: { layers: Array<{ layer: string; read: number; kept: number; dropped: Array<{ reason: string; count: number }>; notes: string[] }> };

beforeAll(async () => {
  out = tempDir();
  normal = await runCliAsync(["layers", "--out", out, ...CAMERAS_2012]);
  expect(normal.code, normal.stderr).toBe(0);
  manifest = JSON.parse(readFileSync(join(out, "layers", "manifest.json"), "utf8"));
}, 60_000);

describe("stderr when it is a pipe", () => {
  it("has one line for the stage, with its counts and time, and no carriage return", () => {
    expect(normal.stderr).not.toContain("\r");
    const kept = manifest.layers.reduce((s, l) => s + l.kept, 0);
    const dropped = manifest.layers.reduce((s, l) => s + l.dropped.reduce((t, d) => t + d.count, 0), 0);
    // The 2012 layer, read as the cameras and as itself: 21 points dropped from each.
    expect(dropped).toBe(42);
    const cameras = manifest.layers.find((l) => l.layer === "cameras")!.kept;
    const stage = normal.stderr.split("\n").filter((l) => /^contrechamp: layers\s/.test(l));
    expect(stage).toHaveLength(1);
    expect(stage[0]).toMatch(new RegExp(`^contrechamp: layers +${manifest.layers.length} layers, ${count(kept)} features kept, 42 dropped, ${count(cameras)} cameras  (\\d+\\.\\d s|\\d+ min \\d\\d s)$`));
    expect(normal.stdout).toBe("");
  });

  it("shows the features the manifest says were dropped, and its notes", () => {
    // The 2012 layer: 21 of 1 389 points more than 500 m outside the city (test/layers-stage.test.ts
    // checks that count against the points themselves).
    for (const layer of ["cameras", "cameras_2012"]) expect(normal.stderr).toContain(`contrechamp:   warning: ${layer}: 21 of 1,389 features dropped: more than 500 m outside the city limit\n`);
    const notes = manifest.layers.flatMap((l) => l.notes.map((n) => `contrechamp:   note: ${l.layer}: ${n}`));
    expect(notes.length).toBeGreaterThan(3);
    for (const n of notes) expect(normal.stderr).toContain(n + "\n");
    // Nothing else: the stage line, the two warnings and the notes.
    expect(normal.stderr.trimEnd().split("\n")).toHaveLength(1 + 2 + notes.length);
  });

  it("--quiet: nothing at all on success", async () => {
    const r = await runCliAsync(["layers", "--out", tempDir(), ...CAMERAS_2012, "--quiet"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("--quiet: still the error, as one line", async () => {
    const r = await runCliAsync(["layers", "--out", tempDir(), "--layer", "cameras=test/fixtures/bad/cameras_empty.csv", "--quiet"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^contrechamp: test\/fixtures\/bad\/cameras_empty\.csv/);
  });

  it("--verbose: the steps as plain lines too", async () => {
    const r = await runCliAsync(["layers", "--out", tempDir(), ...CAMERAS_2012, "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("\r");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("contrechamp: layers…");
    for (const l of manifest.layers) expect(lines).toContain(`contrechamp: layers: ${l.layer} ${l.kept} features`);
    expect(lines.findIndex((l) => /^contrechamp: layers +\d+ layers/.test(l))).toBeGreaterThan(manifest.layers.length);
  });

  it("--quiet with --verbose is a usage error", async () => {
    const r = await runCliAsync(["layers", "--quiet", "--verbose"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("contrechamp: --quiet and --verbose: choose one (see contrechamp --help)\n");
  });
});

describe("on a terminal (in-process, stderr captured)", () => {
  let written = "";
  const capture = () => {
    written = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      written += String(s);
      return true;
    });
  };
  afterEach(() => {
    vi.restoreAllMocks();
    setTerminal(false);
    setVerbosity("normal");
  });

  it("redraws the status in place and ends it with the result line", () => {
    setTerminal(true);
    capture();
    step("layers…");
    const c = counter("reading", 3);
    c.tick();
    c.done();
    done("layers  3 layers  0.1 s");
    // Every status line starts with \r and ends without a newline; the result erases the last one.
    expect(written.startsWith("\rcontrechamp: layers…")).toBe(true);
    expect(written).toContain("\rcontrechamp: reading 3/3 (100%)");
    expect(written.endsWith("\rcontrechamp: layers  3 layers  0.1 s\n")).toBe(true);
    expect(written.split("\n")).toHaveLength(2);
  });

  it("on a pipe, the status is not written at all (only results)", () => {
    setTerminal(false);
    capture();
    step("layers…");
    const c = counter("reading", 3);
    c.tick(3);
    c.done();
    warn("warning: x");
    expect(written).toBe("contrechamp: warning: x\n");
  });

  it("--quiet silences results and warnings", () => {
    setTerminal(true);
    setVerbosity("quiet");
    capture();
    step("a");
    done("b");
    warn("c");
    expect(written).toBe("");
  });
});

describe("the verdict's headline, whatever the shape of hypothesis.json", () => {
  const withHypothesis = (h: unknown) => {
    const dir = tempDir();
    mkdirSync(join(dir, "stats"));
    writeFileSync(join(dir, "stats", "hypothesis.json"), typeof h === "string" ? h : JSON.stringify(h));
    return dir;
  };
  it("today's shape: the first clause of each verdict sentence, in the language asked", () => {
    const dir = withHypothesis({ verdict: { en: ["Zones: 17.1% of cameras (18.1% within 10 m; said twice) for 5.5% of the area; p ≤ 0.002.", "Poverty: index 0.129. More text."], fr: ["Zones : 17,1 % ; etc."] } });
    expect(verdictLines(dir, "en")).toEqual(["Zones: 17.1% of cameras (18.1% within 10 m; said twice) for 5.5% of the area", "Poverty: index 0.129"]);
    expect(verdictLines(dir, "fr")).toEqual(["Zones : 17,1 %"]);
    expect(verdictLines(dir, "en", true)[1]).toBe("Poverty: index 0.129. More text.");
  });
  it("a headline and claims with a status", () => {
    const dir = withHypothesis({ headline: { en: "Cameras follow tourists.", fr: "Les caméras suivent les touristes." }, claims: [{ id: "zone:zti", headline: { en: "ZTI ×3.1" }, status: "supported" }, { id: "x" }] });
    expect(verdictLines(dir, "en")).toEqual(["Cameras follow tourists.", "ZTI ×3.1 [supported]"]);
    expect(verdictLines(dir, "fr")[0]).toBe("Les caméras suivent les touristes.");
  });
  it("nothing for a missing, broken or unexpected file", () => {
    expect(verdictLines(tempDir(), "en")).toEqual([]);
    expect(verdictLines(withHypothesis("{ not json"), "en")).toEqual([]);
    expect(verdictLines(withHypothesis({ verdict: 42, claims: "no" }), "en")).toEqual([]);
    expect(verdictLines(withHypothesis([1, 2]), "en")).toEqual([]);
  });
  it("times and counts read as written by hand", () => {
    expect([640, 59_949, 59_950, 119_600, 3_601_000].map(seconds)).toEqual(["0.6 s", "59.9 s", "1 min 00 s", "2 min 00 s", "60 min 01 s"]);
    expect([0, 999, 1000, 1371, 2_101_351, -4200].map(count)).toEqual(["0", "999", "1,000", "1,371", "2,101,351", "-4,200"]);
  });
  it("manifest lines survive a reshaped manifest", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "layers"));
    writeFileSync(join(dir, "layers", "manifest.json"), JSON.stringify({ layers: [{ layer: "a", dropped: 4, notes: ["n"], warnings: ["w"] }, { nothing: true }, null] }));
    expect(manifestLines(dir)).toEqual([
      { kind: "warning", text: "a: 4 features dropped" },
      { kind: "warning", text: "a: w" },
      { kind: "note", text: "a: n" },
    ]);
  });
});

describe("the join's line", () => {
  // Hand-made report.json files: the 13e as an analysis area (2,032 cells built, 1,818 of them
  // inhabited cells beyond the limit: 214 meet the area), and the whole city (none beyond).
  const line = (report: object) => {
    const out = tempDir();
    mkdirSync(join(out, "joined"));
    writeFileSync(join(out, "joined", "report.json"), JSON.stringify(report));
    return stageCounts("join", out, Date.now());
  };
  it("counts the cells in the city apart from the inhabited ones beyond its limit", () => {
    expect(line({ cameras: 93, cells: 2032, income_cells_outside_city: 1818, cameras_outside_city: 0 })).toBe("93 cameras, 214 cells (+1,818 inhabited beyond the limit, kept with no area inside)");
    expect(line({ cameras: 1371, cells: 2799, income_cells_outside_city: 0, cameras_outside_city: 3 })).toBe("1,371 cameras, 2,799 cells, 3 outside the city");
  });
});
