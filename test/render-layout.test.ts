// Label collisions on every map the stage draws (Carte 1, companions from the stats fixture of
// test/reference/stats_fixture.py, two atlas pages): text boxes from the shipped font's advance
// widths must not overlap one another and must stay on the page.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { CAMERAS_2012, tempDir } from "./helpers.js";
import { breathe, runCliAsync, textCollisions } from "./render-helpers.js";
import { loadStudy } from "../pipeline/core/study.js";
import { readLayers } from "../pipeline/render/read-inputs.js";
import { declaredLayers, mapWords, renderSettings } from "../pipeline/render.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { companionMaps } from "../pipeline/render/companions.js";
import type { Scene } from "../pipeline/render/scene.js";

let scenes: Array<[string, Scene]>;

beforeAll(async () => {
  const out = tempDir();
  expect((await runCliAsync(["layers", "--out", out, ...CAMERAS_2012])).code).toBe(0);
  cpSync("test/fixtures/render/stats", join(out, "stats"), { recursive: true });
  const study = loadStudy("data/paris/study.json");
  const { layers, manifest } = readLayers(out, declaredLayers(study));
  const settings = renderSettings(study);
  const words = mapWords(study, layers, manifest, settings.lang);
  const notes: string[] = [];
  scenes = [["carte1", carte1(layers, settings.page, settings.classing, words).scene]];
  await breathe();
  scenes.push(...companionMaps({ layers, outDir: out, settings, words, atlas: false, note: (m) => notes.push(m) }));
  await breathe();
  scenes.push(...companionMaps({ layers, outDir: out, settings, words, atlas: true, note: (m) => notes.push(m) }).filter(([n]) => n.startsWith("atlas/")));
  // The fixture has no IRIS table (test/fixtures/render/stats): that level alone is skipped.
  expect([...new Set(notes)]).toEqual([expect.stringMatching(/skipped the IRIS maps/), expect.stringMatching(/skipped hotspots-cells/)]);
}, 400_000);

describe("no colliding labels", () => {
  it("on any page the stage draws", () => {
    expect(scenes.length).toBe(1 + 6 + 20); // Carte 1, six companions (with ridership and the volunteer survey), 20 atlas pages
    expect(textCollisions(scenes)).toEqual([]);
  });
});
