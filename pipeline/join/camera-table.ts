// What the join says of every camera, as columns: the one set of values from which it writes both
// out/joined/cameras.cols (the stats stage's input, core/joined-cameras.ts) and the joined
// GeoJSON (join/joined-geojson.ts). Built from the located batch without an object per camera.
import { cellId } from "../geo/inspire-grid.js";
import { transformer } from "../geo/crs.js";
import { round7 } from "../geo/write-geojson.js";
import { columnFilePieces, DictBuilder, type Column } from "../core/column-file.js";
import type { CameraTableMeta } from "../core/joined-cameras.js";
import { memberIds, type LocatedBatch } from "./locate-all.js";
import { forEachInBox } from "../geo/point-grid.js";
import { round1, type JoinContext } from "./context.js";
import type { CameraSource } from "./camera-source.js";
import { RIDERSHIP_RADIUS_M, type StationEntries } from "./ridership.js";

/** The join's own columns, in the order its fields follow the camera's properties in the GeoJSON. */
export interface JoinColumns {
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  x: Float64Array;
  y: Float64Array;
  cell: { codes: Int32Array; values: string[] };
  /** Finest level first (the GeoJSON's order), each with the level's key. */
  levels: Array<{ key: string; codes: Int32Array; values: string[] }>;
  zones: Array<{ key: string; codes: Int32Array; values: string[] }>;
  zonesTol: Array<{ key: string; codes: Int32Array; values: string[] }>;
  inCity: Uint8Array;
  distCentre: Float64Array;
  /** NaN without terminals. */
  distTerminal: Float64Array;
  nearestTerminal: { codes: Int32Array; values: string[] };
  distEdge: Float64Array;
  stations: Uint32Array;
  ridership: Float64Array | null;
}


/** `flows`: the ridership layer's stations, when the study has one (entries within 300 m of each camera). */
export function joinColumns(ctx: JoinContext, src: CameraSource, r: LocatedBatch, flows: StationEntries[] | null): JoinColumns {
  const n = r.n;
  // The GeoJSON holds positions to 7 decimals; the table holds the same, and the planar position
  // of what it holds (the layer already wrote 7 decimals, so this is the batch's own, as a rule).
  // The layer's own arrays when every position already has 7 decimals (no 32 MB of copies for a
  // million cameras); else rounded copies, and the planar positions of the rounded ones.
  let exact = true;
  for (let i = 0; i < n && exact; i++) exact = round7(src.lon[i]) === src.lon[i] && round7(src.lat[i]) === src.lat[i];
  const lon = exact ? src.lon : src.lon.map(round7), lat = exact ? src.lat : src.lat.map(round7);
  const x = exact ? r.x : Float64Array.from(r.x), y = exact ? r.y : Float64Array.from(r.y);
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  if (!exact) for (let i = 0; i < n; i++) if (lon[i] !== src.lon[i] || lat[i] !== src.lat[i]) [x[i], y[i]] = toL93([lon[i], lat[i]]);
  const cells = new DictBuilder(n);
  const cellCode = new Map<number, Map<number, string>>();
  for (let i = 0; i < n; i++) {
    // One id string per distinct cell, not per camera.
    const cx = Math.floor(r.laeaX[i] / 200), cy = Math.floor(r.laeaY[i] / 200);
    let col = cellCode.get(cx);
    if (!col) cellCode.set(cx, (col = new Map()));
    let id = col.get(cy);
    if (id === undefined) col.set(cy, (id = cellId(r.laeaX[i], r.laeaY[i], 200)));
    cells.push(id);
  }
  const levels = ctx.levels.map((l, k) => ({ key: l.key, codes: r.levels[k], values: l.index.shapes.map((s) => s.id) })).reverse();
  const members = (m: LocatedBatch["zones"][number], z: JoinContext["zones"][number]) => {
    const d = new DictBuilder(n);
    for (let i = 0; i < n; i++) d.push(memberIds(m, z.index, i));
    return { key: z.key, ...(d.coded() as { codes: Int32Array; values: string[] }) };
  };
  const distCentre = new Float64Array(n), distTerminal = new Float64Array(n), distEdge = new Float64Array(n);
  const inCity = new Uint8Array(n);
  const terminalCodes = new Int32Array(n);
  const rid = flows ? ridershipAround(r, flows) : null;
  for (let i = 0; i < n; i++) {
    inCity[i] = r.edge[i] >= 0 ? 1 : 0;
    distCentre[i] = round1(Math.hypot(r.x[i] - ctx.centre[0], r.y[i] - ctx.centre[1]));
    distTerminal[i] = r.terminal[i] >= 0 ? round1(r.terminalDist[i]) : NaN;
    // Code t is terminal t; the last value, "", is "no terminal" (the GeoJSON's nearest_terminal "").
    terminalCodes[i] = r.terminal[i] >= 0 ? r.terminal[i] : ctx.terminals.length;
    distEdge[i] = round1(r.edge[i]);
  }
  return {
    n, lon, lat, x, y,
    cell: cells.coded() as { codes: Int32Array; values: string[] },
    levels,
    zones: ctx.zones.map((z, k) => members(r.zones[k], z)),
    zonesTol: ctx.zones.map((z, k) => ({ ...members(r.zonesTol[k], z), key: `${z.key}_tol` })),
    inCity, distCentre, distTerminal,
    nearestTerminal: { codes: terminalCodes, values: [...ctx.terminals.map((t) => t.id), ""] },
    distEdge, stations: r.stations, ridership: rid,
  };
}

