// RFC 7946 output: WGS84, 7 decimals (about 1 cm), one feature per line so diffs stay readable
// and files stay byte-stable from run to run.
import type { Feature, Geometry, Position } from "geojson";
import { mapGeometry } from "./read-layer.js";
import { copiedPieces, PieceWriter } from "../core/piece-writer.js";

/** A coordinate to the 7 decimals (~1 cm) every stage writes. */
export const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function roundGeometry(g: Geometry): Geometry {
  return mapGeometry(g, (p: Position) => [round7(p[0]), round7(p[1])]);
}

export function geojsonText(features: Feature[], name?: string): string {
  return Buffer.from(geojsonBytes(features, name)).toString("utf8");
}

/**
 * The same bytes as geojsonText, built in pieces: a million joined cameras make ~600 MB of
 * GeoJSON, more than one JS string can hold ("Invalid string length"), not more than a Buffer.
 * Stages write their layers as its pieces (geojsonPieces, through OutputSet); core/out-files.ts
 * reads big ones back a line at a time.
 */
export function geojsonBytes(features: Feature[], name?: string): Uint8Array {
  return Buffer.concat(geojsonPieces(features, name));
}

/** A number as JSON.stringify writes it (non-finite: null). */
export const num = (v: number) => (Number.isFinite(v) ? String(v) : "null");

const ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];

/**
 * num(round7(v)) for a coordinate, written from the integer k = round(v × 10⁷) (see scaledText)
 * instead of converting a double to its shortest text, ~5 times faster.
 */
export function coordText(v: number): string {
  return scaledText(Math.round(v * 1e7), 7) ?? num(round7(v));
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];

/**
 * String(k / 10^places) for an integer k (a Smi), or null when that text is not a plain decimal
 * (k out of the int32 range; |k / 10^places| under 10⁻⁶, which JS writes with an exponent).
 * k / 10^places is the double nearest that decimal, and a decimal of at most 15 significant
 * digits is the shortest text of its nearest double (no two such decimals share one), so the
 * text is k / 10^places written out, trailing zeros dropped.
 */
function scaledText(k: number, places: number): string | null {
  if (!(k > -2147483648 && k < 2147483648) || (places > 6 && k < POW10[places - 6] && k > -POW10[places - 6] && k !== 0)) return null;
  if (k === 0) return "0";
  const a = k < 0 ? -k : k;
  const p = POW10[places];
  const whole = Math.floor(a / p);
  let frac = a - whole * p;
  const head = (k < 0 ? "-" : "") + whole;
  if (frac === 0) return head;
  let digits = places;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  const f = "" + frac;
  return head + "." + ZEROS[digits - f.length] + f;
}

/**
 * String(v) (num(v): "null" when not finite) for any double, quickly when v is a decimal of at
 * most `places` (≤ 7) decimals, as the join's rounded distances and positions are: the exact
 * text of k / 10^places when that is the very double v.
 */
export function decimalText(v: number, places: number): string {
  const k = Math.round(v * POW10[places]);
  if (k / POW10[places] === v && !Object.is(v, -0)) {
    const t = scaledText(k, places);
    if (t !== null) return t;
  }
  return num(v);
}

/**
 * decimalText(v, places) written as its ASCII bytes into `buf` at `at` (the end returned): the
 * joined GeoJSON's numbers put straight into the piece, not made into a string each first. The
 * same decision as scaledText's (the digits of k = round(v × 10^places) when k / 10^places is v);
 * any other value is written from num(v).
 */
export function writeDecimal(buf: Buffer, at: number, v: number, places: number): number {
  const p = POW10[places];
  const k = Math.round(v * p);
  const tiny = places > 6 && k !== 0 && k < POW10[places - 6] && k > -POW10[places - 6];
  if (!(k / p === v && k > -2147483648 && k < 2147483648) || tiny || Object.is(v, -0)) return at + buf.write(num(v), at, "latin1");
  let a = k;
  if (a < 0) {
    buf[at++] = 45; // "-"
    a = -a;
  }
  const whole = Math.floor(a / p);
  let frac = a - whole * p;
  at = writeDigits(buf, at, whole);
  if (frac === 0) return at;
  let digits = places;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  buf[at++] = 46; // "."
  // frac's digits, zero-padded on the left to `digits`: written from the last.
  for (let d = at + digits - 1; d >= at; d--) {
    const q = Math.floor(frac / 10);
    buf[d] = 48 + frac - q * 10;
    frac = q;
  }
  return at + digits;
}

