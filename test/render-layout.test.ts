// Label collisions on every map the stage draws (Carte 1, companions from the stats fixture of
// test/reference/stats_fixture.py, two atlas pages): text boxes from the shipped font's advance
// widths must not overlap one another and must stay on the page.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { CAMERAS_2012, tempDir } from "./helpers.js";
import { breathe, runCliAsync } from "./render-helpers.js";
import { loadStudy } from "../pipeline/core/study.js";
import { readLayers } from "../pipeline/render/read-inputs.js";
import { declaredLayers, mapWords, renderSettings } from "../pipeline/render.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { companionMaps } from "../pipeline/render/companions.js";
import { textWidth } from "../pipeline/render/text-metrics.js";
import { walk, type Scene, type TextItem } from "../pipeline/render/scene.js";

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

const box = (t: TextItem) => {
  const w = textWidth(t.text, t.size, t.bold);
  const x0 = t.anchor === "middle" ? t.x - w / 2 : t.anchor === "end" ? t.x - w : t.x;
  return { x0, x1: x0 + w, y0: t.y - 0.76 * t.size, y1: t.y + 0.24 * t.size };
};

describe("no colliding labels", () => {
  it("on any page the stage draws", () => {
    expect(scenes.length).toBe(1 + 6 + 20); // Carte 1, six companions (with ridership and the volunteer survey), 20 atlas pages
    const problems: string[] = [];
    for (const [name, scene] of scenes) {
      const texts = [...walk(scene.layers)].map(([it]) => it).filter((it): it is TextItem => it.kind === "text" && it.text.trim() !== "");
      const boxes = texts.map((t) => ({ t, b: box(t) }));
      for (const { t, b } of boxes) if (b.x0 < 0 || b.x1 > scene.width || b.y0 < 0 || b.y1 > scene.height) problems.push(`${name}: "${t.text}" off the page`);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].b;
          const c = boxes[j].b;
          if (a.x0 < c.x1 && c.x0 < a.x1 && a.y0 < c.y1 && c.y0 < a.y1) problems.push(`${name}: "${boxes[i].t.text}" × "${boxes[j].t.text}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
