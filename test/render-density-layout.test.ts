// A camera layer past the density threshold, end to end through the render stage's reader and
// Carte 1: it arrives as a table (no feature per camera), the map and the layout see density cells
// (never one object or one occupied point per camera), the legend states the method, and over
// income cells the classes are squares. Counts are known by construction: cameras are placed
// inside chosen EPSG:3035 cells (south-west corner + 100 m, ±80 m), as in camera-density.test.ts.
import { DEFAULT_DENSITY_THRESHOLD } from "../pipeline/core/study.js";
import { describe, expect, it } from "vitest";
import type { Feature } from "geojson";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformer } from "../pipeline/geo/crs.js";
import { geojsonPieces } from "../pipeline/geo/write-geojson.js";
import { OutputSet } from "../pipeline/core/output.js";
import { isPointTable, type PointTable } from "../pipeline/core/stage-points.js";
import { readLayers, type Layers } from "../pipeline/render/read-inputs.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { occupiedBy } from "../pipeline/render/camera-density.js";
import { readChange } from "../pipeline/render/change-map.js";
import { PRESETS } from "../pipeline/render/page.js";
import { strings } from "../pipeline/render/strings.js";
import { walk, type Group } from "../pipeline/render/scene.js";
import { tempDir } from "./helpers.js";

const toLonLat = transformer("EPSG:3035", "EPSG:4326");
const toLaea = transformer("EPSG:4326", "EPSG:3035");
const X0 = 3760000, Y0 = 2888000;
// Cells (dx, dy, cameras): 5,004 cameras in 4 cells.
const CELLS: Array<[number, number, number]> = [[0, 0, 3000], [1, 0, 1000], [2, 2, 1001], [5, 5, 3]];

function cameras(): Feature[] {
  const fs: Feature[] = [];
  for (const [dx, dy, n] of CELLS) {
    for (let i = 0; i < n; i++) {
      const off = ((i % 9) - 4) * 20;
      const c = toLonLat([X0 + dx * 200 + 100 + off, Y0 + dy * 200 + 100 - off]);
      fs.push({ type: "Feature", properties: { id: `c${fs.length}`, label: `caméra ${fs.length}`, geocode_method: "source" }, geometry: { type: "Point", coordinates: c } });
    }
  }
  return fs;
}

const square = (x0: number, y0: number, x1: number, y1: number) => [[toLonLat([x0, y0]), toLonLat([x1, y0]), toLonLat([x1, y1]), toLonLat([x0, y1]), toLonLat([x0, y0])]];
const city: Feature[] = [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: square(X0 - 400, Y0 - 400, X0 + 2400, Y0 + 2400) } }];
// Income cells on the same grid, one per camera cell and a few empty ones.
const income: Feature[] = [[0, 0], [1, 0], [2, 2], [5, 5], [3, 3], [4, 1]].map(([dx, dy], i) => ({
  type: "Feature",
  properties: { id: `cell-${i}`, mean_income: 15000 + 5000 * i },
  geometry: { type: "Polygon", coordinates: square(X0 + dx * 200, Y0 + dy * 200, X0 + dx * 200 + 200, Y0 + dy * 200 + 200) },
}));

function outDir(): string {
  const out = tempDir();
  const set = new OutputSet();
  set.add(join(out, "layers", "cameras.geojson"), geojsonPieces(cameras(), "cameras"));
  set.add(join(out, "layers", "city.geojson"), geojsonPieces(city, "city"));
  set.add(join(out, "layers", "income_cells.geojson"), geojsonPieces(income, "income_cells"));
  set.add(join(out, "layers", "manifest.json"), JSON.stringify({ study: "test", area: null, layers: [] }));
  set.commit();
  return out;
}

/** The table with its property columns made unreadable: building a feature per camera would throw. */
function sealed(t: PointTable): PointTable {
  const no = () => {
    throw new Error("a camera's properties were read: a feature per camera was built");
  };
  return { ...t, columns: new Proxy({}, { get: no, ownKeys: no, has: no, getOwnPropertyDescriptor: no }) };
}

const S = strings("fr");
const ctx = { lang: "fr" as const, S, densityThreshold: DEFAULT_DENSITY_THRESHOLD, levels: [], zones: [], extent: city, zoomed: false, inset: [], year: () => "", credit: () => [] };
const classing = { method: "quantiles" as const, k: 3 };
const texts = (g: Group[]) => [...walk(g)].filter(([it]) => it.kind === "text").map(([it]) => (it as { text: string }).text).join(" ");

