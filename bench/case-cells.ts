// Case 4: area-weighted interpolation of 2.3 million 200 m cells onto 35,000 polygons (real IRIS
// shapes scaled ×8 to commune size and tiled over a France-sized extent in EPSG:3035). Checked
// against shapely's exact intersections for a seeded sample of polygons.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gridWindow } from "../pipeline/geo/inspire-grid.js";
import { irisShapes, writeCells, writeTiledPolygons } from "./inputs.js";
import { timed, timedMedian } from "./measure.js";
import { seededRng } from "../pipeline/stats/rng.js";
import { check, row, type BenchRow } from "./results.js";
import { pythonHas } from "./case-join.js";

const CELLS = 2_300_000;
const POLYGONS = 35_000;
const SAMPLE = 200;

export function cellsOntoPolygons(tmp: string, layersDir: string, log: (s: string) => void): BenchRow[] {
  const polys = join(tmp, "polygons_3035.geojson");
  const cells = join(tmp, "cells_3035.csv");
  const t0 = Date.now();
  const tiled = writeTiledPolygons(irisShapes(layersDir, "EPSG:3035"), { count: POLYGONS, scale: 8, origin: [3_300_000, 2_200_000], perRow: 6, gap: 2000, crs: "EPSG:3035", geojson: polys });
  const [x0, y0, x1, y1] = tiled.extent;
  const totals = writeCells(cells, CELLS, 2014, gridWindow(x0, y0, x1, y1, 200));
  log(`case 4 inputs: ${tiled.count} polygons, ${CELLS} cells (generated in ${((Date.now() - t0) / 1000).toFixed(1)} s, not timed)`);
  const out = join(tmp, "contrechamp_cells.csv");
  const ours = timedMedian(process.execPath, ["dist/bench/cases/cells-onto-polygons.js", polys, cells, out]);
  log(`  contrechamp ${ours.seconds.toFixed(2)} s (median of ${ours.runs.join(", ")}) ${ours.stdout.trim()}`);
  const got = readFileSync(out, "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split(",").map(Number));
  check(got.length === POLYGONS, `${got.length} polygons in the output, expected ${POLYGONS}`);
  const allocated = got.reduce((s, r) => s + r[1], 0);
  check(allocated > 0 && allocated <= totals.ind * (1 + 1e-9), `allocated residents ${allocated} exceed the cells' total ${totals.ind}`);
  let verified = "NOT verified against shapely (/usr/bin/python3 lacks geopandas)";
  if (pythonHas("geopandas")) {
    const rand = seededRng(7).next;
    const pids = [...new Set(Array.from({ length: SAMPLE }, () => Math.floor(rand() * POLYGONS)))].sort((a, b) => a - b);
    writeFileSync(join(tmp, "pids.txt"), pids.join("\n") + "\n");
    const ref = join(tmp, "shapely_cells.csv");
    timed("/usr/bin/python3", ["bench/baselines/shapely_interpolate.py", polys, cells, join(tmp, "pids.txt"), ref]);
    const want = readFileSync(ref, "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split(",").map(Number));
    for (const [pid, ind, snv, area] of want) {
      const g = got[pid];
      for (const [a, b, what] of [[g[1], ind, "residents"], [g[2], snv, "standard of living"], [g[3], area, "covered area"]] as const) {
        check(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `polygon ${pid}: ${what} ${a} vs shapely ${b}`);
      }
    }
    verified = `${want.length} sampled polygons equal shapely's exact intersections to 1e-6 (relative)`;
  }
  return [
    row("cells_onto_polygons", ours, "none", null, `no baseline; median of 3 runs, each a whole process: node start, streaming read of ${CELLS} cells (CSV with INSPIRE ids) and ${POLYGONS} polygons (GeoJSON, EPSG:3035), exact clipping of candidate pairs, writing per-polygon sums; residents allocated ${Math.round(allocated)} of ${totals.ind}; ${verified}`),
  ];
}
