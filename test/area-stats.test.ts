// With --area, the statistics describe the analysis area: the income cells of the rest of the
// city (which the join keeps and reports) hold no camera by construction and must not enter the
// model as cells without cameras. Checked on the 2012 layer restricted to the 18e: the model's
// cells are exactly the rows of joined/cells.csv that meet the area (read from the CSV here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CAMERAS_2012, removeTempDirs, runCliAsync, tempDir } from "./helpers.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { readLayers } from "../pipeline/render/read-inputs.js";
import { layersMeetingArea } from "../pipeline/render/area-extent.js";

// geopandas' counts of the features meeting the 18e (test/fixtures/area-render/make.py).
const expected = JSON.parse(readFileSync("test/fixtures/area-render/expected.json", "utf8")).meeting_area as Record<string, number>;

afterAll(removeTempDirs);
let out: string;

beforeAll(async () => {
  out = tempDir();
  for (const stage of ["layers", "geocode", "join", "stats", "render", "report"]) {
    const r = await runCliAsync([stage, "--out", out, ...CAMERAS_2012, "--area", "75118"]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 300_000);

describe("statistics of an analysis area", () => {
  it("fit the model on the cells that meet the area only", () => {
    const t = parseCsv(readFileSync(join(out, "joined", "cells.csv"), "utf8"), "cells.csv", ",");
    const col = t.header.indexOf("city_area_m2");
    const meeting = t.rows.filter((r) => Number(r.cells[col]) > 0).length;
    expect(t.rows.length).toBeGreaterThan(meeting); // the join kept income cells outside the area
    const h = JSON.parse(readFileSync(join(out, "stats", "hypothesis.json"), "utf8"));
    expect(h.design.cells.used).toBe(meeting);
    expect(meeting).toBeLessThan(250); // the 18e is 6 km², about 150 cells of 200 m and their edges
  });
});

describe("the report of an analysis area", () => {
  it("speaks of the area where it counts and measures within it, not of the city", () => {
    const html = readFileSync(join(out, "report", "index.html"), "utf8");
    expect(html).toContain("dans les limites de la zone d'étude (75118)");
    expect(html).toContain("surface de la zone d'étude (75118)");
    expect(html).not.toContain("dans les limites de Paris");
  });
});

describe("maps of an analysis area", () => {
  it("keep the features that meet the area, as geopandas counts them", () => {
    const { layers } = readLayers(out, ["arrondissements", "quartiers", "iris", "zti", "zsp"]);
    const kept = layersMeetingArea(layers);
    for (const [name, n] of Object.entries(expected)) expect(kept[name]?.length ?? 0, name).toBe(n);
    expect(layers.income_cells.length).toBeGreaterThan(expected.income_cells); // the whole city's cells were read
  });

  it("give Carte 1 the area's cell count, zone counts and no absent river or woods", () => {
    const svg = readFileSync(join(out, "maps", "carte1.svg"), "utf8");
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
    expect(text).toContain(`n = ${expected.income_cells}`);
    expect(text).toMatch(new RegExp(`\\(ZTI, ${expected.zti}\\)`));
    expect(text).toMatch(new RegExp(`\\(ZSP, ${expected.zsp},`));
    expect(svg).not.toMatch(/id="legend-(river|woods)"/);
    expect(text).toContain("zone d’analyse : Buttes-Montmartre");
  });
});

describe("a camera layer of one district with a second one named by the area", () => {
  // The minimal study's cameras lie in the 13e only (test/fixtures/minimal-study/make.sh cuts them
  // from it): with --area 75113,75114 the 14e would read as a district without cameras.
  it("notes the area's district that holds no camera, and only that one", async () => {
    const dir = tempDir();
    const r = await runCliAsync(["layers", "--out", dir, "--layer", "cameras=test/fixtures/minimal-study/cameras.geojson", "--crs", "EPSG:2154", "--area", "75113,75114"]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "layers", "manifest.json"), "utf8"));
    const notes: string[] = manifest.layers.find((l: { layer: string }) => l.layer === "cameras").notes;
    const empty = notes.filter((n) => n.startsWith("no camera lies in"));
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatch(/^no camera lies in 75114 \(Observatoire\), named by the analysis area/);
    expect(r.stderr).toContain("note: cameras: no camera lies in 75114");
  }, 120_000);
});
