import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { cellId, cellRing, parseCellId } from "../pipeline/geo/inspire-grid.js";
import { transformer } from "../pipeline/geo/crs.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";

describe("INSPIRE grid ids", () => {
  it("parses the SW corner and rebuilds the id from any point of the cell", () => {
    // SOURCE.md: CRS3035RES200mN2893400E3763200 is x ∈ [3763200, 3763400], y ∈ [2893400, 2893600].
    expect(parseCellId("CRS3035RES200mN2893400E3763200")).toEqual({ size: 200, x: 3763200, y: 2893400 });
    expect(cellId(3763200, 2893400)).toBe("CRS3035RES200mN2893400E3763200");
    expect(cellId(3763399.99, 2893599.99)).toBe("CRS3035RES200mN2893400E3763200");
    expect(cellId(3763400, 2893400)).toBe("CRS3035RES200mN2893400E3763400");
  });
  it("refuses malformed ids", () => {
    for (const bad of ["CRS3035RES200mN2893450E3763200", "CRS3035RES200mE3763200N2893400", "N2893400E3763200", "CRS3035RES0mN0E0"]) {
      expect(parseCellId(bad)).toBeUndefined();
    }
  });
  it("squares built from ids match INSEE's own Lambert-93 cell polygons to 1 cm", () => {
    // Independent reference: the `geometry` WKT column of the Filosofi file (EPSG:2154, built by
    // the file's authors from INSEE's GPKG). Each of our corners must coincide with a WKT vertex.
    const t = parseCsv(readFileSync("data/paris/income/Filosofi2015_carreaux_200m_paris.csv", "utf8"), "f.csv");
    const idI = t.header.indexOf("IdINSPIRE");
    const gI = t.header.indexOf("geometry");
    const to93 = transformer("EPSG:3035", "EPSG:2154");
    let checked = 0;
    for (const r of t.rows.slice(0, 50)) {
      const wkt = r.cells[gI];
      const verts = [...wkt.matchAll(/(-?\d+\.?\d*) (-?\d+\.?\d*)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      for (const corner of cellRing(parseCellId(r.cells[idI])!).slice(0, 4)) {
        const [x, y] = to93(corner as [number, number]);
        const d = Math.min(...verts.map(([vx, vy]) => Math.hypot(vx - x, vy - y)));
        expect(d).toBeLessThan(0.01);
        checked++;
      }
    }
    expect(checked).toBe(200);
  });
});
