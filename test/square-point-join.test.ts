// Points into polygons by squares of the plane (geo/square-point-join.ts) against the engine it
// short-cuts (geo/point-join.ts joinPointsToPolygons, itself checked against geopandas in
// join-stats.test.ts): the same polygon for every point, with overlapping polygons (the lowest
// number wins), holes, points on vertices and on edges, squares from 0.5 m to 400 m.
import { describe, expect, it } from "vitest";
import type { Geometry } from "geojson";
import { flattenPolygons } from "../pipeline/geo/flat-polygons.js";
import { joinPointsToPolygons } from "../pipeline/geo/point-join.js";
import { joinPointsBySquares, squareSize } from "../pipeline/geo/square-point-join.js";
import { seededRng } from "../pipeline/stats/rng.js";

/** A star-shaped ring of k vertices around (cx, cy), radii between r/2 and r. */
function star(rand: () => number, cx: number, cy: number, r: number, k: number): number[][] {
  const ring = Array.from({ length: k }, (_, i) => {
    const a = (2 * Math.PI * i) / k, d = r * (0.5 + rand() / 2);
    return [Math.round(cx + d * Math.cos(a)), Math.round(cy + d * Math.sin(a))];
  });
  return [...ring, ring[0]];
}

describe("points into polygons by squares", () => {
  it("gives the engine's answer for every point", () => {
    const rand = seededRng(11).next;
    const geoms: Geometry[] = [];
    for (let p = 0; p < 40; p++) {
      const cx = 650000 + rand() * 4000, cy = 6860000 + rand() * 4000, r = 200 + rand() * 900;
      const outer = star(rand, cx, cy, r, 5 + Math.floor(rand() * 40));
      geoms.push(p % 5 === 0 ? { type: "Polygon", coordinates: [outer, star(rand, cx, cy, r / 5, 6).reverse()] } : { type: "Polygon", coordinates: [outer] });
    }
    const fp = flattenPolygons(geoms);
    const xs: number[] = [], ys: number[] = [];
    for (let i = 0; i < 30000; i++) {
      xs.push(649000 + rand() * 6000);
      ys.push(6859000 + rand() * 6000);
    }
    // Vertices, edge midpoints and points a millimetre off them: where the even-odd rule decides.
    for (const g of geoms) for (const ring of (g as { coordinates: number[][][] }).coordinates) for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i], [bx, by] = ring[i + 1];
      for (const [x, y] of [[ax, ay], [(ax + bx) / 2, (ay + by) / 2], [ax + 1e-3, ay], [ax, ay - 1e-3]]) {
        xs.push(x);
        ys.push(y);
      }
    }
    const x = Float64Array.from(xs), y = Float64Array.from(ys);
    const want = joinPointsToPolygons(x, y, fp);
    expect(new Set(want).size).toBeGreaterThan(30); // points in most polygons, and outside all
    for (const size of [0.5, 7, 50, 100, 400, squareSize(fp)]) expect(joinPointsBySquares(x, y, fp, size)).toEqual(want);
  });

  it("answers points with no usable square (far away, NaN) one by one", () => {
    const fp = flattenPolygons([{ type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]] }]);
    const x = Float64Array.from([5, -1e12, NaN, 5]), y = Float64Array.from([5, -1e12, 5, 50]);
    expect([...joinPointsBySquares(x, y, fp, 1)]).toEqual([0, -1, -1, -1]);
  });
});
