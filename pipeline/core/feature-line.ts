// A point feature line as the stages write it (geo/write-geojson.ts), read without JSON.parse:
// `{"type":"Feature","id":…,"properties":{"k":v,…},"geometry":{"type":"Point","coordinates":[x,y]}}`
// with flat properties (no object or array values). One walk over the line finds where each
// property's key and value lie; the caller decodes only the values it keeps. A million camera
// lines then cost a walk each, not a million objects with their strings. A line of any other
// shape is refused (false), and the caller parses it whole, so its answers stay JSON.parse's.
//
// Lines are latin1 text (core/out-files.ts: one character a byte): JSON's structure is ASCII and
// reads the same; a key or value holding a byte over 0x7f or an escape is flagged, to be decoded.

/** Where things lie in the last line scanned (reused from line to line: no allocation per line). */
export class FlatPointLine {
  /** Index of the properties' `{`, and of the `}` closing them (where `},"geometry":` starts). */
  open = 0;
  close = 0;
  /** Span of the feature's `id` member's value ([0, 0) when it has none). */
  idFrom = 0;
  idTo = 0;
  /** Properties in text order: key k is text[keyFrom[k], keyTo[k]) (without quotes), its value text[from[k], to[k]) (a string with its quotes). */
  count = 0;
  keyFrom = new Int32Array(32);
  keyTo = new Int32Array(32);
  from = new Int32Array(32);
  to = new Int32Array(32);
  /** 1 where the key or the value holds an escape or a byte over 0x7f (to decode as JSON from UTF-8). */
  special = new Uint8Array(32);
  lon = NaN;
  lat = NaN;

  private grow(): void {
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.keyFrom = g32(this.keyFrom);
    this.keyTo = g32(this.keyTo);
    this.from = g32(this.from);
    this.to = g32(this.to);
    const s = new Uint8Array(this.special.length * 2);
    s.set(this.special);
    this.special = s;
  }

  /** Scans `text`; false when it is not such a line (nested properties, another geometry, anything unexpected). */
  scan(text: string): boolean {
    if (!text.startsWith(HEAD)) return false;
    // Without a backslash in the line, a string ends at the next quote (found by indexOf, not a
    // walk); bytes over 0x7f are then left unflagged (special stays 0: only escapes need decoding
    // when the caller reads the bytes as UTF-8, and KeyTable matches keys in their UTF-8 form).
    const end = text.indexOf("\\") < 0 ? quoteEnd : stringEnd;
    let i = HEAD.length;
    this.idFrom = this.idTo = 0;
    if (text.startsWith(ID, i)) {
      i += ID.length;
      const end = valueEnd(text, i, stringEnd);
      if (end < 0) return false;
      this.idFrom = i;
      this.idTo = end & MASK;
      i = this.idTo + 1;
      if (text.charCodeAt(this.idTo) !== 44) return false; // ","
    }
    if (!text.startsWith(PROPS, i)) return false;
    i += PROPS.length;
    this.open = i - 1;
    this.count = 0;
    if (text.charCodeAt(i) === 125) i++; // "}": no properties
    else {
      for (;;) {
        if (text.charCodeAt(i) !== 34) return false;
        const keyEnd = end(text, i);
        if (keyEnd < 0 || text.charCodeAt(keyEnd & MASK) !== 58) return false; // ":"
        const v = (keyEnd & MASK) + 1;
        const valEnd = valueEnd(text, v, end);
        if (valEnd < 0) return false;
        const k = this.count++;
        if (k === this.keyFrom.length) this.grow();
        this.keyFrom[k] = i + 1;
        this.keyTo[k] = (keyEnd & MASK) - 1;
        this.from[k] = v;
        this.to[k] = valEnd & MASK;
        this.special[k] = (keyEnd | valEnd) & SPECIAL ? 1 : 0;
        i = valEnd & MASK;
        const c = text.charCodeAt(i++);
        if (c === 125) break; // "}"
        if (c !== 44) return false;
      }
    }
    this.close = i - 1;
    if (!text.startsWith(GEOMETRY, i) || !text.endsWith("]}}")) return false;
    const a = i + GEOMETRY.length, b = text.length - 3;
    const comma = text.indexOf(",", a);
    if (comma < 0 || comma >= b || comma === a || comma + 1 === b) return false;
    // Number() reads what JSON.parse reads for a JSON number, and refuses ("NaN") what is not one…
    this.lon = Number(text.slice(a, comma));
    this.lat = Number(text.slice(comma + 1, b));
    // …but for a few texts JSON refuses and Number takes (" 1", "0x1f", "Infinity", ".5"): checked plainly.
    return NUMBER.test(text.slice(a, comma)) && NUMBER.test(text.slice(comma + 1, b));
  }
}

const HEAD = '{"type":"Feature",';
const ID = '"id":';
const PROPS = '"properties":{';
const GEOMETRY = ',"geometry":{"type":"Point","coordinates":[';
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
/** Ends are returned with this bit set when the text holds an escape or a byte over 0x7f. */
const SPECIAL = 1 << 30;
const MASK = SPECIAL - 1;

/** Index just after the string opening at `i` (or -1), with SPECIAL set when it holds an escape or a byte over 0x7f. */
function stringEnd(text: string, i: number): number {
  let special = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return (j + 1) | special;
    if (c === 92) {
      special = SPECIAL;
      j++;
    } else if (c > 0x7f) special = SPECIAL;
    else if (c < 0x20) return -1; // a control character is not JSON text
  }
  return -1;
}

/** stringEnd for a line without a backslash: the next quote closes the string. */
function quoteEnd(text: string, i: number): number {
  const q = text.indexOf('"', i + 1);
  return q < 0 ? -1 : q + 1;
}

/**
 * Index just after the flat value starting at `i`: a string, or a number, true, false or null up
 * to the next "," or "}"; -1 for an object or array (not flat) or a value cut short.
 */
function valueEnd(text: string, i: number, strEnd: (text: string, i: number) => number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return strEnd(text, i);
  if (c === 123 || c === 91 || Number.isNaN(c)) return -1;
  let j = i;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125) break;
  }
  return j === i || j === text.length ? -1 : j;
}

/** Keys looked up by their text in a scanned line without slicing it: bucketed by length, compared in place. */
export class KeyTable {
  private readonly byLength: Array<Array<[string, number]>> = [];
  constructor(names: string[]) {
    names.forEach((name, slot) => {
      // Keys are matched as the line holds them: their UTF-8 bytes as latin1 characters.
      const bytes = Buffer.from(name, "utf8").toString("latin1");
      (this.byLength[bytes.length] ??= []).push([bytes, slot]);
    });
  }
  /** The slot of text[from, to) (a key without escapes, as UTF-8 bytes in latin1 text), or -1. */
  find(text: string, from: number, to: number): number {
    const bucket = this.byLength[to - from];
    if (!bucket) return -1;
    for (const [name, slot] of bucket) if (text.startsWith(name, from)) return slot;
    return -1;
  }
}
