// out/joined/cameras.geojson, the users' file: each camera of out/layers/cameras.geojson with the
// join's fields after its own properties. Written as the bytes geo/write-geojson.ts would write
// for the features with those fields assigned (same keys, order and numbers), but a line at a
// time from the layer's own lines: the camera's properties are copied as text and the join's
// fields formatted from the columns, so a million cameras are never a million objects.
import type { Feature } from "geojson";
import { stageFeatureLineBytes } from "../core/out-files.js";
import { roundGeometry } from "../geo/write-geojson.js";
import type { JoinColumns } from "./camera-table.js";


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

const GEOMETRY = Buffer.from(`},"geometry":`);

/**
 * Camera i's joined line into `out`: the layer's bytes up to the end of its properties copied as
 * they are when the line allows it (CameraSource.propertiesEnd), else the feature parsed and rebuilt.
 */
function joinedLine(out: PieceWriter, line: Buffer, copyable: boolean, j: JoinColumns, i: number, fields: (i: number) => string): void {
  if (copyable) {
    const end = line.lastIndexOf(GEOMETRY);
    out.bytes(line.subarray(0, end));
    // "{" before it: a camera with no property of its own.
    out.text((line[end - 1] === 123 ? "" : ",") + fields(i) + `},"geometry":{"type":"Point","coordinates":[${num(j.lon[i])},${num(j.lat[i])}]}}`);
    return;
  }
  // The writer's own path (geo/write-geojson.ts): properties assigned in place, then stringified.
  const f = JSON.parse(line.toString("utf8")) as Feature;
  const props = Object.assign(f.properties ?? {}, joinFields(j, i));
  out.text(JSON.stringify({ type: "Feature", id: props.id, properties: props, geometry: roundGeometry(f.geometry) }));
}

/** Bytes gathered into buffers of a fixed size, handed on full: the file's pieces. */
class PieceWriter {
  private buf: Buffer;
  private at = 0;
  readonly ready: Buffer[] = [];
  constructor(private readonly size = 8 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }
  private flush(): void {
    if (this.at) this.ready.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(this.size);
    this.at = 0;
  }
  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.size) this.flush();
    if (b.length > this.size) this.ready.push(Buffer.from(b));
    else {
      this.buf.set(b, this.at);
      this.at += b.length;
    }
  }
  text(s: string): void {
    // At most 3 bytes per UTF-16 unit.
    if (this.at + s.length * 3 > this.size) this.flush();
    if (s.length * 3 > this.size) this.ready.push(Buffer.from(s, "utf8"));
    else this.at += this.buf.write(s, this.at, "utf8");
  }
  end(): Buffer[] {
    this.flush();
    return this.ready.splice(0);
  }
}

/** The properties the join sets on a camera (a camera with one of its own cannot be copied as text). */
export function joinKeys(levels: string[], zones: string[], ridership: boolean): Set<string> {
  return new Set(["cell", ...levels, ...zones, ...zones.map((z) => `${z}_tol`), "in_city", "dist_centre_m", "dist_terminal_m", "nearest_terminal", "dist_edge_m", "stations_300m", ...(ridership ? ["ridership_300m"] : [])]);
}

/** The joined GeoJSON's pieces, produced as OutputSet writes them (the layer is read again then). */
export function* joinedGeojsonPieces(layerFile: string, j: JoinColumns, propertiesEnd: Int32Array, name = "cameras_joined"): Generator<Uint8Array> {
  const out = new PieceWriter();
  out.text(`{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n`);
  const fields = fieldsText(j);
  let i = 0;
  for (const line of stageFeatureLineBytes(layerFile, "layers")) {
    if (i >= j.n) break;
    if (i) out.text(",\n");
    joinedLine(out, line, propertiesEnd[i] >= 0, j, i, fields);
    i++;
    while (out.ready.length) yield out.ready.shift()!;
  }
  if (i !== j.n) throw new Error(`${layerFile} changed during the join: ${i} cameras read again, ${j.n} joined`);
  out.text("\n]}\n");
  yield* out.end();
}
