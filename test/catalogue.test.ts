// The bad-input catalogue (test/fixtures/bad/catalogue.json) through the real CLI, one process per
// case. A rejected input must exit 2 with exactly one line in the DESIGN.md format and leave the
// output folder byte for byte as it was; an accepted one must exit 0 and report its normalisation
// in the manifest. The fixtures are derived from data/paris by test/fixtures/bad/generate.py;
// expected values (labels, coordinates, ids) are the rows of data/paris/cameras/data.csv they came from.
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otherStderr, removeTempDirs, runCli, runCliAsync, snapshot, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

interface Accepted {
  layer: string;
  kept: number;
  /** Features dropped with a reason (null or empty geometries); read = kept + these. */
  dropped?: Array<{ reason: string; count: number }>;
  notes?: string[];
  labels?: string[];
  ids?: string[];
  coordinates?: Array<[number, number]>;
}
interface Case {
  category: string;
  name: string;
  args: string[];
  exit: 0 | 2;
  message?: string;
  accepted?: Accepted;
  command?: string;
  /** Extra environment (e.g. a low CONTRECHAMP_MAX_LAYER_MB to test the size limit on a small file). */
  env?: Record<string, string>;
}

const catalogue: { cases: Case[] } = JSON.parse(readFileSync("test/fixtures/bad/catalogue.json", "utf8"));
/** `contrechamp: <file>[:<where>]: <what> (<fix>)`; command-line mistakes have no file. */
const FORMAT = /^contrechamp: \S.*: .+ \(.+\)$/;
const USAGE_FORMAT = /^contrechamp: .+ \(.+\)$/;
/**
 * Each case is a whole layers run (~3.5 s of CPU) and five run at once: on a loaded two-core
 * machine one took 50 s of wall time, so the default 60 s was hit by waiting, not by a fault.
 */
const CASE_TIMEOUT_MS = 240_000;

let out: string;
let regularFile: string;
let before: Record<string, string>;

beforeAll(() => {
  out = tempDir();
  expect(runCli(["layers", "--out", out]).code).toBe(0);
  before = relSnapshot(out);
  regularFile = join(tempDir(), "a-regular-file");
  writeFileSync(regularFile, "not a folder\n");
});

/**
 * A folder of its own for each case, holding the first run's outputs as hard links (instant, no
 * copy: a stage replaces a file by renaming a new one over it, never by writing into it). The
 * cases run concurrently, and one --out admits one run at a time (core/run-lock.ts).
 */
function outputsCopy(): string {
  const dir = tempDir();
  const walk = (from: string, to: string) => {
    for (const n of readdirSync(from)) {
      const p = join(from, n);
      if (statSync(p).isDirectory()) {
        mkdirSync(join(to, n));
        walk(p, join(to, n));
      } else linkSync(p, join(to, n));
    }
  };
  walk(out, dir);
  return dir;
}

/** A snapshot keyed by the path inside its folder, to compare two folders. */
const relSnapshot = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).map(([p, b]) => [p.slice(dir.length), b]));

function argsFor(c: Case, outDir: string): string[] {
  const args = c.args.map((a) => a.replace("{file}", regularFile));
  return [c.command ?? "layers", ...args, ...(args.includes("--out") ? [] : ["--out", outDir])];
}

describe("the catalogue", () => {
  it("has at least 40 cases, each with an expectation", () => {
    expect(catalogue.cases.length).toBeGreaterThanOrEqual(40);
    for (const c of catalogue.cases) expect(c.exit === 2 ? c.message : c.accepted, c.name).toBeTruthy();
    const names = catalogue.cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe.concurrent("bad inputs are rejected with one clear line, outputs untouched", () => {
  for (const c of catalogue.cases.filter((x) => x.exit === 2)) {
    it(`${c.category}: ${c.name}`, async () => {
      const own = outputsCopy();
      const r = await runCliAsync(argsFor(c, own), { env: c.env });
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(c.category === "usage" ? USAGE_FORMAT : FORMAT);
      expect(lines[0]).toMatch(new RegExp(c.message!));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(relSnapshot(own)).toEqual(before);
    }, CASE_TIMEOUT_MS);
  }
});

describe.concurrent("acceptable inputs are normalised and the normalisation reported", () => {
  for (const c of catalogue.cases.filter((x) => x.exit === 0)) {
    it(`${c.category}: ${c.name}`, async () => {
      const dir = tempDir();
      const r = await runCliAsync(argsFor(c, dir), { env: c.env });
      expect(otherStderr(r.stderr)).toEqual([]);
      expect(r.code).toBe(0);
      const a = c.accepted!;
      // The normalisation is reported on the terminal too, not only in the manifest.
      for (const n of a.notes ?? []) expect(r.stderr, n).toMatch(new RegExp(`^contrechamp: {3}note: ${a.layer}: ${n.replace(/^\^/, "")}`, "m"));
      const manifest = JSON.parse(readFileSync(join(dir, "layers/manifest.json"), "utf8"));
      const entry = manifest.layers.find((l: { layer: string }) => l.layer === a.layer);
      expect(entry.kept).toBe(a.kept);
      expect(entry.dropped).toEqual(a.dropped ?? []);
      expect(entry.read).toBe(a.kept + (a.dropped ?? []).reduce((s, d) => s + d.count, 0));
      for (const n of a.notes ?? []) expect(entry.notes.some((x: string) => new RegExp(n).test(x)), `${n} in ${entry.notes}`).toBe(true);
      const features = JSON.parse(readFileSync(join(dir, `layers/${a.layer}.geojson`), "utf8")).features;
      expect(features).toHaveLength(a.kept);
      if (a.labels) expect(features.map((f: any) => f.properties.label)).toEqual(a.labels);
      if (a.ids) expect(features.map((f: any) => f.properties.id)).toEqual(a.ids);
      if (a.coordinates) {
        features.forEach((f: any, i: number) => {
          expect(f.geometry.coordinates[0]).toBeCloseTo(a.coordinates![i][0], 7);
          expect(f.geometry.coordinates[1]).toBeCloseTo(a.coordinates![i][1], 7);
        });
      }
    }, CASE_TIMEOUT_MS);
  }
});
