// A polygon GeoJSON file streamed straight into flat typed arrays (flat-polygons.ts): the
// features are parsed one at a time and forgotten, the coordinates written once.
import type { GeoJSONStreamResult } from "./stream-geojson.js";
import { FlatPolygonBuilder, type FlatPolygons } from "./flat-polygons.js";
import { readPolygonGeoJSONBytes } from "./polygon-geojson-bytes.js";
import { assertReadableFile, fileBytes } from "./stream-text.js";

export interface FlatPolygonFile extends GeoJSONStreamResult {
  polygons: FlatPolygons;
}

/**
 * Polygons of a GeoJSON FeatureCollection (other geometries: empty polygons), in file order,
 * coordinates as written (declaredCrs says in which CRS).
 */
export async function streamFlatPolygons(file: string): Promise<FlatPolygonFile> {
  assertReadableFile(file);
  // A vertex takes at least 6 characters ("[0,0],") for its 2 values: a third of the bytes bounds
  // the values of an uncompressed file (a gzipped one outgrows it and the builder adds blocks).
  const size = fileBytes(file);
  const fast = new FlatPolygonBuilder(Math.ceil(size / 3));
  // Most files are read from their bytes; the few the fast reader leaves (a bad file, an odd
  // construct) are read again by the general reader, which then decides.
  const read = readPolygonGeoJSONBytes(file, fast, size);
  if (read) return { ...read, polygons: fast.finish() };
  // Loaded only then: the general reader brings every layer format's module (~50 ms to load).
  const { streamGeoJSON } = await import("./stream-geojson.js");
  const builder = new FlatPolygonBuilder(Math.ceil(size / 3));
  const result = await streamGeoJSON(file, (f) => builder.add(f.geometry));
  return { ...result, polygons: builder.finish() };
}
