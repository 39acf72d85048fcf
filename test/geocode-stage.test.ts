// The geocode stage on the whole Paris study: the acceptance figures, measured.
// The figures asserted are the thresholds (≥ 1,350 of 1,391 placed, inside the declared
// arrondissement or within 50 m of it, median ≤ 10 m and ≥ 95 % within 50 m of data.csv), and the
// accounting identities (every site placed or listed as unresolved).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { otherStderr, runCli, tempDir } from "./helpers.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";

let out: string;
const read = (p: string) => readFileSync(join(out, p), "utf8");

beforeAll(() => {
  out = tempDir();
  for (const stage of ["layers", "geocode"]) {
    const r = runCli([stage, "--out", out]);
    expect(otherStderr(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
  }
});

describe("geocode stage on the 2019 Préfecture list", () => {
  it("places at least 97 % of the 1,391 sites and accounts for every other one", () => {
    const cams = JSON.parse(read("layers/cameras.geojson")).features;
    const unresolved = parseCsv(read("stats/geocoding_unresolved.csv"), "unresolved.csv").rows;
    expect(cams.length).toBeGreaterThanOrEqual(1350);
    expect(cams.length + unresolved.length).toBe(1391);
    const ids = new Set(cams.map((f: any) => f.properties.numero));
    for (const r of unresolved) {
      expect(ids.has(r.cells[0])).toBe(false);
      expect(r.cells[4]).toMatch(/nothing found/);
    }
    const stats = JSON.parse(read("stats/geocoding.json"));
    expect(stats.placed).toBe(cams.length);
    expect(Object.values(stats.by_method as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(cams.length);
  });

  it("keeps every site inside its arrondissement or within 50 m of it", () => {
    const stats = JSON.parse(read("stats/geocoding.json"));
    expect(stats.outside_arrondissement.max_m).toBeLessThanOrEqual(50);
  });

  it("meets the accuracy targets on the 707 reference sites", () => {
    const a = JSON.parse(read("stats/geocoding.json")).accuracy;
    expect(a.reference_sites).toBe(707);
    expect(a.median_m).toBeLessThanOrEqual(10);
    expect(a.within_50m).toBeGreaterThanOrEqual(0.95);
  });

  it("reports agreement with the Préfecture's 2012 points per method, as geopandas measures it", () => {
    // Independent values: geopandas 0.12 / shapely STRtree on out/layers/cameras.geojson and
    // cameras_2012.geojson, both .to_crs(2154); for each method the median of the distance from each
    // site to its nearest 2012 point, and the shares within 30 m and 100 m:
    //   address 18.4 m 72.7 % 86.4 %; crossing_exact 13.3 m 77.1 % 87.0 %; crossing_fuzzy 29.4 m
    //   50.7 % 69.3 %; place 43.4 m 37.8 % 72.0 %; street_centre 104.0 m 6.4 % 31.9 %;
    //   street_lines 14.9 m 79.5 % 94.9 %; prefecture_2012 0 m (placed from those points).
    const a = JSON.parse(read("stats/geocoding.json")).agreement_2012;
    const want: Record<string, [number, number, number]> = {
      address: [18.4, 0.727, 0.864],
      crossing_exact: [13.3, 0.771, 0.87],
      crossing_fuzzy: [29.4, 0.507, 0.693],
      place: [43.4, 0.378, 0.72],
      street_centre: [104, 0.064, 0.319],
      street_lines: [14.9, 0.795, 0.949],
      prefecture_2012: [0, 1, 1],
    };
    for (const [m, [median, w30, w100]] of Object.entries(want)) {
      expect(a[m].median_m, m).toBeCloseTo(median, 1);
      expect(a[m].within_30m, m).toBeCloseTo(w30, 2);
      expect(a[m].within_100m, m).toBeCloseTo(w100, 2);
    }
  });

  it("writes the camera contract with dates in ISO and confidences in [0, 1]", () => {
    const cams = JSON.parse(read("layers/cameras.geojson")).features;
    const first = cams[0].properties;
    // annexe1.csv line 2: 75001;46685;Avenue du Général Lemonnier, rue de Rivoli;…;croisement;20/01/12
    expect(first).toMatchObject({ id: "prefecture_2019-46685", source: "prefecture_2019", arrondissement: "75101", numero: "46685", precision: "croisement", commissioned: "2012-01-20" });
    for (const f of cams) {
      const p = f.properties;
      expect(p.geocode_confidence).toBeGreaterThan(0);
      expect(p.geocode_confidence).toBeLessThanOrEqual(1);
      expect(p.arrondissement).toMatch(/^751(0[1-9]|1\d|20)$/);
      expect(p.commissioned === null || /^20\d\d-\d\d-\d\d$/.test(p.commissioned)).toBe(true);
    }
  });

  it("is deterministic: a second run writes the same bytes", () => {
    const before = read("layers/cameras.geojson") + read("stats/geocoding.json") + read("stats/geocoding_unresolved.csv");
    const r = runCli(["geocode", "--out", out]);
    expect(r.code).toBe(0);
    expect(read("layers/cameras.geojson") + read("stats/geocoding.json") + read("stats/geocoding_unresolved.csv")).toBe(before);
  });
});

describe("geocode stage with a user's camera file", () => {
  it("leaves cameras.geojson to the layers stage when --layer cameras= gives coordinates", () => {
    const dir = tempDir();
    const args = ["--out", dir, "--layer", "cameras=data/paris/cameras/data.csv"];
    expect(runCli(["layers", ...args]).code).toBe(0);
    const before = readFileSync(join(dir, "layers", "cameras.geojson"), "utf8");
    const r = runCli(["geocode", ...args]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "layers", "cameras.geojson"), "utf8")).toBe(before);
    expect(JSON.parse(before).features).toHaveLength(707);
    expect(existsSync(join(dir, "stats", "geocoding.json"))).toBe(false);
  });
});

describe("geocode stage with an analysis area", () => {
  // The layers stage keeps only the area's districts; the sites of the other districts are
  // counted and left out instead of failing on a district the layer no longer holds.
  it("geocodes the sites of the area's districts and counts the others", () => {
    const dir = tempDir();
    for (const stage of ["layers", "geocode"]) {
      const r = runCli([stage, "--out", dir, "--area", "75118"]);
      expect(r.stderr).not.toMatch(/no arrondissement/);
      expect(r.code).toBe(0);
    }
    // Independent count: rows of the published list whose postal code is 75018.
    const rows = parseCsv(readFileSync("data/paris/cameras/annexe1.csv", "utf8"), "annexe1.csv", ";").rows;
    const inArea = rows.filter((r) => r.cells[0].trim() === "75018").length;
    const stats = JSON.parse(readFileSync(join(dir, "stats", "geocoding.json"), "utf8"));
    expect(stats.sites).toBe(inArea);
    expect(stats.inputs.sites_outside_area).toBe(rows.length - inArea);
    const cams = JSON.parse(readFileSync(join(dir, "layers", "cameras.geojson"), "utf8")).features;
    const unresolved = parseCsv(readFileSync(join(dir, "stats", "geocoding_unresolved.csv"), "utf8"), "unresolved.csv").rows;
    expect(cams.length + unresolved.length).toBe(inArea); // every site of the area placed or listed
    expect(new Set(cams.map((f: any) => f.properties.arrondissement))).toEqual(new Set(["75118"])) // INSEE code of the 18e (postal 75018);
  });
});
