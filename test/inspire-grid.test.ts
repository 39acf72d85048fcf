import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { cellId, cellIdOfIndex, cellRing, countPerCell, gridWindow, parseCellId, pointsToCells, sortCellIndices, writeCellCounts } from "../pipeline/geo/inspire-grid.js";
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

describe("grid join by arithmetic", () => {
  it("puts points in cells by hand: edges belong to the cell to the north-east, outside is -1", () => {
    const w = gridWindow(3763200, 2893400, 3763799, 2893799, 200); // 3 × 2 cells
    expect(w).toEqual({ size: 200, x0: 3763200, y0: 2893400, cols: 3, rows: 2 });
    const xs = Float64Array.from([3763200, 3763399.99, 3763400, 3763799.5, 3763100, 3763300, NaN]);
    const ys = Float64Array.from([2893400, 2893599.99, 2893600, 2893799.5, 2893500, 2893300, 2893500]);
    const cells = pointsToCells(xs, ys, w);
    expect(Array.from(cells)).toEqual([0, 0, 4, 5, -1, -1, -1]);
    expect(cellIdOfIndex(4, w)).toBe("CRS3035RES200mN2893600E3763400");
    const c = countPerCell(cells);
    expect(Array.from(c.cells)).toEqual([0, 4, 5]);
    expect(Array.from(c.counts)).toEqual([2, 1, 1]);
    expect(c.outside).toBe(3);
  });

  it("finds INSEE's own cell for the centre of each of its Lambert-93 cell polygons (real file)", () => {
    // Independent reference: the Filosofi file's `geometry` WKT (EPSG:2154 squares drawn by
    // INSEE's GPKG authors) and its IdINSPIRE column. The centre of each polygon, taken to
    // EPSG:3035, must fall in the cell the file names.
    const t = parseCsv(readFileSync("data/paris/income/Filosofi2015_carreaux_200m_paris.csv", "utf8"), "f.csv");
    const idI = t.header.indexOf("IdINSPIRE");
    const gI = t.header.indexOf("geometry");
    const to3035 = transformer("EPSG:2154", "EPSG:3035");
    const xs = new Float64Array(t.rows.length), ys = new Float64Array(t.rows.length);
    t.rows.forEach((r, i) => {
      const v = [...r.cells[gI].matchAll(/(-?\d+\.?\d*) (-?\d+\.?\d*)/g)].slice(0, 4).map((m) => [Number(m[1]), Number(m[2])]);
      const cx = v.reduce((s, p) => s + p[0], 0) / 4, cy = v.reduce((s, p) => s + p[1], 0) / 4;
      [xs[i], ys[i]] = to3035([cx, cy]);
    });
    const w = gridWindow(3_700_000, 2_850_000, 3_800_000, 2_950_000);
    const cells = pointsToCells(xs, ys, w);
    expect(t.rows.length).toBe(1977); // `wc -l` = 1,978 lines with the header
    t.rows.forEach((r, i) => expect(cellIdOfIndex(cells[i], w)).toBe(r.cells[idI]));
    const counts = countPerCell(cells);
    expect(counts.cells.length).toBe(t.rows.length); // one centre per cell, no two alike
    expect(counts.outside).toBe(0);
  });
});

describe("grid join output helpers", () => {
  it("sorts cell indices like a comparison sort, dropping the -1s (seeded random indices)", () => {
    let s = 12345;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const a = Int32Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? -1 : next() % (i % 2 ? 70_000 : 2_000_000_000)));
    const want = Array.from(a).filter((v) => v >= 0).sort((x, y) => x - y);
    expect(Array.from(sortCellIndices(a))).toEqual(want);
  });

  it("writes the same ids and counts as cellIdOfIndex, in cell order", () => {
    const w = gridWindow(3_200_000, 2_100_000, 4_200_000, 3_100_000);
    const cells = Int32Array.from([5, 5, 5, 17, 4_000_001, w.cols * w.rows - 1, 0, -1]);
    const c = countPerCell(cells);
    const chunks: Buffer[] = [];
    writeCellCounts(c, w, (b) => chunks.push(b), 40); // tiny chunks: rows cut across many
    const want = Array.from(c.cells, (k, i) => `${cellIdOfIndex(k, w)},${c.counts[i]}\n`).join("");
    expect(Buffer.concat(chunks).toString("latin1")).toBe(want);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
