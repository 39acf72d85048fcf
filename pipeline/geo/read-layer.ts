// One entry point for every vector input: GeoJSON, CSV/TSV (coordinate pairs or a WKT/GeoJSON
// geometry column), Shapefile, zipped Shapefile, GeoPackage, KML/KMZ. Works out the CRS
// (option > .prj / crs member / srs table > format default), checks the coordinates are
// plausible for it, drops and counts null or empty geometries, and returns features reprojected
// to WGS84 lon/lat.
import { readFileSync } from "node:fs";
import { gunzip, gunzipSync } from "node:zlib";
import type { Feature, Geometry, Position } from "geojson";
import { InputError, displayPath } from "../core/errors.js";
import { FRANCE_ENVELOPE, parseCrsName, transformer, type CrsCode } from "./crs.js";
import { assertReadableFile } from "./stream-text.js";
import { decodeCp1252 } from "./text-decoding.js";
import { parseGeoJSON } from "./read-geojson.js";
// The Shapefile, GeoPackage and KML readers are imported when a file of theirs is read: their
// libraries (shapefile with its text-encoding polyfill, sql.js, fast-xml-parser) cost ~0.2 s of
// start-up to every command, and most reads are GeoJSON or CSV.
import { readCsvLayer } from "./read-csv-layer.js";
import { assertFitsInMemory, assertSizeWithinLimit, maxLayerBytes } from "./input-limits.js";
import { EMPTY_GEOMETRY_REASON } from "./empty-geometry.js";
import { step } from "../core/progress.js";
import { formatFromPath, type LayerFormat } from "./layer-formats.js";

export type { LayerFormat } from "./layer-formats.js";
export { LAYER_FORMATS, formatFromPath, splitLayerSuffix } from "./layer-formats.js";

export interface ReadOptions {
  format?: LayerFormat;
  /** Declared CRS; wins over .prj and crs members (a user's --crs). */
  crs?: string;
  /** For CSV: coordinate column names, if not one of the detected pairs. */
  x?: string;
  y?: string;
  /** For files holding several layers (GeoPackage, zip): the one to read (study `options.layer`). */
  layer?: string;
}

export interface ReadLayer {
  file: string;
  sourceFiles: string[];
  sourceCrs: CrsCode;
  /** Features in WGS84 lon/lat, without those dropped. */
  features: Feature[];
  /** Features in the file: features.length + the dropped counts. */
  read: number;
  /** Features the reader dropped (null or empty geometries), for the manifest. */
  dropped: Array<{ reason: string; count: number }>;
  notes: string[];
}

/** The reader options of a study layer: its format, CRS and options.layer. */
export function readOptionsOf(spec: { format?: LayerFormat; crs?: string; options?: Record<string, unknown> }): ReadOptions {
  const layer = spec.options?.layer;
  return { format: spec.format, crs: spec.crs, ...(typeof layer === "string" ? { layer } : {}) };
}

export function readText(file: string): string {
  return readTextWithEncoding(file).text;
}

/** The text of a (possibly gzipped) file and the encoding it was decoded from. */
export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/** `kind`: a layer format whose memory is checked on its (decompressed) size before it is decoded. */
export function readTextWithEncoding(file: string, kind?: "csv" | "geojson"): { text: string; encoding: TextEncoding } {
  const raw = readFileBytes(file);
  if (kind) assertFitsInMemory(file, raw.length, kind);
  return decodeText(raw);
}

/** The bytes of a (possibly gzipped) file, gunzipped: what readText decodes. */
export function readFileBytes(file: string): Uint8Array {
  const bytes = readGzBytes(file);
  if (!/\.gz$/i.test(file)) return bytes;
  try {
    return gunzipSync(bytes, gunzipOptions(bytes));
  } catch (e) {
    throw gunzipError(file, e);
  }
}

/**
 * readFileBytes with the gunzipping on libuv's thread pool, so that the main thread reads other
 * files meanwhile (the BAN: 4 MB → 29 MB, ~0.3 s of inflating). Same bytes, same errors; they
 * come as a rejection (the caller awaits it where it would have read the file).
 */
