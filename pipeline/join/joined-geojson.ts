// out/joined/cameras.geojson, the users' file: each camera of out/layers/cameras.geojson with the
// join's fields after its own properties. Written as the bytes geo/write-geojson.ts would write
// for the features with those fields assigned (same keys, order and numbers), but a line at a
// time from the layer's own lines: the camera's properties are copied as text and the join's
// fields formatted from the columns, so a million cameras are never a million objects.
import type { Feature } from "geojson";
import { latin1ToUtf8, stageFeatureLineTexts } from "../core/out-files.js";
import { decimalText, featureCollectionPieces, num, roundGeometry } from "../geo/write-geojson.js";
import type { JoinColumns } from "./camera-table.js";
import type { CameraSource } from "./camera-source.js";



/** The join's fields of camera i, as the object Object.assign would add (the slow path's). */
export function joinFields(j: JoinColumns, i: number): Record<string, unknown> {
  const o: Record<string, unknown> = { cell: j.cell.values[j.cell.codes[i]] };
  for (const c of [...j.levels, ...j.zones, ...j.zonesTol]) o[c.key] = c.codes[i] < 0 ? null : c.values[c.codes[i]];
  o.in_city = j.inCity[i] === 1;
  o.dist_centre_m = j.distCentre[i];
  o.dist_terminal_m = Number.isNaN(j.distTerminal[i]) ? null : j.distTerminal[i];
  o.nearest_terminal = j.nearestTerminal.values[j.nearestTerminal.codes[i]];
  o.dist_edge_m = j.distEdge[i];
  o.stations_300m = j.stations[i];
  if (j.ridership) o.ridership_300m = j.ridership[i];
  return o;
}

/** Text as latin1 characters, one per byte of its UTF-8 (the form the lines are read and written in). */
const asBytes = (s: string) => (/[^\x00-\x7f]/.test(s) ? Buffer.from(s, "utf8").toString("latin1") : s);

/**
 * Each join field's key and its value as JSON text for camera i (in latin1 form: see asBytes), in
 * the order Object.assign adds them; a coded value's JSON computed once per distinct value, the
 * distances (rounded to 0.1 m) written from their tenths (decimalText).
 */
function fieldTexts(j: JoinColumns): Array<[string, (i: number) => string]> {
  const coded = (c: { codes: Int32Array; values: string[] }) => {
    const text = c.values.map((v) => asBytes(JSON.stringify(v)));
    return (i: number) => (c.codes[i] < 0 ? "null" : text[c.codes[i]]);
  };
  return [
    ["cell", coded(j.cell)],
    ...[...j.levels, ...j.zones, ...j.zonesTol].map((c): [string, (i: number) => string] => [c.key, coded(c)]),
    ["in_city", (i) => (j.inCity[i] === 1 ? "true" : "false")],
    ["dist_centre_m", (i) => decimalText(j.distCentre[i], 1)],
    ["dist_terminal_m", (i) => decimalText(j.distTerminal[i], 1)],
    ["nearest_terminal", coded(j.nearestTerminal)],
    ["dist_edge_m", (i) => decimalText(j.distEdge[i], 1)],
    ["stations_300m", (i) => String(j.stations[i])],
    ...(j.ridership ? [["ridership_300m", (i: number) => num(j.ridership![i])] as [string, (i: number) => string]] : []),
  ];
}

/** The fields the join appends after a camera's own (those it does not already have), as one string. */
function appendedText(fields: Array<[string, (i: number) => string]>, replaced: string[]): (i: number) => string {
  const appended = fields.filter(([k]) => !replaced.includes(k)).map(([k, v]) => [asBytes(JSON.stringify(k)) + ":", v] as const);
  return (i) => {
    let s = "";
    for (let k = 0; k < appended.length; k++) s += (k ? "," : "") + appended[k][0] + appended[k][1](i);
    return s;
  };
}

const GEOMETRY = `},"geometry":`;
const POINT = `},"geometry":{"type":"Point","coordinates":[`;

/**
 * Camera i's joined line, as latin1 text (read so, written so: the copied bytes stay the
 * layer's). A copyable line (CameraSource.propertiesEnd) is copied up to the end of its
 * properties, with the value of each property the join overwrites (`replaced`, in place, as
 * Object.assign does) swapped for the join's, then the join's other fields; any other line is
 * parsed and rebuilt as geo/write-geojson.ts would write it.
 */
