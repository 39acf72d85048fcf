// Bench case 2, the contrechamp side: read polygons (GeoJSON, streamed) and points (CSV,
// streamed) from files, index, join, count per polygon. Usage: polygons.geojson points.csv out-prefix
// Writes <out>.counts.csv (pid,count for pid with points) and <out>.joined.bin (Int32 per point).
import { writeFileSync } from "node:fs";
import { countPerPolygon, joinPointsToPolygons } from "../../pipeline/geo/point-join.js";
import { streamCsvPoints } from "../../pipeline/geo/stream-csv.js";
import { streamFlatPolygons } from "../../pipeline/geo/stream-flat-polygons.js";
import { countsCsv } from "../count-csv.js";

const [polygonsFile, pointsFile, out] = process.argv.slice(2);
const lap = (() => {
  let t = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const s = Number(now - t) / 1e9;
    t = now;
    return Math.round(s * 1000) / 1000;
  };
})();
const { declaredCrs, polygons: fp } = await streamFlatPolygons(polygonsFile);
const readPolygons = lap();
const pts = await streamCsvPoints(pointsFile, "x", "y");
const readPoints = lap();
// The join picks its index (here: over the million points, queried once per polygon).
const joined = joinPointsToPolygons(pts.xs, pts.ys, fp);
const indexAndJoin = lap();
const counts = countPerPolygon(joined, fp.count);
writeFileSync(`${out}.counts.csv`, countsCsv(counts));
writeFileSync(`${out}.joined.bin`, new Uint8Array(joined.buffer));
const write = lap();
let matched = 0;
for (const c of counts) matched += c;
console.log(JSON.stringify({ crs: declaredCrs, polygons: fp.count, points: pts.xs.length, matched, phases_s: { readPolygons, readPoints, indexAndJoin, write } }));