export async function readFileBytesAsync(file: string): Promise<Uint8Array> {
  const bytes = readGzBytes(file);
  if (!/\.gz$/i.test(file)) return bytes;
  return new Promise((resolve, reject) => {
    gunzip(bytes, gunzipOptions(bytes), (e, out) => {
      if (!e) return resolve(out);
      try {
        reject(gunzipError(file, e));
      } catch (tooLarge) {
        reject(tooLarge); // gunzipError throws the size-limit error itself
      }
    });
  });
}

function readGzBytes(file: string): Buffer {
  assertReadableFile(file);
  assertSizeWithinLimit(file);
  return readFileSync(file);
}

function gunzipOptions(gz: Uint8Array): { maxOutputLength: number; chunkSize: number } {
  return { maxOutputLength: maxLayerBytes(), chunkSize: gunzipChunkSize(gz) };
}

function gunzipError(file: string, e: unknown): InputError {
  if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") assertSizeWithinLimit(file, maxLayerBytes() + 1, "its content once gunzipped");
  return new InputError(file, undefined, `named .gz but not gzip data (${(e as Error).message})`, "gunzip it again, or drop the .gz from its name if it is plain text");
}

/** Text of a file's bytes: UTF-16 with a byte-order mark, else UTF-8, else CP1252. */
export function decodeText(raw: Uint8Array): { text: string; encoding: TextEncoding } {
  // Spreadsheets' "Unicode text" export is UTF-16 with a byte-order mark.
  const utf16 = raw[0] === 0xff && raw[1] === 0xfe ? "utf-16le" : raw[0] === 0xfe && raw[1] === 0xff ? "utf-16be" : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(raw), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(raw), encoding: "utf-8" };
  } catch {
    // Not UTF-8: spreadsheets on French systems save CP1252.
    return { text: decodeCp1252(raw), encoding: "windows-1252" };
  }
}

/**
 * One output buffer the size the gzip trailer announces (ISIZE, the size mod 2^32 of the last
 * member), instead of zlib's default 16 KiB chunks: the BAN (4 MB → 29 MB) otherwise costs
 * ~1,800 chunks and a concatenation, about 10 times the inflating itself. Only a hint: a wrong
 * ISIZE (several members, > 4 GiB, a corrupt trailer) just means more chunks. Capped by the
 * layer limit and by deflate's largest ratio (~1032:1), so a lying trailer allocates nothing big.
 */
function gunzipChunkSize(gz: Uint8Array): number {
  const DEFAULT = 64 * 1024;
  if (gz.length < 18) return DEFAULT;
  const n = gz.length;
  const isize = (gz[n - 4] | (gz[n - 3] << 8) | (gz[n - 2] << 16) | (gz[n - 1] << 24)) >>> 0;
  return Math.max(DEFAULT, Math.min(isize + 1, maxLayerBytes() + 1, gz.length * 1032 + 1024));
}

export function declared(opt: ReadOptions, file: string): CrsCode | undefined {
  if (!opt.crs) return undefined;
  const c = parseCrsName(opt.crs);
  if (!c) throw new InputError(file, undefined, `unknown CRS "${opt.crs}"`, "use EPSG:4326, EPSG:2154, EPSG:3035, EPSG:27572 or EPSG:3857");
  return c;
}

/**
 * Layers read ahead of the others (a user's --layer files, read first so that a bad one fails at
 * once), handed over once to the reader that asks for the same file with the same options.
 */
const readAhead = new Map<string, ReadLayer>();
const aheadKey = (file: string, opt: ReadOptions) => JSON.stringify([file, opt.format, opt.crs, opt.x, opt.y, opt.layer]);

export async function readLayerAhead(file: string, opt: ReadOptions = {}): Promise<void> {
  readAhead.set(aheadKey(file, opt), await readLayerFile(file, opt));
}

