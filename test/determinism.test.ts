// Same inputs, same bytes: two runs into two folders must write identical files, every one of
// them. Runs the whole pipeline (`run`), and fails if a stage of DESIGN.md is missing from STAGES.
import { relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STAGES } from "../pipeline/stages.js";
import { otherStderr, removeTempDirs, runCliAsync, snapshot, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const PIPELINE = ["layers", "geocode", "join", "stats", "render", "report"];
const command = "run";

const files = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).map(([p, b]) => [relative(dir, p), b]));

describe(`determinism (${command})`, () => {
  it("runs every stage of the pipeline", () => {
    expect(STAGES.map((s) => s.name)).toEqual(PIPELINE);
  });
  it("two runs write the same files with the same bytes", async () => {
    const [a, b] = [tempDir(), tempDir()];
    const [ra, rb] = await Promise.all([runCliAsync([command, "--out", a]), runCliAsync([command, "--out", b])]);
    expect(otherStderr(ra.stderr + rb.stderr)).toEqual([]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const fa = files(a);
    const fb = files(b);
    expect(Object.keys(fa).length).toBeGreaterThan(0);
    expect(Object.keys(fb).sort()).toEqual(Object.keys(fa).sort());
    for (const name of Object.keys(fa)) expect(fb[name], `${name} differs between runs`).toBe(fa[name]);
  }, 600_000); // two whole Paris runs side by side (maps in four formats) on 2 cores
});
