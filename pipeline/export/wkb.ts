// Geometries as WKB (the encoding GeoPackage and GeoParquet both store) through wkx, a well-kept
// npm library, and the GeoPackage binary header (OGC 12-128r18, §2.1.3) around it.
import { createRequire } from "node:module";
import type { Geometry } from "geojson";

interface WkxGeometry {
  toWkb(): Buffer;
}
const wkx = createRequire(import.meta.url)("wkx") as { Geometry: { parseGeoJSON(g: Geometry): WkxGeometry } };

export function toWkb(g: Geometry): Uint8Array {
  return wkx.Geometry.parseGeoJSON(g).toWkb();
}

export function envelope(g: Geometry): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      x0 = Math.min(x0, c[0]); x1 = Math.max(x1, c[0]); y0 = Math.min(y0, c[1] as number); y1 = Math.max(y1, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.type === "GeometryCollection") g.geometries.forEach((x) => walk((x as { coordinates: unknown }).coordinates));
  else walk(g.coordinates);
  return [x0, y0, x1, y1];
}

/** "GP", version 0, flags (little-endian, xy envelope), srs id, envelope minx maxx miny maxy, WKB. */
export function gpkgGeometry(g: Geometry, srsId: number): Uint8Array {
  const wkb = toWkb(g);
  const [x0, y0, x1, y1] = envelope(g);
  const head = Buffer.alloc(8 + 32);
  head.write("GP", 0, "ascii");
  head[2] = 0;
  head[3] = 0b0000_0011; // bit 0: little-endian; bits 1-3 = 1: envelope [minx, maxx, miny, maxy]
  head.writeInt32LE(srsId, 4);
  head.writeDoubleLE(x0, 8);
  head.writeDoubleLE(x1, 16);
  head.writeDoubleLE(y0, 24);
  head.writeDoubleLE(y1, 32);
  return Buffer.concat([head, wkb]);
}

/** The GeoPackage geometry type name of a layer (one type, or GEOMETRY when mixed). */
export function geometryTypeName(gs: Array<Geometry | null>): string {
  const types = new Set(gs.filter((g): g is Geometry => !!g).map((g) => g.type.toUpperCase()));
  return types.size === 1 ? [...types][0] : types.size === 2 && types.has("POLYGON") && types.has("MULTIPOLYGON") ? "MULTIPOLYGON" : "GEOMETRY";
}
