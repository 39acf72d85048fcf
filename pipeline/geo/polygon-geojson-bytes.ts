// The fast path of streamFlatPolygons: a polygon GeoJSON FeatureCollection read straight from its
// bytes into a FlatPolygonBuilder, in blocks read into one reused buffer. No text is decoded, no
// feature object is built: numbers are parsed from their digits, everything else is only checked
// (JSON syntax, the structure checkFeature asks for) and skipped.
//
// It never decides a hard case: anything it does not read with certainty (a syntax error, a bad
// feature, a GeometryCollection, a BOM, a key written with escapes, a gzipped file, a number of
// more than 15 digits is still read here but through Number) makes it answer "undefined" and the
// caller reads the file again with the general reader (stream-geojson.ts), whose result or
// message is then the one given. So a file read here gives exactly what the general reader gives.
import { closeSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { counter } from "../core/progress.js";
import type { CrsCode } from "./crs.js";
import type { FlatPolygonBuilder } from "./flat-polygons.js";
import { crsMember } from "./read-geojson.js";

export interface FastPolygonResult {
  count: number;
  declaredCrs?: CrsCode;
  unknownCrs?: string;
}

/** Read size; the buffer is reused, so it is touched once (fresh memory is what costs here). */
const BLOCK_BYTES = 1 << 20;
/** Bytes kept readable past a token's start: a number (or a literal, an escape) must fit. */
const AHEAD = 512;
const PROGRESS_BYTES = 32 * 1024 * 1024;

/** Thrown inside the reader when the file is not one it reads with certainty. */
const GIVE_UP = new Error("not read by the fast polygon reader");

// Exact powers of ten: m × 10^e or m / 10^e is then one correctly rounded operation (Clinger's
// fast path), the double JSON.parse gives, as long as m < 2^53 (15 significant digits here).
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const enum Key {
  Other,
  Type,
  Crs,
  Features,
  Properties,
  Geometry,
  Coordinates,
}

const GEOMETRY_NAMES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];
/** Array depth of a position inside `coordinates` (1: the coordinates are the position). */
const POSITION_LEVEL = [1, 2, 2, 3, 3, 4];
const POLYGON = 4;
const TOP_KEYS = [Key.Type, Key.Crs, Key.Features];
const FEATURE_KEYS = [Key.Type, Key.Properties, Key.Geometry];
const GEOMETRY_KEYS = [Key.Type, Key.Coordinates];
const MULTIPOLYGON = 5;

/**
 * Reads a polygon GeoJSON FeatureCollection into builder, or answers undefined (the builder then
 * holds part of the file and is to be dropped) when the general reader must decide.
 */
export function readPolygonGeoJSONBytes(file: string, builder: FlatPolygonBuilder, size: number, blockBytes = BLOCK_BYTES): FastPolygonResult | undefined {
  if (/\.gz$/i.test(file)) return undefined;
  const fd = openSync(file, "r");
  try {
    const r = new PolygonReader(fd, builder, blockBytes, size > PROGRESS_BYTES ? counter(`reading ${basename(file)} (bytes)`, size) : undefined);
    return r.document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  } finally {
    closeSync(fd);
  }
}

class PolygonReader {
  private readonly buf: Buffer;
  private pos = 0;
  /** buf[end] is always 0: a byte no token continues with and no JSON allows, so scans stop. */
  private end = 0;
  private eof = false;
  /** Start in buf of the member value being kept (top level only), -1 when none. */
  private keepFrom = -1;
  private kept: Buffer[] = [];
  private features = 0;
  // One feature's geometry: vertices, then the ring and part ends as (array level, vertex count).
  private xy = new Float64Array(1 << 16);
  private nxy = 0;
  private ends = new Int32Array(1 << 10);
  private nEnds = 0;
  private positionLevel = 0;
  private deepestList = 0;
  /** Where numbers checked and skipped go. */
  private readonly skipped = new Float64Array(1);

  constructor(
    private readonly fd: number,
    private readonly builder: FlatPolygonBuilder,
    blockBytes: number,
    private readonly progress: { tick(n: number): void; done(): void } | undefined,
  ) {
    // tests read in blocks of a few bytes, to cut tokens everywhere
    this.buf = Buffer.allocUnsafe(Math.max(1, blockBytes) + AHEAD + 1);
    this.buf[0] = 0;
    this.fill();
  }

