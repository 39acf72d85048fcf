// A table as typed columns in one file: a JSON header line, then each column's bytes. A million
// rows of numbers and codes are read back in a few copies of memory, where the same rows as
// GeoJSON take seconds of parsing and an object per row (the joined cameras: 600 MB of text,
// several GB of objects). Little-endian, as typed arrays are on every platform Node runs on.
//
// Layout: `<header JSON>\n`, padded with spaces so the body starts on a multiple of 8 bytes, then
// the columns in header order, each at the offset the header gives (relative to the body).
import { isUtf8 } from "node:buffer";
import { endianness } from "node:os";
import { InputError } from "./errors.js";

export const COLUMN_FILE_FORMAT = "contrechamp-columns";
export const COLUMN_FILE_VERSION = 1;

/** A column as written: numbers, dictionary codes (-1 = null) or UTF-8 strings. */
export type Column =
  | { name: string; type: "f64"; data: Float64Array }
  | { name: string; type: "i32"; data: Int32Array }
  | { name: string; type: "u32"; data: Uint32Array }
  | { name: string; type: "u8"; data: Uint8Array }
  /** codes[i] indexes `values`; -1 is null. `values` are JSON values (strings for every column the join writes). */
  | { name: string; type: "dict"; codes: Int32Array; values: unknown[] }
  /** Row i is bytes[offsets[i], offsets[i+1]); masked where nulls[i] ≠ 0 (1 = null; a reader may give other values a meaning). */
  | { name: string; type: "utf8"; offsets: Uint32Array; bytes: Uint8Array; nulls?: Uint8Array };

interface ColumnHead {
  name: string;
  type: Column["type"];
  /** Byte offset in the body of the column's first part, and its length in bytes. */
  offset: number;
  bytes: number;
  values?: unknown[];
  /** utf8: offset and length of the string bytes (the first part is the offsets), and of the null mask. */
  text?: [number, number];
  nulls?: [number, number];
}

interface Header {
  format: string;
  version: number;
  rows: number;
  meta: Record<string, unknown>;
  columns: ColumnHead[];
}

export interface ColumnTable {
  rows: number;
  meta: Record<string, unknown>;
  columns: Map<string, Column>;
}

