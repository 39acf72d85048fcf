// The camera layer as the join reads it: out/layers/cameras.geojson streamed a line at a time into
// typed arrays (positions) and columns (the properties the camera table carries), never held as a
// million features. The joined GeoJSON is written from a second pass over the same lines
// (join/joined-geojson.ts), which copies each camera's properties as they are.
import type { Feature } from "geojson";
import { forEachStageLine, latin1ToUtf8, parseFeatureLine } from "../core/out-files.js";
import { FlatPointLine, KeyTable } from "../core/feature-line.js";
import { ABSENT_CODE, LABEL_ABSENT, LABEL_NULL, NULL_CODE } from "../core/joined-cameras.js";
import { DictBuilder, Utf8Builder, utf8At, type Column } from "../core/column-file.js";

export interface CameraSource {
  file: string;
  n: number;
  /** Positions as the layer holds them (WGS84 lon/lat). */
  lon: Float64Array;
  lat: Float64Array;
  /** id, label, source, geocode_method, geocode_confidence, commissioned (core/joined-cameras.ts's columns). */
  columns: Column[];
  /**
   * Where each line's properties end (the byte index of its `},"geometry":`) when the line can be
   * copied as text with the join's fields after them; -1 when it must be rebuilt as an object
   * (join/joined-geojson.ts): not as the stages write lines, or a property the join overwrites.
   */
  propertiesEnd: Int32Array;
  /**
   * The join's keys the layer's cameras already have (the coarsest level's key, written by the
   * layers stage), in their order: the join overwrites their values in place. Taken from the first
   * camera; a camera with another set is rebuilt.
   */
  replaced: string[];
}

/** Properties of the camera layer the table carries as coded columns (absent: ABSENT_CODE). */
const CODED = ["source", "geocode_method", "geocode_confidence", "commissioned"] as const;

/** `joinKeys`: the properties the join sets (a camera that has one of its own is rebuilt, not copied). */
export function readCameraSource(file: string, joinKeys: Set<string>): CameraSource {
  let cap = 1024, n = 0;
  // Positions on shared memory: the join's helper thread reads them (locate-all.ts locateAllBeside) without a copy.
  let lon = sharedF64(cap), lat = sharedF64(cap), ends = new Int32Array(cap);
  const ids = new Utf8Builder(), labels = new Utf8Builder();
  const coded = CODED.map(() => new DictBuilder());
  let replaced: string[] | undefined;
  const lines = new LineReader(joinKeys);
  // Lines as latin1 (one character a byte, core/out-files.ts): most are read by a walk over the
  // line (LineReader.fast); a line of another shape is parsed whole, as before.
  forEachStageLine(file, "layers", (text, lineNo) => {
    if (n === cap) {
      cap *= 2;
      lon = grow(lon, cap);
      lat = grow(lat, cap);
      ends = grow(ends, cap);
    }
    if (lines.fast(text, replaced)) {
      replaced ??= lines.mine;
      ends[n] = lines.copyableEnd;
      lon[n] = lines.line.lon;
      lat[n] = lines.line.lat;
      ids.pushBytes(lines.id);
      if (typeof lines.label === "number") labels.push(lines.label);
      else labels.pushBytes(lines.label);
      for (let c = 0; c < CODED.length; c++) coded[c].push(lines.coded[c], lines.codedNull[c] ? NULL_CODE : ABSENT_CODE);
      n++;
      return;
    }
    const utf8 = latin1ToUtf8(text);
    const feature = parseFeatureLine(utf8, file, lineNo, "layers");
    replaced ??= Object.keys(feature.properties ?? {}).filter((k) => joinKeys.has(k));
    // The index in the line's bytes (its latin1 text), as the fast path gives.
    ends[n] = copyablePropertiesEnd(utf8, feature, joinKeys, replaced) >= 0 ? text.lastIndexOf(`},"geometry":`) : -1;
    const [x, y] = pointOf(feature);
    lon[n] = x;
    lat[n] = y;
    const p = feature.properties ?? {};
    ids.push(String(p.id));
    const label = p.label;
    labels.push(label === undefined ? LABEL_ABSENT : label === null ? LABEL_NULL : String(label));
    CODED.forEach((k, c) => coded[c].push(p[k], k in p ? NULL_CODE : ABSENT_CODE));
    n++;
  }, { latin1: true });
  return {
    file,
    n,
    // Views on the grown arrays, not copies (their unwritten tails were never touched).
    lon: lon.subarray(0, n),
    lat: lat.subarray(0, n),
    columns: [ids.column("id"), labels.column("label"), ...CODED.map((k, c) => coded[c].column(k))],
    propertiesEnd: ends.subarray(0, n),
    replaced: replaced ?? [],
  };
}

