// Case 2: 1,000,000 points into 100,000 polygons, contrechamp against turf (naive loop, sampled),
// mapshaper -join, geopandas sjoin and PostGIS ST_Contains, all on the same files in one run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Position } from "geojson";
import { distanceToBoundary } from "../pipeline/geo/point-in-polygon.js";
import { streamGeoJSON } from "../pipeline/geo/stream-geojson.js";
import { irisShapes, writePoints, writeTiledPolygons } from "./inputs.js";
import { hasCommand, timed, timedMedian } from "./measure.js";
import { findPostgis, postgisJoin, startCluster } from "./baselines/postgis.js";
import { check, diffCounts, readCounts, row, total, type BenchRow } from "./results.js";

const POINTS = 1_000_000;
const POLYGONS = 100_000;
const TURF_SAMPLE = 25;

export function pythonHas(module: string): boolean {
  return hasCommand("/usr/bin/python3") && timedOk("/usr/bin/python3", ["-c", `import ${module}`]);
}

function timedOk(cmd: string, args: string[]): boolean {
  try {
    timed(cmd, args);
    return true;
  } catch {
    return false;
  }
}

/**
 * Points mapshaper places in another polygon than contrechamp. Allowed only for points on (within
 * 1 mm of) the boundary of both polygons, where the two tools' edge rules legitimately differ;
 * any other disagreement is a wrong result.
 */
async function boundaryDisagreements(msOut: string, joined: Int32Array, polys: string): Promise<number[]> {
  const lines = readFileSync(msOut, "utf8").split("\n");
  const head = lines[0].split(",");
  const [pi, xi, yi] = ["pid", "x", "y"].map((h) => head.indexOf(h));
  const differ: Array<{ i: number; x: number; y: number; a: number; b: number }> = [];
  for (let i = 0; i < joined.length; i++) {
    const c = lines[i + 1].split(",");
    const m = c[pi] === "" ? -1 : Number(c[pi]);
    if (m !== joined[i]) differ.push({ i, x: Number(c[xi]), y: Number(c[yi]), a: joined[i], b: m });
  }
  if (differ.length === 0) return [];
  check(differ.length <= 100, `mapshaper and contrechamp disagree on ${differ.length} points`);
  const wanted = new Set(differ.flatMap((d) => [d.a, d.b]));
  const shapes = new Map<number, Position[][][]>();
  await streamGeoJSON(polys, (f, k) => {
    if (wanted.has(k)) shapes.set(k, f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : f.geometry.type === "Polygon" ? [f.geometry.coordinates] : []);
  });
  for (const d of differ) {
    for (const p of [d.a, d.b]) {
      if (p < 0) check(false, `point ${d.i} (${d.x}, ${d.y}): contrechamp says polygon ${d.a}, mapshaper ${d.b}`);
      const dist = distanceToBoundary(d.x, d.y, shapes.get(p)!);
      check(dist <= 1e-3, `point ${d.i} (${d.x}, ${d.y}) is ${dist} m inside polygon ${p}, yet contrechamp says ${d.a} and mapshaper ${d.b}`);
    }
  }
  return differ.map((d) => d.i);
}