export async function readLayerFile(file: string, opt: ReadOptions = {}): Promise<ReadLayer> {
  const ahead = readAhead.get(aheadKey(file, opt));
  if (ahead) {
    readAhead.delete(aheadKey(file, opt));
    return ahead;
  }
  assertReadableFile(file);
  const format = opt.format ?? formatFromPath(file);
  const explicit = declared(opt, file);
  const notes: string[] = [];
  let features: Feature[];
  let crs: CrsCode | undefined;
  let sourceFiles = [file];
  let empty = 0;
  let whereOf = (i: number) => `feature ${i}`;
  if (format === "geojson") {
    const { text, encoding } = readTextWithEncoding(file, "geojson");
    if (encoding !== "utf-8") notes.push(`not UTF-8: decoded as ${encoding}`);
    const parsed = parseGeoJSON(text, file, { allowEmpty: true });
    // Indices in messages stay those of the file, so count the empties without renumbering.
    const all = parsed.features;
    const index = new Map<Feature, number>(all.map((f, i) => [f, i]));
    features = all.filter((f) => f.geometry !== null);
    empty = all.length - features.length;
    whereOf = (i) => `feature ${index.get(features[i]) ?? i}`;
    if (parsed.unknownCrs && !explicit) {
      throw new InputError(file, undefined, `unknown CRS "${parsed.unknownCrs}" in the crs member`, "reproject to EPSG:4326, 2154, 3035, 27572 or 3857, or pass --crs");
    }
    if (parsed.unknownCrs) notes.push(`CRS ${explicit} given; the crs member says ${parsed.unknownCrs}`);
    crs = explicit ?? parsed.declaredCrs ?? "EPSG:4326";
  } else if (format === "shapefile" || format === "shapefile-zip") {
    const parsed = format === "shapefile" ? await (await import("./read-shapefile.js")).readShapefile(file) : await (await import("./read-shapefile-zip.js")).readShapefileZip(file, opt.layer);
    if ("layer" in parsed) notes.push(`zipped shapefile "${parsed.layer}"`);
    features = parsed.features;
    empty = parsed.emptyGeometries;
    sourceFiles = parsed.sourceFiles;
    if (explicit && parsed.prjCrs && explicit !== parsed.prjCrs) notes.push(`CRS ${explicit} given; the .prj says ${parsed.prjCrs}`);
    crs = explicit ?? parsed.prjCrs;
    if (!crs) throw new InputError(file, undefined, "the shapefile has no .prj, so its coordinate system is unknown", "add a .prj or pass --crs EPSG:n (or set crs in the study file)");
    notes.push(`DBF decoded as ${parsed.encoding}`);
    whereOf = (i) => `record ${i + 1}`;
  } else if (format === "gpkg") {
    const parsed = await (await import("./read-gpkg.js")).readGpkg(file, opt.layer);
    features = parsed.features;
    empty = parsed.emptyGeometries;
    notes.push(...parsed.notes);
    if (explicit && parsed.crs && explicit !== parsed.crs) notes.push(`CRS ${explicit} given; the GeoPackage says ${parsed.crs}`);
    crs = explicit ?? parsed.crs;
    if (!crs) throw new InputError(file, parsed.layer, "the layer's coordinate system is undefined (srs_id 0 or -1)", "assign one in QGIS or with ogr2ogr -a_srs, or pass --crs EPSG:n");
    whereOf = (i) => `${parsed.layer}:feature ${i}`;
  } else if (format === "kml") {
    const parsed = (await import("./read-kml.js")).readKml(file);
    features = parsed.features;
    empty = parsed.emptyGeometries;
    notes.push(...parsed.notes);
    // KML is WGS84 lon/lat by definition (OGC 07-147r2): a declared CRS is an error of the user.
    if (explicit && explicit !== "EPSG:4326") notes.push(`CRS ${explicit} given but KML is always WGS84: ignored`);
    crs = "EPSG:4326";
    whereOf = (i) => `Placemark ${i + 1}`;
  } else {
    const { text, encoding } = readTextWithEncoding(file, "csv");
    if (encoding !== "utf-8") notes.push(`not UTF-8: decoded as ${encoding}`);
    const r = readCsvLayer(text, file, opt, explicit, notes);
    features = r.features;
    empty = r.emptyGeometries;
    crs = r.crs;
  }
  if (features.length === 0 && empty > 0) {
    throw new InputError(file, opt.layer, `all ${empty} features have a null or empty geometry`, "export the layer again with its geometry column");
  }
  if (features.length === 0) throw new InputError(file, undefined, "the layer has no features", "check the file, or the filter that produced it");
  const dropped = empty ? [{ reason: EMPTY_GEOMETRY_REASON, count: empty }] : [];
  if (empty) step(`warning: ${displayPath(file)}: ${empty} of ${features.length + empty} features have a null or empty geometry: dropped`);
  checkPlausible(features, crs, file, explicit !== undefined, whereOf);
  const toWgs = transformer(crs, "EPSG:4326");
  if (crs !== "EPSG:4326") {
    for (const f of features) f.geometry = mapGeometry(f.geometry, (p) => toWgs([p[0], p[1]]));
    notes.push(`reprojected from ${crs} to EPSG:4326`);
  }
  return { file, sourceFiles, sourceCrs: crs, features, read: features.length + empty, dropped, notes };
}

