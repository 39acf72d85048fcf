// Every camera located at once: one pass per layer over typed arrays (the bench's engines,
// point-join.ts and inspire-grid.ts), instead of one `locate` per camera that walks every layer.
// A million points cost one point index, one sweep per polygon layer and a few linear loops.
// The answers are those of `locate` (context.ts) point for point — the lowest-numbered
// polygon for a level, every containing polygon (ascending) for a zone — which the tests check.
import type { Position } from "geojson";
import { transformer, type XY } from "../geo/crs.js";
import { EdgeIndex } from "../geo/edge-index.js";
import { onThread } from "../core/on-thread.js";
import { flatDistanceToBoundary, type FlatPolygons } from "../geo/flat-polygons.js";
import { bandedPointInPolygon, polygonBands } from "../geo/polygon-bands.js";
import { joinPointsToPolygons } from "../geo/point-join.js";
import { forEachInBox, pointGrid, type PointGrid } from "../geo/point-grid.js";
import { STATION_RADIUS_M, type JoinContext } from "./context.js";

/** Points as parallel typed arrays: Lambert-93 metres and, for the grid, WGS84 lon/lat. */
export interface PointBatch {
  x: Float64Array;
  y: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
}

/** For each point, the polygons that hold it: polygons of point i are poly[start[i] .. start[i+1]). */
export interface Memberships {
  start: Int32Array;
  poly: Int32Array;
}

export interface LocatedBatch {
  n: number;
  /** The points' Lambert-93 coordinates (the batch's own arrays). */
  x: Float64Array;
  y: Float64Array;
  /** Per declared level (ctx.levels order): the lowest-numbered polygon containing each point, or -1. */
  levels: Int32Array[];
  /** Per declared zone (ctx.zones order): every polygon containing each point (strict). */
  zones: Memberships[];
  /** Per declared zone: every polygon containing each point or within the tolerance of it. */
  zonesTol: Memberships[];
  /** EPSG:3035 position (grid arithmetic), from lon/lat as `locate` does. */
  laeaX: Float64Array;
  laeaY: Float64Array;
  /** Signed distance to the city limit (positive inside). */
  edge: Float64Array;
  /** Nearest terminal (index into ctx.terminals, -1 when none) and its distance. */
  terminal: Int32Array;
  terminalDist: Float64Array;
  stations: Uint32Array;
  /** The points' index (a grid over x, y: geo/point-grid.ts), for other counts around places. */
  grid: PointGrid;
}

/** `shared`: the planar positions on memory a helper thread can read (locateAllBeside). */
export function pointBatch(lonlat: ArrayLike<number>[] | { lon: Float64Array; lat: Float64Array }, shared = false): PointBatch {
  const lon = "lon" in lonlat ? lonlat.lon : Float64Array.from(lonlat, (p) => p[0]);
  const lat = "lat" in lonlat ? lonlat.lat : Float64Array.from(lonlat, (p) => p[1]);
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const memory = () => (shared ? new SharedArrayBuffer(8 * lon.length) : new ArrayBuffer(8 * lon.length));
  const x = new Float64Array(memory()), y = new Float64Array(memory());
  for (let i = 0; i < lon.length; i++) [x[i], y[i]] = toL93([lon[i], lat[i]]);
  return { x, y, lon, lat };
}

/** Locates every point of the batch in the study's declared levels and zones, and against its city, terminals and stations. */
export function locateAll(ctx: JoinContext, pts: PointBatch): LocatedBatch {
  const m = newPointMeasures(pts.x.length, (n) => new ArrayBuffer(n));
  pointMeasures(ctx.cityEdges, ctx.terminals.map((t) => t.xy), pts, m);
  return locateWith(ctx, pts, m);
}

/**
 * locateAll with the point measures (pointMeasures: a third of the work with a million points)
 * made on the helper thread (core/on-thread.ts) while this one indexes the points and joins them
 * to the levels and zones: the same answers. The batch's arrays must be on shared memory
 * (pointBatch with `shared`), as the measures are made into.
 */
export async function locateAllBeside(ctx: JoinContext, pts: PointBatch, cityPolygons: Position[][][]): Promise<LocatedBatch> {
  const m = newPointMeasures(pts.x.length, (n) => new SharedArrayBuffer(n));
  const task = onThread<void>(POINT_MEASURES, "pointMeasuresOf", [cityPolygons, ctx.terminals.map((t) => t.xy), pts, m]);
  let out: LocatedBatch;
  try {
    out = locateWith(ctx, pts, m);
  } catch (e) {
    await task.cancel();
    throw e;
  }
  await task.result;
  return out;
}

const POINT_MEASURES = new URL("./locate-all.js", import.meta.url);

/** What locateAll measures of each point without the point index: the city edge, the LAEA position, the nearest terminal. */
export interface PointMeasures {
  laeaX: Float64Array;
  laeaY: Float64Array;
  edge: Float64Array;
  terminal: Int32Array;
  terminalDist: Float64Array;
}

function newPointMeasures(n: number, memory: (bytes: number) => ArrayBufferLike): PointMeasures {
  return {
    laeaX: new Float64Array(memory(8 * n)), laeaY: new Float64Array(memory(8 * n)), edge: new Float64Array(memory(8 * n)),
    terminal: new Int32Array(memory(4 * n)), terminalDist: new Float64Array(memory(8 * n)),
  };
}

