// The CSV state machine shared by the in-memory reader (read-csv.ts) and the streaming one
// (stream-csv.ts), so both give the same rows and the same errors by construction. It consumes
// text in pieces: a record cut by the end of a piece is left for the next one.
import { InputError } from "../core/errors.js";

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export class CsvTokenizer {
  /** Line of the next record to start. */
  private line = 1;
  /**
   * Columns whose text nobody reads (true = skip): they come out as "" without their text being
   * copied, which saves one string per cell of wide files (the BAN has 23 columns, we read 6).
   * Set between records (e.g. once the header is known). A skipped cell that meets a quote is
   * read in full from there on (and still comes out as ""), so quoting, and therefore the
   * record boundaries, never change.
   */
  skip: boolean[] | undefined;

  constructor(
    private readonly delim: string,
    private readonly file: string,
    private readonly onRecord: (r: CsvRecord) => void,
  ) {}

  /**
   * Emits every complete record of `text` and returns where the unconsumed tail starts (the
   * caller prepends it to the next piece). With `final`, the tail is the last record.
   * Rules: RFC 4180 quotes (a quote opens a quoted field only at the start of a cell, blanks
   * allowed before it; "" inside is one quote), CRLF, LF or lone CR ends a record, blank lines
   * are skipped.
   */
  feed(text: string, final: boolean): number {
    const n = text.length;
    const delim = this.delim;
    const dc = delim.charCodeAt(0);
    let i = 0;
    records: while (i < n) {
      const recordStart = i;
      const recordLine = this.line;
      let line = recordLine;
      const cells: string[] = [];
      const skip = this.skip;
      let cell = "";
      let cellStart = i;
      let skipped = skip !== undefined && skip[0] === true;
      let keepCell = !skipped;
      for (;;) {
        // Unquoted run: copy up to the next delimiter, quote or line end in one slice.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === dc || c === 34 || c === 10 || c === 13) break;
          j++;
        }
        if (j > i && keepCell) cell += text.slice(i, j);
        i = j;
        if (i >= n) break;
        const ch = text[i];
        if (ch === delim) {
          cells.push(skipped ? "" : cell);
          cell = "";
          i++;
          cellStart = i;
          skipped = skip !== undefined && skip[cells.length] === true;
          keepCell = !skipped;
          continue;
        }
        if (ch === "\r" || ch === "\n") {
          const lineEnd = i;
          if (ch === "\r") {
            if (i + 1 >= n && !final) return recordStart; // a "\n" may follow in the next piece
            if (text[i + 1] === "\n") i++;
          }
          // Blank line: one empty cell (an unread cell is empty if its text was).
          const blank = cells.length === 0 && (keepCell ? cell === "" : lineEnd === cellStart);
          i++;
          cells.push(skipped ? "" : cell);
          if (!blank) this.onRecord({ line: recordLine, cells });
          this.line = line + 1;
          continue records;
        }
        // Before its first quote a cell is one unquoted run: what a skipped cell would have held.
        if (!keepCell) {
          cell = text.slice(cellStart, i);
          keepCell = true;
        }
        // A quote: literal inside an unquoted cell, opens a quoted field at a cell's start.
        if (cell.trim() !== "") {
          cell += '"';
          i++;
          continue;
        }
        const quoteLine = line;
        cell = "";
        i++;
        for (;;) {
          let q = text.indexOf('"', i);
          if (q < 0) q = n;
          for (let k = i; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
          }
          cell += text.slice(i, q);
          i = q;
          if (i >= n || (i + 1 >= n && !final)) {
            if (!final) return recordStart;
            if (i >= n) {
              throw new InputError(this.file, `${quoteLine}`, "a quoted field is never closed", 'close the quote or double the " inside the field');
            }
          }
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        }
      }
      // End of text inside a record.
      if (!final) return recordStart;
      if ((keepCell ? cell !== "" : n > cellStart) || cells.length > 0) {
        cells.push(skipped ? "" : cell);
        this.onRecord({ line: recordLine, cells });
      }
      return n;
    }
    return n;
  }
}