/**
 * entriesWithin (join/ridership.ts) for every camera: one box query per station on the cameras'
 * index instead of every station for every camera. Stations are taken in their order, so each
 * camera's sum adds the same entries in the same order (the same double).
 */
function ridershipAround(r: LocatedBatch, flows: StationEntries[], radius = RIDERSHIP_RADIUS_M): Float64Array {
  const out = new Float64Array(r.n);
  const r2 = radius * radius;
  for (const s of flows) {
    const [sx, sy] = s.xy;
    // The box a millimetre wider: it only pre-selects, the exact test below decides.
    const reach = radius + 1e-3;
    forEachInBox(r.grid, sx - reach, sy - reach, sx + reach, sy + reach, (t) => {
      const dx = r.grid.x[t] - sx, dy = r.grid.y[t] - sy;
      if (dx * dx + dy * dy <= r2) out[r.grid.order[t]] += s.entries;
    });
  }
  return out;
}

/** out/joined/cameras.cols: the join's columns and the camera layer's, as core/joined-cameras.ts reads them. */
export function cameraTablePieces(j: JoinColumns, src: CameraSource): Uint8Array[] {
  const dict = (name: string, c: { codes: Int32Array; values: string[] }): Column => ({ name, type: "dict", codes: c.codes, values: c.values });
  const columns: Column[] = [
    { name: "lon", type: "f64", data: j.lon }, { name: "lat", type: "f64", data: j.lat },
    { name: "x", type: "f64", data: j.x }, { name: "y", type: "f64", data: j.y },
    dict("cell", j.cell), { name: "in_city", type: "u8", data: j.inCity },
    { name: "dist_centre_m", type: "f64", data: j.distCentre }, { name: "dist_terminal_m", type: "f64", data: j.distTerminal },
    dict("nearest_terminal", j.nearestTerminal), { name: "dist_edge_m", type: "f64", data: j.distEdge },
    { name: "stations_300m", type: "u32", data: j.stations },
    ...(j.ridership ? [{ name: "ridership_300m", type: "f64", data: j.ridership } as Column] : []),
    ...j.levels.map((l) => dict(`level:${l.key}`, l)),
    ...j.zones.map((z) => dict(`zone:${z.key}`, z)),
    ...j.zonesTol.map((z, k) => dict(`zone_tol:${j.zones[k].key}`, z)),
    ...src.columns,
  ];
  const meta: CameraTableMeta = { levels: j.levels.map((l) => l.key).reverse(), zones: j.zones.map((z) => z.key), ridership: j.ridership !== null };
  return columnFilePieces(j.n, columns, { ...meta, crs: "EPSG:2154 (x, y); EPSG:4326 (lon, lat)" });
}
