// CSV read as a stream: rows are handed over one by one and forgotten, so memory grows with what
// the caller keeps (e.g. two Float64Arrays of coordinates), not with the file. Same tokenizer,
// checks and messages as parseCsv (read-csv.ts).
import { columnIndex, coordinateCells, CsvRowReader, keepColumns, type CsvTable } from "./read-csv.js";
import { readCsvPointsBytes } from "./csv-points-bytes.js";
import { assertReadableFile, fileBytes, streamText } from "./stream-text.js";

export interface CsvStreamResult {
  header: string[];
  delimiter: string;
  rows: number;
}

export async function streamCsv(
  file: string,
  onRow: (cells: string[], line: number, header: string[]) => void,
  delimiter?: string,
  chunkBytes?: number,
  /** Columns the caller reads (see CsvRowReader); the others come out as "". */
  keep?: (header: string[]) => boolean[],
): Promise<CsvStreamResult> {
  let rows = 0;
  const reader = new CsvRowReader(
    file,
    (r) => {
      rows++;
      onRow(r.cells, r.line, reader.header!);
    },
    delimiter,
    keep,
  );
  await streamText(file, (text, final) => reader.push(text, final), chunkBytes);
  return { header: reader.header!, delimiter: reader.delimiter!, rows };
}

export interface CsvPoints {
  xs: Float64Array;
  ys: Float64Array;
  /** File line of each point, for messages about a point later on. */
  lines: Uint32Array;
  header: string[];
}

/**
 * The coordinates of a point CSV as typed arrays, columns named by the caller. Non-numeric
 * coordinates stop the read with the same message as the in-memory reader (read-layer.ts).
 */
export async function streamCsvPoints(file: string, xName: string, yName: string): Promise<CsvPoints> {
  assertReadableFile(file);
  // A row takes at least 6 characters ("0,0\n" plus a header): a sixth of the bytes bounds the
  // rows of an uncompressed file, so the arrays are sized once and their unwritten tails never
  // touched (growing by doubling wrote every value two or three times); a gzipped file grows.
  const sized = !/\.gz$/i.test(file);
  let cap = sized ? Math.min(Math.ceil(fileBytes(file) / 6) + 1, MAX_SIZED_ROWS) : 1 << 16;
  // Most point files are read from their bytes; the others by the general reader, which decides.
  const fast = sized ? readCsvPointsBytes(file, xName, yName, cap) : undefined;
  if (fast) return fast;
  let xs = new Float64Array(cap), ys = new Float64Array(cap), lines = new Uint32Array(cap);
  let n = 0;
  let xi = -1, yi = -1;
  const res = await streamCsv(file, (cells, line, header) => {
    if (xi < 0) {
      const table: CsvTable = { header, rows: [], delimiter: "" };
      xi = columnIndex(table, file, [xName], "x");
      yi = columnIndex(table, file, [yName], "y");
    }
    const [x, y] = coordinateCells(cells, xi, yi, line, file);
    if (n === cap) {
      cap *= 2;
      xs = grown(xs, cap);
      ys = grown(ys, cap);
      lines = grown(lines, cap);
    }
    xs[n] = x;
    ys[n] = y;
    lines[n++] = line;
  }, undefined, undefined, keepColumns([xName, yName]));
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n), lines: lines.subarray(0, n), header: res.header };
}

/** 2^25 rows (640 MiB of address space) at most sized ahead. */
const MAX_SIZED_ROWS = 1 << 25;

/** A copy of the typed array with room for cap values. */
export function grown<T extends Float64Array | Uint32Array>(a: T, cap: number): T {
  const b = new (a.constructor as { new (n: number): T })(cap);
  b.set(a);
  return b;
}
