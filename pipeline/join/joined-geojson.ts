// out/joined/cameras.geojson, the users' file: each camera of out/layers/cameras.geojson with the
// join's fields after its own properties. Written as the bytes geo/write-geojson.ts would write
// for the features with those fields assigned (same keys, order and numbers), but a line at a
// time from the layer's own lines: the camera's properties are copied as text and the join's
// fields formatted from the columns, so a million cameras are never a million objects.
import type { Feature } from "geojson";
import { stageFeatureLines } from "../core/out-files.js";
import { roundGeometry } from "../geo/write-geojson.js";
import type { JoinColumns } from "./camera-table.js";

/** Lines per piece: each piece is one string far under V8's limit on a string. */
const PIECE = 20_000;

const num = (v: number) => (Number.isFinite(v) ? String(v) : "null");

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

/** The same fields as JSON text (`"cell":"…",…`, no braces): values' JSON computed once per distinct value. */
function fieldsText(j: JoinColumns): (i: number) => string {
  const json = (values: string[]) => values.map((v) => JSON.stringify(v));
  const coded = [{ key: "cell", ...j.cell }, ...j.levels, ...j.zones, ...j.zonesTol].map((c, k) => ({
    head: (k === 0 ? "" : ",") + JSON.stringify(c.key) + ":", codes: c.codes, text: json(c.values),
  }));
  const terminals = json(j.nearestTerminal.values);
  return (i) => {
    let s = "";
    for (const c of coded) s += c.head + (c.codes[i] < 0 ? "null" : c.text[c.codes[i]]);
    s += `,"in_city":${j.inCity[i] === 1},"dist_centre_m":${num(j.distCentre[i])},"dist_terminal_m":${num(j.distTerminal[i])}`;
    s += `,"nearest_terminal":${terminals[j.nearestTerminal.codes[i]]},"dist_edge_m":${num(j.distEdge[i])},"stations_300m":${j.stations[i]}`;
    if (j.ridership) s += `,"ridership_300m":${num(j.ridership[i])}`;
    return s;
  };
}

/** One joined line: the fast copy when the layer's line is as the stages write it, else the feature rebuilt and stringified. */
export function joinedLine(text: string, f: Feature, j: JoinColumns, i: number, fields: (i: number) => string, keys: Set<string>): string {
  const p = f.properties;
  const c = (f.geometry as { type: string; coordinates?: number[] } | null)?.coordinates;
  if (p && p.id !== undefined && f.geometry?.type === "Point" && c && c.length >= 2 && !Object.keys(p).some((k) => keys.has(k))) {
    const head = `{"type":"Feature","id":${JSON.stringify(p.id)},"properties":{`;
    const g = text.lastIndexOf(`},"geometry":`);
    if (text.startsWith(head) && g >= head.length) {
      const own = text.slice(head.length, g); // the camera's properties as written, without braces
      return head + own + (own ? "," : "") + fields(i) + `},"geometry":{"type":"Point","coordinates":[${num(j.lon[i])},${num(j.lat[i])}]}}`;
    }
  }
  // The writer's own path (geo/write-geojson.ts): properties assigned in place, then stringified.
  const props = Object.assign(p ?? {}, joinFields(j, i));
  return JSON.stringify({ type: "Feature", id: props.id, properties: props, geometry: roundGeometry(f.geometry) });
}

/** The joined GeoJSON's pieces, produced as OutputSet writes them (the layer is read again then). */
export function* joinedGeojsonPieces(layerFile: string, j: JoinColumns, name = "cameras_joined"): Generator<Uint8Array> {
  yield Buffer.from(`{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n`);
  const fields = fieldsText(j);
  const keys = new Set(Object.keys(j.n ? joinFields(j, 0) : {}));
  let i = 0;
  let lines: string[] = [];
  for (const { text, feature } of stageFeatureLines(layerFile, "layers")) {
    if (i >= j.n) break;
    lines.push(joinedLine(text, feature, j, i, fields, keys));
    i++;
    if (lines.length === PIECE) {
      yield Buffer.from((i > PIECE ? ",\n" : "") + lines.join(",\n"));
      lines = [];
    }
  }
  if (i !== j.n) throw new Error(`${layerFile} changed during the join: ${i} cameras read again, ${j.n} joined`);
  if (lines.length) yield Buffer.from((i > lines.length ? ",\n" : "") + lines.join(",\n"));
  yield Buffer.from("\n]}\n");
}
