// One entry point for every vector input: GeoJSON, CSV/TSV points, Shapefile. Works out the CRS
// (option > .prj / crs member > format default), checks the coordinates are plausible for it,
// and returns features reprojected to WGS84 lon/lat.
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { extname } from "node:path";
import type { Feature, Geometry, Position } from "geojson";
import { InputError } from "../core/errors.js";
import { FRANCE_ENVELOPE, parseCrsName, transformer, type CrsCode } from "./crs.js";
import { columnIndex, coordinateCells, noDelimiterError, parseCsv } from "./read-csv.js";
import { assertReadableFile } from "./stream-text.js";
import { decodeCp1252 } from "./text-decoding.js";
import { parseGeoJSON } from "./read-geojson.js";
import { readShapefile } from "./read-shapefile.js";

export type LayerFormat = "geojson" | "csv" | "shapefile";

export interface ReadOptions {
  format?: LayerFormat;
  /** Declared CRS; wins over .prj and crs members (a user's --crs). */
  crs?: string;
  /** For CSV: coordinate column names, if not one of the detected pairs. */
  x?: string;
  y?: string;
}

export interface ReadLayer {
  file: string;
  sourceFiles: string[];
  sourceCrs: CrsCode;
  /** Features in WGS84 lon/lat. */
  features: Feature[];
  notes: string[];
}

export function formatFromPath(file: string): LayerFormat {
  const ext = extname(file.replace(/\.gz$/i, "")).toLowerCase();
  if (ext === ".geojson" || ext === ".json") return "geojson";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".shp") return "shapefile";
  throw new InputError(file, undefined, `unknown file type "${ext}"`, "use .geojson, .json, .csv, .tsv or .shp");
}

export function readText(file: string): string {
  return readTextWithEncoding(file).text;
}

/** The text of a (possibly gzipped) file and the encoding it was decoded from. */
export type TextEncoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export function readTextWithEncoding(file: string): { text: string; encoding: TextEncoding } {
  assertReadableFile(file);
  const bytes = readFileSync(file);
  let raw: Uint8Array = bytes;
  if (/\.gz$/i.test(file)) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      throw new InputError(file, undefined, `named .gz but not gzip data (${(e as Error).message})`, "gunzip it again, or drop the .gz from its name if it is plain text");
    }
  }
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


function declared(opt: ReadOptions, file: string): CrsCode | undefined {
  if (!opt.crs) return undefined;
  const c = parseCrsName(opt.crs);
  if (!c) throw new InputError(file, undefined, `unknown CRS "${opt.crs}"`, "use EPSG:4326, EPSG:2154, EPSG:3035, EPSG:27572 or EPSG:3857");
  return c;
}

const COORD_PAIRS: Array<[string[], string[], CrsCode | undefined]> = [
  [["lon", "lng", "long"], ["lat"], "EPSG:4326"],
  [["longitude"], ["latitude"], "EPSG:4326"],
  [["x", "coord_x", "x_l93"], ["y", "coord_y", "y_l93"], undefined],
];

/**
 * Layers read ahead of the others (a user's --layer files, read first so that a bad one fails at
 * once), handed over once to the reader that asks for the same file with the same options.
 */
const readAhead = new Map<string, ReadLayer>();
const aheadKey = (file: string, opt: ReadOptions) => JSON.stringify([file, opt.format, opt.crs, opt.x, opt.y]);

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
  if (format === "geojson") {
    const { text, encoding } = readTextWithEncoding(file);
    if (encoding !== "utf-8") notes.push(`not UTF-8: decoded as ${encoding}`);
    const parsed = parseGeoJSON(text, file);
    features = parsed.features;
    if (parsed.unknownCrs && !explicit) {
      throw new InputError(file, undefined, `unknown CRS "${parsed.unknownCrs}" in the crs member`, "reproject to EPSG:4326, 2154, 3035, 27572 or 3857, or pass --crs");
    }
    if (parsed.unknownCrs) notes.push(`CRS ${explicit} given; the crs member says ${parsed.unknownCrs}`);
    crs = explicit ?? parsed.declaredCrs ?? "EPSG:4326";
  } else if (format === "shapefile") {
    const parsed = await readShapefile(file);
    features = parsed.features;
    sourceFiles = parsed.sourceFiles;
    if (explicit && parsed.prjCrs && explicit !== parsed.prjCrs) notes.push(`CRS ${explicit} given; the .prj says ${parsed.prjCrs}`);
    crs = explicit ?? parsed.prjCrs;
    if (!crs) throw new InputError(file, undefined, "the shapefile has no .prj, so its coordinate system is unknown", "add a .prj or pass --crs EPSG:n (or set crs in the study file)");
    notes.push(`DBF decoded as ${parsed.encoding}`);
  } else {
    const r = readCsvPoints(file, opt, explicit);
    features = r.features;
    crs = r.crs;
    notes.push(...r.notes);
  }
  if (features.length === 0) throw new InputError(file, undefined, "the layer has no features", "check the file, or the filter that produced it");
  checkPlausible(features, crs, file, explicit !== undefined, format === "shapefile" ? (i) => `record ${i + 1}` : (i) => `feature ${i}`);
  const toWgs = transformer(crs, "EPSG:4326");
  if (crs !== "EPSG:4326") {
    for (const f of features) f.geometry = mapGeometry(f.geometry, (p) => toWgs([p[0], p[1]]));
    notes.push(`reprojected from ${crs} to EPSG:4326`);
  }
  return { file, sourceFiles, sourceCrs: crs, features, notes };
}

