// CSV/TSV text to rows. Detects the delimiter, strips a BOM, accepts CRLF, LF and CR line ends
// (mixed too), RFC 4180 quotes, and French decimal commas in numeric cells.
import { InputError } from "../core/errors.js";
import { CsvTokenizer, type CsvRecord } from "./csv-tokenizer.js";

export interface CsvTable {
  header: string[];
  /** Data rows; `line` is the 1-based line of the row in the file, for error messages. */
  rows: Array<{ line: number; cells: string[] }>;
  delimiter: string;
}

const CANDIDATES = [";", ",", "\t", "|"];

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let n = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Header, delimiter and row checks over a CSV fed in pieces; parseCsv feeds it the whole text,
 * stream-csv.ts a file chunk by chunk, so both accept and refuse exactly the same files.
 */
export class CsvRowReader {
  header: string[] | undefined;
  delimiter: string | undefined;
  private tokenizer: CsvTokenizer | undefined;
  private pending = "";
  private started = false;
  private sawContent = false;

  constructor(
    private readonly file: string,
    private readonly onRow: (row: { line: number; cells: string[] }) => void,
    private readonly fixedDelimiter?: string,
    /** Which columns the caller reads, from the header; the others come out as "". */
    private readonly keep?: (header: string[]) => boolean[],
  ) {}

  push(text: string, final = false): void {
    if (!this.started) {
      if (text.length === 0 && !final) return;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    if (!this.sawContent && text.trim() !== "") this.sawContent = true;
    let buf = this.pending + text;
    if (!this.tokenizer) {
      // The delimiter comes from the first line, so wait until it is complete.
      const firstEnd = buf.search(/\r|\n/);
      if (firstEnd < 0 && !final) {
        this.pending = buf;
        return;
      }
      const delim = this.fixedDelimiter ?? detectDelimiter(firstEnd < 0 ? buf : buf.slice(0, firstEnd));
      this.delimiter = delim;
      this.tokenizer = new CsvTokenizer(delim, this.file, (r) => this.record(r));
    }
    if (final && !this.sawContent) throw new InputError(this.file, undefined, "the file is empty", "give a CSV file with a header line and rows");
    const used = this.tokenizer.feed(buf, final);
    this.pending = used < buf.length ? buf.slice(used) : "";
    if (final && !this.header) throw new InputError(this.file, undefined, "the file has no header line", "add a header line naming the columns");
  }

  private record(r: CsvRecord): void {
    if (!this.header) {
      this.header = r.cells.map((h) => h.trim());
      // Never with one column: a skipped only cell would make every line look blank.
      if (this.keep && this.header.length > 1) this.tokenizer!.skip = this.keep(this.header).map((k) => !k);
      return;
    }
    const want = this.header.length;
    if (want === 1 && r.cells.length > 1) throw noDelimiterError(this.file, this.header[0]);
    if (r.cells.length !== want && !(r.cells.length > want && r.cells.slice(want).every((c) => c === ""))) {
      throw new InputError(
        this.file,
        `${r.line}`,
        `row has ${r.cells.length} fields but the header has ${want} (delimiter "${printable(this.delimiter!)}")`,
        "check the delimiter and the quoting of that row",
      );
    }
    this.onRow(r);
  }
}

/** `keep` names the columns the caller reads (see CsvRowReader); all of them when absent. */
export function parseCsv(text: string, file: string, delimiter?: string, keep?: (header: string[]) => boolean[]): CsvTable {
  const rows: CsvTable["rows"] = [];
  const reader = new CsvRowReader(file, (r) => rows.push(r), delimiter, keep);
  // An empty text still needs the empty-file check, which runs on the final push.
  reader.push(text, true);
  return { header: reader.header!, rows, delimiter: reader.delimiter! };
}

/** The header did not split at all: the file uses a delimiter we do not try (":", spaces...). */
export function noDelimiterError(file: string, headerLine: string): InputError {
  return new InputError(file, "1", `the header line "${headerLine.slice(0, 60)}" has no ; , tab or | between column names`, "save the file as CSV with ; or , between columns");
}

function printable(d: string): string {
  return d === "\t" ? "\\t" : d;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** A number from a cell: accepts "2,35" (decimal comma) and surrounding spaces; NaN if not a number. */
export function parseNumberCell(cell: string): number {
  // Fast path for plain decimals ("-12.5", "3", ".5"), which is what big coordinate files hold.
  // With at most 15 digits, mantissa and 10^k are exact doubles, so one division is correctly
  // rounded: the same double Number() gives (Clinger's fast path), without two regexes a cell.
  const neg = cell.charCodeAt(0) === 45;
  let digits = 0, frac = -1, mant = 0, i = neg ? 1 : 0;
  for (; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else break;
  }
  if (i === cell.length && digits > 0) {
    if (digits > 15) return Number(cell);
    const v = frac > 0 ? mant / POW10[frac] : mant;
    return neg ? -v : v;
  }
  const s = cell.trim();
  if (s === "") return NaN;
  const t = /^-?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

const normColumn = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();

/** A `keep` for parseCsv: the columns columnIndex would find under any of these names. */
export function keepColumns(names: string[]): (header: string[]) => boolean[] {
  const wanted = new Set(names.map(normColumn));
  return (header) => header.map((h) => wanted.has(normColumn(h)));
}

/** Column lookup by name, ignoring case and accents; throws a clear error if absent. */
export function columnIndex(table: CsvTable, file: string, names: string[], role: string): number {
  const wanted = names.map(normColumn);
  const idx = table.header.findIndex((h) => wanted.includes(normColumn(h)));
  if (idx < 0) {
    throw new InputError(
      file,
      "1",
      `no ${role} column (looked for ${names.join(", ")}; found ${table.header.join(", ")})`,
      "rename the column or map it in the study file's `fields`",
    );
  }
  return idx;
}

/** The x, y numbers of a point row, or the error both CSV point readers give. */
export function coordinateCells(cells: string[], xi: number, yi: number, line: number, file: string): [number, number] {
  const x = parseNumberCell(cells[xi]);
  const y = parseNumberCell(cells[yi]);
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new InputError(file, `${line}`, `coordinates "${cells[xi]}", "${cells[yi]}" are not numbers`, "fix the row or remove it");
  }
  return [x, y];
}
