// Cameras past the readability threshold: maps draw density per 200 m INSPIRE cell. Expected
// counts are by construction: points are placed inside chosen cells (EPSG:3035 south-west corner
// + 100 m, ±80 m), so each cell's count is known before the code runs; the class breaks are the
// type-7 quintiles of those counts, worked by hand below.
import { DEFAULT_DENSITY_THRESHOLD } from "../pipeline/core/study.js";
import { describe, expect, it } from "vitest";
import type { Feature } from "geojson";
import { transformer } from "../pipeline/geo/crs.js";
import { cameraDensity, cameraLayerLegend, densityCells, densityClass } from "../pipeline/render/camera-density.js";
import { cameraPoints } from "../pipeline/render/base-map.js";
import { mapFrame } from "../pipeline/render/map-frame.js";
import { walk } from "../pipeline/render/scene.js";
import { cameraRows } from "../pipeline/render/camera-list.js";
import type { PointTable } from "../pipeline/core/stage-points.js";
import { strings } from "../pipeline/render/strings.js";
import type { LegendEntry } from "../pipeline/render/legend.js";

const toLonLat = transformer("EPSG:3035", "EPSG:4326");
// Paris, about: cell N2888000 E3760000 and its neighbours.
const X0 = 3760000, Y0 = 2888000;

export function camerasIn(cells: Array<[number, number, number]>): Feature[] {
  const fs: Feature[] = [];
  for (const [dx, dy, n] of cells) {
    for (let i = 0; i < n; i++) {
      // Spread inside the cell (never on its edge): ±80 m around the centre.
      const off = ((i % 9) - 4) * 20;
      const c = toLonLat([X0 + dx * 200 + 100 + off, Y0 + dy * 200 + 100 - off]);
      fs.push({ type: "Feature", properties: { id: `c${fs.length}` }, geometry: { type: "Point", coordinates: c } });
    }
  }
  return fs;
}

const city: Feature[] = [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[toLonLat([X0 - 400, Y0 - 400]), toLonLat([X0 + 2400, Y0 - 400]), toLonLat([X0 + 2400, Y0 + 2400]), toLonLat([X0 - 400, Y0 + 2400]), toLonLat([X0 - 400, Y0 - 400])]] } }];
const dotEntry = (): LegendEntry[] => [{ kind: "point", id: "legend-camera", label: "dot", r: 1, style: {} }];

describe("density cells", () => {
  it("counts rows taken from a layer by the layer's cells: the counts of those cameras alone", () => {
    // Every third camera of cells holding 1, 2, 3, 10 and 50: by hand 1, 0, 1, 4 and 16 of them
    // (rows 0, 3, 6… of the layer in file order: cells at rows 0 | 1-2 | 3-5 | 6-15 | 16-65).
    const all = camerasIn([[0, 0, 1], [1, 0, 2], [2, 0, 3], [0, 1, 10], [3, 3, 50]]);
    const table: PointTable = {
      length: all.length,
      lon: Float64Array.from(all, (f) => (f.geometry as any).coordinates[0]),
      lat: Float64Array.from(all, (f) => (f.geometry as any).coordinates[1]),
      columns: { id: all.map((f) => f.properties!.id) },
      unplaced: 0,
    };
    const idx = all.map((_, i) => i).filter((i) => i % 3 === 0);
    densityCells(table); // the layer counted first, as Carte 1 does before the change map
    const rows = cameraRows(table, idx, true);
    expect((rows as PointTable).columns).toEqual({});
    expect([...densityCells(rows).count]).toEqual([1, 1, 4, 16]);
    // The same rows as features, counted from their own positions.
    expect([...densityCells(idx.map((i) => all[i])).count]).toEqual([1, 1, 4, 16]);
    expect([...densityCells(cameraRows(table, idx)).count]).toEqual([1, 1, 4, 16]);
  });

  it("counts cameras per 200 m cell, in cell order, with quintile classes", () => {
    // Counts 1, 2, 3, 10, 50 in five cells.
    const d = densityCells(camerasIn([[0, 0, 1], [1, 0, 2], [2, 0, 3], [0, 1, 10], [3, 3, 50]]));
    expect([...d.count]).toEqual([1, 2, 3, 10, 50]);
    expect([...d.x]).toEqual([X0, X0 + 200, X0 + 400, X0, X0 + 600]);
    expect([...d.y]).toEqual([Y0, Y0, Y0, Y0 + 200, Y0 + 600]);
    // Type-7 quantiles of 1,2,3,10,50 at 0.2/0.4/0.6/0.8: h = 0.8, 1.6, 2.4, 3.2 → 1.8, 2.6, 5.8, 18 → ceil 2, 3, 6, 18.
    expect(d.breaks).toEqual([1, 2, 3, 6, 18]);
    expect([1, 2, 3, 10, 50].map((c) => densityClass(d.breaks, c))).toEqual([0, 1, 2, 3, 4]);
  });

  it("merges equal breaks (every cell holds 4 cameras: one class)", () => {
    const d = densityCells(camerasIn([[0, 0, 4], [1, 0, 4], [2, 0, 4]]));
    expect(d.breaks).toEqual([1, 4]);
    expect(densityClass(d.breaks, 4)).toBe(1);
  });
});

