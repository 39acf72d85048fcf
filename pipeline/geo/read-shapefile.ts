// ESRI Shapefile (.shp + .dbf, optional .prj and .cpg). The .shx index is not needed: records are
// read in order. DBF text is decoded from the .cpg's code page, else UTF-8 if it decodes cleanly,
// else CP1252 (a superset of latin-1 in its printable range), the encoding of old French exports.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "../core/errors.js";
import { crsFromWkt, type CrsCode } from "./crs.js";
import { isEmptyGeometry } from "./empty-geometry.js";
import { assertSizeWithinLimit } from "./input-limits.js";
import { DbfTextDecoder } from "./dbf-text-decoder.js";

// shapefile's CommonJS build decodes DBF text with the `text-encoding` polyfill, which loads ~0.1 s
// of code tables and decodes in JavaScript. DbfTextDecoder decodes the same (its test compares
// both on every code page used here) and is handed to shapefile in the polyfill's place, before
// shapefile is first loaded.
const require = createRequire(import.meta.url);
const polyfill = require.resolve("text-encoding", { paths: [dirname(require.resolve("shapefile"))] });
require.cache[polyfill] ??= { id: polyfill, filename: polyfill, loaded: true, exports: { TextDecoder: DbfTextDecoder, TextEncoder } } as NodeJS.Module;
const shapefile = require("shapefile") as typeof import("shapefile");

export interface ParsedShapefile {
  features: Feature[];
  prjCrs?: CrsCode;
  prjText?: string;
  encoding: string;
  sourceFiles: string[];
  /** Records with a null shape (not in `features`). */
  emptyGeometries: number;
}