function checkEndianness(): void {
  if (endianness() !== "LE") throw new Error("column files are little-endian; this platform is big-endian");
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const pad8 = (n: number) => (n + 7) & ~7;

/** The file's pieces (header, then each column part), for OutputSet to write one after the other. */
export function columnFilePieces(rows: number, columns: Column[], meta: Record<string, unknown> = {}): Uint8Array[] {
  checkEndianness();
  const parts: Uint8Array[] = [];
  let at = 0;
  const place = (a: ArrayBufferView): [number, number] => {
    const b = bytesOf(a);
    const start = at;
    parts.push(b);
    at += b.length;
    const gap = pad8(at) - at;
    if (gap) parts.push(new Uint8Array(gap));
    at += gap;
    return [start, b.length];
  };
  const heads: ColumnHead[] = columns.map((c) => {
    const length = c.type === "dict" ? c.codes.length : c.type === "utf8" ? c.offsets.length - 1 : c.data.length;
    if (length !== rows) throw new Error(`column ${c.name}: ${length} rows, the table has ${rows}`);
    if (c.type === "dict") {
      const [offset, bytes] = place(c.codes);
      return { name: c.name, type: c.type, offset, bytes, values: c.values };
    }
    if (c.type === "utf8") {
      const [offset, bytes] = place(c.offsets);
      const text = place(c.bytes);
      return { name: c.name, type: c.type, offset, bytes, text, ...(c.nulls ? { nulls: place(c.nulls) } : {}) };
    }
    const [offset, bytes] = place(c.data);
    return { name: c.name, type: c.type, offset, bytes };
  });
  const header: Header = { format: COLUMN_FILE_FORMAT, version: COLUMN_FILE_VERSION, rows, meta, columns: heads };
  let text = JSON.stringify(header);
  text += " ".repeat(pad8(Buffer.byteLength(text) + 1) - Buffer.byteLength(text) - 1) + "\n";
  return [Buffer.from(text), ...parts];
}

/** Reads a column file from its bytes; `file` and `stage` name it in errors (a stage wrote it). */
export function parseColumnFile(buf: Uint8Array, file: string, stage: string): ColumnTable {
  checkEndianness();
  const bad = (what: string) => new InputError(file, undefined, what, `run the ${stage} stage again`);
  const nl = buf.indexOf(10);
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset, nl < 0 ? 0 : nl).toString("utf8")) as Header;
  } catch {
    throw bad("not a column file (no header line)");
  }
  if (header?.format !== COLUMN_FILE_FORMAT) throw bad("not a column file (no header line)");
  if (header.version !== COLUMN_FILE_VERSION) throw bad(`column file version ${header.version}, this contrechamp reads version ${COLUMN_FILE_VERSION}`);
  const body = nl + 1;
  const span = (at: [number, number]): [number, number] => {
    const [off, len] = at;
    if (body + off + len > buf.length) throw bad("ends before its last column (a file cut short)");
    return [buf.byteOffset + body + off, len];
  };
  const slice = (at: [number, number]): Uint8Array => {
    const [start, len] = span(at);
    return new Uint8Array(buf.buffer, start, len);
  };
  // Views on the file's bytes where they are aligned for the type (a file read whole starts its
  // memory at 0 and the writer aligns every column on 8 bytes), so reading copies nothing; a copy
  // otherwise (a Buffer from Node's pool may start anywhere).
  const typed = <T>(Ctor: { new (b: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, at: [number, number]): T => {
    const [start, len] = span(at);
    if (start % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(buf.buffer, start, len / Ctor.BYTES_PER_ELEMENT);
    const copy = new Uint8Array(len);
    copy.set(new Uint8Array(buf.buffer, start, len));
    return new Ctor(copy.buffer, 0, len / Ctor.BYTES_PER_ELEMENT);
  };
  const columns = new Map<string, Column>();
  for (const h of header.columns) {
    const at: [number, number] = [h.offset, h.bytes];
    let c: Column;
    switch (h.type) {
      case "f64": c = { name: h.name, type: h.type, data: typed(Float64Array, at) }; break;
      case "i32": c = { name: h.name, type: h.type, data: typed(Int32Array, at) }; break;
      case "u32": c = { name: h.name, type: h.type, data: typed(Uint32Array, at) }; break;
      case "u8": c = { name: h.name, type: h.type, data: slice(at) }; break;
      case "dict": c = { name: h.name, type: h.type, codes: typed(Int32Array, at), values: h.values ?? [] }; break;
      case "utf8": c = { name: h.name, type: h.type, offsets: typed(Uint32Array, at), bytes: slice(h.text!), ...(h.nulls ? { nulls: slice(h.nulls) } : {}) }; break;
      default: throw bad(`unknown column type ${(h as { type: string }).type}`);
    }
    const length = c.type === "dict" ? c.codes.length : c.type === "utf8" ? c.offsets.length - 1 : c.data.length;
    if (length !== header.rows) throw bad(`column ${h.name} has ${length} rows, the header says ${header.rows}`);
    columns.set(h.name, c);
  }
  return { rows: header.rows, meta: header.meta ?? {}, columns };
}

/** Builds a dictionary column one row at a time (codes in order of first sight; `code` for null or another marker). */
export class DictBuilder {
  private readonly index = new Map<unknown, number>();
  readonly values: unknown[] = [];
  private codes: Int32Array;
  rows = 0;
  /** `capacity`: the rows expected (a builder that knows them fills one array, never grows it). */
  constructor(capacity = 1024) {
    this.codes = new Int32Array(Math.max(1, capacity));
  }
  push(v: unknown, nullCode = -1): void {
    let code = nullCode;
    if (v !== null && v !== undefined) {
      const found = this.index.get(v);
      code = found ?? this.values.length;
      if (found === undefined) {
        this.index.set(v, code);
        this.values.push(v);
      }
    }
    if (this.rows === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.rows++] = code;
  }
  coded(): { codes: Int32Array; values: unknown[] } {
    // A view, not a copy: a million rows' codes are 4 MB of fresh memory to copy for nothing.
    return { codes: this.codes.subarray(0, this.rows), values: this.values };
  }
  column(name: string): Column {
    return { name, type: "dict", ...this.coded() };
  }
}

/**
 * Builds a UTF-8 column one row at a time; a row pushed as a number ≥ 1 is a masked row (null, or
 * a marker of the caller's). Rows are gathered as latin1 text (one character a byte of their
 * UTF-8) and written in batches into one buffer that doubles as it fills: no Buffer per row, and
 * a reader of latin1 lines (core/out-files.ts) hands its UTF-8 bytes over as they are (pushBytes).
 */
export class Utf8Builder {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private size = 0;
  private pending = "";
  private offsets = new Uint32Array(1024);
  private rows = 0;
  private mask: Array<[number, number]> = [];
  push(v: string | number): void {
    if (typeof v === "number") this.row(v);
    else this.pushBytes(/[^\x00-\x7f]/.test(v) ? Buffer.from(v, "utf8").toString("latin1") : v);
  }
  /** A row given as latin1 text whose characters are its UTF-8 bytes. */
  pushBytes(s: string): void {
    this.pending += s;
    this.size += s.length;
    // Encoded a batch at a time, in V8's young generation (see core/piece-writer.ts).
    if (this.pending.length >= 1 << 15) this.flush();
    this.row(0);
  }
  private row(masked: number): void {
    if (masked) this.mask.push([this.rows, masked]);
    if (this.rows + 1 >= this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.rows] = this.size;
  }
  private flush(): void {
    const at = this.size - this.pending.length;
    if (this.size > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.size, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, at);
      this.bytes = grown;
    }
    this.bytes.write(this.pending, at, "latin1");
    this.pending = "";
  }
  column(name: string): Column {
    this.flush();
    const rows = this.rows;
    let nulls: Uint8Array | undefined;
    if (this.mask.length) {
      nulls = new Uint8Array(rows);
      for (const [i, m] of this.mask) nulls[i] = m;
    }
    return { name, type: "utf8", offsets: this.offsets.slice(0, rows + 1), bytes: this.bytes.subarray(0, this.size), ...(nulls ? { nulls } : {}) };
  }
}

/** Row i of a UTF-8 column (null where the mask says so). */
export function utf8At(c: Extract<Column, { type: "utf8" }>, i: number): string | null {
  if (c.nulls && c.nulls[i] !== 0) return null;
  return Buffer.from(c.bytes.buffer, c.bytes.byteOffset + c.offsets[i], c.offsets[i + 1] - c.offsets[i]).toString("utf8");
}

/**
 * Row reader for a UTF-8 column: the column is decoded once and each row is a slice of that
 * string, without a Buffer per row (a million labels with an accent cost seconds row by row).
 * An ASCII column's rows start where their bytes do; any other's start is counted in UTF-16
 * units, one pass over the bytes.
 */
export function utf8Reader(c: Extract<Column, { type: "utf8" }>): (i: number) => string | null {
  const bytes = Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength);
  // Under V8's longest string: a larger column is read row by row.
  if (bytes.length >= 2 ** 28) return (i) => utf8At(c, i);
  // Malformed bytes (not written by this project's writers) are decoded row by row: the decoder
  // replaces them in ways the count below does not follow.
  if (!isUtf8(bytes)) return (i) => utf8At(c, i);
  const whole = bytes.toString("utf8");
  const { nulls } = c;
  const starts = whole.length === bytes.length ? c.offsets : unitOffsets(bytes, c.offsets);
  return (i) => (nulls && nulls[i] !== 0 ? null : whole.slice(starts[i], starts[i + 1]));
}

/**
 * Each row's start in the decoded string, from its start in the (valid UTF-8) bytes: every byte
 * that is not a continuation byte (10xxxxxx) begins one character, two UTF-16 units from a 4-byte
 * lead on.
 */
function unitOffsets(bytes: Uint8Array, offsets: Uint32Array): Uint32Array {
  const out = new Uint32Array(offsets.length);
  let u = 0, b = 0;
  for (let i = 1; i < offsets.length; i++) {
    const end = offsets[i];
    for (; b < end; b++) {
      const v = bytes[b];
      if ((v & 0xc0) !== 0x80) u += v >= 0xf0 ? 2 : 1;
    }
    out[i] = u;
  }
  return out;
}
