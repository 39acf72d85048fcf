// Well-known binary and text geometries (GeoPackage blobs, WKT columns of CSV exports) to GeoJSON,
// through wkx. wkx is lenient: it reads "POINT(a b)" as NaN coordinates and stops at the end of
// a cut buffer with a RangeError, so its output is checked here and every failure becomes one
// message for the caller to put in an InputError with the file and the feature.
import { createRequire } from "node:module";
import type { Geometry, Position } from "geojson";
import type Wkx from "wkx";
import { oneLine } from "./one-line.js";

export class GeometryDecodeError extends Error {}

// Required on the first WKB/WKT geometry: every layer read loads this module (through the CSV
// reader), and most studies have no such geometry.
let wkxModule: typeof Wkx | undefined;
const wkx = () => (wkxModule ??= createRequire(import.meta.url)("wkx") as typeof Wkx);

/** null for an empty geometry (WKB's POINT EMPTY is NaN, NaN). */
export function geometryFromWkb(bytes: Uint8Array): Geometry | null {
  const { Geometry: WkxGeometry } = wkx();
  let g: Geometry;
  try {
    g = (WkxGeometry.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Wkx.Geometry).toGeoJSON() as Geometry;
  } catch (e) {
    throw new GeometryDecodeError(`unreadable WKB geometry (${oneLine((e as Error).message, 80)})`);
  }
  return checked(g, "WKB", true);
}

export function geometryFromWkt(text: string): Geometry | null {
  const { Geometry: WkxGeometry } = wkx();
  let g: Geometry;
  try {
    g = (WkxGeometry.parse(text.trim()) as Wkx.Geometry).toGeoJSON() as Geometry;
  } catch (e) {
    throw new GeometryDecodeError(`"${oneLine(text.trim(), 40)}" is not a WKT geometry (${oneLine((e as Error).message, 80)})`);
  }
  return checked(g, "WKT", false);
}

const isPosition = (c: unknown[]) => c.length === 0 || typeof c[0] === "number" || c[0] === null;

/** Every coordinate finite, except the all-NaN point that encodes POINT EMPTY in WKB (`nanIsEmpty`). */
function checked(g: Geometry, kind: string, nanIsEmpty: boolean): Geometry | null {
  if (!g || typeof g !== "object" || !("type" in g)) throw new GeometryDecodeError(`unreadable ${kind} geometry`);
  if (g.type === "Point" && g.coordinates.length === 0) return null;
  if (nanIsEmpty && g.type === "Point" && g.coordinates.every((v) => v === null || Number.isNaN(v))) return null;
  const bad = (p: Position) => p.length < 2 || p.some((v) => typeof v !== "number" || !Number.isFinite(v));
  const walk = (c: unknown): boolean => {
    if (!Array.isArray(c)) return true;
    if (isPosition(c)) return c.length > 0 && bad(c as Position);
    return c.some(walk);
  };
  const geoms = g.type === "GeometryCollection" ? g.geometries : [g];
  for (const x of geoms) {
    if (x.type === "GeometryCollection") continue;
    if (walk(x.coordinates)) throw new GeometryDecodeError(`${kind} geometry with a non-numeric or infinite coordinate`);
  }
  return g;
}
