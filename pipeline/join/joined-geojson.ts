// out/joined/cameras.geojson, the users' file: each camera of out/layers/cameras.geojson with the
// join's fields after its own properties. Written as the bytes geo/write-geojson.ts would write
// for the features with those fields assigned (same keys, order and numbers), but a line at a
// time from the layer's own lines: the camera's properties are copied as bytes and the join's
// fields formatted from the columns, so a million cameras are never a million objects.
import type { Feature } from "geojson";
import { latin1ToUtf8, stageFeatureLineSpans } from "../core/out-files.js";
import { roundGeometry, writeDecimal } from "../geo/write-geojson.js";
import { PieceWriter } from "../core/piece-writer.js";
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
 * A line that cannot be copied (CameraSource.propertiesEnd -1), as latin1 text (see asBytes):
 * parsed and rebuilt as geo/write-geojson.ts would write it, the join's fields assigned in place
 * as Object.assign does.
 */
function rebuiltLine(line: string, j: JoinColumns, i: number): string {
  const f = JSON.parse(latin1ToUtf8(line)) as Feature;
  const props = Object.assign(f.properties ?? {}, joinFields(j, i));
  return asBytes(JSON.stringify({ type: "Feature", id: props.id, properties: props, geometry: roundGeometry(f.geometry) }));
}

const GEOMETRY = `},"geometry":`;
const POINT = `},"geometry":{"type":"Point","coordinates":[`;
const PROPERTIES = `"properties":{`;

/** The properties the join sets on a camera (a camera with one of its own cannot be copied as text). */
export function joinKeys(levels: string[], zones: string[], ridership: boolean): Set<string> {
  return new Set(["cell", ...levels, ...zones, ...zones.map((z) => `${z}_tol`), "in_city", "dist_centre_m", "dist_terminal_m", "nearest_terminal", "dist_edge_m", "stations_300m", ...(ridership ? ["ridership_300m"] : [])]);
}

/** A join field written as bytes into `buf` at `at` for camera i; the end returned. */
type FieldWriter = (buf: Buffer, at: number, i: number) => number;

/** Bytes of latin1 text `t` into `buf` at `at` (short texts: a loop costs less than a copy call). */
function put(buf: Buffer, at: number, t: Uint8Array): number {
  for (let k = 0; k < t.length; k++) buf[at + k] = t[k];
  return at + t.length;
}

/**
 * The join's fields as byte writers, by key in the order Object.assign adds them: `head` (a key
 * and what comes before it) then the value's JSON text (latin1 form: see asBytes), a coded value's
 * bytes made once per distinct value and numbers written as digits (writeDecimal: String(v), the
 * distances rounded to 0.1 m from their tenths). Each says the most bytes it writes for one camera.
 */
function fieldWriters(j: JoinColumns): Map<string, (head: string) => { write: FieldWriter; room: number }> {
  const bytes = (s: string) => Buffer.from(asBytes(s), "latin1");
  const coded = (head: string, c: { codes: Int32Array; values: string[] }) => {
    // Every value's bytes end to end in one array (value k from at[k] to at[k + 1]; null last).
    const texts = [...c.values.map((v) => bytes(head + JSON.stringify(v))), bytes(head + "null")];
    const all = new Uint8Array(texts.reduce((n, t) => n + t.length, 0));
    const at = new Int32Array(texts.length + 1);
    texts.forEach((t, k) => {
      all.set(t, at[k]);
      at[k + 1] = at[k] + t.length;
    });
    const none = texts.length - 1, codes = c.codes;
    return {
      room: Math.max(...texts.map((t) => t.length)),
      write: (buf: Buffer, to: number, i: number) => {
        const k = codes[i] < 0 ? none : codes[i];
        for (let b = at[k], e = at[k + 1]; b < e; b++) buf[to++] = all[b];
        return to;
      },
    };
  };
  const flag = (head: string, values: Uint8Array) => {
    const yes = bytes(head + "true"), no = bytes(head + "false");
    return { room: no.length, write: (buf: Buffer, at: number, i: number) => put(buf, at, values[i] === 1 ? yes : no) };
  };
  // The longest text of a double is 24 characters ("-1.2345678901234567e-308").
  const number = (head: string, values: ArrayLike<number>, places: number) => {
    const h = bytes(head);
    return { room: h.length + 32, write: (buf: Buffer, at: number, i: number) => writeDecimal(buf, put(buf, at, h), values[i], places) };
  };
  return new Map<string, (head: string) => { write: FieldWriter; room: number }>([
    ["cell", (h) => coded(h, j.cell)],
    ...[...j.levels, ...j.zones, ...j.zonesTol].map((c): [string, (head: string) => { write: FieldWriter; room: number }] => [c.key, (h) => coded(h, c)]),
    ["in_city", (h) => flag(h, j.inCity)],
    ["dist_centre_m", (h) => number(h, j.distCentre, 1)],
    ["dist_terminal_m", (h) => number(h, j.distTerminal, 1)],
    ["nearest_terminal", (h) => coded(h, j.nearestTerminal)],
    ["dist_edge_m", (h) => number(h, j.distEdge, 1)],
    ["stations_300m", (h) => number(h, j.stations, 0)],
    ...(j.ridership ? [["ridership_300m", (h: string) => number(h, j.ridership!, 0)] as [string, (head: string) => { write: FieldWriter; room: number }]] : []),
  ]);
}

