// Null and empty geometries (a GeoPackage row without a shape, `POINT EMPTY` in a WKT column, a
// shapefile's null record, a KML Placemark with no geometry): nothing to place, so they are
// dropped and counted rather than failing the layer, unless nothing is left.
import type { Feature, Geometry } from "geojson";
import { InputError } from "../core/errors.js";

export const EMPTY_GEOMETRY_REASON = "null or empty geometry";

/** True for a null geometry or one with no position at all (empty coordinates at every level). */
export function isEmptyGeometry(g: Geometry | null | undefined): boolean {
  if (!g) return true;
  if (g.type === "GeometryCollection") return g.geometries.every(isEmptyGeometry);
  const c = g.coordinates as unknown;
  return !hasPosition(c);
}

function hasPosition(c: unknown): boolean {
  if (!Array.isArray(c) || c.length === 0) return false;
  if (typeof c[0] === "number") return true;
  return c.some(hasPosition);
}

/**
 * Splits features into those with a geometry and a count of those without. Throws one error
 * naming the file when every feature is empty (an empty layer is never what the user meant).
 */
export function dropEmptyGeometries(features: Array<Feature | { geometry: Geometry | null; properties: Feature["properties"]; type: "Feature" }>, file: string): { kept: Feature[]; dropped: number } {
  const kept: Feature[] = [];
  for (const f of features) if (!isEmptyGeometry(f.geometry)) kept.push(f as Feature);
  const dropped = features.length - kept.length;
  if (dropped > 0 && kept.length === 0) {
    throw new InputError(file, undefined, `all ${dropped} features have a null or empty geometry`, "export the layer again with its geometry column");
  }
  return { kept, dropped };
}
