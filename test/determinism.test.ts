// Same inputs, same bytes: two runs into two folders must write identical files, every one of
// them. Runs the whole pipeline (`run`) once every stage of DESIGN.md is registered in STAGES,
// else the stages there are so far (`layers`), so the test grows with the pipeline.
import { relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STAGES } from "../pipeline/stages.js";
import { removeTempDirs, runCliAsync, snapshot, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const PIPELINE = ["layers", "geocode", "join", "stats", "render"];
const complete = PIPELINE.every((n) => STAGES.some((s) => s.name === n));
const command = complete ? "run" : "layers";

const files = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).map(([p, b]) => [relative(dir, p), b]));

describe(`determinism (${command})`, () => {
  it("two runs write the same files with the same bytes", async () => {
    const [a, b] = [tempDir(), tempDir()];
    const [ra, rb] = await Promise.all([runCliAsync([command, "--out", a]), runCliAsync([command, "--out", b])]);
    expect(ra.stderr + rb.stderr).toBe("");
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const fa = files(a);
    const fb = files(b);
    expect(Object.keys(fa).length).toBeGreaterThan(0);
    expect(Object.keys(fb).sort()).toEqual(Object.keys(fa).sort());
    for (const name of Object.keys(fa)) expect(fb[name], `${name} differs between runs`).toBe(fa[name]);
  });
});
