// CSV read as a stream: rows are handed over one by one and forgotten, so memory grows with what
// the caller keeps (e.g. two Float64Arrays of coordinates), not with the file. Same tokenizer,
// checks and messages as parseCsv (read-csv.ts).
import { columnIndex, coordinateCells, CsvRowReader, keepColumns, type CsvTable } from "./read-csv.js";
import { streamText } from "./stream-text.js";

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
  let xs: Float64Array = new Float64Array(1 << 16), ys: Float64Array = new Float64Array(1 << 16), lines: Uint32Array = new Uint32Array(1 << 16);
  let n = 0;
  let xi = -1, yi = -1;
  const res = await streamCsv(file, (cells, line, header) => {
    if (xi < 0) {
      const table: CsvTable = { header, rows: [], delimiter: "" };
      xi = columnIndex(table, file, [xName], "x");
      yi = columnIndex(table, file, [yName], "y");
    }
    const [x, y] = coordinateCells(cells, xi, yi, line, file);
    if (n === xs.length) {
      xs = grow(xs);
      ys = grow(ys);
      const l = new Uint32Array(lines.length * 2);
      l.set(lines);
      lines = l;
    }
    xs[n] = x;
    ys[n] = y;
    lines[n++] = line;
  }, undefined, undefined, keepColumns([xName, yName]));
  return { xs: xs.slice(0, n), ys: ys.slice(0, n), lines: lines.slice(0, n), header: res.header };
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
