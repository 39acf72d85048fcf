// The minimal study of issue 15 runs end to end as a user would write it: one level (quartiers
// under other field names), no zones, no income, cameras in Lambert-93 with no CRS in the file.
// Expected counts and areas come from geopandas (test/fixtures/minimal-study/expected.py, output
// in expected.json; the fixture itself is made by make.sh with GDAL from the Paris data).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { removeTempDirs, runCli, tempDir } from "./helpers.js";

const FIXTURE = "test/fixtures/minimal-study";
const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));

function csvRows(file: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(file, "utf8").trim().split("\n");
  const keys = head.split(",");
  return rows.map((r) => Object.fromEntries(r.split(",").map((v, i) => [keys[i], v])));
}

describe("minimal study (issue 15): cameras, a city, one level", () => {
  let out: string;
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(() => {
    out = tempDir();
    run = runCli(["run", "--study", join(FIXTURE, "study.json"), "--out", out]);
  }, 120_000);
  afterAll(removeTempDirs);

  it("runs every stage without an error", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(0);
  });

  it("reads the Lambert-93 points the study declares, every one kept", () => {
    const cams = JSON.parse(readFileSync(join(out, "layers", "cameras.geojson"), "utf8"));
    expect(cams.features).toHaveLength(expected.cameras);
    const manifest = JSON.parse(readFileSync(join(out, "layers", "manifest.json"), "utf8"));
    const entry = manifest.layers.find((l: { layer: string }) => l.layer === "cameras");
    expect(entry.read).toBe(expected.cameras);
    expect(entry.kept).toBe(expected.cameras);
    // The 13e lies around lon 2.36, lat 48.83: a wrong CRS guess would put it elsewhere.
    const [lon, lat] = cams.features[0].geometry.coordinates;
    expect(lon).toBeGreaterThan(2.33);
    expect(lon).toBeLessThan(2.40);
    expect(lat).toBeGreaterThan(48.81);
    expect(lat).toBeLessThan(48.84);
  });

  it("counts cameras and areas per quartier as geopandas does", () => {
    const rows = csvRows(join(out, "stats", "quartiers.csv"));
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(expected.quartiers).sort());
    for (const r of rows) {
      const e = expected.quartiers[r.code];
      expect(Number(r.cameras), r.code).toBe(e.cameras);
      expect(Math.abs(Number(r.area_km2) / e.area_km2 - 1), r.code).toBeLessThan(1e-3);
      expect(r.name).toBe(e.name);
    }
  });

  it("writes no table for a level the study does not declare", () => {
    expect(existsSync(join(out, "stats", "arrondissements.csv"))).toBe(false);
    expect(existsSync(join(out, "stats", "iris.csv"))).toBe(false);
  });

  it("says what it could not compute instead of failing", () => {
    const summary = readFileSync(join(out, "stats", "summary.json"), "utf8");
    expect(summary).toMatch(/not computed[^"]*income/i);
  });

  it("draws maps and writes the report, with no file path on them", () => {
    const maps = readdirSync(join(out, "maps"));
    expect(maps.some((m) => m.endsWith(".svg"))).toBe(true);
    expect(maps.some((m) => m.endsWith(".png"))).toBe(true);
    for (const m of maps.filter((x) => x.endsWith(".svg"))) {
      const svg = readFileSync(join(out, "maps", m), "utf8");
      expect(svg, m).not.toMatch(/fixtures\/|\.geojson|\/tmp\//);
      expect(svg, m).toMatch(/Ville, caméras de vidéoprotection/);
    }
    expect(existsSync(join(out, "report", "index.html"))).toBe(true);
    // No income layer: the concentration panel of the Lorenz chart says why it is empty.
    expect(readFileSync(join(out, "maps", "lorenz.txt"), "utf8")).toContain("Non calculé : l'étude n'a pas de couche de revenus");
  });
});

// The same data as a study of somewhere else: its level called "secteurs" (a name no Paris code
// path knows), no zones, no place name. The report must speak of the study's own level, of "la
// ville", and of nothing the Paris study declares (arrondissements, IRIS, ZTI, ZSP, Paris).
describe("a study of another place: the report names what the study declares", () => {
  let html: string;
  let text: string;
  beforeAll(() => {
    const dir = tempDir();
    const fixture = resolve(FIXTURE);
    const study = {
      name: "secteurs",
      title: "Caméras de la ville, par secteur",
      levels: [{ layer: "secteurs", key: "secteur", label: { fr: "secteur", en: "sector" } }],
      zones: {},
      layers: {
        cameras: { file: join(fixture, "cameras.geojson"), crs: "EPSG:2154", fields: { id: "Nom", label: "Adresse" }, source: "Ville", vintage: "2014" },
        city: { file: join(fixture, "commune.geojson") },
        secteurs: { file: join(fixture, "quartiers.geojson"), fields: { code: "QUARTMNO", name: "LIBQUART" } },
      },
    };
    writeFileSync(join(dir, "study.json"), JSON.stringify(study));
    const out = join(dir, "out");
    const r = runCli(["run", "--study", join(dir, "study.json"), "--out", out]);
    if (r.code !== 0) throw new Error(r.stderr);
    html = readFileSync(join(out, "report", "index.html"), "utf8");
    // What a reader sees: the page's text and the inlined maps' text, without the provenance
    // section (it lists the fixture's file names).
    text = html.replace(/<section id="provenance"[\s\S]*?<\/section>/, "").replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  }, 120_000);
  afterAll(removeTempDirs);

  it("has a table, a map and a comparison level for its own level", () => {
    expect(text).toContain(`Secteurs (${Object.keys(expected.quartiers).length})`);
    expect(text).toContain("Caméras et secteurs de la ville");
    expect(html).toMatch(/<option value="secteurs">Secteurs<\/option>/);
    // The camera table's district column is the declared level's.
    expect(text).toMatch(/Identifiant Libellé Secteur Mise en service/);
  });

  it("speaks of the place as the study names it", () => {
    expect(text).toContain(`${expected.cameras} dans les limites de la ville (0 hors de tout secteur)`);
    expect(text).toContain("Les caméras se concentrent-elles dans le centre et autour des gares");
  });

  it("says which layer a missing part needs, not a stage to run again", () => {
    expect(text).toContain("l'étude ne déclare pas de couche ridership");
    expect(text).toContain("l'étude ne déclare pas de couche private_cameras");
    expect(text).toContain("les caméras de l'étude ont leurs coordonnées");
    expect(text).toContain("Non calculé. Parts des caméras et de la surface : l'étude ne déclare ni zone, ni territoires du centre");
    expect(text).not.toMatch(/make (layers|geocode)/);
  });

  it("names nothing the Paris study declares", () => {
    expect(text).not.toMatch(/Paris|arrondissement|IRIS|\bZTI\b|\bZSP\b|périphérique|Barbès/);
  });
});
