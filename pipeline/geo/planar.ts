// Features from out/layers (WGS84) projected once into Lambert-93 metres, where every area,
// distance and overlay of the analysis is computed.
import type { Feature, Position } from "geojson";
import { transformer, type CrsCode } from "./crs.js";
import { polygonsOf } from "./validate.js";
import { polygonArea } from "./rings.js";

/** A polygon feature in metres: polygons → rings → [x, y]. */
export interface PlanarShape {
  id: string;
  props: Record<string, unknown>;
  polygons: Position[][][];
  bbox: [number, number, number, number];
}

export const PLANAR_CRS: CrsCode = "EPSG:2154";

export function toPlanarShape(f: Feature, crs: CrsCode = PLANAR_CRS): PlanarShape {
  const t = transformer("EPSG:4326", crs);
  const polygons = polygonsOf(f.geometry).map((rings) => rings.map((r) => r.map((p) => t([p[0], p[1]]) as Position)));
  return { id: String(f.properties?.id ?? f.id), props: f.properties ?? {}, polygons, bbox: bboxOf(polygons) };
}

/** Points' EPSG:2154 positions as columns, row i for the i-th point. */
export interface PlanarColumns {
  x: Float64Array;
  y: Float64Array;
}

export function toPlanarPoint(f: Feature, crs: CrsCode = PLANAR_CRS): [number, number] {
  if (f.geometry.type !== "Point") throw new Error(`expected a Point, found ${f.geometry.type}`);
  const c = f.geometry.coordinates;
  return transformer("EPSG:4326", crs)([c[0], c[1]]);
}

export function bboxOf(polygons: Position[][][]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of polygons) for (const r of p) for (const q of r) {
    if (q[0] < x0) x0 = q[0];
    if (q[1] < y0) y0 = q[1];
    if (q[0] > x1) x1 = q[0];
    if (q[1] > y1) y1 = q[1];
  }
  return [x0, y0, x1, y1];
}

/** Area in square metres of a multipolygon (exteriors minus holes). */
export function shapeArea(polygons: Position[][][]): number {
  return polygons.reduce((s, p) => s + polygonArea(p), 0);
}
