// The second bundled study (data/paris-2012: the 2012 layer over quartiers only, the minimal
// shape) runs end to end; its counts per quartier equal geopandas'
// (test/fixtures/paris-2012/expected.py → expected.json).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { removeTempDirs, runCli, tempDir } from "./helpers.js";

const expected = JSON.parse(readFileSync("test/fixtures/paris-2012/expected.json", "utf8"));

describe("bundled example study data/paris-2012", () => {
  let out: string;
  let run: { code: number; stderr: string };
  beforeAll(() => {
    out = tempDir();
    run = runCli(["run", "--study", "data/paris-2012/study.json", "--out", out]);
  }, 180_000);
  afterAll(removeTempDirs);

  it("runs every stage", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);
  });

  it("keeps the points geopandas keeps (within 500 m of the city)", () => {
    const m = JSON.parse(readFileSync(join(out, "layers", "manifest.json"), "utf8"));
    const cams = m.layers.find((l: { layer: string }) => l.layer === "cameras");
    expect(cams.read).toBe(expected.read);
    expect(cams.kept).toBe(expected.kept);
  });

  it("counts cameras per quartier as geopandas does", () => {
    const [head, ...rows] = readFileSync(join(out, "stats", "quartiers.csv"), "utf8").trim().split("\n");
    const keys = head.split(",");
    const got = Object.fromEntries(rows.map((r) => r.split(",")).map((c) => [c[keys.indexOf("code")], Number(c[keys.indexOf("cameras")])]));
    expect(Object.keys(got)).toHaveLength(80);
    for (const [code, n] of Object.entries(got)) expect(n, code).toBe(expected.quartiers[code] ?? 0);
  });
});
