// Bench case 3, the contrechamp side: read points (CSV, streamed, EPSG:3035) and count them per
// 200 m INSPIRE cell of a France-sized window by arithmetic. Usage: points.csv out.csv
// Writes IdINSPIRE,count for every occupied cell, in cell order.
import { closeSync, openSync, writeSync } from "node:fs";
import { FRANCE_ENVELOPE } from "../../pipeline/geo/crs.js";
import { countPerCell, gridWindow, pointsToCells, writeCellCounts } from "../../pipeline/geo/inspire-grid.js";
import { streamCsvPoints } from "../../pipeline/geo/stream-csv.js";

const [pointsFile, out] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const pts = await streamCsvPoints(pointsFile, "x", "y");
const t1 = process.hrtime.bigint();
const [x0, y0, x1, y1] = FRANCE_ENVELOPE["EPSG:3035"];
const window = gridWindow(x0, y0, x1, y1, 200);
const counts = countPerCell(pointsToCells(pts.xs, pts.ys, window));
const t2 = process.hrtime.bigint();
// Written in 1 MB pieces of bytes: one giant joined string would cost more than the counting.
const fd = openSync(out, "w");
writeSync(fd, "IdINSPIRE,count\n");
writeCellCounts(counts, window, (chunk) => writeSync(fd, chunk));
closeSync(fd);
const t3 = process.hrtime.bigint();
const s = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e6) / 1000;
console.log(JSON.stringify({ points: pts.xs.length, cells: counts.cells.length, outside: counts.outside, gridCells: window.cols * window.rows, phases_s: { readPoints: s(t0, t1), count: s(t1, t2), write: s(t2, t3) } }));
