// The join and stats stages on the Paris study, camera layer pinned to the Préfecture's 2012
// shapefile (so the expected values do not move when the study's camera list changes).
// Expected per-district cameras, areas, residents and mean income come from an independent
// geopandas 0.12 computation on out/layers/*.geojson:
//   node bin/contrechamp.js layers --layer cameras=data/paris/cameras/Camera_Pref.shp --crs EPSG:4326
//   /usr/bin/python3 test/fixtures/analysis/geopandas_reference.py out > test/fixtures/analysis/geopandas_reference.json
// (sjoin "within" for cameras, EPSG:2154 areas, geopandas.overlay of the income cells for the
// area-weighted interpolation). Paris's total Ind, 2,101,351, is from data/paris/income/SOURCE.md.
import { beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { codedAt, readJoinedCameraTable } from "../pipeline/core/joined-cameras.js";
import { readJoinedCameras } from "../pipeline/core/out-files.js";
import { transformer } from "../pipeline/geo/crs.js";
import { join } from "node:path";
import { runCli, snapshot, tempDir } from "./helpers.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";

const PIN = ["--layer", "cameras=data/paris/cameras/Camera_Pref.shp", "--crs", "EPSG:4326"];
const ref = JSON.parse(readFileSync("test/fixtures/analysis/geopandas_reference.json", "utf8"));
let out = "";

function table(file: string): Array<Record<string, string>> {
  const t = parseCsv(readFileSync(file, "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i]])));
}

beforeAll(() => {
  out = tempDir();
  for (const stage of ["layers", "join", "stats"]) {
    const r = runCli([stage, "--out", out, ...PIN]);
    if (r.code !== 0) throw new Error(`${stage} failed: ${r.stderr}`);
  }
}, 300_000);

describe("district tables against geopandas", () => {
  for (const level of ["arrondissements", "quartiers", "iris"] as const) {
    it(`${level}: cameras exact, area within 0.1 %, residents and mean income within 0.5 %`, () => {
      const rows = table(join(out, "stats", `${level}.csv`));
      const expected = ref[level] as Record<string, { cameras: number; area_km2: number; population: number; mean_income: number | null }>;
      expect(rows.map((r) => r.code)).toEqual(Object.keys(expected));
      for (const r of rows) {
        const e = expected[r.code];
        expect(Number(r.cameras), `${r.code} cameras`).toBe(e.cameras);
        expect(Math.abs(Number(r.area_km2) / e.area_km2 - 1), `${r.code} area`).toBeLessThan(0.001);
        // Residents: relative 0.5 %, or within 0.5 person for nearly empty IRIS (formatting to 0.1).
        expect(Math.abs(Number(r.population) - e.population), `${r.code} residents`).toBeLessThanOrEqual(Math.max(0.5, 0.005 * e.population));
        if (e.mean_income !== null && e.population >= 1) expect(Math.abs(Number(r.mean_income) / e.mean_income - 1), `${r.code} income`).toBeLessThan(0.005);
      }
    });
  }

  it("has exactly the DESIGN.md columns, rows ordered by code", () => {
    const head = readFileSync(join(out, "stats", "quartiers.csv"), "utf8").split("\n")[0];
    // The study has a ridership layer: entries and entries_per_km2 follow the DESIGN.md columns.
    expect(head).toBe("code,name,cameras,area_km2,population,households,mean_income,poverty_rate,cameras_per_km2,cameras_per_10k_residents,camera_share,area_share,population_share,lq_area,lq_population,zti_area_share,zsp_area_share,cameras_in_zti,cameras_in_zsp,entries,entries_per_km2");
  });

  it("conserves the residents of the cells at every level and loses no camera", () => {
    for (const level of ["arrondissements", "quartiers", "iris"]) {
      const pop = table(join(out, "stats", `${level}.csv`)).reduce((s, r) => s + Number(r.population), 0);
      expect(Math.abs(pop - 2101351)).toBeLessThan(1);
    }
    const report = JSON.parse(readFileSync(join(out, "joined", "report.json"), "utf8"));
    const arr = table(join(out, "stats", "arrondissements.csv")).reduce((s, r) => s + Number(r.cameras), 0);
    expect(arr + report.cameras_without.arrondissement.length).toBe(ref.cameras_total);
    // geopandas: 12 of the 1,368 points lie outside every arrondissement (see test/layers-stage.test.ts).
    expect(report.cameras_without.arrondissement.length).toBe(12);
  });
});

describe("joined outputs", () => {
  it("interpolates residents onto arrondissements as shapely does on the exact EPSG:3035 squares", () => {
    // Reference: /usr/bin/python3 test/fixtures/analysis/interpolation_3035_reference.py OUT
    // (geopandas 0.12/shapely: each cell's Ind shared by its pieces' areas in the arrondissements,
    // normalised by the sum of its pieces). 1e-3 residents: the CSV has 4 decimals; the former
    // Lambert-93 quadrilateral cells were up to 0.034 residents (4.6e-7 relative) away.
    const want = JSON.parse(readFileSync("test/fixtures/analysis/interpolation_3035_reference.json", "utf8")) as Record<string, number>;
    const rows = table(join(out, "joined", "districts_arrondissements.csv"));
    expect(rows.map((r) => r.code)).toEqual(Object.keys(want));
    for (const r of rows) expect(Math.abs(Number(r.Ind) - want[r.code]), r.code).toBeLessThan(1e-3);
  });

  it("measures the city, the zones, the central districts (1–4) and the terminals' 300 m within 0.1 % of geopandas", () => {
    const report = JSON.parse(readFileSync(join(out, "joined", "report.json"), "utf8"));
    for (const [k, v] of Object.entries(ref.areas_m2 as Record<string, number>)) {
      expect(Math.abs(report.areas_m2[k] / v - 1), k).toBeLessThan(0.001);
    }
  });

  it("gives every camera a cell, and the cells' counts add up to the cameras in city cells", () => {
    const cells = table(join(out, "joined", "cells.csv"));
    const report = JSON.parse(readFileSync(join(out, "joined", "report.json"), "utf8"));
    const inCells = cells.reduce((s, c) => s + Number(c.cameras), 0);
    expect(inCells + report.cameras_without.cell.length).toBe(report.cameras);
    expect(cells.filter((c) => c.inhabited === "1").length).toBe(1977);
  });
});

describe("the joined camera table (cameras.cols) against the joined GeoJSON", () => {
  it("holds, camera by camera and field by field, what cameras.geojson holds, and gives the side outputs the same properties", () => {
    const geo = JSON.parse(readFileSync(join(out, "joined", "cameras.geojson"), "utf8")).features as Array<{ id: string; properties: Record<string, unknown>; geometry: { coordinates: number[] } }>;
    const t = readJoinedCameraTable(out);
    expect(t.n).toBe(geo.length);
    const toL93 = transformer("EPSG:4326", "EPSG:2154");
    const nullable = (v: number) => (Number.isNaN(v) ? null : v);
    geo.forEach((f, i) => {
      const p = f.properties;
      const got: Record<string, unknown> = {
        id: t.id(i), label: t.label(i), source: codedAt(t.source, i), geocode_method: codedAt(t.geocode_method, i),
        geocode_confidence: codedAt(t.geocode_confidence, i), commissioned: codedAt(t.commissioned, i),
        cell: codedAt(t.cell, i), iris: codedAt(t.levels.iris, i), quartier: codedAt(t.levels.quartier, i), arrondissement: codedAt(t.levels.arrondissement, i),
        zti: codedAt(t.zones.zti, i), zsp: codedAt(t.zones.zsp, i), zti_tol: codedAt(t.zones_tol.zti, i), zsp_tol: codedAt(t.zones_tol.zsp, i),
        in_city: t.in_city[i] === 1, dist_centre_m: t.dist_centre_m[i], dist_terminal_m: nullable(t.dist_terminal_m[i]), nearest_terminal: codedAt(t.nearest_terminal, i),
        dist_edge_m: t.dist_edge_m[i] === 0 ? 0 : t.dist_edge_m[i], stations_300m: t.stations_300m[i], ridership_300m: t.ridership_300m![i],
      };
      for (const [k, v] of Object.entries(got)) expect(v, `camera ${i} ${k}`).toEqual(p[k]);
      expect([t.lon[i], t.lat[i]]).toEqual(f.geometry.coordinates);
      expect([t.x[i], t.y[i]]).toEqual(toL93([f.geometry.coordinates[0], f.geometry.coordinates[1]]));
    });
    // What the stats stage's side outputs read: the same features from the table as from the GeoJSON.
    const keep = ["id", "label", "source", "geocode_confidence", "geocode_method", "commissioned", "in_city", "ridership_300m", "arrondissement", "quartier", "iris", "zti", "zsp"];
    const fromTable = readJoinedCameras(out, keep);
    const copy = tempDir();
    mkdirSync(join(copy, "joined"));
    copyFileSync(join(out, "joined", "cameras.geojson"), join(copy, "joined", "cameras.geojson"));
    expect(fromTable).toEqual(readJoinedCameras(copy, keep));
  });
});

describe("hypothesis outputs", () => {
  it("writes the design matrix the statsmodels reference was fitted on (plus street supply), and R's NB fit of it", () => {
    // test/glm.test.ts fits test/fixtures/analysis/model_cells_2012.csv against statsmodels. This
    // byte comparison (without the street-supply column added since) is a regression check (the
    // fixture was written by this stage); its columns are checked independently in the next test.
    const rows = readFileSync(join(out, "stats", "model_cells.csv"), "utf8").trimEnd().split("\n").map((r) => r.split(","));
    const j = rows[0].indexOf("log_crossings");
    expect(j).toBeGreaterThan(0);
    expect(rows.map((r) => [...r.slice(0, j), ...r.slice(j + 1)].join(",")).join("\n") + "\n").toBe(readFileSync("test/fixtures/analysis/model_cells_2012.csv", "utf8"));
    const h = JSON.parse(readFileSync(join(out, "stats", "hypothesis.json"), "utf8"));
    const nb = h.models.negative_binomial;
    // MASS::glm.nb on this design: test/fixtures/inference/ref_2012.R → ref_2012.json.
    const ref = JSON.parse(readFileSync("test/fixtures/inference/ref_2012.json", "utf8"));
    expect(nb.alpha).toBeCloseTo(ref.alpha, 5);
    ref.terms.slice(1).forEach((t: string, i: number) => expect(nb.terms.find((x: { term: string }) => x.term === t).coefficient).toBeCloseTo(ref.coefficients[i + 1], 4));
    expect(nb.cells_used).toBe(ref.cells);
  });

  it("computes the Gini and concentration indices that independent formulas give", () => {
    // /usr/bin/python3 test/fixtures/analysis/indices_reference.py <out>/joined/cells.csv
    // (mean-absolute-difference Gini; covariance-formula concentration index) →
    // gini_area_cells 0.741695, gini_residents_cells 0.812194, concentration_index 0.127402.
    const s = JSON.parse(readFileSync(join(out, "stats", "summary.json"), "utf8"));
    expect(s.gini.area_cells.gini).toBeCloseTo(0.741695, 6);
    expect(s.gini.residents_cells.gini).toBeCloseTo(0.812194, 6);
    expect(s.concentration.index).toBeCloseTo(0.127402, 6);
  });

  it("counts cameras in ZTI and ZSP, strictly and within 10 m, as geopandas does", () => {
    // /usr/bin/python3 -c "import geopandas as gpd; c=gpd.read_file('out/layers/cameras.geojson').to_crs(2154);
    //   z=gpd.read_file('out/layers/zti.geojson').to_crs(2154).unary_union; print(c.within(z).sum(), (c.distance(z)<=10).sum())"
    // → ZTI 217 strict, 235 within 10 m; the same with zsp.geojson → ZSP 59 strict, 76 within 10 m.
    const s = JSON.parse(readFileSync(join(out, "stats", "summary.json"), "utf8"));
    const get = (z: string) => s.shares.find((x: { zone: string }) => x.zone === z);
    expect([get("zti").cameras, get("zti").cameras_tolerance, get("zsp").cameras, get("zsp").cameras_tolerance]).toEqual([217, 235, 59, 76]);
  });

  it("design matrix: cameras per cell and distance to the centre agree with pyproj", () => {
    // test/fixtures/analysis/model_cells_reference.py (pyproj only): 2012 points floored into
    // their EPSG:3035 cells; distance in EPSG:2154 from each square's centre to the point zéro.
    const ref = JSON.parse(readFileSync("test/fixtures/analysis/model_cells_reference.json", "utf8"));
    const rows = table(join(out, "stats", "model_cells.csv"));
    expect(rows).toHaveLength(2799);
    for (const r of rows) {
      expect(Number(r.cameras), r.id).toBe(ref.cameras[r.id] ?? 0);
      expect(Math.abs(Number(r.dist_centre_km) - ref.dist_centre_km[r.id]), r.id).toBeLessThan(2e-4);
    }
  });

  it("runs 999 draws per null and quotes the summary's numbers in the verdict", () => {
    const h = JSON.parse(readFileSync(join(out, "stats", "hypothesis.json"), "utf8"));
    const s = JSON.parse(readFileSync(join(out, "stats", "summary.json"), "utf8"));
    expect(h.permutation.draws).toBe(999);
    expect(Object.keys(h.permutation.tests)).toEqual(["uniform_area", "residents", "street_crossings"]);
    const zti = s.shares.find((x: { zone: string }) => x.zone === "zti");
    // By hand from the geopandas counts of the test above: 217 cameras strictly in a ZTI.
    const share = 217 / ref.cameras_total;
    expect(h.permutation.observed.share_zti).toBeCloseTo(share, 5);
    expect(h.verdict.en[0]).toContain(`${(100 * share).toFixed(1)}% of the ${ref.cameras_total} cameras`);
    expect(h.verdict.fr[0]).toContain(`${(100 * share).toFixed(1).replace(".", ",")} % des ${ref.cameras_total} caméras`);
    // Consistency, not an independent value: the hypothesis and the summary agree with each other
    // (the index itself is checked against numpy in the test above).
    expect(zti.cameras).toBe(217);
    expect(h.permutation.observed.concentration_index).toBeCloseTo(s.concentration.index, 5);
  });
});

describe("determinism and the compare command", () => {
  it("same inputs and seed give the same bytes", () => {
    const again = tempDir();
    for (const stage of ["layers", "join", "stats"]) expect(runCli([stage, "--out", again, ...PIN]).code).toBe(0);
    const a = snapshot(join(out, "stats")), b = snapshot(join(again, "stats"));
    const strip = (s: Record<string, string>, root: string) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k.slice(root.length), v]));
    expect(strip(b, join(again, "stats"))).toEqual(strip(a, join(out, "stats")));
    expect(strip(snapshot(join(again, "joined")), join(again, "joined"))).toEqual(strip(snapshot(join(out, "joined")), join(out, "joined")));
  }, 120_000);

  it("compares districts named by code, name and number", () => {
    const r = runCli(["compare", "75118", "Goutte-d'Or", "10e", "--out", out, "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.districts.map((d: { code: string }) => d.code)).toEqual(["75118", "7511803", "75110"]);
    expect(j.districts[0].values.cameras).toBe(ref.arrondissements["75118"].cameras);
    expect(j.districts[1].of).toBe(80);
  });

  it("rejects an unknown district with exit code 2 and a clear message", () => {
    const r = runCli(["compare", "Atlantis", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^contrechamp: .*stats: no district "Atlantis" at any level \(arrondissements\.csv, quartiers\.csv, iris\.csv\) \(/);
  });
});

describe("a study without ZSP, terminals and crossings", () => {
  it("runs, leaves the missing terms out of the model and the missing null untested, and says so", () => {
    // The Paris study minus its zsp, conseils, crossings and terminals layers (paths made absolute).
    const study = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
    for (const k of ["zsp", "conseils", "crossings", "terminals"]) delete study.layers[k];
    delete study.zones.zsp;
    for (const v of Object.values<{ file: string; options?: Record<string, unknown> }>(study.layers)) {
      v.file = join(process.cwd(), "data/paris", v.file);
      for (const k of ["stations", "aliases"]) if (typeof v.options?.[k] === "string") v.options[k] = join(process.cwd(), "data/paris", v.options[k] as string);
    }
    const dir = tempDir();
    const file = join(dir, "study.json");
    writeFileSync(file, JSON.stringify(study));
    for (const stage of ["layers", "join", "stats"]) {
      const r = runCli([stage, "--study", file, "--out", join(dir, "out"), ...PIN]);
      expect(r.code, r.stderr).toBe(0);
    }
    const h = JSON.parse(readFileSync(join(dir, "out", "stats", "hypothesis.json"), "utf8"));
    expect(h.design.dropped.map((d: { term: string }) => d.term)).toEqual(["dist_terminal_km", "log_crossings"]);
    expect(h.design.dropped[0].reason).toBe("not computed: the study has no terminals layer");
    expect(h.design.terms).not.toContain("zsp_share");
    expect(h.claims.map((c: { id: string }) => c.id)).toEqual(["zone:zti", "centre", "terminals", "stations", "ridership", "income", "concentration", "timing"]);
    expect(h.claims.find((c: { id: string }) => c.id === "terminals").not_computed).toBe("not computed: the study has no terminals layer");
    expect(h.permutation.nulls_not_run).toEqual(["street_crossings"]);
    expect(h.verdict.en.join(" ")).not.toMatch(/Priority security zones|NaN|Infinity|undefined/);
  }, 120_000);
});

describe("a stats stage that fails while its helper thread starts", () => {
  // The helper thread starts before the inputs are read; a bad input found at once must still end
  // with its one line and exit code 2 (an awaited termination of the starting thread sometimes
  // never settled: exit code 13, nothing printed). Several runs, as it was a race.
  it("prints the bad input's line and exits with 2, every time", () => {
    const broken = tempDir();
    cpSync(out, broken, { recursive: true });
    rmSync(join(broken, "joined", "cameras.cols"));
    for (let k = 0; k < 4; k++) {
      const r = runCli(["stats", "--out", broken, ...PIN]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/joined\/cameras\.cols: not found \(run the join stage first/);
    }
  });
});
