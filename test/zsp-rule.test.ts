// The ZSP rule of data/paris/zsp.json against the independent reading of the published texts in
// ../shared ZSP_DEFINITIONS.md (copied to data/paris/zones/): the 20e zone there is "roughly IRIS
// CHARONNE 9 to 26", split by hand from IRIS representative points and street latitudes.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempDir } from "./helpers.js";

let zsp: any;
beforeAll(() => {
  const out = tempDir();
  expect(runCli(["layers", "--out", out]).code).toBe(0);
  zsp = JSON.parse(readFileSync(join(out, "layers", "zsp.geojson"), "utf8"));
});

describe("ZSP approximation rule", () => {
  it("builds the three Paris ZSP, flagged as approximations", () => {
    expect(zsp.features.map((f: any) => f.properties.id)).toEqual(["zsp-paris-10-18", "zsp-paris-19", "zsp-paris-20"]);
    for (const f of zsp.features) expect(f.properties.approximated).toBe(true);
  });
  it("20e: the crossings polygon selects CHARONNE 9–26, as the hand split did", () => {
    const blocks: string[] = zsp.features[2].properties.blocks;
    const charonne = blocks.filter((b) => b.startsWith("iris:75120800")).length + blocks.filter((b) => b.startsWith("iris:75120801") || b.startsWith("iris:75120802")).length;
    const expected = Array.from({ length: 18 }, (_, i) => `iris:7512080${String(i + 9).padStart(2, "0")}`);
    for (const e of expected) expect(blocks).toContain(e);
    expect(charonne).toBe(18);
    // CHARONNE 1–8 lie south of rue d'Avron: none may be in.
    for (let k = 1; k <= 8; k++) expect(blocks).not.toContain(`iris:75120800${k}`);
  });
  it("10e-18e: conseils 102 and 104 plus 10e IRIS of Saint-Vincent-de-Paul (quartier 37)", () => {
    const blocks: string[] = zsp.features[0].properties.blocks;
    expect(blocks).toContain("conseils:102");
    expect(blocks).toContain("conseils:104");
    const tenth = blocks.filter((b) => b.startsWith("iris:75110"));
    expect(tenth.length).toBeGreaterThan(0);
    for (const b of tenth) expect(b.slice(10, 12)).toBe("37");
  });
});