function sibling(shp: string, ext: string): string | undefined {
  for (const e of [ext, ext.toUpperCase()]) {
    const p = shp.replace(/\.shp$/i, e);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function dbfEncoding(dbfBytes: Uint8Array, cpg?: string): string {
  if (cpg) {
    const c = cpg.trim().toLowerCase();
    // A .cpg saying UTF-8 over single-byte text (some tools write it regardless) is not believed.
    if (/utf-?8/.test(c)) return sniff(dbfBytes);
    if (/1252/.test(c)) return "windows-1252";
    if (/8859-?1|latin-?1/.test(c)) return "latin1";
    if (/8859-?15|latin-?9/.test(c)) return "iso-8859-15";
  }
  return sniff(dbfBytes);
}

function sniff(dbfBytes: Uint8Array): string {
  // Decode the record area strictly as UTF-8: any invalid sequence means a single-byte code page.
  const headerLen = dbfBytes.length > 10 ? dbfBytes[8] | (dbfBytes[9] << 8) : 0;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(dbfBytes.subarray(headerLen));
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

export async function readShapefile(shpPath: string): Promise<ParsedShapefile> {
  const dbf = sibling(shpPath, ".dbf");
  if (!dbf) {
    throw new InputError(shpPath, undefined, "the shapefile has no .dbf beside it", "copy the .dbf (same name, same folder) with the .shp");
  }
  const prj = sibling(shpPath, ".prj");
  const cpg = sibling(shpPath, ".cpg");
  for (const f of [shpPath, dbf]) assertSizeWithinLimit(f);
  const parsed = await readShapefileParts(
    { shp: readFileSync(shpPath), dbf: readFileSync(dbf), prj: prj ? readFileSync(prj, "utf8") : undefined, cpg: cpg ? readFileSync(cpg, "utf8") : undefined },
    { shp: shpPath, dbf, prj, cpg },
  );
  return { ...parsed, sourceFiles: [shpPath, dbf, ...(prj ? [prj] : []), ...(cpg ? [cpg] : [])] };
}

/** The parts of one shapefile, as bytes (from disk or from a zip); `names` are what errors show. */
export interface ShapefileParts {
  shp: Uint8Array;
  dbf: Uint8Array;
  prj?: string;
  cpg?: string;
}

export async function readShapefileParts(parts: ShapefileParts, names: { shp: string; dbf: string; prj?: string; cpg?: string }): Promise<Omit<ParsedShapefile, "sourceFiles">> {
  const shpPath = names.shp;
  const { shp: shpBytes, dbf: dbfBytes, prj: prjText, cpg: cpgText } = parts;
  const dbf = names.dbf;
  const encoding = dbfEncoding(dbfBytes, cpgText);
  if (prjText !== undefined && prjText.trim() === "") throw new InputError(names.prj!, undefined, "the .prj is empty", "write the coordinate system's WKT in it, or delete it and pass --crs EPSG:n");
  let prjCrs: CrsCode | undefined;
  if (prjText) {
    prjCrs = crsFromWkt(prjText);
    if (!prjCrs) throw new InputError(names.prj!, undefined, "the .prj names a coordinate system contrechamp does not know", "reproject to EPSG:4326, 2154, 3035, 27572 or 3857");
  }
  const shpRecords = countShpRecords(shpBytes, shpPath);
  const dbfRecords = dbfBytes.length >= 8 ? dbfBytes[4] | (dbfBytes[5] << 8) | (dbfBytes[6] << 16) | (dbfBytes[7] << 24) : -1;
  // The reader pairs shapes with rows and stops at the shorter file: a mismatch would silently
  // lose features, or give them another feature's attributes.
  if (dbfRecords !== shpRecords) {
    throw new InputError(dbf, undefined, `the .dbf has ${dbfRecords} records but the .shp has ${shpRecords} shapes`, "the two files come from different exports: copy both from the same one");
  }
  const dbfNeeded = dbfBytes.length >= 12 ? (dbfBytes[8] | (dbfBytes[9] << 8)) + (dbfBytes[10] | (dbfBytes[11] << 8)) * dbfRecords : Infinity;
  if (dbfBytes.length < dbfNeeded) {
    throw new InputError(dbf, undefined, `the .dbf is cut short (${dbfBytes.length} bytes, its header needs ${dbfNeeded})`, "copy the file again from its source");
  }
  const all: Array<Feature | { type: "Feature"; properties: Feature["properties"]; geometry: null }> = [];
  try {
    const source = await shapefile.open(toArrayBuffer(shpBytes), toArrayBuffer(dbfBytes), { encoding });
    for (;;) {
      const r = await source.read();
      if (r.done) break;
      all.push(r.value as Feature);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(shpPath, `record ${all.length + 1}`, `cannot read the shapefile: ${(e as Error).message}`, "the file may be truncated or not a shapefile");
  }
  // Null shapes (records whose geometry was deleted) are dropped and counted by the caller.
  const features = all.filter((f) => !isEmptyGeometry(f.geometry)) as Feature[];
  const cpgIgnored = cpgText !== undefined && /utf-?8/i.test(cpgText) && encoding !== "utf-8";
  return { features, emptyGeometries: all.length - features.length, prjCrs, prjText, encoding: cpgIgnored ? `${encoding} (the .cpg says UTF-8, but the text is not)` : encoding };
}

/** shapefile.open wants an ArrayBuffer (or a path); a Buffer's pool may hold other bytes around it. */
function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Walks the .shp record headers (100-byte file header, then 8-byte headers with big-endian lengths in 16-bit words). */
export function countShpRecords(shp: Uint8Array, file: string): number {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.length < 100 || view.getInt32(0, false) !== 9994) {
    throw new InputError(file, undefined, "not a shapefile (no .shp file header)", "give the .shp of an ESRI Shapefile");
  }
  const declared = view.getInt32(24, false) * 2;
  let n = 0;
  let at = 100;
  while (at < shp.length) {
    if (at + 8 > shp.length) break;
    const len = view.getInt32(at + 4, false) * 2;
    if (len < 4 || at + 8 + len > shp.length) break;
    at += 8 + len;
    n++;
  }
  if (at !== shp.length || declared !== shp.length) {
    throw new InputError(file, `record ${n + 1}`, `the .shp is cut short or corrupt (${shp.length} bytes, its header says ${declared})`, "copy the file again from its source");
  }
  return n;
}
