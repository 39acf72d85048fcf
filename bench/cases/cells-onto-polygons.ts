// Bench case 4, the contrechamp side: read 200 m cells (CSV with INSPIRE ids, streamed) and
// polygons (GeoJSON in EPSG:3035, streamed), interpolate residents and summed standard of living
// by area. Usage: polygons.geojson cells.csv out.csv  →  pid,ind,ind_snv,covered_m2 per polygon.
import { writeFileSync } from "node:fs";
import { interpolateCellsOntoPolygons } from "../../pipeline/geo/cells-onto-polygons.js";
import { parseCellId } from "../../pipeline/geo/inspire-grid.js";
import { columnIndex, parseNumberCell } from "../../pipeline/geo/read-csv.js";
import { streamCsv } from "../../pipeline/geo/stream-csv.js";
import { streamFlatPolygons } from "../../pipeline/geo/stream-flat-polygons.js";

const [polygonsFile, cellsFile, out] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const { polygons: fp } = await streamFlatPolygons(polygonsFile);
const t1 = process.hrtime.bigint();
let cap = 1 << 20, n = 0;
let xs = new Float64Array(cap), ys = new Float64Array(cap), ind = new Float64Array(cap), snv = new Float64Array(cap);
let cols: number[] | undefined;
let size = 0;
await streamCsv(cellsFile, (cells, line, header) => {
  if (!cols) {
    const table = { header, rows: [], delimiter: "," };
    cols = [columnIndex(table, cellsFile, ["IdINSPIRE"], "cell id"), columnIndex(table, cellsFile, ["Ind"], "residents"), columnIndex(table, cellsFile, ["Ind_snv"], "standard of living")];
  }
  const c = parseCellId(cells[cols[0]]);
  if (!c) throw new Error(`${cellsFile}:${line}: bad cell id`);
  if (size && c.size !== size) throw new Error(`${cellsFile}:${line}: mixed cell sizes`);
  size = c.size;
  if (n === cap) {
    cap *= 2;
    const g = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    xs = g(xs); ys = g(ys); ind = g(ind); snv = g(snv);
  }
  xs[n] = c.x;
  ys[n] = c.y;
  ind[n] = parseNumberCell(cells[cols[1]]);
  snv[n++] = parseNumberCell(cells[cols[2]]);
});
const t2 = process.hrtime.bigint();
const r = interpolateCellsOntoPolygons({ size, xs: xs.subarray(0, n), ys: ys.subarray(0, n) }, [ind.subarray(0, n), snv.subarray(0, n)], fp);
const t3 = process.hrtime.bigint();
const lines = ["pid,ind,ind_snv,covered_m2"];
for (let p = 0; p < fp.count; p++) lines.push(`${p},${r.sums[0][p]},${r.sums[1][p]},${r.coveredArea[p]}`);
writeFileSync(out, lines.join("\n") + "\n");
const s = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e6) / 1000;
console.log(JSON.stringify({ polygons: fp.count, cells: n, phases_s: { readPolygons: s(t0, t1), readCells: s(t1, t2), interpolate: s(t2, t3), write: s(t3, process.hrtime.bigint()) } }));
