// A point layer a stage wrote (out/layers/cameras.geojson…) read as columns: the coordinates in
// typed arrays and only the properties asked for, without a feature object per point. A million
// cameras as features are ~2 GB of objects, of which a density map needs two numbers each.
// Each line is read where geo/write-geojson.ts puts things ("properties" first, "geometry" last);
// a line that does not fit that shape is parsed whole, so the result is the same as JSON.parse's.
import type { Feature, Point } from "geojson";
import { plainDecimal } from "./plain-decimal.js";
import { notAFeature, stageFeatureLineSpans } from "./out-files.js";

export type PropValue = string | number | boolean | null;

export interface PointTable {
  /** Points read (single points with finite coordinates), in file order. */
  length: number;
  lon: Float64Array;
  lat: Float64Array;
  /** The properties asked for, one column per key, null where a feature lacks it. */
  columns: Record<string, PropValue[]>;
  /** Features that are not a single point, or whose coordinates are not finite: counted, not kept. */
  unplaced: number;
}

/** True for a table, false for a list of features (the two forms a point layer comes in). */
export const isPointTable = (x: Feature[] | PointTable): x is PointTable => !Array.isArray(x);

const GEOM = Buffer.from(',"geometry":', "latin1");
const PROPS = Buffer.from(',"properties":{', "latin1");
const POINT = Buffer.from('{"type":"Point","coordinates":[', "latin1");

/**
 * The points of a stage's GeoJSON file with the properties `keep`, read a block at a time. Each
 * line is read from its bytes (core/out-files stageFeatureLineSpans): at a million cameras a
 * latin1 string per block, a slice per line and per value were most of the reading and of the
 * garbage after it. Only a line of another shape becomes text, and is parsed whole.
 */
export function readStagePoints(file: string, stage: string, keep: string[] = []): PointTable {
  let cap = 1024;
  let lon = new Float64Array(cap), lat = new Float64Array(cap);
  const columns: Record<string, PropValue[]> = Object.fromEntries(keep.map((k) => [k, []]));
  const cols = keep.map((k) => columns[k]);
  const scans = keyScans(keep);
  const xy = new Float64Array(2);
  const values: PropValue[] = keep.map(() => null);
  let n = 0, unplaced = 0;
  for (const spans of stageFeatureLineSpans(file, stage)) {
    const b = spans.block;
    for (const k of scans) k.next = -1; // a new block: no key position known in it yet
    for (let j = 0; j < spans.count; j++) {
      const s = spans.start[j], e = spans.end[j], lineNo = spans.line[j];
      const g = pointAt(b, s, e, xy);
      let x = xy[0], y = xy[1];
      let props: Record<string, unknown> | null = null;
      if (g < 0) {
        // Not the usual shape: the whole line, as the feature reader would see it.
        let f: Feature | undefined;
        try {
          f = JSON.parse(b.toString("utf8", s, e)) as Feature;
        } catch {
          f = undefined;
        }
        if (f?.type !== "Feature") throw notAFeature(file, lineNo, stage);
        const c = f.geometry?.type === "Point" ? (f.geometry as Point).coordinates : null;
        if (!c || !c.every(Number.isFinite)) {
          unplaced++;
          continue;
        }
        [x, y] = c;
        props = (f.properties ?? {}) as Record<string, unknown>;
      }
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        unplaced++;
        continue;
      }
      if (n === cap) {
        cap *= 2;
        const a = new Float64Array(cap), c = new Float64Array(cap);
        a.set(lon);
        c.set(lat);
        lon = a;
        lat = c;
      }
      lon[n] = x;
      lat[n] = y;
      if (keep.length) {
        if (props) for (let i = 0; i < keep.length; i++) cols[i].push(toValue(props[keep[i]]));
        else if (propsAt(b, s, g, scans, values)) for (let i = 0; i < keep.length; i++) cols[i].push(values[i]);
        else {
          const whole = wholeProps(b.toString("utf8", s, e), keep, () => notAFeature(file, lineNo, stage));
          for (let i = 0; i < keep.length; i++) cols[i].push(whole[i]);
        }
      }
      n++;
    }
  }
  return { length: n, lon: lon.slice(0, n), lat: lat.slice(0, n), columns, unplaced };
}

