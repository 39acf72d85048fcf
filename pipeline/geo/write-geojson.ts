// RFC 7946 output: WGS84, 7 decimals (about 1 cm), one feature per line so diffs stay readable
// and files stay byte-stable from run to run.
import type { Feature, Geometry, Position } from "geojson";
import { mapGeometry } from "./read-layer.js";
import { PieceWriter } from "../core/piece-writer.js";

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

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

const num = (v: number) => (Number.isFinite(v) ? String(v) : "null");

const ZEROS = ["", "0", "00", "000", "0000", "00000", "000000"];

/**
 * num(round7(v)) for a coordinate, written from the integer k = round(v × 10⁷) (a Smi) instead of
 * converting a double to its shortest text, ~5 times faster: round7(v) is the double nearest to
 * k/10⁷, and a decimal of at most 15 significant digits is the shortest text of its nearest double
 * (no two such decimals share one), so the text is k/10⁷ written out, trailing zeros dropped.
 * Values JS would write with an exponent (under 10⁻⁶) or as "0"/"-0", and NaN, take num.
 */
function coordText(v: number): string {
  const k = Math.round(v * 1e7);
  if (!(k > -2147483648 && k < 2147483648 && (k >= 10 || k <= -10))) return num(round7(v));
  const a = k < 0 ? -k : k;
  const whole = (a / 1e7) | 0;
  let frac = a - whole * 1e7;
  const head = (k < 0 ? "-" : "") + whole;
  if (frac === 0) return head;
  let digits = 7;
  while (frac % 10 === 0) {
    frac /= 10;
    digits--;
  }
  const f = "" + frac;
  return head + "." + ZEROS[digits - f.length] + f;
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

/** geojsonBytes's pieces, for OutputSet to write one after the other (no joined copy in memory). */
export function geojsonPieces(features: Feature[], name?: string): Buffer[] {
  return [...geojsonStream(features, name)];
}

/**
 * The same pieces, made as they are asked for: given to OutputSet (which runs a generator at
 * commit and writes each piece before asking for the next), a stage never holds its whole
 * encoded file (~300 MB for a million cameras) on top of its features.
 */
export function* geojsonStream(features: Feature[], name?: string): Generator<Buffer> {
  const out = new PieceWriter();
  out.text(name ? `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n` : `{"type":"FeatureCollection","features":[\n`);
  let batch = "";
  for (let i = 0; i < features.length; i++) {
    batch += (i ? ",\n" : "") + featureLine(features[i]);
    if (batch.length >= BATCH_CHARS) {
      out.text(batch);
      batch = "";
      if (out.ready.length) yield* out.ready.splice(0);
    }
  }
  out.text(batch + "\n]}\n");
  yield* out.end();
}