const GEOMETRY_BYTES = Buffer.from(GEOMETRY, "latin1");
const POINT_BYTES = Buffer.from(POINT, "latin1");
const PROPERTIES_BYTES = Buffer.from(PROPERTIES, "latin1");

/**
 * The joined GeoJSON's pieces, produced as OutputSet writes them (the layer is read again then),
 * each a view on one reused buffer valid until the next is asked for (core/piece-writer.ts).
 * A copyable line (CameraSource.propertiesEnd) is put together as bytes, never as text: the
 * layer's bytes copied up to its properties' end with the value of each property the join
 * overwrites (`replaced`, in place, as Object.assign does) swapped for the join's (valueSpanBytes),
 * then the join's other fields and the point written in place. Any other line is rebuilt.
 */
export function* joinedGeojsonPieces(layerFile: string, j: JoinColumns, copy: Pick<CameraSource, "propertiesEnd" | "replaced">, name = "cameras_joined"): Generator<Uint8Array> {
  const makers = fieldWriters(j);
  // A replaced key is searched with the comma before it: the id comes first, so it never opens the properties.
  const swapped = copy.replaced.map((k) => ({ key: Buffer.from(asBytes(`,${JSON.stringify(k)}:`), "latin1"), ...makers.get(k)!("") }));
  const appended = [...makers].filter(([k]) => !copy.replaced.includes(k)).map(([k, make], n) => make((n ? "," : "") + JSON.stringify(k) + ":"));
  const writers = appended.map((a) => a.write);
  const room = [...swapped, ...appended].reduce((sum, f) => sum + f.room, 0);
  const out = new PieceWriter();
  out.latin1(Buffer.from(`{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n`, "utf8").toString("latin1"));
  let i = 0;
  for (const { block, count, start, end } of stageFeatureLineSpans(layerFile, "layers")) {
    for (let k = 0; k < count && i < j.n; k++, i++) {
      const s = start[k], e = end[k];
      const pe = copy.propertiesEnd[i];
      if (pe < 0) {
        const line = (i ? ",\n" : "") + rebuiltLine(block.toString("latin1", s, e), j, i);
        if (!out.fits(line, true)) yield out.take();
        out.latin1(line);
        continue;
      }
      const props = s + pe;
      if (props + GEOMETRY_BYTES.length > e || GEOMETRY_BYTES.compare(block, props, props + GEOMETRY_BYTES.length) !== 0) throw new Error(`${layerFile} changed during the join: camera ${i + 1}'s properties are not where they were`);
      const need = pe + room + POINT_BYTES.length + 96;
      if (!out.fitsBytes(need)) yield out.take();
      const buf = out.raw(need);
      let at = out.length;
      if (i) {
        buf[at++] = 44; // ",\n" between lines
        buf[at++] = 10;
      }
      let from = s;
      if (swapped.length) {
        const open = block.indexOf(PROPERTIES_BYTES, s) + PROPERTIES_BYTES.length - 1;
        for (const f of swapped) {
          const [a, b] = valueSpanBytes(block, f.key, open, props);
          at += block.copy(buf, at, from, a);
          at = f.write(buf, at, i);
          from = b;
        }
      }
      at += block.copy(buf, at, from, props);
      // "{" before it: a camera with no property of its own.
      if (block[props - 1] !== 123) buf[at++] = 44;
      for (let f = 0; f < writers.length; f++) at = writers[f](buf, at, i);
      at += POINT_BYTES.copy(buf, at);
      at = writeDecimal(buf, at, j.lon[i], 7);
      buf[at++] = 44;
      at = writeDecimal(buf, at, j.lat[i], 7);
      buf[at++] = 93; // "]}}"
      buf[at++] = 125;
      buf[at++] = 125;
      out.advance(at);
    }
  }
  if (i !== j.n) throw new Error(`${layerFile} changed during the join: ${i} cameras read again, ${j.n} joined`);
  const tail = "\n]}\n";
  if (!out.fits(tail, true)) yield out.take();
  out.latin1(tail);
  yield out.take();
}

/**
 * Where the value of top-level property `key` (given as `,"key":`) lies in a line whose properties
 * (from `open`, their "{", to `end`) are flat (CameraSource checks): an unescaped quote is
 * structural in JSON text, so the first match after the properties' start is the property itself.
 */
function valueSpanBytes(block: Buffer, key: Buffer, open: number, end: number): [number, number] {
  const k = block.indexOf(key, open);
  if (k < 0 || k > end) throw new Error(`joined line: no property ${key.toString("latin1")} where the first pass found it`);
  let v = k + key.length;
  const from = v;
  if (block[v] === 34) {
    // A string: to its closing quote, stepping over escapes.
    for (v++; block[v] !== 34; v++) if (block[v] === 92) v++;
    return [from, v + 1];
  }
  for (let c = block[v]; c !== 44 && c !== 125; c = block[++v]); // a number, true, false or null: to "," or "}"
  return [from, v];
}