  /** Moves the unread bytes to the front and reads more after them (keeps a kept value's bytes). */
  private fill(): void {
    const { buf, pos } = this;
    if (this.keepFrom >= 0) {
      this.kept.push(Buffer.from(buf.subarray(this.keepFrom, pos)));
      this.keepFrom = 0;
    }
    const rest = this.end - pos;
    if (rest > 0) buf.copyWithin(0, pos, this.end);
    this.pos = 0;
    this.end = rest;
    const room = buf.length - 1;
    while (!this.eof && this.end < room) {
      const n = readSync(this.fd, buf, this.end, room - this.end, null);
      if (n === 0) this.eof = true;
      this.end += n;
      this.progress?.tick(n);
    }
    buf[this.end] = 0;
  }

  /** At least AHEAD bytes readable from pos (or the file's end). */
  private ahead(): void {
    if (this.end - this.pos < AHEAD && !this.eof) this.fill();
  }

  /** Skips whitespace; the byte then at pos (0 at the end of the file). */
  private next(): number {
    for (;;) {
      const buf = this.buf;
      let p = this.pos;
      let c = buf[p];
      while (c === 32 || c === 10 || c === 13 || c === 9) c = buf[++p];
      this.pos = p;
      if (p < this.end || this.eof) return c;
      this.fill();
    }
  }

  private expect(c: number): void {
    if (this.next() !== c) throw GIVE_UP;
    this.pos++;
  }

  /** After a member or element: true for ',', false for the closing byte, else give up. */
  private more(close: number): boolean {
    const c = this.next();
    this.pos++;
    if (c === 44) return true;
    if (c === close) return false;
    throw GIVE_UP;
  }

  document(): FastPolygonResult {
    if (this.next() !== 123) throw GIVE_UP;
    this.pos++;
    let type: string | undefined, crs: string | undefined, features = false;
    if (this.next() === 125) this.pos++;
    else {
      do {
        const key = this.key(TOP_KEYS);
        if (key === Key.Features) {
          if (features || this.next() !== 91) throw GIVE_UP;
          features = true;
          this.featureArray();
        } else if (key === Key.Type || key === Key.Crs) {
          const text = this.keptValue();
          if (key === Key.Type) {
            if (type !== undefined) throw GIVE_UP;
            type = text;
          } else {
            if (crs !== undefined) throw GIVE_UP;
            crs = text;
          }
        } else this.skipValue(0);
      } while (this.more(125));
    }
    if (this.next() !== 0 || this.pos < this.end) throw GIVE_UP;
    if (!features || type === undefined || JSON.parse(type) !== "FeatureCollection") throw GIVE_UP;
    this.progress?.done();
    const { code, unknown } = crsMember({ crs: crs === undefined ? undefined : JSON.parse(crs) });
    return { count: this.features, declaredCrs: code, unknownCrs: unknown };
  }

  /** A member value kept as text (ASCII only: no encoding to decide). */
  private keptValue(): string {
    this.next();
    this.keepFrom = this.pos;
    this.kept = [];
    this.skipValue(0);
    const bytes = Buffer.concat([...this.kept, this.buf.subarray(this.keepFrom, this.pos)]);
    this.keepFrom = -1;
    for (const b of bytes) if (b > 127) throw GIVE_UP;
    return bytes.toString("latin1");
  }

  private featureArray(): void {
    this.pos++;
    if (this.next() === 93) {
      this.pos++;
      return;
    }
    do {
      if (this.next() !== 123) throw GIVE_UP;
      this.feature();
      this.features++;
    } while (this.more(93));
  }

  /** One Feature, its members in any order; its polygon added to the builder. */
  private feature(): void {
    this.pos++;
    let type = false, properties = false, geometry = -1;
    if (this.next() !== 125) {
      do {
        const key = this.key(FEATURE_KEYS);
        if (key === Key.Type) {
          if (type) throw GIVE_UP;
          type = true;
          this.next();
          if (!this.literal('"Feature"')) throw GIVE_UP;
        } else if (key === Key.Properties) {
          if (properties) throw GIVE_UP;
          properties = true;
          const c = this.next();
          if (c === 123) this.skipValue(0);
          else if (!this.literal("null")) throw GIVE_UP;
        } else if (key === Key.Geometry) {
          if (geometry >= 0 || this.next() !== 123) throw GIVE_UP;
          geometry = this.geometry();
        } else this.skipValue(0);
      } while (this.more(125));
    } else this.pos++;
    if (!type || geometry < 0) throw GIVE_UP;
    this.addPolygon(geometry);
  }