export function mapGeometry(g: Geometry, fn: (p: Position) => Position): Geometry {
  switch (g.type) {
    case "Point":
      return { type: "Point", coordinates: fn(g.coordinates) };
    case "MultiPoint":
    case "LineString":
      return { type: g.type, coordinates: g.coordinates.map(fn) } as Geometry;
    case "MultiLineString":
    case "Polygon":
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(fn)) } as Geometry;
    case "MultiPolygon":
      return { type: "MultiPolygon", coordinates: g.coordinates.map((p) => p.map((r) => r.map(fn))) };
    case "GeometryCollection":
      return { type: "GeometryCollection", geometries: g.geometries.map((c) => mapGeometry(c, fn)) };
  }
}

export function forEachPosition(g: Geometry, fn: (p: Position) => void): void {
  mapGeometry(g, (p) => {
    fn(p);
    return p;
  });
}

/** Catches the classic mistakes before they become a map of the Gulf of Guinea. */
function checkPlausible(features: Feature[], crs: CrsCode, file: string, crsWasGiven: boolean, whereOf: (i: number) => string): void {
  for (let i = 0; i < features.length; i++) {
    let bad: Position | undefined;
    forEachPosition(features[i].geometry, (p) => {
      if (!bad && !plausible(p[0], p[1], crs)) bad = p;
    });
    if (!bad) continue;
    const where = features[i].properties?.__line ? String(features[i].properties!.__line) : whereOf(i);
    throw implausible(bad[0], bad[1], crs, file, where, crsWasGiven);
  }
}

/** Whether (x, y) can be a place in mainland France in `crs` (else `implausible` says what is wrong). */
export function plausible(x: number, y: number, crs: CrsCode): boolean {
  const [x0, y0, x1, y1] = FRANCE_ENVELOPE[crs];
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** The error for a position outside France in its CRS: swapped, metres read as degrees, or a wrong CRS. */
export function implausible(x: number, y: number, crs: CrsCode, file: string, where: string, crsWasGiven: boolean): InputError {
  if (crs === "EPSG:4326" && y >= -5.5 && y <= 10 && x >= 41 && x <= 51.5) {
    return new InputError(file, where, `coordinates (${x}, ${y}) look like latitude, longitude: swapped`, "write longitude first (GeoJSON and lon/lat columns are x = longitude)");
  }
  if (crs === "EPSG:4326" && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
    return new InputError(file, where, `coordinates (${x}, ${y}) are metres but the layer is read as WGS84 degrees`, "declare the real CRS (a .prj, a crs member, or --crs EPSG:2154)");
  }
  const hint = crsWasGiven ? "the declared CRS does not match the coordinates" : "the CRS may be wrong";
  return new InputError(file, where, `coordinates (${x}, ${y}) are outside France in ${crs}: ${hint}`, "check the CRS (.prj, crs member or --crs) and the coordinate columns");
}