/** pointMeasures for the helper thread: the city's edge index made there from its polygons (the same index as the context's). */
export function pointMeasuresOf(cityPolygons: Position[][][], terminals: XY[], pts: PointBatch, out: PointMeasures): void {
  pointMeasures(new EdgeIndex(cityPolygons), terminals, pts, out);
}

/** Fills `out` for every point (see PointMeasures). */
export function pointMeasures(cityEdges: EdgeIndex, terminals: XY[], pts: PointBatch, out: PointMeasures): void {
  const n = pts.x.length;
  cityEdges.signedDistances(pts.x, pts.y, undefined, out.edge);
  out.terminal.fill(-1);
  out.terminalDist.fill(NaN);
  const toLaea = transformer("EPSG:4326", "EPSG:3035");
  const tx = terminals.map((t) => t[0]), ty = terminals.map((t) => t[1]);
  for (let i = 0; i < n; i++) {
    const x = pts.x[i], y = pts.y[i];
    [out.laeaX[i], out.laeaY[i]] = toLaea([pts.lon[i], pts.lat[i]]);
    // First strictly nearest wins, as distance.ts's nearest().
    let best = Infinity;
    for (let t = 0; t < tx.length; t++) {
      const d = Math.hypot(x - tx[t], y - ty[t]);
      if (d < best) {
        best = d;
        out.terminal[i] = t;
        out.terminalDist[i] = d;
      }
    }
  }
}

/** The rest of locateAll: the point index, levels, zones and stations, with the point measures `m` (not read here: they may be in the making). */
function locateWith(ctx: JoinContext, pts: PointBatch, m: PointMeasures): LocatedBatch {
  const n = pts.x.length;
  // A grid, not a packed R-tree: a counting sort to build, cells to walk for each box.
  const grid = pointGrid(pts.x, pts.y);
  const out: LocatedBatch = {
    n, x: pts.x, y: pts.y,
    levels: ctx.levels.map((l) => joinPointsToPolygons(pts.x, pts.y, l.index.flat, undefined, grid)),
    zones: ctx.zones.map((z) => allContaining(n, z.index.flat, grid, 0)),
    zonesTol: ctx.zones.map((z) => allContaining(n, z.index.flat, grid, ctx.tolerance)),
    ...m,
    stations: new Uint32Array(n), grid,
  };
  // Stations: one box query per station on the point index (a few hundred), not one per camera.
  const r2 = STATION_RADIUS_M * STATION_RADIUS_M;
  for (const [sx, sy] of ctx.stations) {
    forEachInBox(grid, sx - STATION_RADIUS_M, sy - STATION_RADIUS_M, sx + STATION_RADIUS_M, sy + STATION_RADIUS_M, (t) => {
      const dx = grid.x[t] - sx, dy = grid.y[t] - sy;
      if (dx * dx + dy * dy <= r2) out.stations[grid.order[t]]++;
    });
  }
  return out;
}

/** Polygons containing each point (or whose boundary is within `tol` of it), ascending per point. */
function allContaining(n: number, fp: FlatPolygons, grid: PointGrid, tol: number): Memberships {
  const hitPoint: number[] = [], hitPoly: number[] = [];
  const b = fp.bbox;
  const bands = polygonBands(fp);
  for (let p = 0; p < fp.count; p++) {
    if (!(b[4 * p] <= b[4 * p + 2])) continue;
    forEachInBox(grid, b[4 * p] - tol, b[4 * p + 1] - tol, b[4 * p + 2] + tol, b[4 * p + 3] + tol, (t) => {
      const x = grid.x[t], y = grid.y[t];
      if (bandedPointInPolygon(fp, bands, p, x, y) || (tol > 0 && flatDistanceToBoundary(fp, p, x, y) <= tol)) {
        hitPoint.push(grid.order[t]);
        hitPoly.push(p);
      }
    });
  }
  // Counting sort by point, stable: polygons stay ascending within a point.
  const start = new Int32Array(n + 1);
  for (const i of hitPoint) start[i + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const poly = new Int32Array(hitPoly.length);
  for (let k = 0; k < hitPoint.length; k++) poly[fill[hitPoint[k]]++] = hitPoly[k];
  return { start, poly };
}

/** "id1;id2" of the polygons a point belongs to, or null (the joined file's zone columns). */
export function memberIds(m: Memberships, idx: { shapes: Array<{ id: string }> }, i: number): string | null {
  const a = m.start[i], b = m.start[i + 1];
  if (a === b) return null;
  let s = idx.shapes[m.poly[a]].id;
  for (let k = a + 1; k < b; k++) s += ";" + idx.shapes[m.poly[k]].id;
  return s;
}

/** Points per district of level k, and per district those inside each zone (strict). */
export function districtCounts(r: LocatedBatch, k: number, districts: number): { cameras: Uint32Array; inZone: Uint32Array[] } {
  const level = r.levels[k];
  const cameras = new Uint32Array(districts);
  const inZone = r.zones.map(() => new Uint32Array(districts));
  for (let i = 0; i < r.n; i++) {
    const d = level[i];
    if (d < 0) continue;
    cameras[d]++;
    for (let z = 0; z < r.zones.length; z++) if (r.zones[z].start[i + 1] > r.zones[z].start[i]) inZone[z][d]++;
  }
  return { cameras, inZone };
}
