// A coordinate-pair CSV (lon/lat, longitude/latitude, x/y columns) read as columns: positions in
// typed arrays, every other column as an array of its cells, the file line of each row. The same
// file, checks, messages and notes as readLayerFile (read-layer.ts) gives through its features,
// without a feature, a properties object and a coordinate array per row: a million cameras are
// then two Float64Arrays and a few arrays of strings (the user's camera lists: layers/cameras.ts).
import { InputError } from "../core/errors.js";
import { transformer, type CrsCode } from "./crs.js";
import { coordinateCells, CsvRowReader } from "./read-csv.js";
import { detectedPair } from "./read-csv-layer.js";
import { declared, implausible, plausible, readTextWithEncoding, type ReadOptions } from "./read-layer.js";
import { formatFromPath } from "./layer-formats.js";
import { assertReadableFile } from "./stream-text.js";
import { grown } from "./stream-csv.js";
import { readCsvPairBytes } from "./csv-points-bytes.js";
import { assertFitsInMemory, assertSizeWithinLimit } from "./input-limits.js";
import { statSync } from "node:fs";

export interface CsvPointColumns {
  file: string;
  sourceFiles: string[];
  sourceCrs: CrsCode;
  /** Rows read (all kept: a pair CSV has no empty geometry). */
  n: number;
  /** WGS84 positions (reprojected when the file is in another CRS). */
  lon: Float64Array;
  lat: Float64Array;
  /** The other columns, in file order, and their cells (values[c][i]). */
  names: string[];
  values: string[][];
  /** File line of each row. */
  lines: Uint32Array;
  notes: string[];
}

/** Thrown from the first row when the file turns out not to be a pair CSV: the caller reads it as features. */
const NOT_PAIRS = Symbol("not a coordinate-pair CSV");

/**
 * The columns of a coordinate-pair CSV with a known CRS, or null for any other file (another
 * format, mapped x/y columns, a geometry column, no pair, no CRS): read those with readLayerFile.
 */
export function readCsvPointColumns(file: string, opt: ReadOptions = {}): CsvPointColumns | null {
  assertReadableFile(file);
  if ((opt.format ?? formatFromPath(file)) !== "csv" || (opt.x && opt.y)) return null;
  const explicit = declared(opt, file);
  // Most pair CSVs (plain UTF-8, no quotes, plain decimals) are read from their bytes, with no
  // whole-file string and no tokenizer; any other file by the general reader below, which decides
  // and words the messages. Same limits first, as readTextWithEncoding checks them.
  if (!/\.gz$/i.test(file)) {
    const size = statSync(file).size;
    assertSizeWithinLimit(file, size);
    assertFitsInMemory(file, size, "csv");
    let crs: CrsCode | undefined;
    let pair: ReturnType<typeof detectedPair>;
    const fast = readCsvPairBytes(file, (table) => {
      pair = detectedPair(table.header);
      crs = explicit ?? pair?.implied;
      return pair && crs ? pair : undefined;
    }, Math.ceil(size / 24) + 1, { keepOthers: true });
    if (fast && pair) {
      const { xi, yi } = pair;
      const { header, xs, ys, lines, others } = fast;
      const names = header.filter((_, i) => i !== xi && i !== yi);
      return pointColumns(file, crs!, explicit, xs, ys, lines, names, others!, []);
    }
  }
  const { text, encoding } = readTextWithEncoding(file, "csv");
  const notes: string[] = encoding !== "utf-8" ? [`not UTF-8: decoded as ${encoding}`] : [];
  let xi = -1, yi = -1, crs: CrsCode | undefined;
  let names: string[] = [], keep: number[] = [];
  let values: string[][] = [];
  let cap = 1024, n = 0, decimalCommas = 0;
  let xs = new Float64Array(cap), ys = new Float64Array(cap), lines = new Uint32Array(cap);
  let badRow: InputError | undefined;
  const reader = new CsvRowReader(file, (r) => {
    if (xi < 0) {
      const pair = detectedPair(reader.header!);
      crs = explicit ?? pair?.implied;
      if (!pair || !crs) throw NOT_PAIRS;
      ({ xi, yi } = pair);
      keep = reader.header!.map((_, i) => i).filter((i) => i !== xi && i !== yi);
      names = keep.map((i) => reader.header![i]);
      values = keep.map(() => []);
    }
    if (badRow) return;
    const cells = r.cells;
    let x: number, y: number;
    try {
      [x, y] = coordinateCells(cells, xi, yi, r.line, file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      badRow = e; // reported after the whole parse: a row with the wrong number of fields anywhere wins
      return;
    }
    if ((cells[xi].includes(",") && /\d,\d/.test(cells[xi])) || (cells[yi].includes(",") && /\d,\d/.test(cells[yi]))) decimalCommas++;
    if (n === cap) {
      cap *= 2;
      xs = grown(xs, cap);
      ys = grown(ys, cap);
      lines = grown(lines, cap);
    }
    xs[n] = x;
    ys[n] = y;
    lines[n] = r.line;
    for (let c = 0; c < keep.length; c++) values[c].push(cells[keep[c]] ?? "");
    n++;
  });
  try {
    reader.push(text, true);
  } catch (e) {
    if (e === NOT_PAIRS) return null;
    throw e;
  }
  // A header and no row: the feature reader's own messages.
  if (xi < 0) return null;
  if (badRow) throw badRow;
  if (decimalCommas) notes.push(`${decimalCommas} rows with decimal commas in their coordinates, read as decimal points`);
  if (n === 0) throw new InputError(file, undefined, "the layer has no features", "check the file, or the filter that produced it");
  return pointColumns(file, crs!, explicit, xs.subarray(0, n), ys.subarray(0, n), lines.subarray(0, n), names, values, notes);
}

/** Both readers' rows, checked as plausible in their CRS and reprojected to WGS84 (fresh arrays). */
function pointColumns(file: string, crs: CrsCode, explicit: CrsCode | undefined, xs: Float64Array, ys: Float64Array, lines: Uint32Array, names: string[], values: string[][], notes: string[]): CsvPointColumns {
  const n = xs.length;
  for (let i = 0; i < n; i++) if (!plausible(xs[i], ys[i], crs)) throw implausible(xs[i], ys[i], crs, file, String(lines[i]), explicit !== undefined);
  const lon = xs.slice(), lat = ys.slice();
  if (crs !== "EPSG:4326") {
    const toWgs = transformer(crs, "EPSG:4326");
    for (let i = 0; i < n; i++) [lon[i], lat[i]] = toWgs([lon[i], lat[i]]);
    notes.push(`reprojected from ${crs} to EPSG:4326`);
  }
  return { file, sourceFiles: [file], sourceCrs: crs, n, lon, lat, names, values, lines: lines.slice(), notes };
}
