// `compare` and `districts` need nothing but an --out folder with district tables: run here from
// a folder outside the checkout, with no study file, on a hand-made out/stats whose levels are not
// Paris's (communes and sections). Expected strings are written by hand from the tables below.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDirs, runCli, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

let cwd: string;
let out: string;
const HEAD = "code,name,cameras,area_km2,population,camera_share,lq_area,share_in_market,cameras_per_km2";

beforeAll(() => {
  cwd = tempDir("contrechamp-elsewhere-");
  out = join(cwd, "results");
  mkdirSync(join(out, "stats"), { recursive: true });
  // Two communes, three sections: the coarser level has fewer rows.
  writeFileSync(join(out, "stats", "communes.csv"), [HEAD, "C1,Vieux-Bourg,1200,105.372785,2101351,0.75,1.2,0.004,11.388", "C2,Saint-Éloi,400,20.5,15000.4,0.25,0.6,,19.512"].join("\n") + "\n");
  writeFileSync(join(out, "stats", "sections.csv"), [HEAD, "S1,Vieux,600,50,1000000,0.375,1,0.1,12", "S2,Bourg,600,55.372785,1101351,0.375,0.9,0,10.83", "S3,Saint-Éloi-Nord,400,20.5,15000.4,0.25,0.6,,19.51"].join("\n") + "\n");
  // Not a district table (no code,name header): ignored.
  writeFileSync(join(out, "stats", "model_cells.csv"), "cell,cameras\nx,1\n");
});

describe("districts", () => {
  it("lists the levels found in out/stats, coarse to fine, without a study file", () => {
    const r = runCli(["districts", "--out", "results"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(["commune (2, communes.csv)", "  C1  Vieux-Bourg", "  C2  Saint-Éloi", "", "section (3, sections.csv)", "  S1  Vieux", "  S2  Bourg", "  S3  Saint-Éloi-Nord", ""].join("\n"));
  });
  it("one level, by singular or plural, as csv or json", () => {
    expect(runCli(["districts", "--out", "results", "--level", "Sections", "--format", "csv"], { cwd }).stdout).toBe("level,code,name\nsection,S1,Vieux\nsection,S2,Bourg\nsection,S3,Saint-Éloi-Nord\n");
    const j = JSON.parse(runCli(["districts", "--out", "results", "--level", "commune", "--format", "json"], { cwd }).stdout);
    expect(j).toEqual({ levels: [{ level: "commune", file: "communes.csv", districts: [{ code: "C1", name: "Vieux-Bourg" }, { code: "C2", name: "Saint-Éloi" }] }] });
  });
  it("an unknown level names the levels there are", () => {
    const r = runCli(["districts", "--out", "results", "--level", "iris"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("contrechamp: --level iris: no such level in results/stats (use commune, section)\n");
  });
  it("the order declared in summary.json wins over row counts", () => {
    const dir = join(tempDir(), "o");
    mkdirSync(join(dir, "stats"), { recursive: true });
    writeFileSync(join(dir, "stats", "a.csv"), "code,name\n1,x\n");
    writeFileSync(join(dir, "stats", "b.csv"), "code,name\n1,y\n2,z\n");
    writeFileSync(join(dir, "stats", "summary.json"), JSON.stringify({ levels: [{ layer: "b", key: "bee" }, "a"] }));
    expect(runCli(["districts", "--out", dir, "--format", "csv"], { cwd }).stdout).toBe("level,code,name\nbee,1,y\nbee,2,z\na,1,x\n");
  });
  it("says what to do when there are no district tables", () => {
    const r = runCli(["districts", "--out", tempDir()], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^contrechamp: .*\/stats: no district tables \(CSV files starting with code,name\) \(run `contrechamp stats` first, or give the --out folder of a finished run\)\n$/);
  });
});

describe("compare", () => {
  it("formats table numbers: 2 decimals for km², grouped thousands, shares as %, raw values nowhere", () => {
    const r = runCli(["compare", "Vieux-Bourg", "--out", "results"], { cwd });
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    // City = the communes' totals: 1,600 cameras; 125.872785 km² → 125.87; 2,116,351.4 residents → 2,116,351.
    expect(lines[0]).toMatch(/^indicator +city +C1 Vieux-Bourg$/);
    expect(lines.find((l) => l.startsWith("cameras "))).toMatch(/^cameras +1,600 +1,200 \(1\/2\)$/);
    expect(lines.find((l) => l.startsWith("area_km2 "))).toMatch(/^area_km2 +125\.87 +105\.37 \(1\/2\)$/);
    expect(lines.find((l) => l.startsWith("population "))).toMatch(/^population +2,116,351 +2,101,351 \(1\/2\)$/);
    expect(lines.find((l) => l.startsWith("camera_share "))).toMatch(/^camera_share +100\.0 % +75\.0 % \(1\/2\)$/);
    // A share under 1 % keeps two decimals; a zone column of this study is formatted as a share.
    expect(lines.find((l) => l.startsWith("share_in_market "))).toMatch(/^share_in_market +– +0\.40 % \(1\/2\)$/);
    expect(lines.find((l) => l.startsWith("lq_area "))).toMatch(/^lq_area +1\.00 +1\.20 \(1\/2\)$/);
    expect(lines.find((l) => l.startsWith("cameras_per_km2 "))).toMatch(/^cameras_per_km2 +12\.7 +11\.4 \(2\/2\)$/);
    expect(r.stdout).not.toContain("105.372785");
  });
  it("csv and json keep full precision", () => {
    const csv = runCli(["compare", "C1", "--out", "results", "--format", "csv"], { cwd }).stdout;
    expect(csv).toContain("\narea_km2,125.872785,105.372785,1/2\n");
    expect(csv).toContain("\npopulation,2116351.4,2101351,1/2\n");
    const j = JSON.parse(runCli(["compare", "C1", "--out", "results", "--format", "json"], { cwd }).stdout);
    expect(j.districts[0].values.area_km2).toBe(105.372785);
    expect(j.city.area_km2).toBeCloseTo(125.872785, 9);
  });
  it("an exact name at the finer level before a prefix at the coarser one", () => {
    // "Vieux" is a prefix of the commune Vieux-Bourg and the whole name of section S1.
    const j = JSON.parse(runCli(["compare", "vieux", "Saint-Eloi", "--out", "results", "--format", "json"], { cwd }).stdout);
    expect(j.districts.map((d: { level: string; code: string }) => `${d.level} ${d.code}`)).toEqual(["section S1", "commune C2"]);
  });
  it("did you mean, for a misspelt name", () => {
    const r = runCli(["compare", "Vieu-Bourg", "--out", "results"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('contrechamp: results/stats: no district "Vieu-Bourg" at any level (communes.csv, sections.csv) (did you mean "Vieux-Bourg"? contrechamp districts --out results lists them)\n');
  });
  it("a study given explicitly is still checked", () => {
    const r = runCli(["compare", "C1", "--out", "results", "--study", "nope.json"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^contrechamp: nope\.json: study file not found/);
  });
});