/** The kept properties of a line parsed whole (nested properties, or a line of another shape). */
function wholeProps(text: string, keep: string[], bad: () => Error): PropValue[] {
  let p: Record<string, unknown>;
  try {
    p = (JSON.parse(text) as Feature).properties ?? {};
  } catch {
    throw bad();
  }
  return keep.map((k) => toValue(p[k]));
}

const toValue = (v: unknown): PropValue => (v === undefined ? null : typeof v === "object" && v !== null ? JSON.stringify(v) : (v as PropValue));

/** True when `b` holds the bytes of `word` at `at` (and `word` ends before `end`). */
function bytesAt(b: Buffer, at: number, word: Buffer, end: number): boolean {
  if (at < 0 || at + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (b[at + i] !== word[i]) return false;
  return true;
}

/**
 * Where line b[s, e)'s geometry starts (its `,"geometry":`), with its [lon, lat] put in `xy`,
 * when the geometry is written last as a plain 2D Point; -1 when the line has another shape (then
 * it is parsed whole: a height must be finite too, as splitUnplaced asks).
 */
function pointAt(b: Buffer, s: number, e: number, xy: Float64Array): number {
  if (e - s < 3 || b[e - 1] !== 0x7d || b[e - 2] !== 0x7d || b[e - 3] !== 0x5d) return -1; // "]}}"
  // The line's last `,"geometry":`, looked for from its end by hand: it lies ~45 bytes back, and
  // Buffer's lastIndexOf costs more in its call than in its search.
  let g = e - GEOM.length;
  while (g >= s && !bytesAt(b, g, GEOM, e)) g--;
  if (g < s || !bytesAt(b, g + GEOM.length, POINT, e)) return -1;
  const from = g + GEOM.length + POINT.length, to = e - 3;
  let comma = -1;
  for (let i = from; i < to; i++) {
    if (b[i] !== 44) continue;
    if (comma >= 0) return -1; // a third ordinate
    comma = i;
  }
  // Number("") is 0: an empty ordinate is not a coordinate.
  if (comma <= from || comma + 1 >= to) return -1;
  xy[0] = decimalAt(b, from, comma);
  xy[1] = decimalAt(b, comma + 1, to);
  return g;
}

/** Number() of the text b[a, z), without the text when it is a plain decimal (core/plain-decimal.ts). */
export function decimalAt(b: Buffer, a: number, z: number): number {
  const v = plainDecimal(b, a, z);
  return Number.isNaN(v) ? Number(b.toString("latin1", a, z)) : v;
}

/**
 * The first place of `word` in block b at or after `from` (b.length: none), `at.next` holding the
 * last search's answer: while that lies ahead it is still the answer, so a word absent from every
 * line (a key no feature has) does not send each line's search to the block's end.
 */
function nextAt(b: Buffer, word: Buffer, from: number, at: { next: number }): number {
  if (at.next < from) {
    const i = b.indexOf(word, from);
    at.next = i < 0 ? b.length : i;
  }
  return at.next;
}

/** How a kept key is looked for, and its values already met (raw text → value). */
interface KeyScan {
  first: Buffer;
  later: Buffer;
  /** Where `later` next occurs in the current block at or after the last search's start (block length: nowhere; -1: not searched yet). */
  next: number;
  /** The last raw value met and its value: a column of few values (a method, a source) mostly repeats it. */
  lastRaw: Buffer;
  lastValue: PropValue;
  /** Dropped once it holds 4,096 values (ids: every value is new, a lookup would only cost). */
  seen: Map<string, PropValue> | null;
}

const keyScans = (keep: string[]): KeyScan[] =>
  keep.map((k) => ({ first: Buffer.from(`"${k}":`), later: Buffer.from(`,"${k}":`), next: -1, lastRaw: Buffer.alloc(0), lastValue: null, seen: new Map() }));

/**
 * The values of the kept keys in the properties of line b[s, g) (g: where its geometry starts),
 * found by their key, into `out`. Only for flat properties (no `{` or `[` after the opening brace,
 * not even inside a string: then false, and the caller parses the properties whole). In JSON
 * text a quote inside a string is always escaped, so `{"key":` and `,"key":` can only be a key of
 * this object.
 */
function propsAt(b: Buffer, s: number, g: number, scans: KeyScan[], out: PropValue[]): boolean {
  // The first `,"properties":{`, by hand too: the stages write it ~40 bytes into the line.
  let p = s;
  while (p < g && !bytesAt(b, p, PROPS, g)) p++;
  if (g <= p || b[g - 1] !== 125) return false;
  const b0 = p + PROPS.length - 1; // the properties' opening brace
  for (let i = b0 + 1; i < g; i++) if (b[i] === 0x7b || b[i] === 0x5b) return false;
  for (let k = 0; k < scans.length; k++) {
    const scan = scans[k];
    let v: number;
    if (bytesAt(b, b0 + 1, scan.first, g)) v = b0 + 1 + scan.first.length;
    else {
      const c = nextAt(b, scan.later, b0, scan);
      if (c >= g) {
        out[k] = null;
        continue;
      }
      v = c + scan.later.length;
    }
    let end: number, plain = true, ascii = true;
    if (b[v] === 34) {
      // The closing quote: the next one not escaped (preceded by an even run of backslashes).
      end = v + 1;
      for (;;) {
        while (end < g && b[end] !== 34) {
          const c = b[end++];
          if (c === 92 || c < 0x20) plain = false;
          else if (c >= 0x80) ascii = false;
        }
        if (end >= g) return false;
        let bs = 0;
        while (b[end - 1 - bs] === 92) bs++;
        if (bs % 2 === 0) break;
        end++;
      }
      end++;
    } else {
      plain = false;
      end = v;
      while (end < g && b[end] !== 44 && b[end] !== 125) end++;
    }
    const value = rawValue(b, v, end, plain, ascii, scan);
    if (value === undefined) return false;
    out[k] = value;
  }
  return true;
}

/**
 * The value of raw JSON b[v, end) (`plain`: a string without escapes or control characters, its
 * bytes its UTF-8 text; `ascii`: and none past 0x7f); undefined when it is not JSON.
 */
function rawValue(b: Buffer, v: number, end: number, plain: boolean, ascii: boolean, scan: KeyScan): PropValue | undefined {
  const last = scan.lastRaw;
  if (last.length === end - v && bytesAt(b, v, last, end)) return scan.lastValue;
  let value: PropValue;
  // Ids: each new, no lookup; ASCII (as the stages' ids are) copied byte for character.
  if (plain && !scan.seen) value = b.toString(ascii ? "latin1" : "utf8", v + 1, end - 1);
  else {
    const raw = b.toString("latin1", v, end);
    const hit = scan.seen?.get(raw);
    if (hit !== undefined) value = hit;
    else {
      try {
        value = plain ? b.toString("utf8", v + 1, end - 1) : (JSON.parse(b.toString("utf8", v, end)) as PropValue);
      } catch {
        return undefined;
      }
      if (scan.seen) {
        if (scan.seen.size < 4096) scan.seen.set(raw, value);
        else scan.seen = null;
      }
    }
    // Kept as a copy: the block is reused for the next one.
    if (end - v <= 64) {
      scan.lastRaw = Buffer.from(b.subarray(v, end));
      scan.lastValue = value;
    }
  }
  return value;
}

/** Features of a table's points (id and kept properties): for maps that draw a few of them one by one. */
export function tableFeatures(t: PointTable, indices?: ArrayLike<number>): Feature[] {
  const keys = Object.keys(t.columns);
  const at = (i: number): Feature => {
    const properties = Object.fromEntries(keys.map((k) => [k, t.columns[k][i]]));
    return { type: "Feature", ...(properties.id !== undefined && properties.id !== null ? { id: properties.id as string } : {}), properties, geometry: { type: "Point", coordinates: [t.lon[i], t.lat[i]] } };
  };
  const out: Feature[] = [];
  if (indices) for (let j = 0; j < indices.length; j++) out.push(at(indices[j]));
  else for (let i = 0; i < t.length; i++) out.push(at(i));
  return out;
}

/** The rows `indices` of a table, as a table. */
export function tableRows(t: PointTable, indices: ArrayLike<number>): PointTable {
  const idx = Array.from(indices);
  return {
    length: idx.length,
    lon: Float64Array.from(idx, (i) => t.lon[i]),
    lat: Float64Array.from(idx, (i) => t.lat[i]),
    columns: Object.fromEntries(Object.entries(t.columns).map(([k, col]) => [k, idx.map((i) => col[i])])),
    unplaced: 0,
  };
}