describe("a camera layer past the density threshold", () => {
  const out = outDir();

  it("is read as a table of positions with the few columns the maps use, at or under it as features", () => {
    const { layers, unplaced } = readLayers(out, [], DEFAULT_DENSITY_THRESHOLD);
    expect(isPointTable(layers.cameras)).toBe(true);
    const t = layers.cameras as PointTable;
    expect(t.length).toBe(5004);
    expect(Object.keys(t.columns).sort()).toEqual(["geocode_method", "id"]);
    expect(unplaced).toEqual({});
    // The same file under a higher threshold: features, as before.
    const few = readLayers(out, [], 6000).layers.cameras;
    expect(Array.isArray(few) && few.length).toBe(5004);
    // Read as a large file is (the table first, a block at a time): the same layers either way.
    expect(readLayers(out, [], DEFAULT_DENSITY_THRESHOLD, 0)).toEqual({ layers, manifest: readLayers(out, [], DEFAULT_DENSITY_THRESHOLD).manifest, unplaced });
    expect(readLayers(out, [], 6000, 0).layers.cameras).toEqual(few);
  });

  it("gives the layout the density cells (a 3 × 3 lattice each), not a point per camera", () => {
    const t = readLayers(out, [], DEFAULT_DENSITY_THRESHOLD).layers.cameras as PointTable;
    const pts = occupiedBy(sealed(t), ctx);
    expect(pts).toHaveLength(9 * CELLS.length);
    // Every lattice point is on its cell (corners, edge midpoints, centre) in EPSG:3035.
    const cells = new Set(CELLS.map(([dx, dy]) => `${X0 + dx * 200},${Y0 + dy * 200}`));
    for (const p of pts) {
      const [x, y] = toLaea([p[0], p[1]]);
      const near = [...cells].some((c) => {
        const [cx, cy] = c.split(",").map(Number);
        return x > cx - 0.01 && x < cx + 200.01 && y > cy - 0.01 && y < cy + 200.01;
      });
      expect(near).toBe(true);
    }
  });

  it("draws Carte 1 from the table without a feature per camera, squares over the income, the method in the legend", () => {
    const read = readLayers(out, [], DEFAULT_DENSITY_THRESHOLD);
    const layers = { ...read.layers, cameras: sealed(read.layers.cameras as PointTable) } as Layers;
    const { scene } = carte1(layers, PRESETS["a4-landscape"], classing, { title: "t", sources: [], ctx });
    const cams = scene.layers.find((g) => g.id === "cameras")!;
    const items = [...walk([cams])].map(([it]) => it);
    expect(items.filter((it) => it.kind === "circle")).toHaveLength(0);
    const paths = items.filter((it) => it.kind === "path") as Array<{ d: string; title?: string }>;
    expect(paths.map((p) => p.title).sort()).toEqual(["1\u202f000 caméras", "1\u202f001 caméras", "3 caméras", "3\u202f000 caméras"]);
    // Squares inside their cells: each is narrower than the income cell under it.
    const width = (d: string) => {
      const xs = [...d.matchAll(/[ML]([-\d.]+),/g)].map((m) => Number(m[1]));
      return Math.max(...xs) - Math.min(...xs);
    };
    const incomeCell = [...walk(scene.layers)].map(([it]) => it).find((it) => it.kind === "path" && (it as { id?: string }).id === "cell-0") as { d: string };
    const cell = width(incomeCell.d);
    expect(cell).toBeGreaterThan(1);
    for (const p of paths) expect(width(p.d)).toBeLessThan(cell * 0.8);
    const legend = texts(scene.layers.filter((g) => g.id === "legend"));
    expect(legend).toContain("au-delà de 5\u202f000 dessinées en densité");
    expect(legend).toContain("classes par quintiles des 4 carreaux occupés");
    expect(legend).toContain("un carré au centre de chaque carreau");
    expect(scene.caption).toContain("5\u202f004, au-delà de 5\u202f000 dessinées en densité");
  });

  it("without income cells keeps the veil (no squares sentence)", () => {
    const read = readLayers(out, [], DEFAULT_DENSITY_THRESHOLD);
    const layers = { city: read.layers.city, cameras: sealed(read.layers.cameras as PointTable) } as Layers;
    const { scene } = carte1(layers, PRESETS["a4-landscape"], classing, { title: "t", sources: [], ctx });
    const legend = texts(scene.layers.filter((g) => g.id === "legend"));
    expect(legend).toContain("dessinées en densité");
    expect(legend).not.toContain("un carré au centre");
    const groups = [...walk(scene.layers)].filter(([it]) => it.kind === "group" && /^cameras-density-\d$/.test((it as Group).id ?? "")).map(([it]) => (it as Group).style);
    expect(groups.length).toBeGreaterThan(0);
    for (const st of groups) expect(st?.fillOpacity).toBeGreaterThan(0);
  });
});

