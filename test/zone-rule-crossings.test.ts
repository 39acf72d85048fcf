// A zone rule's within_crossings block: corners found by street names however the crossings file
// spells them (case, accents, hyphens, either order), several points of one pair averaged, and
// the crossings the rule does not name ignored.
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { buildZoneRule } from "../layers/zones.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const square = (id: string, x: number, y: number, s = 0.01): Feature => ({
  type: "Feature",
  properties: { id },
  geometry: { type: "Polygon", coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] },
});

describe("zone rule within_crossings", () => {
  it("takes the blocks inside the polygon of the named crossings", async () => {
    const dir = tempDir();
    const crossings = join(dir, "crossings.csv");
    // Corners around square A (2.30-2.31, 48.85-48.86); "Rue C × Rue D" has two points averaging
    // to (2.315, 48.865); the other rows are crossings the rule does not name, one of them a
    // street of the rule with another street, placed so that it would move a corner.
    writeFileSync(crossings, [
      "nom1,nom2,lon,lat",
      "Rue B,RUE A,2.295,48.845",
      "Rue B,Rue Ç-Été,2.315,48.845",
      "rue c été,Rue D,2.314,48.865",
      "Rue D,Rue C Été,2.316,48.865",
      "Rue D,Rue X,2.4,48.9",
      "Rue A,Rue D,2.295,48.865",
      "Rue Y,Rue Z,not a number,48.9",
    ].join("\n"));
    const rule = join(dir, "rule.json");
    writeFileSync(rule, JSON.stringify({
      zones: [{ id: "z1", name: "Z1", created: "2012", perimeter_text: "", source: "", blocks: [
        { layer: "iris", within_crossings: [["rue a", "rue b"], ["Rue B", "Rue C Ete"], ["Rue C-Été", "Rue D"], ["Rue D", "Rue A"]], why: "" },
      ] }],
    }));
    const pools = { iris: [square("A", 2.3, 48.85), square("B", 2.33, 48.85), square("C", 2.3, 48.87)] };
    const r = await buildZoneRule("zsp", { file: rule }, { pools, crossingsFile: crossings });
    expect(r.features.map((f) => f.properties!.blocks)).toEqual([["iris:A"]]);
    expect(r.sourceFiles).toEqual([rule, crossings]);
  });

  it("says which crossing is missing", async () => {
    const dir = tempDir();
    const crossings = join(dir, "crossings.csv");
    writeFileSync(crossings, "nom1,nom2,lon,lat\nRue A,Rue B,2.3,48.85\nRue B,Rue C,2.31,48.85\n");
    const rule = join(dir, "rule.json");
    writeFileSync(rule, JSON.stringify({
      zones: [{ id: "z1", name: "Z1", blocks: [{ layer: "iris", within_crossings: [["Rue A", "Rue B"], ["Rue B", "Rue C"], ["Rue C", "Rue A"]], why: "" }] }],
    }));
    await expect(buildZoneRule("zsp", { file: rule }, { pools: { iris: [square("A", 2.3, 48.85)] }, crossingsFile: crossings })).rejects.toThrow(/no street crossing "Rue C" × "Rue A"/);
  });
});
