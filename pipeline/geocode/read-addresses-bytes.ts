// The fast path of readAddresses: the BAN's rows read straight from the file's (gunzipped) bytes,
// with a string made only for the few cells the matchers read (and one per street, not per row),
// instead of decoding 29 MB to one string and tokenizing it.
// It reads only what it reads with certainty: valid UTF-8 with no byte-order mark, LF line ends
// (no CR anywhere), no quote anywhere, no blank line, every row with the header's number of
// fields, numbers the general reader accepts. Anything else makes it answer undefined, and the
// caller reads the file with the general reader (CsvRowReader), whose result or message is then
// the one given.
import { isUtf8 } from "node:buffer";
import { columnIndex, detectDelimiter, parseNumberCell, type CsvTable } from "../geo/read-csv.js";
import type { AddressPoint } from "./match-address.js";
import { plainDecimal } from "../core/plain-decimal.js";

/** Thrown inside the reader when the file is not one it reads with certainty. */
const GIVE_UP = new Error("not read by the byte address reader");


/** The address points of `columns` (numero, rep, nom_voie, code_postal, lon, lat, in this order), or undefined. */
export function readAddressesBytes(raw: Uint8Array, columns: string[]): AddressPoint[] | undefined {
  try {
    return read(Buffer.from(raw.buffer, raw.byteOffset, raw.length), columns);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function read(buf: Buffer, columns: string[]): AddressPoint[] {
  const n = buf.length;
  if (n === 0 || buf[0] === 0xef || buf[0] === 0xff || buf[0] === 0xfe) throw GIVE_UP; // empty, or a byte-order mark
  if (buf.indexOf(34) >= 0 || buf.indexOf(13) >= 0 || !isUtf8(buf)) throw GIVE_UP;
  let e = buf.indexOf(10);
  if (e < 0) e = n;
  const headerLine = buf.toString("utf8", 0, e);
  if (headerLine.trim() === "") throw GIVE_UP;
  const delimiter = detectDelimiter(headerLine);
  const header = headerLine.split(delimiter).map((h) => h.trim());
  if (header.length < 2) throw GIVE_UP;
  const table: CsvTable = { header, rows: [], delimiter };
  let cols: number[];
  try {
    cols = columns.map((c) => columnIndex(table, "", [c], c));
  } catch {
    throw GIVE_UP;
  }
  const [numI, repI, voieI, cpI, xI, yI] = cols;
  const want = header.length;
  const dc = delimiter.charCodeAt(0);
  // Field starts and ends of the current row, by column.
  const starts = new Int32Array(want + 1), ends = new Int32Array(want + 1);
  const points: AddressPoint[] = [];
  let street = "", streetS = 0, streetE = 0;
  let postal = "", postalS = 0, postalE = 0;
  let p = e + 1;
  while (p < n) {
    if (buf[p] === 10) throw GIVE_UP; // a blank line
    const q = scanRow(buf, p, n, dc, want, starts, ends);
    // A street is the same as the row before's for nearly every row: one string per run.
    if (!sameBytes(buf, starts[voieI], ends[voieI], streetS, streetE)) {
      street = buf.toString("utf8", starts[voieI], ends[voieI]);
      streetS = starts[voieI];
      streetE = ends[voieI];
    }
    if (!sameBytes(buf, starts[cpI], ends[cpI], postalS, postalE)) {
      postal = buf.toString("utf8", starts[cpI], ends[cpI]);
      postalS = starts[cpI];
      postalE = ends[cpI];
    }
    points.push({
      street,
      number: numberAt(buf, starts[numI], ends[numI]),
      rep: starts[repI] === ends[repI] ? "" : buf.toString("utf8", starts[repI], ends[repI]).trim().toLowerCase().slice(0, 1),
      postalCode: postal,
      lon: numberAt(buf, starts[xI], ends[xI]),
      lat: numberAt(buf, starts[yI], ends[yI]),
    });
    p = q + 1;
  }
  return points;
}

/**
 * Where the row starting at p ends (its newline, or n), with its fields' bounds in starts/ends.
 * A small function of its own so that it is optimised after a few rows, not after the whole file.
 */
function scanRow(buf: Buffer, p: number, n: number, dc: number, want: number, starts: Int32Array, ends: Int32Array): number {
  let f = 0;
  starts[0] = p;
  let q = p;
  for (; q < n; q++) {
    const c = buf[q];
    if (c === 10) break;
    if (c === dc) {
      if (f + 1 >= want) throw GIVE_UP; // more fields than the header
      ends[f++] = q;
      starts[f] = q + 1;
    }
  }
  ends[f] = q;
  if (f + 1 !== want) throw GIVE_UP;
  return q;
}

function sameBytes(buf: Buffer, s: number, e: number, ps: number, pe: number): boolean {
  if (e - s !== pe - ps) return false;
  for (let k = 0; k < e - s; k++) if (buf[s + k] !== buf[ps + k]) return false;
  return true;
}

/** parseNumberCell of the cell's text: its fast path on the bytes, else the function itself; a non-number gives up. */
function numberAt(buf: Buffer, s: number, e: number): number {
  const plain = plainDecimal(buf, s, e);
  if (Number.isFinite(plain)) return plain;
  const v = parseNumberCell(buf.toString("utf8", s, e));
  if (!Number.isFinite(v)) throw GIVE_UP; // the general reader says which row
  return v;
}
