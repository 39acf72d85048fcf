// Bench case 2 baseline: the naive loop a turf user writes first, every point against every
// polygon with @turf/boolean-point-in-polygon, no index. Far too slow for a million points, so it
// runs on the first `sample` points and the caller extrapolates (and says so).
// Usage: polygons.geojson points.csv sample  →  JSON on stdout.
import { readFileSync } from "node:fs";
import { booleanPointInPolygon } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon } from "geojson";

const [polygonsFile, pointsFile, sampleArg] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const fc = JSON.parse(readFileSync(polygonsFile, "utf8")) as FeatureCollection<MultiPolygon>;
const lines = readFileSync(pointsFile, "utf8").split("\n");
const points = lines.slice(1).filter(Boolean).map((l) => l.split(",").map(Number));
const t1 = process.hrtime.bigint();
const sample = Math.min(Number(sampleArg), points.length);
const polygons: Feature<MultiPolygon>[] = fc.features;
const found: number[] = [];
for (let i = 0; i < sample; i++) {
  const pt = [points[i][1], points[i][2]];
  let hit = -1;
  for (let p = 0; p < polygons.length; p++) {
    if (booleanPointInPolygon(pt, polygons[p], { ignoreBoundary: false })) {
      hit = p;
      break;
    }
  }
  found.push(hit);
}
const t2 = process.hrtime.bigint();
const s = (a: bigint, b: bigint) => Number(b - a) / 1e9;
console.log(JSON.stringify({ read_s: s(t0, t1), loop_s: s(t1, t2), sample, points: points.length, found }));
