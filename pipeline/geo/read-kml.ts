// KML (.kml) and KMZ (.kmz, a zip holding doc.kml): every Placemark of the file, in whatever
// Document or Folder it sits, with Point, LineString, Polygon or MultiGeometry; name, description
// and ExtendedData (Data and SchemaData) become properties. KML is WGS84 lon/lat by definition.
import { readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Feature, Geometry, Position } from "geojson";
import { InputError } from "../core/errors.js";
import { assertSizeWithinLimit } from "./input-limits.js";
import { unzipEntries } from "./unzip.js";
import { oneLine } from "./one-line.js";

export interface ParsedKml {
  features: Feature[];
  emptyGeometries: number;
  notes: string[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(["Placemark", "Folder", "Document", "Data", "SimpleData", "SchemaData", "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "innerBoundaryIs"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

export function readKml(file: string): ParsedKml {
  assertSizeWithinLimit(file);
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new InputError(file, undefined, "the file is empty", "give a KML file with Placemarks");
  const notes: string[] = [];
  let text: string;
  if (/\.kmz$/i.test(file) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const entries = unzipEntries(file, bytes, (name) => /\.kml$/i.test(name));
    const names = Object.keys(entries).sort((a, b) => Number(b.toLowerCase().endsWith("doc.kml")) - Number(a.toLowerCase().endsWith("doc.kml")) || a.split("/").length - b.split("/").length || a.localeCompare(b));
    if (names.length === 0) throw new InputError(file, undefined, "a zip (KMZ) without a .kml inside", "give a KMZ holding doc.kml, or the .kml itself");
    text = new TextDecoder("utf-8").decode(entries[names[0]]);
    notes.push(`KMZ: read ${oneLine(names[0], 200)}`);
  } else {
    text = new TextDecoder("utf-8").decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new InputError(file, undefined, "the file is empty", "give a KML file with Placemarks");
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InputError(file, `${valid.err.line}`, `not well-formed XML (${valid.err.msg})`, "the file may be truncated: export it again");
  }
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (e) {
    throw new InputError(file, undefined, `cannot read the KML: ${(e as Error).message}`, "export the file again");
  }
  const root = doc.kml as Node | undefined;
  if (!root || typeof root !== "object") throw new InputError(file, undefined, "XML but not KML (no <kml> root element)", "give a KML file exported by Google Earth, QGIS or ogr2ogr");
  const placemarks: Node[] = [];
  collectPlacemarks(root, placemarks);
  if (placemarks.length === 0) throw new InputError(file, undefined, "the KML has no Placemark", "give a KML whose Placemarks hold the features");
  const features: Feature[] = [];
  let empty = 0;
  placemarks.forEach((pm, i) => {
    const where = `Placemark ${i + 1}${typeof pm.name === "string" && pm.name ? ` "${oneLine(pm.name, 40)}"` : ""}`;
    const geometry = placemarkGeometry(pm, (msg) => new InputError(file, where, msg, "fix the coordinates of that Placemark or remove it"));
    if (!geometry) {
      empty++;
      return;
    }
    features.push({ type: "Feature", properties: placemarkProperties(pm), geometry });
  });
  return { features, emptyGeometries: empty, notes };
}

/** Placemarks in Documents and Folders at any depth, Folder by Folder. */
function collectPlacemarks(node: Node, out: Node[]): void {
  for (const pm of (node.Placemark as Node[] | undefined) ?? []) if (pm && typeof pm === "object") out.push(pm);
  for (const key of ["Document", "Folder"]) for (const child of (node[key] as Node[] | undefined) ?? []) if (child && typeof child === "object") collectPlacemarks(child, out);
}

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "#text" in v) return String((v as Node)["#text"]);
  return undefined;
}

function placemarkProperties(pm: Node): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  const name = text(pm.name);
  const description = text(pm.description);
  if (name !== undefined) p.name = name;
  if (description !== undefined) p.description = description;
  const ext = pm.ExtendedData as Node | undefined;
  if (ext && typeof ext === "object") {
    for (const d of (ext.Data as Node[] | undefined) ?? []) if (d?.["@name"]) p[String(d["@name"])] = text(d.value) ?? "";
    for (const sd of (ext.SchemaData as Node[] | undefined) ?? []) for (const s of (sd?.SimpleData as Node[] | undefined) ?? []) if (s?.["@name"]) p[String(s["@name"])] = text(s) ?? "";
  }
  return p;
}

type Fail = (msg: string) => InputError;

function positions(v: unknown, fail: Fail): Position[] {
  // Tuples are separated by white space; hand-written files sometimes put spaces after commas too.
  const s = (text(v) ?? "").replace(/\s*,\s*/g, ",");
  const out: Position[] = [];
  for (const tuple of s.trim().split(/\s+/)) {
    if (tuple === "") continue;
    const nums = tuple.split(",").map((x) => (x.trim() === "" ? NaN : Number(x)));
    if (nums.length < 2 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) throw fail(`coordinates "${oneLine(tuple, 40)}" are not lon,lat[,alt] numbers`);
    out.push([nums[0], nums[1]]);
  }
  return out;
}

function ringOf(b: unknown, fail: Fail): Position[] {
  const lr = ((b as Node | undefined)?.LinearRing as Node[] | undefined)?.[0];
  return lr ? positions(lr.coordinates, fail) : [];
}

/** The parts of a Placemark or MultiGeometry, flattened (nested MultiGeometry included). */
function parts(node: Node, fail: Fail): Geometry[] {
  const out: Geometry[] = [];
  for (const p of (node.Point as Node[] | undefined) ?? []) {
    const c = positions(p?.coordinates, fail);
    if (c.length > 1) throw fail(`a Point with ${c.length} positions`);
    if (c.length === 1) out.push({ type: "Point", coordinates: c[0] });
  }
  for (const l of (node.LineString as Node[] | undefined) ?? []) {
    const c = positions(l?.coordinates, fail);
    if (c.length === 1) throw fail("a LineString with one position");
    if (c.length > 1) out.push({ type: "LineString", coordinates: c });
  }
  for (const pg of (node.Polygon as Node[] | undefined) ?? []) {
    const outer = ringOf(pg?.outerBoundaryIs, fail);
    if (outer.length === 0) continue;
    const inner = ((pg.innerBoundaryIs as unknown[] | undefined) ?? []).map((b) => ringOf(b, fail)).filter((r) => r.length > 0);
    out.push({ type: "Polygon", coordinates: [outer, ...inner] });
  }
  for (const m of (node.MultiGeometry as Node[] | undefined) ?? []) if (m && typeof m === "object") out.push(...parts(m, fail));
  return out;
}

function placemarkGeometry(pm: Node, fail: Fail): Geometry | null {
  const ps = parts(pm, fail);
  if (ps.length === 0) return null;
  if (ps.length === 1 && !pm.MultiGeometry) return ps[0];
  const types = new Set(ps.map((p) => p.type));
  if (types.size === 1) {
    const t = ps[0].type;
    if (t === "Point") return { type: "MultiPoint", coordinates: ps.map((p) => (p as { coordinates: Position }).coordinates) };
    if (t === "LineString") return { type: "MultiLineString", coordinates: ps.map((p) => (p as { coordinates: Position[] }).coordinates) };
    if (t === "Polygon") return { type: "MultiPolygon", coordinates: ps.map((p) => (p as { coordinates: Position[][] }).coordinates) };
  }
  return { type: "GeometryCollection", geometries: ps };
}