describe("the map hook", () => {
  const frame = mapFrame(city, [[10, 10], [200, 150]]);
  const many = camerasIn([[0, 0, 3000], [1, 0, 1000], [2, 2, 1001]]);

  it("draws dots up to the threshold and density above it", () => {
    const few = camerasIn([[0, 0, 40], [5, 5, 60]]);
    // 100 cameras at 18 distinct offsets per cell: dots are sites, none is a density cell.
    const fewItems = [...walk([cameraPoints(frame, few)])].map(([it]) => it);
    expect(fewItems.filter((it) => it.kind === "circle").length).toBeGreaterThan(0);
    expect(fewItems.filter((it) => it.kind === "path")).toHaveLength(0);
    expect(many.length).toBe(DEFAULT_DENSITY_THRESHOLD + 1);
    const g = cameraPoints(frame, many);
    const items = [...walk([g])].map(([it]) => it);
    expect(items.filter((it) => it.kind === "circle")).toHaveLength(0);
    const cells = items.filter((it) => it.kind === "path");
    expect(cells).toHaveLength(3);
    expect(cells.map((c) => (c as { title?: string }).title).sort()).toEqual(["1\u202f000 caméras", "1\u202f001 caméras", "3\u202f000 caméras"]);
  });

  it("follows the map's threshold (a study setting)", () => {
    const few = camerasIn([[0, 0, 40], [5, 5, 60]]);
    const rule = { densityThreshold: 99, S: strings("en") };
    const items = [...walk([cameraPoints(frame, few, "cameras", 0.5, "#000000", rule)])].map(([it]) => it);
    expect(items.filter((it) => it.kind === "circle")).toHaveLength(0);
    expect(items.filter((it) => it.kind === "path").map((c) => (c as { title?: string }).title).sort()).toEqual(["40 cameras", "60 cameras"]);
    expect(cameraLayerLegend(few, "Cameras", dotEntry, { rule: { ...rule, densityThreshold: 100 } })).toEqual(dotEntry());
  });

  it("says threshold and method in the legend, in French and in English", () => {
    const fr = cameraLayerLegend(many, "Caméras", dotEntry);
    const note = fr.find((e) => e.kind === "note") as { text: string };
    expect(note.text).toBe("Caméras : 5\u202f001, au-delà de 5\u202f000 dessinées en densité (nombre de caméras par carreau INSPIRE de 200 m, classes par quintiles des 3 carreaux occupés).");
    // Counts 1000, 1001, 3000: quintiles 1000.4, 1000.8, 1400.8, 2200.4 → breaks 1, 1001, 1401, 2201.
    const fills = fr.filter((e) => e.kind === "fill").map((e) => (e as { label: string }).label);
    expect(fills).toEqual(["2\u202f201 à 3\u202f000 caméras par carreau", "1\u202f401 à 2\u202f200 caméras par carreau", "1\u202f001 à 1\u202f400 caméras par carreau", "1 à 1\u202f000 caméras par carreau"]);
    const en = cameraLayerLegend(many, "Cameras", dotEntry, { rule: { densityThreshold: 5000, S: strings("en") } });
    expect((en.find((e) => e.kind === "note") as { text: string }).text).toBe("Cameras: 5,001, above 5,000 drawn as density (cameras per 200 m INSPIRE grid cell, classes by quintiles of the 3 occupied cells).");
    expect(en.filter((e) => e.kind === "fill").map((e) => (e as { label: string }).label)[3]).toBe("1–1,000 cameras per cell");
  });
});

