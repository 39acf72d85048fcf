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

/** Property `key` of camera i (null when absent). */
export function cameraProperty(cams: CameraList, i: number, key: string): PropValue {
  if (isPointTable(cams)) return cams.columns[key]?.[i] ?? null;
  return (cams[i].properties?.[key] ?? null) as PropValue;
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
      ? { length: idx.length, lon: Float64Array.from(idx, (i) => cams.lon[i]), lat: Float64Array.from(idx, (i) => cams.lat[i]), columns: {}, unplaced: 0 }
      : tableRows(cams, idx);
  taken.set(rows, { layer: cams, idx });
  return rows;
}

// Rows taken from a layer remember it: what is worked out per camera of the layer (its density
// cell, camera-density.ts) is then read for the rows, not computed again.
const taken = new WeakMap<CameraList, { layer: CameraList; idx: number[] }>();

/** The layer and row numbers `rows` were taken from by cameraRows, if they were. */
export function rowsTakenFrom(rows: CameraList): { layer: CameraList; idx: number[] } | undefined {
  return taken.get(rows);
}
