// The join's ridership columns on the Paris study (cameras pinned to the Préfecture's 2012
// shapefile, as in join-stats.test.ts) against an independent geopandas computation:
// test/fixtures/flows/ridership_reference.py (the commands are in its docstring) and its output
// ridership_reference.json. Cell centres there are rebuilt from the INSPIRE ids by pyproj.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { removeTempDirs, runCli, tempDir } from "./helpers.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";

const PIN = ["--layer", "cameras=data/paris/cameras/Camera_Pref.shp", "--crs", "EPSG:4326"];
const ref = JSON.parse(readFileSync("test/fixtures/flows/ridership_reference.json", "utf8"));
let out = "";

const table = (file: string) => {
  const t = parseCsv(readFileSync(file, "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i]])));
};

beforeAll(() => {
  out = tempDir();
  for (const stage of ["layers", "join"]) {
    const r = runCli([stage, "--out", out, ...PIN]);
    if (r.code !== 0) throw new Error(`${stage} failed: ${r.stderr}`);
  }
}, 180_000);
afterAll(removeTempDirs);

describe("ridership within 300 m against geopandas", () => {
  it("every cell's ridership_300m equals the geopandas sum", () => {
    const cells = table(join(out, "joined", "cells.csv"));
    expect(cells.length).toBe(ref.cells);
    const expected: Record<string, number> = ref.cells_ridership_300m;
    let nonZero = 0;
    for (const c of cells) {
      expect(Number(c.ridership_300m), c.id).toBe(expected[c.id] ?? 0);
      if (Number(c.ridership_300m) > 0) nonZero++;
    }
    expect(nonZero).toBe(Object.keys(expected).length);
    expect(nonZero).toBeGreaterThan(500);
  });

  it("every camera's ridership_300m equals the geopandas sum", () => {
    const cams = JSON.parse(readFileSync(join(out, "joined", "cameras.geojson"), "utf8")).features;
    const expected: Record<string, number> = ref.cameras_ridership_300m;
    for (const f of cams) expect(f.properties.ridership_300m, f.properties.id).toBe(expected[f.properties.id] ?? 0);
  });

  it("entries per district equal the geopandas sums, and the city's total is the RATP rows in Paris", () => {
    for (const level of ["arrondissements", "quartiers", "iris"]) {
      const rows = table(join(out, "joined", `districts_${level}.csv`));
      const expected: Record<string, number> = ref.district_entries[level];
      expect(Object.fromEntries(rows.map((r) => [r.code, Number(r.entries)]))).toEqual(expected);
    }
    const report = JSON.parse(readFileSync(join(out, "joined", "report.json"), "utf8"));
    // 1,288,641,835: the 255 rows of the 2019 file whose Ville is Paris (a sum over the CSV).
    expect(report.ridership.entries_in_city).toBe(1288641835);
    expect(report.ridership.entries).toBe(ref.entries);
  });
});