  /** A geometry object: its type's index in GEOMETRY_NAMES, its coordinates recorded. */
  private geometry(): number {
    this.pos++;
    let type = -1, coordinates = false;
    this.nxy = 0;
    this.nEnds = 0;
    this.positionLevel = 0;
    this.deepestList = 0;
    if (this.next() !== 125) {
      do {
        const key = this.key(GEOMETRY_KEYS);
        if (key === Key.Type) {
          if (type >= 0) throw GIVE_UP;
          this.next();
          type = this.geometryName();
        } else if (key === Key.Coordinates) {
          if (coordinates || this.next() !== 91) throw GIVE_UP;
          coordinates = true;
          this.coordinateArray(1);
        } else this.skipValue(0);
      } while (this.more(125));
    } else this.pos++;
    // What checkGeometry asks: a known type, every position at its depth, no list below it.
    if (type < 0 || !coordinates) throw GIVE_UP;
    const level = POSITION_LEVEL[type];
    if ((this.positionLevel !== 0 && this.positionLevel !== level) || this.deepestList >= level) throw GIVE_UP;
    return type;
  }

  private geometryName(): number {
    for (let t = 0; t < GEOMETRY_NAMES.length; t++) if (this.literal(`"${GEOMETRY_NAMES[t]}"`)) return t;
    throw GIVE_UP;
  }

  /**
   * An array inside coordinates at the given level (1: coordinates itself): a position if its
   * first element is a number, else a list of arrays. Positions' x, y go to xy; the end of each
   * list is recorded with its level and the vertex count so far.
   */
  private coordinateArray(level: number): void {
    if (level > 4) throw GIVE_UP;
    this.pos++;
    const c = this.next();
    if (c === 91) {
      do {
        if (this.next() !== 91) throw GIVE_UP;
        this.coordinateArray(level + 1);
      } while (this.more(93));
    } else if (c === 93) this.pos++;
    else {
      this.position(level);
      return;
    }
    if (level > this.deepestList) this.deepestList = level;
    if (this.nEnds + 2 > this.ends.length) {
      const e = new Int32Array(2 * this.ends.length);
      e.set(this.ends);
      this.ends = e;
    }
    this.ends[this.nEnds++] = level;
    this.ends[this.nEnds++] = this.nxy >> 1;
  }

  /** A position: two numbers (what follows them, anything, is checked and skipped). */
  private position(level: number): void {
    if (this.positionLevel !== level) {
      if (this.positionLevel !== 0) throw GIVE_UP;
      this.positionLevel = level;
    }
    if (this.nxy + 2 > this.xy.length) {
      const grown = new Float64Array(2 * this.xy.length);
      grown.set(this.xy);
      this.xy = grown;
    }
    this.number(this.xy, this.nxy);
    if (this.next() !== 44) throw GIVE_UP;
    this.pos++;
    this.number(this.xy, this.nxy + 1);
    this.nxy += 2;
    while (this.more(93)) this.skipValue(0);
  }

  /** The feature's polygon: its rings if a Polygon or MultiPolygon, else an empty one. */
  private addPolygon(type: number): void {
    const b = this.builder;
    b.beginPolygon();
    if (type === POLYGON || type === MULTIPOLYGON) {
      // Rings end at level 2 (Polygon) or 3 (MultiPolygon, whose parts end at level 2).
      const ringLevel = type === POLYGON ? 2 : 3;
      const ends = this.ends;
      let from = 0, k = 0;
      for (let e = 0; e < this.nEnds; e += 2) {
        if (ends[e] === ringLevel) {
          b.addRing(this.xy, from, ends[e + 1], k++ === 0);
          from = ends[e + 1];
        } else if (ends[e] === ringLevel - 1) k = 0;
      }
    }
    b.endPolygon();
  }

