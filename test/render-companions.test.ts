// Companion maps, drawn from a stats fixture made independently with geopandas
// (test/reference/stats_fixture.py: camera counts per district by spatial join, areas in
// EPSG:2154, Lorenz and concentration curves by trapezoids). The same script's Gini (0.624088)
// and concentration index (0.127402) match the stats stage's own summary.json on another branch.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { CAMERAS_2012, otherStderr, snapshot, tempDir } from "./helpers.js";
import { runCliAsync } from "./render-helpers.js";
import { readDistrictStats, readLayers } from "../pipeline/render/read-inputs.js";
import { classify } from "../pipeline/stats/classify.js";
import { countPalette } from "../pipeline/render/palettes.js";
import { classLabel, labelDecimals } from "../pipeline/render/format-fr.js";

let out: string;
const FIX = "test/fixtures/render/stats";
const svgOf = (name: string) => readFileSync(join(out, "maps", `${name}.svg`), "utf8");

beforeAll(async () => {
  out = tempDir();
  expect((await runCliAsync(["layers", "--out", out, ...CAMERAS_2012])).code).toBe(0);
  cpSync(FIX, join(out, "stats"), { recursive: true });
  const r = await runCliAsync(["render", "--atlas", "--out", out]);
  // The fixture has no IRIS table: only that level's maps are skipped, and said so (besides the
  // stage's own progress line).
  expect(otherStderr(r.stderr)).toEqual([expect.stringMatching(/^contrechamp: render: skipped the IRIS maps \(out\/stats\/iris\.csv missing/), expect.stringMatching(/^contrechamp: render: skipped hotspots-cells \(out\/stats\/hotspots_cells\.geojson missing/)]);
  expect(r.code).toBe(0);
}, 600_000);

describe("companion maps with stats present", () => {
  it("writes every companion and 20 atlas pages, each as SVG, PNG, PDF and caption; no duplicate LQ map", () => {
    for (const m of ["carte1", "cameras-per-km2-quartiers", "cameras-arrondissements", "lorenz", "cameras-2012-2019"]) {
      for (const ext of ["svg", "png", "pdf", "txt"]) expect(existsSync(join(out, "maps", `${m}.${ext}`)), `${m}.${ext}`).toBe(true);
    }
    // The area LQ is the density over the city mean: the density map says it already.
    expect(existsSync(join(out, "maps", "lq-quartiers.svg"))).toBe(false);
    const atlas = readdirSync(join(out, "maps", "atlas")).sort();
    expect(atlas.filter((f) => f.endsWith(".png"))).toHaveLength(20);
    expect(atlas.filter((f) => f.endsWith(".svg"))).toHaveLength(20);
    expect(atlas.filter((f) => f.endsWith(".pdf"))).toHaveLength(20);
    expect(atlas[0]).toBe("75101.pdf");
  });

  it("cameras per km²: one path per quartier, filled with its class, legend = breaks", () => {
    const fixture = readDistrictStats(out, "quartiers")!;
    // Breaks from numpy, independently of classify.ts (quantiles, k = 5: the one rule for camera
    // density, pipeline/stats/class-rules.ts, which the report uses too):
    //   /usr/bin/python3 -c "import csv,numpy as np; x=np.sort([float(r['cameras_per_km2']) for r in
    //   csv.DictReader(open('test/fixtures/render/stats/quartiers.csv'))]);
    //   print([x[0],*[np.percentile(x,100*i/5) for i in range(1,5)],x[-1]])"
    const edges = [2.719387, 10.425801600000002, 13.5372914, 17.1851438, 26.700282000000005, 55.204093];
    const values = fixture.map((r) => r.values.cameras_per_km2);
    const c = classify(values, { method: "quantiles", k: 5 });
    c.edges.forEach((e, i) => expect(e).toBeCloseTo(edges[i], 9));
    // Class by hand: [a ; b[ classes, the last one closed.
    const classByHand = (v: number) => Math.min(edges.length - 2, edges.slice(1, -1).filter((e) => v >= e).length);
    const colors = countPalette(5);
    const svg = svgOf("cameras-per-km2-quartiers");
    for (const r of fixture) {
      const m = new RegExp(`<path id="${r.code}" d="[^"]+" fill="(#[0-9a-f]{6})"`).exec(svg);
      expect(m, r.code).not.toBeNull();
      expect(m![1]).toBe(colors[classByHand(r.values.cameras_per_km2)]);
    }
    expect(fixture).toHaveLength(80);
    const labels = [...svg.matchAll(/<g id="legend-class-(\d)">[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);
    expect(labels).toHaveLength(5);
    for (const [i, l] of labels) expect(l).toBe(classLabel(c.edges[i], c.edges[i + 1], "par km²", labelDecimals(c.edges)));
  });

  it("proportional symbols: one circle per arrondissement, area proportional to its cameras", () => {
    const rows = readDistrictStats(out, "arrondissements")!;
    const svg = svgOf("cameras-arrondissements");
    const r = new Map([...svg.matchAll(/<circle id="symbol-(\d+)" cx="[^"]+" cy="[^"]+" r="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]));
    expect(r.size).toBe(20);
    const max = Math.max(...rows.map((x) => x.values.cameras));
    const big = rows.find((x) => x.values.cameras === max)!;
    for (const row of rows) {
      const expected = r.get(big.code)! * Math.sqrt(row.values.cameras / max);
      expect(Math.abs(r.get(row.code)! - expected)).toBeLessThan(0.01); // 0.01 mm: SVG precision
    }
  });

  it("Lorenz chart: the curve from summary.json is drawn through its points", () => {
    const summary = JSON.parse(readFileSync(join(FIX, "summary.json"), "utf8"));
    const svg = svgOf("lorenz");
    const d = /<path id="lorenz-area-iris" d="M([^"]+)"/.exec(svg)![1];
    const pts = d.split("L").map((p) => p.split(",").map(Number));
    expect(pts).toHaveLength(summary.gini.area_iris.lorenz.length);
    // Affine map of the unit square: the first point is (0,0) at bottom left, the last (1,1) top right.
    const [x0, y0] = pts[0];
    const [x1, y1] = pts[pts.length - 1];
    const size = x1 - x0;
    expect(y0 - y1).toBeCloseTo(size, 1);
    summary.gini.area_iris.lorenz.forEach((q: { p: number; c: number }, i: number) => {
      expect(pts[i][0]).toBeCloseTo(x0 + q.p * size, 1);
      expect(pts[i][1]).toBeCloseTo(y0 - q.c * size, 1);
    });
    expect(svg).toContain("Gini 0,62");
    expect(svg).toMatch(/concentration 0,127/);
  });

  it("the 2012 vs study panels each draw every point of their layer", () => {
    const svg = svgOf("cameras-2012-2019");
    const n2012 = JSON.parse(readFileSync(join(out, "layers", "cameras_2012.geojson"), "utf8")).features.length;
    const n = JSON.parse(readFileSync(join(out, "layers", "cameras.geojson"), "utf8")).features.length;
    // Cameras at one point are one circle carrying their count (data-count).
    const drawn = (tags: string[]) => tags.reduce((sum, t) => sum + Number(/data-count="(\d+)"/.exec(t)?.[1] ?? 1), 0);
    expect(drawn(svg.match(/<circle id="older-[^>]*>/g) ?? [])).toBe(n2012);
    const panel = svg.slice(svg.indexOf('<g id="panel-cameras"'));
    expect(drawn(panel.match(/<circle id="(?!older-)[^"]*"[^>]*>/g) ?? [])).toBe(n);
  });

  it("atlas page of the 18e shows its indicators and only cameras inside its map box", () => {
    const svg = readFileSync(join(out, "maps", "atlas", "75118.svg"), "utf8");
    const row = readDistrictStats(out, "arrondissements")!.find((r) => r.code === "75118")!;
    expect(svg).toContain(`caméras : ${row.values.cameras}`);
    const png = PNG.sync.read(readFileSync(join(out, "maps", "atlas", "75118.png")));
    expect(Math.min(png.width, png.height)).toBeGreaterThanOrEqual(2480);
    const { layers } = readLayers(out);
    const box = /<g id="map-frame"[^>]*>\s*<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    const centres = [.../<g id="cameras"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1].matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(centres.length).toBeGreaterThan(row.values.cameras); // neighbours' cameras inside the box too
    expect(centres.length).toBeLessThan(layers.cameras.length);
    for (const [x, y] of centres) {
      expect(x >= box[0] && x <= box[0] + box[2] && y >= box[1] && y <= box[1] + box[3]).toBe(true);
    }
  });
});

describe("render with a broken stats file", () => {
  it("a stats CSV missing a contract column: exit 2, one clear line, maps left as they were", { timeout: 400_000 }, async () => {
    const o = tempDir();
    expect((await runCliAsync(["layers", "--out", o, ...CAMERAS_2012])).code).toBe(0);
    expect((await runCliAsync(["render", "--out", o])).code).toBe(0); // no stats yet: Carte 1 and 2012 vs study
    expect(existsSync(join(o, "maps", "atlas"))).toBe(false); // no --atlas, no atlas
    const before = snapshot(join(o, "maps"));
    cpSync(FIX, join(o, "stats"), { recursive: true });
    const csv = readFileSync(join(FIX, "quartiers.csv"), "utf8").replace("cameras_per_km2,", "cameras_km2,");
    writeFileSync(join(o, "stats", "quartiers.csv"), csv);
    const r = await runCliAsync(["render", "--out", o]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^contrechamp: .*quartiers\.csv:1: no "cameras_per_km2" column \(re-run `contrechamp stats`\)/);
    expect(snapshot(join(o, "maps"))).toEqual(before);
  });

  it("companions are byte-identical across runs, and one whose stats disappear is removed, not left stale", { timeout: 600_000 }, async () => {
    const o = tempDir();
    expect((await runCliAsync(["layers", "--out", o, ...CAMERAS_2012])).code).toBe(0);
    cpSync(FIX, join(o, "stats"), { recursive: true });
    expect((await runCliAsync(["render", "--out", o])).code).toBe(0);
    expect(existsSync(join(o, "maps", "lorenz.svg"))).toBe(true);
    // Companions are deterministic too: a second run writes the same bytes for every map.
    const first = snapshot(join(o, "maps"));
    expect(Object.keys(first)).toHaveLength(28); // 7 maps (with ridership and the volunteer survey) × svg, png, pdf, txt
    expect((await runCliAsync(["render", "--out", o])).code).toBe(0);
    expect(snapshot(join(o, "maps"))).toEqual(first);
    rmSync(join(o, "stats"), { recursive: true });
    const r = await runCliAsync(["render", "--out", o]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped lorenz/);
    expect(existsSync(join(o, "maps", "lorenz.svg"))).toBe(false);
    expect(existsSync(join(o, "maps", "lorenz.png"))).toBe(false);
    expect(existsSync(join(o, "maps", "carte1.png"))).toBe(true);
  });
});
