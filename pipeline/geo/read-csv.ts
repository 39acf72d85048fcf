// CSV/TSV text to rows. Detects the delimiter, strips a BOM, accepts CRLF, LF and CR line ends
// (mixed too), RFC 4180 quotes, and French decimal commas in numeric cells.
import { InputError } from "../errors.js";

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

export function parseCsv(text: string, file: string, delimiter?: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new InputError(file, undefined, "the file is empty", "give a CSV file with a header line and rows");
  const firstEnd = text.search(/\r|\n/);
  const delim = delimiter ?? detectDelimiter(firstEnd < 0 ? text : text.slice(0, firstEnd));
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      quoteLine = line;
      cell = "";
    } else if (ch === delim) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      line++;
      recordLine = line;
    } else cell += ch;
  }
  if (quoted) {
    throw new InputError(file, `${quoteLine}`, "a quoted field is never closed", 'close the quote or double the " inside the field');
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  const head = records.shift();
  if (!head) throw new InputError(file, undefined, "the file has no header line", "add a header line naming the columns");
  const header = head.cells.map((h) => h.trim());
  for (const r of records) {
    if (header.length === 1 && r.cells.length > 1) {
      throw noDelimiterError(file, header[0]);
    }
    if (r.cells.length !== header.length && !(r.cells.length > header.length && r.cells.slice(header.length).every((c) => c === ""))) {
      throw new InputError(
        file,
        `${r.line}`,
        `row has ${r.cells.length} fields but the header has ${header.length} (delimiter "${printable(delim)}")`,
        "check the delimiter and the quoting of that row",
      );
    }
  }
  return { header, rows: records, delimiter: delim };
}

/** The header did not split at all: the file uses a delimiter we do not try (":", spaces...). */
export function noDelimiterError(file: string, headerLine: string): InputError {
  return new InputError(file, "1", `the header line "${headerLine.slice(0, 60)}" has no ; , tab or | between column names`, "save the file as CSV with ; or , between columns");
}

function printable(d: string): string {
  return d === "\t" ? "\\t" : d;
}

/** A number from a cell: accepts "2,35" (decimal comma) and surrounding spaces; NaN if not a number. */
export function parseNumberCell(cell: string): number {
  const s = cell.trim();
  if (s === "") return NaN;
  const t = /^-?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

/** Column lookup by name, ignoring case and accents; throws a clear error if absent. */
export function columnIndex(table: CsvTable, file: string, names: string[], role: string): number {
  const norm = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const wanted = names.map(norm);
  const idx = table.header.findIndex((h) => wanted.includes(norm(h)));
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
