import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Position } from "geojson";
import { flattenPolygons, flatPointInPolygon, flatPolygonArea } from "../pipeline/geo/flat-polygons.js";
import { bandedPointInPolygon, polygonBands } from "../pipeline/geo/polygon-bands.js";
import { seededRng } from "../pipeline/stats/rng.js";
import { countPerPolygon, firstPolygonContaining, joinPointsToPolygons, polygonIndex, polygonsContaining, polygonsInBox } from "../pipeline/geo/point-join.js";
import { forEachInBox, pointGrid } from "../pipeline/geo/point-grid.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";

// Expected counts: geopandas 0.12 sjoin(predicate="within") of the same points and polygons,
// recorded by test/fixtures/join/make_expected.py (see its docstring for the fixtures' origin).
const expected = JSON.parse(readFileSync("test/fixtures/join/expected_geopandas.json", "utf8"));

function crossings(): { xs: Float64Array; ys: Float64Array } {
  const t = parseCsv(readFileSync("data/paris/cameras/croisements_rues_paris.csv", "utf8"), "c.csv");
  const lon = t.header.indexOf("lon"), lat = t.header.indexOf("lat");
  return { xs: Float64Array.from(t.rows, (r) => Number(r.cells[lon])), ys: Float64Array.from(t.rows, (r) => Number(r.cells[lat])) };
}

describe("joinPointsToPolygons", () => {
  const iris = parseGeoJSON(readFileSync("test/fixtures/join/iris_75110_75118.geojson", "utf8"), "iris.geojson").features;
  const fp = flattenPolygons(iris.map((f) => f.geometry));
  const { xs, ys } = crossings();

  it("counts the 17,050 real OSM crossings per IRIS of the 10th and 18th exactly as geopandas sjoin", () => {
    const counts = countPerPolygon(joinPointsToPolygons(xs, ys, fp), fp.count);
    const got: Record<string, number> = {};
    iris.forEach((f, p) => {
      if (counts[p]) got[String(f.properties!.code)] = counts[p];
    });
    expect(got).toEqual(expected.crossings_per_iris);
    expect(Object.values(got).reduce((a, b) => a + b, 0)).toBe(1717);
  });

  it("gives the same answer through the polygon index and through the point index", () => {
    const viaPoints = joinPointsToPolygons(xs, ys, fp); // 17,050 points ≫ 117 polygons
    const viaPolygons = joinPointsToPolygons(xs, ys, fp, polygonIndex(fp));
    expect(Array.from(viaPolygons)).toEqual(Array.from(viaPoints));
  });

  it("honours holes, MultiPolygon parts, empty polygons, and picks the lowest index on overlap", () => {
    // By hand: A = 10×10 square with a 4×4 hole at (3..7); B = two unit squares far apart;
    // C = empty; D overlaps A's right half.
    const A = { type: "Polygon" as const, coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[3, 3], [3, 7], [7, 7], [7, 3], [3, 3]]] };
    const B = { type: "MultiPolygon" as const, coordinates: [[[[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]], [[[30, 0], [31, 0], [31, 1], [30, 1], [30, 0]]]] };
    const C = { type: "Polygon" as const, coordinates: [] };
    const D = { type: "Polygon" as const, coordinates: [[[5, 0], [15, 0], [15, 10], [5, 10], [5, 0]]] };
    const fp2 = flattenPolygons([A, B, C, D]);
    const px = Float64Array.from([1, 5, 20.5, 30.5, 8, 12, 50]);
    const py = Float64Array.from([1, 5, 0.5, 0.5, 8, 5, 50]);
    // (5, 5) is in A's hole and on D's west edge, which the half-open ray rule counts as inside D;
    // (8, 8) is in A and D: the lower index, A, wins.
    const want = [0, 3, 1, 1, 0, 3, -1];
    expect(Array.from(joinPointsToPolygons(px, py, fp2, polygonIndex(fp2)))).toEqual(want);
    expect(Array.from(joinPointsToPolygons(px, py, fp2))).toEqual(want);
    // One-point queries (the join stage's) on the same engine: every container, ascending.
    const idx = polygonIndex(fp2);
    expect(polygonsContaining(fp2, idx, 8, 8)).toEqual([0, 3]);
    expect(polygonsContaining(fp2, idx, 5, 5)).toEqual([3]);
    expect(polygonsContaining(fp2, idx, 50, 50)).toEqual([]);
    expect(px.map((x, i) => firstPolygonContaining(fp2, idx, x, py[i]))).toEqual(Float64Array.from(want));
    // Box candidates: A and D meet the box around (12, 5); the empty C is never a candidate.
    expect(polygonsInBox(idx, 9, 4, 12, 6)).toEqual([0, 3]);
    expect(flatPolygonArea(fp2, 0)).toBe(100 - 16);
    expect(flatPolygonArea(fp2, 1)).toBe(2);
    expect(flatPolygonArea(fp2, 2)).toBe(0);
  });

  it("decides a point 1e-11 m from an edge shared by two polygons exactly, as GEOS does", () => {
    // Bench case 2's point 147200 and the shared edge of its two tiled IRIS (92388, 92389), here as
    // two triangles on either side of that edge. shapely 1.8 (GEOS) on the same coordinates:
    //   Polygon(L).contains(Point(702058.76, 6788933.39)) → True, Polygon(R).contains(...) → False,
    //   distance to the edge 9.97e-12 m. A rounded intersection abscissa put it in R.
    const a = [702050.0, 6788883.02], b = [702066.0, 6788975.02];
    const L = { type: "Polygon" as const, coordinates: [[a, b, [701966.0, 6788945.02], a]] };
    const R = { type: "Polygon" as const, coordinates: [[a, b, [702150.0, 6788913.02], a]] };
    const fp = flattenPolygons([R, L]);
    expect(Array.from(joinPointsToPolygons(Float64Array.of(702058.76), Float64Array.of(6788933.39), fp, polygonIndex(fp)))).toEqual([1]);
  });
});

