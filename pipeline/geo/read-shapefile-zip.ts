// A zipped shapefile (.zip holding .shp, .dbf, .prj, .cpg, at the top or in a subfolder), the way
// portals hand them out. Inflated in memory and read by the shapefile reader: no temporary files.
// Several shapefiles in one archive: the study's options.layer (or FILE:LAYER) picks one by name.
import { readFileSync } from "node:fs";
import { InputError } from "../core/errors.js";
import { chooseLayer } from "./choose-layer.js";
import { assertSizeWithinLimit } from "./input-limits.js";
import { readShapefileParts, type ParsedShapefile } from "./read-shapefile.js";
import { unzipEntries } from "./unzip.js";
import { oneLine } from "./one-line.js";

const PARTS = /\.(shp|dbf|prj|cpg)$/i;
/** Layers are named by file name without folder or extension, as QGIS and GDAL show them. */
const layerName = (entry: string) => entry.split("/").pop()!.replace(PARTS, "");

export async function readShapefileZip(file: string, layerOption?: string): Promise<ParsedShapefile & { layer: string }> {
  assertSizeWithinLimit(file);
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new InputError(file, undefined, "the file is empty", "give a .zip holding a shapefile (.shp, .dbf, .prj)");
  const seen: string[] = [];
  const entries = unzipEntries(file, bytes, (name) => PARTS.test(name), seen);
  // Entries by lower-case path without extension, so "Cams.SHP" and "Cams.dbf" pair up.
  const byStem = new Map<string, Record<string, string>>();
  for (const name of Object.keys(entries)) {
    const m = PARTS.exec(name)!;
    const stem = name.slice(0, -m[0].length);
    const k = stem.toLowerCase();
    if (!byStem.has(k)) byStem.set(k, {});
    byStem.get(k)![m[1].toLowerCase()] = name;
  }
  const shps = [...byStem.entries()].filter(([, p]) => p.shp).sort(([, a], [, b]) => layerName(a.shp).localeCompare(layerName(b.shp)) || a.shp.localeCompare(b.shp));
  if (shps.length === 0) {
    const inside = seen.length ? ` (it holds ${seen.slice(0, 5).map((n) => oneLine(n)).join(", ")}${seen.length > 5 ? ", …" : ""})` : " (it is empty)";
    throw new InputError(file, undefined, `a zip without a .shp${inside}`, "zip the .shp with its .dbf, .prj and .cpg");
  }
  const names = shps.map(([, p]) => layerName(p.shp));
  if (new Set(names).size !== names.length) {
    // Same file name in two folders: only the full path tells them apart.
    names.splice(0, names.length, ...shps.map(([, p]) => p.shp.slice(0, -4)));
  }
  const layer = chooseLayer(file, names, layerOption, "shapefile");
  const parts = shps[names.indexOf(layer)][1];
  const at = (entry: string) => `${file}:${oneLine(entry, 200)}`;
  if (!parts.dbf) throw new InputError(file, oneLine(parts.shp, 200), "the shapefile has no .dbf beside it in the zip", "zip the .dbf (same name, same folder) with the .shp");
  const text = (entry?: string) => (entry ? new TextDecoder("utf-8").decode(entries[entry]) : undefined);
  for (const e of [parts.shp, parts.dbf]) assertSizeWithinLimit(file, entries[e].length, `${oneLine(e, 200)} once unzipped`);
  const parsed = await readShapefileParts(
    { shp: entries[parts.shp], dbf: entries[parts.dbf], prj: text(parts.prj), cpg: text(parts.cpg) },
    { shp: at(parts.shp), dbf: at(parts.dbf), prj: parts.prj && at(parts.prj), cpg: parts.cpg && at(parts.cpg) },
  );
  return { ...parsed, layer, sourceFiles: [file] };
}