describe("the change map", () => {
  it("draws a status past the threshold as density in its colour, the others as symbols", async () => {
    const { changeMap } = await import("../pipeline/render/change-map.js");
    const { PRESETS } = await import("../pipeline/render/page.js");
    const studied = camerasIn([[0, 0, 3000], [1, 0, 1000], [2, 2, 1001], [4, 4, 3]]);
    const earlier = camerasIn([[4, 4, 5]]).map((f, i) => ({ ...f, properties: { id: `e${i}` } }));
    // The last three studied cameras kept, the rest new; the last two earlier ones gone.
    const { layerStatuses } = await import("../pipeline/render/change-map.js");
    const status = layerStatuses([
      ...studied.map((f, i): [string, string, string] => ["cameras", String(f.properties!.id), i >= 5001 ? "kept" : "new"]),
      ...earlier.map((f, i): [string, string, string] => ["cameras_2012", String(f.properties!.id), i >= 3 ? "removed" : "kept"]),
    ]);
    const S = strings("fr");
    const ctx = { lang: "fr" as const, S, densityThreshold: DEFAULT_DENSITY_THRESHOLD, levels: [], zones: [], extent: city, zoomed: false, inset: [], year: () => "", credit: () => [] };
    const report = { computed: true, layers: { studied: "cameras", earlier: "cameras_2012" }, counts: { kept: 3, new: 5001, removed: 2, kept_positioned_from_earlier_layer: 0 } } as any;
    const scene = changeMap({ cameras: studied, cameras_2012: earlier, city }, { report, status }, PRESETS[Object.keys(PRESETS)[0]], { title: "t", sources: [], ctx } as any)!;
    const items = [...walk(scene.layers)];
    const inGroup = (id: string) => items.filter(([it, path]) => path.includes(id) && it.kind === "path").map(([it]) => it);
    // New (5,001): three density cells, no triangle; kept (3) and gone (2): one symbol each.
    expect(inGroup("cameras-new").map((c) => (c as { title?: string }).title).sort()).toEqual(["1\u202f000 caméras", "1\u202f001 caméras", "3\u202f000 caméras"]);
    expect(inGroup("cameras-kept")).toHaveLength(3);
    expect(inGroup("cameras-gone")).toHaveLength(2);
    // The legend's lines, rejoined where they wrap.
    const legend = items.filter(([it, path]) => path.includes("legend") && it.kind === "text").map(([it]) => (it as { text: string }).text).join(" ");
    expect(legend).toContain("Caméras nouvelles depuis 2012 : 5\u202f001, au-delà de 5\u202f000 dessinées en densité (nombre de caméras par carreau INSPIRE de 200 m, classes par quintiles des 3 carreaux occupés).");
    expect(legend).toContain("2\u202f201 à 3\u202f000 caméras par carreau");
    expect(legend).toContain("présente en 2012 et dans la liste étudiée (3)");
    expect(legend).toContain("disparue depuis 2012 (2)");
    expect(legend).not.toContain("nouvelle depuis 2012 (");
  });
});