describe("bandedPointInPolygon (the point join's test by bands of edges)", () => {
  // The reference is the full walk over every edge (flatPointInPolygon): the bands must give its
  // answer for every point, including points on vertices, on edges, on band limits and on the
  // polygon's top and bottom, for polygons with holes, several parts, spikes and flat edges.
  const rng = seededRng(20261201);
  const ring = (cx: number, cy: number, r: number, n: number, snap: number): Position[] => {
    const pts: Position[] = [];
    for (let k = 0; k < n; k++) {
      const a = (k / n) * 2 * Math.PI, rr = r * (0.3 + 0.7 * rng.next());
      // Snapped to a coarse grid: repeated y values (flat edges, vertices level with others).
      pts.push([Math.round((cx + rr * Math.cos(a)) / snap) * snap, Math.round((cy + rr * Math.sin(a)) / snap) * snap]);
    }
    return [...pts, pts[0]];
  };
  const polygons = Array.from({ length: 60 }, (_, p) => {
    const n = 3 + Math.floor(rng.next() * 300), cx = rng.next() * 1000, cy = rng.next() * 1000, snap = p % 3 === 0 ? 10 : 1e-3;
    const shell = ring(cx, cy, 200, n, snap);
    if (p % 4 === 1) return { type: "Polygon" as const, coordinates: [shell, ring(cx, cy, 40, 7, snap).reverse()] };
    if (p % 4 === 2) return { type: "MultiPolygon" as const, coordinates: [[shell], [ring(cx + 500, cy, 50, 9, snap)]] };
    if (p % 7 === 0) return { type: "Polygon" as const, coordinates: [[[cx, cy], [cx + 50, cy], [cx + 50, cy], [cx, cy]]] }; // flat
    return { type: "Polygon" as const, coordinates: [shell] };
  });
  polygons.push({ type: "Polygon" as const, coordinates: [] });
  const fp = flattenPolygons(polygons);
  const bands = polygonBands(fp);

  it("answers as the walk over every edge, point for point", () => {
    let inside = 0, tested = 0;
    for (let p = 0; p < fp.count; p++) {
      const b = fp.bbox.subarray(4 * p, 4 * p + 4);
      const probe = (x: number, y: number) => {
        const want = flatPointInPolygon(fp, p, x, y);
        if (bandedPointInPolygon(fp, bands, p, x, y) !== want) throw new Error(`polygon ${p}, point (${x}, ${y}): expected ${want}`);
        tested++;
        if (want) inside++;
      };
      for (let k = 0; k < 2000; k++) probe(b[0] + (b[2] - b[0]) * (1.2 * rng.next() - 0.1), b[1] + (b[3] - b[1]) * (1.2 * rng.next() - 0.1));
      // Every vertex, the middle of every edge, and points level with every vertex.
      for (let v = fp.ringStart[fp.polyRingStart[p]]; v < fp.ringStart[fp.polyRingStart[p + 1]]; v++) {
        const x = fp.coords[2 * v], y = fp.coords[2 * v + 1], w = v + 1 < fp.coords.length / 2 ? v + 1 : v;
        probe(x, y);
        probe((x + fp.coords[2 * w]) / 2, (y + fp.coords[2 * w + 1]) / 2);
        probe(x - 1e-9, y);
        probe(b[0] + (b[2] - b[0]) * rng.next(), y);
      }
      // Band limits: the polygon's own bands' edges in y.
      const count = bands.count[p];
      for (let k = 0; k <= count; k++) probe(b[0] + (b[2] - b[0]) * rng.next(), bands.y0[p] + k * bands.height[p]);
    }
    // The probes are not all on one side (a test that could not fail).
    expect(inside).toBeGreaterThan(tested / 10);
    expect(tested - inside).toBeGreaterThan(tested / 10);
  });

  it("gives the join, through either index, the answers of one-point queries (which walk every edge)", () => {
    const n = 50_000;
    const xs = Float64Array.from({ length: n }, () => rng.next() * 1600 - 200), ys = Float64Array.from({ length: n }, () => rng.next() * 1400 - 200);
    const idx = polygonIndex(fp);
    const walked = Array.from(xs, (x, i) => firstPolygonContaining(fp, idx, x, ys[i]));
    expect(fp.coords.length).toBeLessThan(n); // so the polygon-index join takes the bands too
    expect(Array.from(joinPointsToPolygons(xs, ys, fp))).toEqual(walked);
    expect(Array.from(joinPointsToPolygons(xs, ys, fp, idx))).toEqual(walked);
    expect(walked.filter((p) => p >= 0).length).toBeGreaterThan(n / 4);
  });

  it("gives the same answers through the point grid (no tree given) on box edges, vertices, odd points", () => {
    // Points where a cell test could go wrong: on every polygon's box corners and sides, on every
    // vertex, repeated, outside every box, not finite; a few, many, and all at one place.
    const xs: number[] = [], ys: number[] = [];
    for (let p = 0; p < fp.count; p++) {
      const [x0, y0, x1, y1] = fp.bbox.subarray(4 * p, 4 * p + 4);
      if (!(x0 <= x1)) continue;
      for (const [x, y] of [[x0, y0], [x1, y1], [x0, y1], [x1, y0], [x0, (y0 + y1) / 2], [x1, (y0 + y1) / 2], [(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1]]) xs.push(x), ys.push(y);
    }
    for (let v = 0; v < fp.coords.length / 2; v += 3) xs.push(fp.coords[2 * v], fp.coords[2 * v]), ys.push(fp.coords[2 * v + 1], fp.coords[2 * v + 1]);
    for (let k = 0; k < 20_000; k++) xs.push(rng.next() * 1600 - 200), ys.push(rng.next() * 1400 - 200);
    xs.push(NaN, 500, Infinity, -Infinity, 500, 1e300, -5e3), ys.push(500, NaN, 500, 500, -Infinity, 1e300, 500);
    const idx = polygonIndex(fp);
    const check = (px: Float64Array, py: Float64Array) => {
      const walked = Array.from(px, (x, i) => firstPolygonContaining(fp, idx, x, py[i]));
      const viaGrid = joinPointsToPolygons(px, py, fp);
      expect(Array.from(viaGrid)).toEqual(walked);
      expect(Array.from(joinPointsToPolygons(px, py, fp, undefined, pointGrid(px, py, 1)))).toEqual(walked);
      return walked;
    };
    const walked = check(Float64Array.from(xs), Float64Array.from(ys));
    expect(walked.filter((p) => p >= 0).length).toBeGreaterThan(xs.length / 4);
    const v = fp.ringStart[fp.polyRingStart[5]];
    check(new Float64Array(200).fill(fp.coords[2 * v] + 0.5), new Float64Array(200).fill(fp.coords[2 * v + 1]));
    check(new Float64Array(600).fill(NaN), new Float64Array(600).fill(1));
    // A box query on the grid takes exactly the points a plain inclusive comparison takes, boxes
    // on points, edges and beyond the grid included.
    const px = Float64Array.from(xs), py = Float64Array.from(ys), grid = pointGrid(px, py);
    for (let q = 0; q < 300; q++) {
      const a = q % 3 === 0 ? [px[q * 7], py[q * 7]] : [rng.next() * 2000 - 400, rng.next() * 1800 - 400];
      const w = q % 5 === 0 ? 0 : rng.next() * 300, h = q % 5 === 0 ? 0 : rng.next() * 300;
      const got: number[] = [];
      forEachInBox(grid, a[0], a[1], a[0] + w, a[1] + h, (t) => got.push(grid.order[t]));
      const want = [...px.keys()].filter((i) => px[i] >= a[0] && px[i] <= a[0] + w && py[i] >= a[1] && py[i] <= a[1] + h);
      expect(got.sort((u, v) => u - v)).toEqual(want);
    }
    // The grid holds every finite point once, in cells that do not decrease along x and y.
    const g = pointGrid(Float64Array.from(xs), Float64Array.from(ys));
    expect(g.order.length).toBe(xs.length - 5);
    expect(new Set(g.order).size).toBe(g.order.length);
  });
});