/** A non-negative integer under 2^31 as its decimal digits (String(n)'s bytes). */
function writeDigits(buf: Buffer, at: number, n: number): number {
  let len = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) len++;
  for (let d = at + len - 1; d >= at; d--) {
    const q = Math.floor(n / 10);
    buf[d] = 48 + n - q * 10;
    n = q;
  }
  return at + len;
}

/**
 * One feature's line. A point's geometry is written directly (the same text JSON.stringify gives
 * for the rounded geometry): a million camera points otherwise cost a million rounded copies.
 * The head is put together from its members' own JSON (the same bytes as stringifying
 * {type, id, properties}: an id JSON leaves out is left out), not stringified then cut.
 */
function featureLine(f: Feature): string {
  const g = f.geometry;
  if (g?.type === "Point" && g.coordinates.length >= 2) {
    const id = JSON.stringify(f.properties?.id);
    const head = id === undefined ? '{"type":"Feature","properties":' : `{"type":"Feature","id":${id},"properties":`;
    return `${head}${JSON.stringify(f.properties ?? {})},"geometry":{"type":"Point","coordinates":[${coordText(g.coordinates[0])},${coordText(g.coordinates[1])}]}}`;
  }
  return JSON.stringify({ type: "Feature", id: f.properties?.id, properties: f.properties ?? {}, geometry: roundGeometry(f.geometry) });
}

/** Lines are gathered into text of about this many characters before being encoded (one write call per batch, not per feature). */
const BATCH_CHARS = 1 << 16;

/** geojsonBytes's pieces, each its own copy (geojsonStream's are views on one reused buffer). */
export function geojsonPieces(features: Feature[], name?: string): Buffer[] {
  return copiedPieces(geojsonStream(features, name));
}

/**
 * The same bytes in pieces made as they are asked for, each a view on one buffer valid until the
 * next is asked for: given to OutputSet (which runs a generator at commit and writes each piece
 * before asking for the next), a stage never holds its whole encoded file (~300 MB for a million
 * cameras) on top of its features, nor faults in fresh memory for each piece.
 */
export function* geojsonStream(features: Feature[], name?: string): Generator<Buffer> {
  yield* featureCollectionPieces(featureLines(features), name);
}

function* featureLines(features: Feature[]): Generator<string> {
  for (const f of features) yield featureLine(f);
}

/**
 * A FeatureCollection of the given feature lines, in geojsonStream's pieces: for writers that make
 * their lines from something else than features (a layer read as columns, layers/camera-columns.ts;
 * the joined cameras from the layer's own lines, join/joined-geojson.ts). `latin1`: the lines are
 * latin1 text holding UTF-8 bytes (the form lines are read in, core/out-files.ts).
 */
export function* featureCollectionPieces(lines: Iterable<string>, name?: string, latin1 = false): Generator<Buffer> {
  const out = new PieceWriter();
  const head = name ? `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n` : `{"type":"FeatureCollection","features":[\n`;
  let batch = latin1 ? Buffer.from(head, "utf8").toString("latin1") : head;
  let first = true;
  const add = (text: string) => (latin1 ? out.latin1(text) : out.text(text));
  for (const line of lines) {
    batch += (first ? "" : ",\n") + line;
    first = false;
    if (batch.length >= BATCH_CHARS) {
      if (!out.fits(batch, latin1)) yield out.take();
      add(batch);
      batch = "";
    }
  }
  batch += "\n]}\n";
  if (!out.fits(batch, latin1)) yield out.take();
  add(batch);
  yield out.take();
}