  /**
   * A JSON number, as JSON.parse reads it, written to to[at] (a double returned from a call that
   * is not inlined is a fresh heap object: millions of them kept the young generation busy).
   * A non-finite one (1e999) is left to the general reader.
   */
  private number(to: Float64Array, at: number): void {
    this.next();
    this.ahead();
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    let c = buf[p];
    const negative = c === 45;
    if (negative) c = buf[++p];
    let m = 0, digits = 0, exponent = 0;
    if (c === 48) {
      c = buf[++p];
      if (c >= 48 && c <= 57) throw GIVE_UP;
    } else if (c >= 49 && c <= 57) {
      do {
        m = m * 10 + (c - 48);
        digits++;
        c = buf[++p];
      } while (c >= 48 && c <= 57);
    } else throw GIVE_UP;
    if (c === 46) {
      c = buf[++p];
      if (c < 48 || c > 57) throw GIVE_UP;
      do {
        m = m * 10 + (c - 48);
        if (m !== 0) digits++;
        exponent--;
        c = buf[++p];
      } while (c >= 48 && c <= 57);
    }
    if (c === 101 || c === 69) {
      c = buf[++p];
      let sign = 1;
      if (c === 43 || c === 45) {
        if (c === 45) sign = -1;
        c = buf[++p];
      }
      if (c < 48 || c > 57) throw GIVE_UP;
      let e = 0;
      do {
        if (e < 100000) e = e * 10 + (c - 48);
        c = buf[++p];
      } while (c >= 48 && c <= 57);
      exponent += sign * e;
    }
    if (p >= this.end && !this.eof) throw GIVE_UP;
    this.pos = p;
    let v: number;
    if (digits <= 15 && exponent >= -22 && exponent <= 22) {
      v = exponent < 0 ? m / POW10[-exponent] : m * POW10[exponent];
      if (negative) v = -v;
    } else {
      v = Number(buf.toString("latin1", start, p));
      if (!Number.isFinite(v)) throw GIVE_UP;
    }
    to[at] = v;
  }

  /** True (and moves past it) if the bytes at pos are exactly the ASCII text s. */
  private literal(s: string): boolean {
    this.ahead();
    const buf = this.buf, p = this.pos;
    for (let i = 0; i < s.length; i++) if (buf[p + i] !== s.charCodeAt(i)) return false;
    this.pos = p + s.length;
    return true;
  }

  /**
   * A member name followed by ':': which of the wanted keys it is, or Key.Other. A name written
   * with escapes could be any key, so it makes the reader give up.
   */
  private key(wanted: Key[]): Key {
    if (this.next() !== 34) throw GIVE_UP;
    let found = Key.Other;
    for (const k of wanted) {
      if (this.literal(KEY_TEXT[k])) {
        found = k;
        break;
      }
    }
    if (found === Key.Other && this.string()) throw GIVE_UP;
    this.expect(58);
    return found;
  }

  /** Skips a string (pos at its opening quote); true if it has escapes. */
  private string(): boolean {
    let escaped = false;
    let p = this.pos + 1;
    for (;;) {
      const buf = this.buf;
      let c = buf[p];
      // Any byte from 0x20 but '"' and '\' stands for itself (UTF-8 or Windows-1252 alike).
      while (c >= 32 && c !== 34 && c !== 92) c = buf[++p];
      if (c === 34) {
        this.pos = p + 1;
        return escaped;
      }
      if (c === 92) {
        escaped = true;
        this.pos = p;
        this.ahead();
        p = this.pos;
        const e = this.buf[p + 1];
        if (e === 117) {
          for (let i = 2; i < 6; i++) if (!isHex(this.buf[p + i])) throw GIVE_UP;
          p += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) p += 2;
        else throw GIVE_UP;
        continue;
      }
      // A control byte: the buffer's end (read on) or a raw one in the string (not JSON).
      if (p < this.end || this.eof) throw GIVE_UP;
      this.pos = p;
      this.fill();
      p = this.pos;
    }
  }

  /** Checks and skips any JSON value (pos at its first byte or before it). */
  private skipValue(depth: number): void {
    if (depth > 512) throw GIVE_UP;
    const c = this.next();
    if (c === 123) {
      this.pos++;
      if (this.next() === 125) {
        this.pos++;
        return;
      }
      do {
        if (this.next() !== 34) throw GIVE_UP;
        this.string();
        this.expect(58);
        this.skipValue(depth + 1);
      } while (this.more(125));
    } else if (c === 91) {
      this.pos++;
      if (this.next() === 93) {
        this.pos++;
        return;
      }
      do this.skipValue(depth + 1);
      while (this.more(93));
    } else if (c === 34) this.string();
    else if (c === 45 || (c >= 48 && c <= 57)) this.number(this.skipped, 0);
    else if (!(this.literal("true") || this.literal("false") || this.literal("null"))) throw GIVE_UP;
  }
}

const KEY_TEXT: Record<Key, string> = {
  [Key.Other]: "",
  [Key.Type]: '"type"',
  [Key.Crs]: '"crs"',
  [Key.Features]: '"features"',
  [Key.Properties]: '"properties"',
  [Key.Geometry]: '"geometry"',
  [Key.Coordinates]: '"coordinates"',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
