// GeoJSON text to features, with the legacy `crs` member honoured (GDAL still writes it for
// projected files). Structural problems are reported with the feature index.
import type { Feature, Geometry } from "geojson";
import { InputError } from "../core/errors.js";
import { parseCrsName, type CrsCode } from "./crs.js";

export interface ParsedGeoJSON {
  features: Feature[];
  /** CRS named by a legacy `crs` member, if any; RFC 7946 files have none (WGS84). */
  declaredCrs?: CrsCode;
  /** A `crs` member naming a system contrechamp does not know: an error unless --crs overrides it. */
  unknownCrs?: string;
}

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);

/** `allowEmpty`: null geometries and empty coordinates pass (the layer reader drops and counts them). */
export function parseGeoJSON(text: string, file: string, opts: { allowEmpty?: boolean } = {}): ParsedGeoJSON {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new InputError(file, undefined, "the file is empty", "give a GeoJSON FeatureCollection");
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // Python's json and some GIS exports write NaN/Infinity, which JSON does not allow.
    const special = /[\[,:]\s*-?(NaN|Infinity)\b/.exec(text);
    if (special) {
      throw new InputError(file, undefined, `not valid JSON: ${special[1]} is not a JSON number`, "fix or remove the features with missing coordinates and export again");
    }
    const msg = (e as Error).message.replace(/^JSON\.parse: /, "");
    throw new InputError(file, undefined, `not valid JSON: ${msg}`, "the file may be truncated; export it again");
  }
  let features: any[];
  if (doc && doc.type === "FeatureCollection" && Array.isArray(doc.features)) features = doc.features;
  else if (doc && doc.type === "Feature") features = [doc];
  else if (doc && GEOMETRY_TYPES.has(doc.type)) features = [{ type: "Feature", properties: {}, geometry: doc }];
  else {
    throw new InputError(file, undefined, "valid JSON but not GeoJSON (no FeatureCollection, Feature or geometry at the top)", "export the layer as GeoJSON");
  }
  // An unknown CRS is not an error yet: a user's --crs may override it (read-layer.ts decides).
  const { code: declaredCrs, unknown: unknownCrs } = crsMember(doc);
  features.forEach((f, i) => checkFeature(f, i, file, opts.allowEmpty));
  return { features: features as Feature[], declaredCrs, unknownCrs };
}

/** The CRS named by a legacy `crs` member: its code, or the name we do not know. */
export function crsMember(doc: any): { code?: CrsCode; unknown?: string } {
  const crsName = doc?.crs?.properties?.name;
  if (typeof crsName !== "string") return {};
  const code = parseCrsName(crsName);
  return code ? { code } : { unknown: crsName };
}

/** Structural checks of one feature, with its index in messages (shared with stream-geojson.ts). */
export function checkFeature(f: any, i: number, file: string, allowEmpty = false): void {
  const where = `feature ${i}`;
  if (!f || f.type !== "Feature") throw new InputError(file, where, "not a Feature object", 'each member of "features" must have "type": "Feature"');
  if (f.properties === undefined || f.properties === null) f.properties = {};
  else if (typeof f.properties !== "object" || Array.isArray(f.properties)) {
    throw new InputError(file, where, `"properties" is ${Array.isArray(f.properties) ? "an array" : typeof f.properties}, not an object`, 'write "properties" as an object of name: value pairs');
  }
  if (allowEmpty && isEmptyGeoJSONGeometry(f.geometry)) {
    f.geometry = null;
    return;
  }
  if (f.geometry === null || f.geometry === undefined) {
    throw new InputError(file, where, "the feature has no geometry (null)", "remove the feature or give it a geometry");
  }
  checkGeometry(f.geometry as Geometry, where, file);
}

/** RFC 7946 §3.1: null, or a known type with an empty coordinates (or geometries) array. */
function isEmptyGeoJSONGeometry(g: any): boolean {
  if (g === null || g === undefined) return true;
  if (!GEOMETRY_TYPES.has(g.type)) return false;
  const list = g.type === "GeometryCollection" ? g.geometries : g.coordinates;
  return Array.isArray(list) && list.length === 0;
}

function checkGeometry(g: any, where: string, file: string): void {
  if (!g || !GEOMETRY_TYPES.has(g.type)) throw new InputError(file, where, `unknown geometry type ${JSON.stringify(g?.type)}`, "use a GeoJSON geometry type");
  if (g.type === "GeometryCollection") {
    if (!Array.isArray(g.geometries)) throw new InputError(file, where, 'a GeometryCollection without a "geometries" array', "give it an array of geometries");
    for (const c of g.geometries) checkGeometry(c, where, file);
    return;
  }
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[g.type as string]!;
  checkCoords(g.coordinates, depth, where, file);
}

function checkCoords(c: any, depth: number, where: string, file: string): void {
  if (depth === 0) {
    if (!Array.isArray(c) || c.length < 2) throw new InputError(file, where, "a position is not an array of two numbers", "write positions as [x, y]");
    for (let k = 0; k < 2; k++) {
      const v = c[k];
      if (typeof v !== "number") {
        throw new InputError(file, where, `coordinate ${JSON.stringify(v)} is not a number`, "write coordinates as JSON numbers, not strings");
      }
      if (!Number.isFinite(v)) throw new InputError(file, where, "a coordinate is not finite (NaN or Infinity)", "fix or remove the feature");
    }
    return;
  }
  if (!Array.isArray(c)) throw new InputError(file, where, "coordinates are not nested arrays of the right depth", "check the geometry type against its coordinates");
  for (const x of c) checkCoords(x, depth - 1, where, file);
}

