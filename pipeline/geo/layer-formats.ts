// The layer formats contrechamp reads, how a file's format is told from its name, and the
// FILE:LAYER form that picks one layer of a multi-layer file on the command line. Kept apart from
// the readers so that the study loader can check `format` without loading them.
import { existsSync } from "node:fs";
import { extname } from "node:path";
import { InputError } from "../core/errors.js";

export type LayerFormat = "geojson" | "csv" | "shapefile" | "shapefile-zip" | "gpkg" | "kml";

/** The `format` values a study file may give. */
export const LAYER_FORMATS: LayerFormat[] = ["geojson", "csv", "shapefile", "shapefile-zip", "gpkg", "kml"];

export function formatFromPath(file: string): LayerFormat {
  const ext = extname(file.replace(/\.gz$/i, "")).toLowerCase();
  if (ext === ".geojson" || ext === ".json") return "geojson";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".shp") return "shapefile";
  if (ext === ".zip") return "shapefile-zip";
  if (ext === ".gpkg") return "gpkg";
  if (ext === ".kml" || ext === ".kmz") return "kml";
  throw new InputError(file, undefined, `unknown file type "${ext}"`, "use .geojson, .json, .csv, .tsv, .shp, .zip (zipped shapefile), .gpkg, .kml or .kmz");
}

/**
 * `--layer cameras=FILE.gpkg:LAYER` (GDAL's habit): the layer of a multi-layer file named after a
 * colon. Split only when the part before the colon is such a file and the whole is not a file.
 */
export function splitLayerSuffix(path: string): { file: string; layer?: string } {
  const m = /^(.*\.(?:gpkg|zip))(?::([^/\\]+))$/i.exec(path);
  if (!m || existsSync(path) || !existsSync(m[1])) return { file: path };
  return { file: m[1], layer: m[2] };
}