function readCsvPoints(file: string, opt: ReadOptions, explicit: CrsCode | undefined): { features: Feature[]; crs: CrsCode; notes: string[] } {
  const { text, encoding } = readTextWithEncoding(file);
  const table = parseCsv(text, file);
  const notes = encoding === "utf-8" ? [] : [`not UTF-8: decoded as ${encoding}`];
  let decimalCommas = 0;
  let xi = -1;
  let yi = -1;
  let implied: CrsCode | undefined;
  if (opt.x && opt.y) {
    xi = columnIndex(table, file, [opt.x], "x");
    yi = columnIndex(table, file, [opt.y], "y");
  } else {
    const lower = table.header.map((h) => h.toLowerCase());
    for (const [xs, ys, c] of COORD_PAIRS) {
      const a = lower.findIndex((h) => xs.includes(h));
      const b = lower.findIndex((h) => ys.includes(h));
      if (a >= 0 && b >= 0) {
        xi = a;
        yi = b;
        implied = c;
        break;
      }
    }
  }
  if (xi < 0 && table.header.length === 1) throw noDelimiterError(file, table.header[0]);
  if (xi < 0 || yi < 0) {
    throw new InputError(file, "1", `no coordinate columns (looked for lon/lat, longitude/latitude, x/y; found ${table.header.join(", ")})`, "rename the coordinate columns or geocode the file first");
  }
  const crs = explicit ?? implied;
  if (!crs) throw new InputError(file, undefined, "x/y columns but no CRS to read them in", "pass --crs EPSG:n (e.g. EPSG:2154 for Lambert-93)");
  const features: Feature[] = table.rows.map((r) => {
    const [x, y] = coordinateCells(r.cells, xi, yi, r.line, file);
    if (/\d,\d/.test(r.cells[xi]) || /\d,\d/.test(r.cells[yi])) decimalCommas++;
    const properties: Record<string, string> = {};
    table.header.forEach((h, i) => {
      if (i !== xi && i !== yi) properties[h] = r.cells[i] ?? "";
    });
    properties.__line = String(r.line);
    return { type: "Feature", properties, geometry: { type: "Point", coordinates: [x, y] } };
  });
  if (decimalCommas) notes.push(`${decimalCommas} rows with decimal commas in their coordinates, read as decimal points`);
  return { features, crs, notes };
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
  const [x0, y0, x1, y1] = FRANCE_ENVELOPE[crs];
  for (let i = 0; i < features.length; i++) {
    let bad: Position | undefined;
    forEachPosition(features[i].geometry, (p) => {
      if (!bad && !(p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1)) bad = p;
    });
    if (!bad) continue;
    const where = features[i].properties?.__line ? String(features[i].properties!.__line) : whereOf(i);
    const [x, y] = bad;
    if (crs === "EPSG:4326" && y >= -5.5 && y <= 10 && x >= 41 && x <= 51.5) {
      throw new InputError(file, where, `coordinates (${x}, ${y}) look like latitude, longitude: swapped`, "write longitude first (GeoJSON and lon/lat columns are x = longitude)");
    }
    if (crs === "EPSG:4326" && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
      throw new InputError(file, where, `coordinates (${x}, ${y}) are metres but the layer is read as WGS84 degrees`, "declare the real CRS (a .prj, a crs member, or --crs EPSG:2154)");
    }
    const hint = crsWasGiven ? "the declared CRS does not match the coordinates" : "the CRS may be wrong";
    throw new InputError(file, where, `coordinates (${x}, ${y}) are outside France in ${crs}: ${hint}`, "check the CRS (.prj, crs member or --crs) and the coordinate columns");
  }
}