describe("change.csv statuses", () => {
  const write = (csv: string) => {
    const out = tempDir();
    mkdirSync(join(out, "stats"), { recursive: true });
    writeFileSync(join(out, "stats", "change.json"), JSON.stringify({ computed: true }));
    writeFileSync(join(out, "stats", "change.csv"), csv);
    return readChange(out)!.status;
  };
  const header = "layer,id,status,match_id,distance_m\n";

  it("reads the three columns line by line, and through the tokenizer when a cell is quoted, alike", () => {
    const plain = write(header + "cameras,a,new,,\ncameras,b,kept,x,3.5\ncameras_2012,x,kept,b,3.5\ncameras_2012,y,removed,,\n");
    expect(plain.get("cameras")).toEqual({ ids: ["a", "b"], statuses: ["new", "kept"] });
    expect(plain.get("cameras_2012")).toEqual({ ids: ["x", "y"], statuses: ["kept", "removed"] });
    const quoted = write(header + 'cameras,"a,1",new,,\ncameras,b,kept,x,3.5\ncameras_2012,x,kept,b,3.5\ncameras_2012,y,removed,,\n');
    expect(quoted.get("cameras")).toEqual({ ids: ["a,1", "b"], statuses: ["new", "kept"] });
    expect(quoted.get("cameras_2012")).toEqual(plain.get("cameras_2012"));
  });

  it("keeps each row with its own layer and status when the layers interleave and a status is empty", () => {
    // The line reader reuses the last row's layer and status strings: a change of either, back
    // and forth, and an empty status must still land where the tokenizer puts them.
    const body = "cameras,a,new,,\ncameras_2012,x,,,\ncameras,b,,,\ncameras,c,kept,,\ncameras_2012,y,removed,,\ncameras,d,new,,\n";
    const plain = write(header + body), quoted = write(header + body.replace("cameras,d,", 'cameras,"d",'));
    expect(plain.get("cameras")).toEqual({ ids: ["a", "b", "c", "d"], statuses: ["new", "", "kept", "new"] });
    expect(plain.get("cameras_2012")).toEqual({ ids: ["x", "y"], statuses: ["", "removed"] });
    expect(plain).toEqual(quoted);
  });

  it("reads a file of several blocks alike: UTF-8 ids, a quote far on, a short row", () => {
    // 60,000 rows (~1.7 MB): many of the reader's 64 kB blocks.
    const ids = Array.from({ length: 60000 }, (_, i) => (i === 50000 ? "caméra-é" : `c${i}`));
    const rows = ids.map((id, i) => `cameras,${id},${i % 3 ? "kept" : "new"},,\n`);
    const st = write(header + rows.join(""));
    expect(st.get("cameras")!.ids).toEqual(ids);
    expect(st.get("cameras")!.statuses.filter((x) => x === "new")).toHaveLength(20000);
    // A quoted cell in a later block: the tokenizer's reading of the whole file.
    const odd = [...rows];
    odd[55000] = 'cameras,"q,1",new,,\n';
    const tok = write(header + odd.join("")).get("cameras")!;
    expect(tok.ids[55000]).toBe("q,1");
    expect(tok.ids).toHaveLength(60000);
    // With a short row near the start too: the tokenizer's error, as for a file read whole.
    odd[10] = "cameras\n";
    expect(() => write(header + odd.join(""))).toThrow(/:12: row has 1 fields/);
    // The short row alone: the line reader's.
    odd[55000] = rows[55000];
    expect(() => write(header + odd.join(""))).toThrow(/fewer than three columns/);
  });
});
