// Whole layers stage on the bundled Paris data. Expected counts come from the sources' own
// documentation (data/paris/*/SOURCE.md) and from an independent geopandas 0.12 check:
//   gpd.GeoSeries(points, crs=4326).to_crs(2154).within(arrondissements.to_crs(2154).unary_union)
// gives 1,356 Préfecture 2012 points inside Paris, 12 within 349 m outside it (périphérique,
// portes) and 21 more than 1.8 km away (Stade de France).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { otherStderr, runCli, tempDir } from "./helpers.js";

let out: string;
const layer = (name: string) => JSON.parse(readFileSync(join(out, "layers", `${name}.geojson`), "utf8"));
const manifest = () => JSON.parse(readFileSync(join(out, "layers", "manifest.json"), "utf8"));

beforeAll(() => {
  out = tempDir();
  const r = runCli(["layers", "--out", out]);
  expect(otherStderr(r.stderr)).toEqual([]);
  expect(r.code).toBe(0);
});

describe("layers stage on the Paris study", () => {
  it("writes every layer with the documented counts", () => {
    const counts: Record<string, number> = {
      arrondissements: 20,
      quartiers: 80,
      iris: 992,
      income_cells: 1977,
      zti: 12,
      zsp: 3,
      terminals: 7,
      cameras_2012: 1368,
    };
    for (const [name, n] of Object.entries(counts)) expect(layer(name).features, name).toHaveLength(n);
  });

  it("accounts for every input feature in the manifest", () => {
    for (const l of manifest().layers) {
      const dropped = l.dropped.reduce((s: number, d: { count: number }) => s + d.count, 0);
      expect(l.kept + dropped + l.merged, l.layer).toBe(l.read);
      for (const i of l.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const cams = manifest().layers.find((l: any) => l.layer === "cameras_2012");
    expect(cams.read).toBe(1389);
    expect(cams.dropped).toEqual([{ reason: "more than 500 m outside the city limit", count: 21 }]);
  });

  it("gives one point per station (IDFM stop areas) and all fields of the income cells", () => {
    // 438 station-line points; `len(set(id_ref_zdc))` in Python on the same file = 299.
    expect(layer("stations").features).toHaveLength(299);
    const cell = layer("income_cells").features.find((f: any) => f.id === "CRS3035RES200mN2893400E3763200");
    // SOURCE.md example row: Ind 2818.5, Ind_snv 44265483.1 → mean 15705.28 €/person.
    expect(cell.properties.Ind).toBe(2818.5);
    expect(cell.properties.Men_pauv).toBe(280);
    expect(cell.properties.mean_income).toBeCloseTo(44265483.1 / 2818.5, 2);
    expect(layer("income_cells").features.filter((f: any) => f.properties.imputed)).toHaveLength(127);
  });

  it("writes RFC 7946: stable ids, 7 decimals, exterior rings counter-clockwise", () => {
    for (const name of ["arrondissements", "quartiers", "iris", "zti", "zsp", "income_cells", "cameras_2012"]) {
      const fc = layer(name);
      const ids = fc.features.map((f: any) => f.properties.id);
      expect(new Set(ids).size, name).toBe(ids.length);
      const text = readFileSync(join(out, "layers", `${name}.geojson`), "utf8");
      expect(text).not.toMatch(/\d\.\d{8,}[,\]]/);
      for (const f of fc.features) {
        if (f.geometry.type === "Point") continue;
        const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const rings of polys) {
          const r = rings[0];
          let s = 0;
          for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
          expect(s, `${name} ${f.properties.id}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("camera properties follow the contract", () => {
    const f = layer("cameras_2012").features[0];
    expect(Object.keys(f.properties)).toEqual(
      expect.arrayContaining(["id", "source", "arrondissement", "label", "commissioned", "geocode_method", "geocode_confidence"]),
    );
    expect(f.properties.arrondissement).toMatch(/^751(0[1-9]|1\d|20)$/);
    // Record 0 is "BD SUCHET / RAPHAEL", a 16e crossing (Auteuil side of the Bois).
    expect(f.properties.label).toBe("BD SUCHET / RAPHAEL");
    expect(f.properties.arrondissement).toBe("75116");
  });

  it("a second run gives the same bytes", () => {
    const again = tempDir();
    expect(runCli(["layers", "--out", again]).code).toBe(0);
    for (const name of ["zsp", "cameras_2012", "income_cells", "manifest"]) {
      const file = name === "manifest" ? "manifest.json" : `${name}.geojson`;
      expect(readFileSync(join(again, "layers", file), "utf8")).toBe(readFileSync(join(out, "layers", file), "utf8"));
    }
  });
});
