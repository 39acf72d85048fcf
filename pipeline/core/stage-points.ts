// A point layer a stage wrote (out/layers/cameras.geojson…) read as columns: the coordinates in
// typed arrays and only the properties asked for, without a feature object per point. A million
// cameras as features are ~2 GB of objects, of which a density map needs two numbers each.
// Each line is read where geo/write-geojson.ts puts things ("properties" first, "geometry" last);
// a line that does not fit that shape is parsed whole, so the result is the same as JSON.parse's.
import type { Feature, Point } from "geojson";
import { forEachStageLine, latin1ToUtf8, notAFeature } from "./out-files.js";

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

const GEOM = ',"geometry":';
const PROPS = ',"properties":{';
const POINT = '{"type":"Point","coordinates":[';

/** The points of a stage's GeoJSON file with the properties `keep`, read a chunk at a time. */
export function readStagePoints(file: string, stage: string, keep: string[] = []): PointTable {
  let cap = 1024;
  let lon = new Float64Array(cap), lat = new Float64Array(cap);
  const columns: Record<string, PropValue[]> = Object.fromEntries(keep.map((k) => [k, []]));
  const scans = keyScans(keep);
  let n = 0, unplaced = 0;
  // Lines come as latin1 (one character a byte): the values kept are decoded from UTF-8 one by one.
  forEachStageLine(file, stage, (text, lineNo) => {
    const parsed = pointOf(text);
    let x = parsed?.[0], y = parsed?.[1];
    let props: Record<string, unknown> | null = null;
    if (!parsed) {
      // Not the usual shape: the whole line, as the feature reader would see it.
      let f: Feature | undefined;
      try {
        f = JSON.parse(latin1ToUtf8(text)) as Feature;
      } catch {
        f = undefined;
      }
      if (f?.type !== "Feature") throw notAFeature(file, lineNo, stage);
      const c = f.geometry?.type === "Point" ? (f.geometry as Point).coordinates : null;
      if (!c || !c.every(Number.isFinite)) {
        unplaced++;
        return;
      }
      [x, y] = c;
      props = (f.properties ?? {}) as Record<string, unknown>;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      unplaced++;
      return;
    }
    if (n === cap) {
      cap *= 2;
      const a = new Float64Array(cap), b = new Float64Array(cap);
      a.set(lon);
      b.set(lat);
      lon = a;
      lat = b;
    }
    lon[n] = x!;
    lat[n] = y!;
    if (keep.length) {
      // Few distinct values (a method, a source) are parsed and held once (KeyScan.seen).
      const values = props ? keep.map((k) => toValue(props![k])) : propsOf(text, scans) ?? wholeProps(text, keep, () => notAFeature(file, lineNo, stage));
      for (let i = 0; i < keep.length; i++) columns[keep[i]].push(values[i]);
    }
    n++;
  }, { latin1: true });
  return { length: n, lon: lon.slice(0, n), lat: lat.slice(0, n), columns, unplaced };
}

/** The kept properties of a line parsed whole (nested properties, or a line of another shape). */
function wholeProps(text: string, keep: string[], bad: () => Error): PropValue[] {
  let p: Record<string, unknown>;
  try {
    p = (JSON.parse(latin1ToUtf8(text)) as Feature).properties ?? {};
  } catch {
    throw bad();
  }
  return keep.map((k) => toValue(p[k]));
}

const toValue = (v: unknown): PropValue => (v === undefined ? null : typeof v === "object" && v !== null ? JSON.stringify(v) : (v as PropValue));

/**
 * [lon, lat] of a line whose geometry is written last as a plain 2D Point; null when the line has
 * another shape (then it is parsed whole: a height must be finite too, as splitUnplaced asks).
 */
function pointOf(text: string): [number, number] | null {
  const g = text.lastIndexOf(GEOM);
  if (g < 0 || !text.startsWith(POINT, g + GEOM.length) || !text.endsWith("]}}")) return null;
  const body = text.slice(g + GEOM.length + POINT.length, text.length - 3);
  const comma = body.indexOf(",");
  if (comma < 0) return null;
  // Number("") is 0: an empty ordinate is not a coordinate.
  if (comma === 0 || comma + 1 === body.length || body.indexOf(",", comma + 1) >= 0) return null;
  return [Number(body.slice(0, comma)), Number(body.slice(comma + 1))];
}

/** How a kept key is looked for, and its values already met (raw text → value). */
interface KeyScan {
  first: string;
  later: string;
  /** Dropped once it holds 4,096 values (ids: every value is new, a lookup would only cost). */
  seen: Map<string, PropValue> | null;
}

const keyScans = (keep: string[]): KeyScan[] => keep.map((k) => ({ first: `"${k}":`, later: `,"${k}":`, seen: new Map() }));

/**
 * The values of the kept keys in a line's properties, found by their key. Only for flat
 * properties (no `{` or `[` after the opening brace, not even inside a string: then null, and the
 * caller parses the properties whole). In JSON text a quote inside a string is always escaped, so
 * `{"key":` and `,"key":` can only be a key of this object.
 */
function propsOf(text: string, scans: KeyScan[]): PropValue[] | null {
  const p = text.indexOf(PROPS);
  const g = text.lastIndexOf(GEOM);
  if (p < 0 || g < p || text.charCodeAt(g - 1) !== 125) return null;
  const b0 = p + PROPS.length - 1; // the properties' opening brace
  const ob = text.indexOf("{", b0 + 1), sb = text.indexOf("[", b0);
  if ((ob >= 0 && ob < g) || (sb >= 0 && sb < g)) return null;
  const out: PropValue[] = [];
  for (const k of scans) {
    let v: number;
    if (text.startsWith(k.first, b0 + 1)) v = b0 + 1 + k.first.length;
    else {
      const c = text.indexOf(k.later, b0);
      if (c < 0 || c >= g) {
        out.push(null);
        continue;
      }
      v = c + k.later.length;
    }
    let end: number;
    if (text.charCodeAt(v) === 34) {
      // The closing quote: the next one not escaped (preceded by an even run of backslashes).
      end = v + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0 || end >= g) return null;
        let bs = 0;
        while (text.charCodeAt(end - 1 - bs) === 92) bs++;
        if (bs % 2 === 0) break;
        end++;
      }
      end++;
    } else {
      end = v;
      while (end < g && text[end] !== "," && text[end] !== "}") end++;
    }
    const raw = text.slice(v, end);
    const hit = k.seen?.get(raw);
    if (hit !== undefined) {
      out.push(hit);
      continue;
    }
    let value: PropValue;
    try {
      value = JSON.parse(latin1ToUtf8(raw)) as PropValue;
    } catch {
      return null;
    }
    if (k.seen) {
      // A copy of the key: `raw` is a slice of the whole chunk's text and would keep it alive.
      if (k.seen.size < 4096) k.seen.set(Buffer.from(raw, "latin1").toString("latin1"), value);
      else k.seen = null;
    }
    out.push(value);
  }
  return out;
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
