import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { forEachCellPiece, interpolateCellsOntoPolygons } from "../pipeline/geo/cells-onto-polygons.js";
import { flattenPolygons, flatPolygonArea } from "../pipeline/geo/flat-polygons.js";
import { parseCellId } from "../pipeline/geo/inspire-grid.js";
import { parseCsv, parseNumberCell } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";

const sq = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe("interpolateCellsOntoPolygons", () => {
  it("splits cells by exact overlap (by hand)", () => {
    // Cells of side 10 at (0,0), (10,0), (0,10) with values 100, 200, 300.
    const cells = { size: 10, xs: Float64Array.from([0, 10, 0]), ys: Float64Array.from([0, 0, 10]) };
    const values = [Float64Array.from([100, 200, 300])];
    const polygons = flattenPolygons([
      // P0: the square (5,5)-(15,15): a quarter of each cell, and 25 m² where no cell is.
      { type: "Polygon", coordinates: [sq(5, 5, 15, 15)] },
      // P1: the triangle (0,0),(10,0),(0,10): half of cell 0; clockwise on purpose.
      { type: "Polygon", coordinates: [[[0, 0], [0, 10], [10, 0], [0, 0]]] },
      // P2: cells 0 and 1 whole, minus a 2×2 hole inside cell 1.
      { type: "Polygon", coordinates: [sq(0, 0, 20, 10), sq(12, 2, 14, 4)] },
      // P3: far away.
      { type: "Polygon", coordinates: [sq(100, 100, 110, 110)] },
    ]);
    const r = interpolateCellsOntoPolygons(cells, values, polygons);
    expect(r.sums[0][0]).toBeCloseTo(25 + 50 + 75, 9);
    expect(r.coveredArea[0]).toBeCloseTo(75, 9);
    expect(r.sums[0][1]).toBeCloseTo(50, 9);
    expect(r.coveredArea[1]).toBeCloseTo(50, 9);
    expect(r.sums[0][2]).toBeCloseTo(100 + 200 * 0.96, 9);
    expect(r.coveredArea[2]).toBeCloseTo(196, 9);
    expect(r.sums[0][3]).toBe(0);
    // Totals are conserved when one polygon covers every cell (by hand: 100 + 200 + 300).
    const all = interpolateCellsOntoPolygons(cells, values, flattenPolygons([{ type: "Polygon", coordinates: [sq(-1, -1, 21, 21)] }]));
    expect(all.sums[0][0]).toBeCloseTo(600, 9);
    // The pieces themselves, polygon by polygon then row by row (the join's order): by hand as above.
    const pieces: number[][] = [];
    forEachCellPiece(cells, polygons, (p, c, a) => pieces.push([p, c, Math.round(a * 1e9) / 1e9]));
    expect(pieces).toEqual([[0, 0, 25], [0, 1, 25], [0, 2, 25], [1, 0, 50], [2, 0, 100], [2, 1, 96]]);
    expect(() => interpolateCellsOntoPolygons({ size: 10, xs: Float64Array.from([0, 5]), ys: Float64Array.from([0, 0]) }, values, polygons)).toThrow(/not on the 10 m grid/);
  });

  it("gives the IRIS of the 10th and 18th the residents and incomes geopandas overlay gives (real INSEE cells)", () => {
    // Expected: geopandas 0.12 overlay(cells, iris, how="intersection") area-weighted sums,
    // recorded by test/fixtures/join/make_expected.py.
    const expected = JSON.parse(readFileSync("test/fixtures/join/expected_geopandas.json", "utf8")).cells_per_iris;
    const iris = parseGeoJSON(readFileSync("test/fixtures/join/iris_75110_75118_3035.geojson", "utf8"), "iris.geojson").features;
    const t = parseCsv(readFileSync("data/paris/income/Filosofi2015_carreaux_200m_paris.csv", "utf8"), "f.csv");
    const [idI, indI, snvI] = ["IdINSPIRE", "Ind", "Ind_snv"].map((h) => t.header.indexOf(h));
    const ids = t.rows.map((r) => parseCellId(r.cells[idI])!);
    const cells = { size: 200, xs: Float64Array.from(ids, (c) => c.x), ys: Float64Array.from(ids, (c) => c.y) };
    const values = [Float64Array.from(t.rows, (r) => parseNumberCell(r.cells[indI])), Float64Array.from(t.rows, (r) => parseNumberCell(r.cells[snvI]))];
    const fp = flattenPolygons(iris.map((f) => f.geometry));
    const r = interpolateCellsOntoPolygons(cells, values, fp);
    expect(iris).toHaveLength(Object.keys(expected).length);
    iris.forEach((f, p) => {
      const [ind, snv, area] = expected[String(f.properties!.code)];
      expect(r.sums[0][p]).toBeCloseTo(ind, 6);
      expect(r.sums[1][p] / snv).toBeCloseTo(1, 9);
      expect(r.coveredArea[p]).toBeCloseTo(area, 3);
      // Covered area never exceeds the IRIS's own area (to float rounding, 1e-9 relative).
      expect(r.coveredArea[p]).toBeLessThanOrEqual(flatPolygonArea(fp, p) * (1 + 1e-9));
    });
  });
});
