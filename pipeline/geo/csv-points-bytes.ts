// The fast path of streamCsvPoints: a plain point CSV read straight from its bytes, in blocks of
// whole lines read into one reused buffer (core/file-blocks.ts), with no string per row or cell.
// It reads only what it reads with certainty: an ASCII header, LF or CRLF line ends, no quote anywhere, the right number of
// fields, plain decimal coordinates ("-12.5", "3", ".5", as parseNumberCell's own fast path).
// Anything else (a BOM, quotes, a lone CR, a decimal comma, an exponent, a bad row, a gzipped
// file…) makes it answer undefined, and the caller reads the file with the general reader
// (CsvRowReader), whose result or message is then the one given.
import { isAscii, isUtf8 } from "node:buffer";
import { closeSync, openSync } from "node:fs";
import { lineBlocks } from "../core/file-blocks.js";
import { plainDecimal } from "../core/plain-decimal.js";
import { columnIndex, detectDelimiter, type CsvTable } from "./read-csv.js";

export interface BytePoints {
  xs: Float64Array;
  ys: Float64Array;
  lines: Uint32Array;
  header: string[];
  /** With keepOthers: the cells of the other columns (header order, x and y left out), others[c][i]. */
  others?: string[][];
}

/** The x and y columns of a header, or undefined (or a throw) when the general reader must decide. */
export type PairColumns = (table: CsvTable) => { xi: number; yi: number } | undefined;

export interface ByteReadOptions {
  blockBytes?: number;
  /**
   * Keep every other column's cells as strings. The file must then be UTF-8 (each block is
   * checked; another encoding is the general reader's to detect), and hold at least one row.
   */
  keepOthers?: boolean;
}

const BLOCK_BYTES = 1 << 20;

/** Thrown inside the reader when the file is not one it reads with certainty. */
const GIVE_UP = new Error("not read by the fast CSV point reader");

/**
 * The points of the columns xName, yName (matched as columnIndex does), into arrays of cap rows
 * (grown if needed), or undefined when the general reader must decide.
 */
export function readCsvPointsBytes(file: string, xName: string, yName: string, cap: number, blockBytes = BLOCK_BYTES): BytePoints | undefined {
  const byName: PairColumns = (table) => ({ xi: columnIndex(table, "", [xName], "x"), yi: columnIndex(table, "", [yName], "y") });
  return readCsvPairBytes(file, byName, cap, { blockBytes });
}

/** The same reader with the x and y columns chosen from the header by `pick`. */
export function readCsvPairBytes(file: string, pick: PairColumns, cap: number, opt: ByteReadOptions = {}): BytePoints | undefined {
  if (/\.gz$/i.test(file)) return undefined;
  const fd = openSync(file, "r");
  try {
    return read(fd, pick, Math.max(cap, 16), Math.max(opt.blockBytes ?? BLOCK_BYTES, 1), opt.keepOthers ?? false);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  } finally {
    closeSync(fd);
  }
}

function read(fd: number, pick: PairColumns, cap: number, blockBytes: number, keepOthers: boolean): BytePoints {
  let header: string[] | undefined;
  let xi = -1, yi = -1, want = 0, dc = 0;
  // With keepOthers: slot[field] is the field's index in `others`, -1 for x, y and extra fields.
  let slot = new Int32Array(0);
  const others: string[][] = [];
  let xs = new Float64Array(cap), ys = new Float64Array(cap), lines = new Uint32Array(cap);
  let n = 0;
  let line = 0;
  // Blocks of whole lines (core/file-blocks.ts): a row never straddles two blocks, so the row
  // loop below needs no refill; only the last block may end without a newline.
  for (const buf of lineBlocks(fd, blockBytes)) {
    const end = buf.length;
    let p = 0;
    // Cells are cut at ASCII delimiters, so a valid UTF-8 block decodes cell by cell to the same
    // strings as the whole file decoded at once; pure ASCII decodes faster as latin1.
    const cellEncoding = !keepOthers || isAscii(buf) ? "latin1" : isUtf8(buf) ? "utf8" : null;
    if (cellEncoding === null) throw GIVE_UP;
    if (!header) {
      // The header line: the first block holds it whole.
      let e = buf.indexOf(10);
      if (e < 0) e = end;
      let he = e;
      if (he > 0 && buf[he - 1] === 13) he--;
      for (let k = 0; k < he; k++) {
        const c = buf[k];
        if (c > 126 || c === 34 || c === 13 || (c < 32 && c !== 9)) throw GIVE_UP;
      }
      const headerLine = buf.toString("latin1", 0, he);
      if (headerLine.trim() === "") throw GIVE_UP;
      const delimiter = detectDelimiter(headerLine);
      header = headerLine.split(delimiter).map((h) => h.trim());
      if (header.length < 2) throw GIVE_UP;
      const table: CsvTable = { header, rows: [], delimiter };
      let pair: ReturnType<PairColumns>;
      try {
        pair = pick(table);
      } catch {
        throw GIVE_UP;
      }
      if (!pair || pair.xi < 0 || pair.yi < 0 || pair.xi === pair.yi) throw GIVE_UP;
      ({ xi, yi } = pair);
      want = header.length;
      slot = new Int32Array(want).fill(-1);
      if (keepOthers) for (let f = 0; f < want; f++) if (f !== xi && f !== yi) slot[f] = others.push([]) - 1;
      dc = delimiter.charCodeAt(0);
      line = 1;
      p = Math.min(e + 1, end);
    }
    while (p < end) {
      let le = buf.indexOf(10, p);
      if (le < 0) le = end;
      line++;
      let stop = le;
      if (stop > p && buf[stop - 1] === 13) stop--;
      if (stop === p) {
        // A blank line (LF or CRLF alone): skipped, as the tokenizer does.
        p = le + 1;
        continue;
      }
      // Fields: the x and y cells parsed as they are passed, the others only checked.
      let field = 0, x = NaN, y = NaN;
      let k = p;
      for (;;) {
        const start = k;
        let c = buf[k];
        while (k < stop && c !== dc) {
          if (c === 34 || c === 13) throw GIVE_UP;
          c = buf[++k];
        }
        if (field === xi) x = plainNumber(buf, start, k);
        else if (field === yi) y = plainNumber(buf, start, k);
        else if (field >= want) {
          if (k > start) throw GIVE_UP; // a non-empty cell past the header's
        } else if (slot[field] >= 0) others[slot[field]].push(buf.toString(cellEncoding, start, k));
        field++;
        // A delimiter ending the line opens one more, empty, field (the loop's next turn).
        if (k >= stop) break;
        k++;
      }
      if (field < want) throw GIVE_UP;
      if (n === xs.length) {
        xs = grownCopy(xs);
        ys = grownCopy(ys);
        lines = grownCopy(lines);
      }
      xs[n] = x;
      ys[n] = y;
      lines[n++] = line;
      p = le + 1;
    }
  }
  // An empty file, or (keepOthers) no row: the general reader says so.
  if (!header || (keepOthers && n === 0)) throw GIVE_UP;
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n), lines: lines.subarray(0, n), header, ...(keepOthers ? { others } : {}) };
}

/** parseNumberCell's fast path on bytes (core/plain-decimal.ts), or give up: the general reader decides (a comma, spaces, "+"…). */
function plainNumber(buf: Buffer, from: number, to: number): number {
  const v = plainDecimal(buf, from, to);
  if (!Number.isFinite(v)) throw GIVE_UP;
  return v;
}

function grownCopy<T extends Float64Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as { new (n: number): T })(2 * a.length);
  b.set(a);
  return b;
}