/** A copy of `a` with room for `cap` values, on the same kind of memory (shared or not). */
function grow<T extends Float64Array | Int32Array>(a: T, cap: number): T {
  const Ctor = a.constructor as { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };
  const bytes = cap * Ctor.BYTES_PER_ELEMENT;
  const b = new Ctor(a.buffer instanceof SharedArrayBuffer ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  b.set(a);
  return b;
}

const sharedF64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** Slots of the keys the reader looks for: the camera's own, then the join's. */
const OWN = ["id", "label", ...CODED] as const;

/**
 * One camera line read by a walk over it (core/feature-line.ts) into what readCameraSource keeps,
 * without building the feature: the same values JSON.parse would give. `fast` refuses (false) a
 * line it cannot answer for exactly — not a flat point line, a key repeated or written with an
 * escape, an integer-like key (JSON.parse would put it first), an id that is not a plain string —
 * and the caller parses that one whole.
 */
class LineReader {
  readonly line = new FlatPointLine();
  private readonly keys: KeyTable;
  private readonly joinNames: string[];
  private readonly seen: Int32Array;
  private stamp = 0;
  /** Raw value text → value, per coded column (a few distinct values: a source, a method). */
  private readonly cache = CODED.map(() => new Map<string, unknown>());
  /** The id and label as UTF-8 bytes in latin1 text (Utf8Builder.pushBytes); a label mask code when null or absent. */
  id = "";
  label: string | number = LABEL_ABSENT;
  coded: unknown[] = CODED.map(() => undefined);
  codedNull: boolean[] = CODED.map(() => false);
  /** The join's keys the line has, in text order; the properties' end when the line can be copied, else -1. */
  mine: string[] = [];
  copyableEnd = -1;

  constructor(joinKeys: Set<string>) {
    this.joinNames = [...joinKeys];
    this.keys = new KeyTable([...OWN, ...this.joinNames]);
    this.seen = new Int32Array(OWN.length + this.joinNames.length);
  }

  fast(text: string, replaced: string[] | undefined): boolean {
    const L = this.line;
    if (!L.scan(text)) return false;
    const stamp = ++this.stamp;
    if (replaced === undefined) this.mine = [];
    let idAt = -1, labelAt = -1, mineCount = 0, mineMatch = true;
    const codedAt = [-1, -1, -1, -1];
    for (let k = 0; k < L.count; k++) {
      const a = L.keyFrom[k], b = L.keyTo[k];
      const c0 = text.charCodeAt(a);
      if (c0 >= 48 && c0 <= 57) return false; // integer-like keys come first in JSON.parse's object
      // An escaped key is parsed whole (KeyTable matches keys as their bytes stand).
      if (L.special[k] && text.slice(a, b).includes("\\")) return false;
      const slot = this.keys.find(text, a, b);
      if (slot < 0) continue;
      if (this.seen[slot] === stamp) return false; // a repeated key: JSON.parse keeps the last
      this.seen[slot] = stamp;
      if (slot === 0) idAt = k;
      else if (slot === 1) labelAt = k;
      else if (slot < OWN.length) codedAt[slot - 2] = k;
      else {
        const name = this.joinNames[slot - OWN.length];
        if (replaced === undefined) this.mine.push(name);
        else if (replaced[mineCount] !== name) mineMatch = false;
        mineCount++;
      }
    }
    // The id: a plain string (anything else is parsed whole, so String(id) stays JSON.parse's).
    if (idAt < 0 || text.charCodeAt(L.from[idAt]) !== 34) return false;
    try {
      this.id = this.stringValue(text, idAt);
      this.label = labelAt < 0 ? LABEL_ABSENT : text.startsWith("null", L.from[labelAt]) && L.to[labelAt] - L.from[labelAt] === 4 ? LABEL_NULL : this.anyString(text, labelAt);
      for (let c = 0; c < CODED.length; c++) {
        const k = codedAt[c];
        this.codedNull[c] = k >= 0;
        this.coded[c] = k < 0 ? undefined : this.cachedValue(c, text, k);
      }
    } catch {
      return false; // a value that is not JSON: the line is parsed whole, which says so
    }
    // Copied as text (join/joined-geojson.ts) when the id comes first in the properties and as the
    // feature's id, and the join's keys are those of the first camera in the same order.
    const copyable = idAt === 0 && L.idTo > L.idFrom && text.slice(L.idFrom, L.idTo) === text.slice(L.from[0], L.to[0]) && (replaced === undefined || (mineMatch && mineCount === replaced.length));
    this.copyableEnd = copyable ? L.close : -1;
    return true;
  }

  /** Property k's value, a JSON string, as its UTF-8 bytes (latin1 text: what Utf8Builder.pushBytes takes). */
  private stringValue(text: string, k: number): string {
    const L = this.line;
    const inner = text.slice(L.from[k] + 1, L.to[k] - 1);
    // Without an escape the bytes between the quotes are the string's UTF-8 as they stand.
    if (!inner.includes("\\")) return inner;
    return Buffer.from(JSON.parse(latin1ToUtf8(text.slice(L.from[k], L.to[k]))) as string, "utf8").toString("latin1");
  }

  /** String(value) of property k (a label may be a number), as stringValue. */
  private anyString(text: string, k: number): string {
    const L = this.line;
    if (text.charCodeAt(L.from[k]) === 34) return this.stringValue(text, k);
    return String(JSON.parse(text.slice(L.from[k], L.to[k])));
  }

  private cachedValue(c: number, text: string, k: number): unknown {
    const L = this.line;
    const raw = text.slice(L.from[k], L.to[k]);
    const cache = this.cache[c];
    if (cache.has(raw)) return cache.get(raw);
    const value = JSON.parse(latin1ToUtf8(raw)) as unknown;
    // A copy of the key: `raw` is a slice of the whole block's text and would keep it alive.
    if (cache.size < 4096) cache.set(Buffer.from(raw, "latin1").toString("latin1"), value);
    return value;
  }
}

/**
 * The line's `},"geometry":` index when it reads `{"type":"Feature","id":<id>,"properties":{…},"geometry":<Point>}`
 * with the id first, and the join's keys it has are exactly `replaced`, all after the id in a flat
 * property list (so join/joined-geojson.ts can swap their values in the text); else -1.
 */
function copyablePropertiesEnd(text: string, f: Feature, joinKeys: Set<string>, replaced: string[]): number {
  const p = f.properties;
  const c = (f.geometry as { type: string; coordinates?: number[] } | null)?.coordinates;
  if (!p || p.id === undefined || f.geometry?.type !== "Point" || !c || c.length < 2) return -1;
  const own = Object.keys(p);
  if (own[0] !== "id") return -1;
  const mine = own.filter((k) => joinKeys.has(k));
  if (mine.length !== replaced.length || mine.some((k, i) => k !== replaced[i])) return -1;
  if (mine.length && own.some((k) => typeof p[k] === "object" && p[k] !== null)) return -1;
  const head = `{"type":"Feature","id":${JSON.stringify(p.id)},"properties":{`;
  if (!text.startsWith(head)) return -1;
  const g = text.lastIndexOf(`},"geometry":`);
  return g >= head.length ? g : -1;
}

/** Camera i's id (String of the layer's id), read from the id column. */
export function cameraIds(src: CameraSource): (i: number) => string {
  const c = src.columns.find((x) => x.name === "id") as Extract<Column, { type: "utf8" }>;
  return (i) => utf8At(c, i) ?? "";
}

export function pointOf(f: Feature): [number, number] {
  const c = (f.geometry as { coordinates: number[] }).coordinates;
  return [c[0], c[1]];
}
