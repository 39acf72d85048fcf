// The two forms a camera layer reaches the maps in (read-inputs.ts, CameraList): features, or a
// table of positions past the density threshold. Maps go through these few functions, so a
// table is never turned into a feature per camera except for the few a map draws one by one.
import type { Feature, Point, Position } from "geojson";
import { isPointTable, tableFeatures, tableRows, type PropValue } from "../core/stage-points.js";
import type { CameraList } from "./read-inputs.js";

/** `fn(lon, lat, i)` for each camera, in layer order. */
export function forEachPoint(cams: CameraList, fn: (lon: number, lat: number, i: number) => void): void {
  if (isPointTable(cams)) {
    for (let i = 0; i < cams.length; i++) fn(cams.lon[i], cams.lat[i], i);
  } else {
    cams.forEach((f, i) => {
      const c = (f.geometry as Point).coordinates;
      fn(c[0], c[1], i);
    });
  }
}

/** The cameras as features: for layers drawn one by one (at or under the threshold). */
export function cameraFeatures(cams: CameraList): Feature[] {
  return isPointTable(cams) ? tableFeatures(cams) : cams;
}

/** Positions of every camera (for a layer drawn as dots; a density map gives its cells instead). */
export function cameraPositions(cams: CameraList): Position[] {
  const out: Position[] = [];
  forEachPoint(cams, (x, y) => out.push([x, y]));
  return out;
}

/**
 * Property `key` of every camera, in layer order (null when absent): a table's own column, so a
 * loop over a million cameras reads an array rather than a lookup per camera.
 */
export function cameraColumn(cams: CameraList, key: string): ArrayLike<PropValue> {
  if (isPointTable(cams)) return cams.columns[key] ?? new Array<PropValue>(cams.length).fill(null);
  return cams.map((f) => (f.properties?.[key] ?? null) as PropValue);
}

/**
 * The cameras at rows `idx` (ascending), in the same form as the layer. `positionsOnly`: a table
 * without its property columns, for rows drawn as density (a million ids copied for nothing
 * cost the change map a second).
 */
export function cameraRows(cams: CameraList, idx: number[], positionsOnly = false): CameraList {
  const rows: CameraList = !isPointTable(cams)
    ? idx.map((i) => cams[i])
    : positionsOnly
      ? { length: idx.length, lon: pick(cams.lon, idx), lat: pick(cams.lat, idx), columns: {}, unplaced: 0 }
      : tableRows(cams, idx);
  taken.set(rows, { layer: cams, idx });
  return rows;
}

/** a[idx[k]] for each k, by a plain loop (Float64Array.from's callback per row cost ~0.2 s a million). */
export function pick(a: Float64Array, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]];
  return out;
}

// Rows taken from a layer remember it: what is worked out per camera of the layer (its density
// cell, camera-density.ts) is then read for the rows, not computed again.
const taken = new WeakMap<CameraList, { layer: CameraList; idx: number[] }>();

/** The layer and row numbers `rows` were taken from by cameraRows, if they were. */
export function rowsTakenFrom(rows: CameraList): { layer: CameraList; idx: number[] } | undefined {
  return taken.get(rows);
}