export async function pointsInPolygons(tmp: string, layersDir: string, log: (s: string) => void): Promise<BenchRow[]> {
  const polys = join(tmp, "polygons_2154.geojson");
  const wkt = join(tmp, "polygons_2154.tsv");
  const points = join(tmp, "points_2154.csv");
  const t0 = Date.now();
  // Paris IRIS in Lambert-93, 11 tiles per row, 1 km apart, from (600 km, 6700 km).
  const tiled = writeTiledPolygons(irisShapes(layersDir, "EPSG:2154"), { count: POLYGONS, scale: 1, origin: [600_000, 6_700_000], perRow: 11, gap: 1000, crs: "EPSG:2154", geojson: polys, wkt });
  writePoints(points, POINTS, 20261128, tiled.tiles);
  log(`case 2 inputs: ${tiled.count} polygons over ${tiled.tiles.length} tiles, ${POINTS} points (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s, not timed)`);

  const outPrefix = join(tmp, "contrechamp_join");
  const ours = timedMedian(process.execPath, ["dist/bench/cases/points-in-polygons.js", polys, points, outPrefix]);
  log(`  contrechamp ${ours.seconds.toFixed(2)} s (median of ${ours.runs.join(", ")}) ${ours.stdout.trim()}`);
  const counts = readCounts(`${outPrefix}.counts.csv`, "pid", "count");
  const joined = new Int32Array(readFileSync(`${outPrefix}.joined.bin`).buffer.slice(0));
  check(joined.length === POINTS, `contrechamp joined ${joined.length} points, expected ${POINTS}`);
  const includes = "median of 3 runs, each a whole process: node start, streaming read of the GeoJSON polygons and CSV points, index, join, writing counts";
  const rows: BenchRow[] = [];

  // turf: naive loop on a sample, extrapolated.
  const turf = timed(process.execPath, ["dist/bench/baselines/turf-loop.js", polys, points, String(TURF_SAMPLE)]);
  const tr = JSON.parse(turf.stdout);
  tr.found.forEach((p: number, i: number) => check(p === joined[i], `turf and contrechamp disagree on point ${i}: ${p} vs ${joined[i]}`));
  const turfS = tr.read_s + (tr.loop_s * POINTS) / tr.sample;
  rows.push(row("points_in_polygons", ours, "turf", turfS, `turf EXTRAPOLATED: JSON.parse of both files ${tr.read_s.toFixed(2)} s + naive booleanPointInPolygon loop over all polygons for ${tr.sample} points ${tr.loop_s.toFixed(2)} s × ${POINTS / tr.sample}; sample answers equal contrechamp's. contrechamp: ${includes}`));
  log(`  turf (extrapolated) ${turfS.toFixed(1)} s`);

  // mapshaper: the CLI on the same files.
  const msOut = join(tmp, "mapshaper_join.csv");
  const ms = timed("node_modules/.bin/mapshaper-xl", ["4gb", "-i", points, "-points", "x=x", "y=y", "-join", polys, "fields=pid", "-o", msOut]);
  const msCounts = readCounts(msOut, "pid");
  const edge = await boundaryDisagreements(msOut, joined, polys);
  const msDiff = diffCounts(counts, msCounts);
  check(msDiff === "" || edge.length > 0, `mapshaper counts per polygon differ from contrechamp's: ${msDiff}`);
  const edgeNote = edge.length ? `; ${edge.length} point(s) lying within 1 mm of an edge shared by two polygons are given to the neighbour by mapshaper (its edge rule differs; geopandas and PostGIS are compared exactly below), e.g. point ${edge[0]}` : "; counts per polygon equal";
  rows.push(row("points_in_polygons", ours, "mapshaper", ms.seconds, `mapshaper-xl 4gb -i points.csv -points -join polygons.geojson -o: whole process; every point compared${edgeNote} (${total(msCounts)} matched). contrechamp: ${includes}`, ms.peakRssMb));
  log(`  mapshaper ${ms.seconds.toFixed(2)} s`);

  if (pythonHas("geopandas")) {
    const gpOut = join(tmp, "geopandas_counts.csv");
    const gp = timed("/usr/bin/python3", ["bench/baselines/geopandas_sjoin.py", polys, points, gpOut]);
    const gpCounts = readCounts(gpOut, "pid", "count");
    const d = diffCounts(counts, gpCounts);
    check(d === "", `geopandas counts per polygon differ from contrechamp's: ${d}`);
    rows.push(row("points_in_polygons", ours, "geopandas", gp.seconds, `python3 geopandas_sjoin.py (imports, read_file, read_csv, sjoin within, counts): whole process ${gp.stdout.trim()}; counts per polygon equal. contrechamp: ${includes}`, gp.peakRssMb));
    log(`  geopandas ${gp.seconds.toFixed(2)} s`);
  } else rows.push(row("points_in_polygons", ours, "geopandas", null, "SKIPPED: /usr/bin/python3 has no geopandas (apt-get install python3-geopandas)"));

  const pg = findPostgis();
  if (pg && hasCommand("psql")) {
    const cluster = startCluster(pg, tmp);
    try {
      const pgOut = join(tmp, "postgis_counts.csv");
      const r = postgisJoin(cluster, tmp, points, wkt, 2154, pgOut, 3);
      const pgCounts = readCounts(pgOut, "pid", "count");
      const d = diffCounts(counts, pgCounts);
      check(d === "", `PostGIS counts per polygon differ from contrechamp's: ${d}`);
      rows.push(row("points_in_polygons", ours, "postgis", r.seconds, `median of 3 runs (${r.runs.join(", ")} s), each one psql session (server already running, not counted): \\copy both files (points CSV, polygons as WKT TSV), build geometries, GiST indexes on both, ANALYZE, ST_Contains join, counts out; peak RSS is psql's, not the server's. contrechamp: ${includes}`, null));
      log(`  postgis ${r.seconds.toFixed(2)} s (median of ${r.runs.join(", ")})`);
    } finally {
      cluster.stop();
    }
  } else rows.push(row("points_in_polygons", ours, "postgis", null, "SKIPPED: PostgreSQL with PostGIS not installed (apt-get install postgresql postgis)"));
  return rows;
}