function joinedLine(line: string, copyable: boolean, j: JoinColumns, i: number, w: LineWriter): string {
  if (copyable) {
    const end = line.lastIndexOf(GEOMETRY);
    let at = 0, s = "";
    for (const [key, value] of w.replaced) {
      const [from, to] = valueSpan(line, key, end);
      s += line.slice(at, from) + value(i);
      at = to;
    }
    // "{" before it: a camera with no property of its own.
    return s + line.slice(at, end) + (line.charCodeAt(end - 1) === 123 ? "" : ",") + w.appended(i) + POINT + decimalText(j.lon[i], 7) + "," + decimalText(j.lat[i], 7) + "]}}";
  }
  // The writer's own path (geo/write-geojson.ts): properties assigned in place, then stringified.
  const f = JSON.parse(latin1ToUtf8(line)) as Feature;
  const props = Object.assign(f.properties ?? {}, joinFields(j, i));
  return asBytes(JSON.stringify({ type: "Feature", id: props.id, properties: props, geometry: roundGeometry(f.geometry) }));
}

interface LineWriter {
  /** Keys the join overwrites in place, in the order they stand in every copyable line (as `,"key":`), with their value's text. */
  replaced: Array<[string, (i: number) => string]>;
  appended: (i: number) => string;
}

/**
 * Where the value of top-level property `key` (given as `,"key":`) lies in a line whose
 * properties are flat (CameraSource checks): an unescaped quote is structural in JSON text, so the
 * first match after the properties' start is the property itself.
 */
function valueSpan(line: string, key: string, end: number): [number, number] {
  const k = line.indexOf(key, line.indexOf(PROPERTIES) + PROPERTIES.length - 1);
  if (k < 0 || k > end) throw new Error(`joined line: no property ${key} where the first pass found it`);
  let v = k + key.length;
  const from = v;
  if (line.charCodeAt(v) === 34) {
    // A string: to its closing quote, stepping over escapes.
    for (v++; line.charCodeAt(v) !== 34; v++) if (line.charCodeAt(v) === 92) v++;
    return [from, v + 1];
  }
  for (let c = line.charCodeAt(v); c !== 44 && c !== 125; c = line.charCodeAt(++v)); // a number, true, false or null: to "," or "}"
  return [from, v];
}

const PROPERTIES = `"properties":{`;

/** The properties the join sets on a camera (a camera with one of its own cannot be copied as text). */
export function joinKeys(levels: string[], zones: string[], ridership: boolean): Set<string> {
  return new Set(["cell", ...levels, ...zones, ...zones.map((z) => `${z}_tol`), "in_city", "dist_centre_m", "dist_terminal_m", "nearest_terminal", "dist_edge_m", "stations_300m", ...(ridership ? ["ridership_300m"] : [])]);
}

/**
 * The joined GeoJSON's pieces, produced as OutputSet writes them (the layer is read again then),
 * each a view on one reused buffer valid until the next is asked for (core/piece-writer.ts).
 */
export function* joinedGeojsonPieces(layerFile: string, j: JoinColumns, copy: Pick<CameraSource, "propertiesEnd" | "replaced">, name = "cameras_joined"): Generator<Uint8Array> {
  const fields = fieldTexts(j);
  const byKey = new Map(fields);
  const w: LineWriter = {
    // Searched with the comma before it: the id comes first, so a replaced key never opens the properties.
    replaced: copy.replaced.map((k) => [asBytes(`,${JSON.stringify(k)}:`), byKey.get(k)!]),
    appended: appendedText(fields, copy.replaced),
  };
  function* lines(): Generator<string> {
    let i = 0;
    for (const line of stageFeatureLineTexts(layerFile, "layers")) {
      if (i >= j.n) break;
      yield joinedLine(line, copy.propertiesEnd[i] >= 0, j, i, w);
      i++;
    }
    if (i !== j.n) throw new Error(`${layerFile} changed during the join: ${i} cameras read again, ${j.n} joined`);
  }
  yield* featureCollectionPieces(lines(), name, true);
}
