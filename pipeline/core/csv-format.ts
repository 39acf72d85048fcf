// Fixed number formatting for CSV outputs: same value → same bytes, whatever the platform.
export function fixed(v: number | null | undefined, decimals: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "";
  const s = v.toFixed(decimals);
  return s.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV line (no line end) of the cells, each quoted as csvCell does: cells.map(csvCell).join(",") without the array between. */
export function csvLine(cells: readonly string[]): string {
  let line = cells.length ? csvCell(cells[0]) : "";
  for (let k = 1; k < cells.length; k++) line += "," + csvCell(cells[k]);
  return line;
}

export function csvText(header: string[], rows: string[][]): string {
  return csvTextOf(header, rows.length, (i) => rows[i]);
}

/** csvText of `n` rows made one at a time by `rowAt` (a table of a million rows holds no array of arrays). */
export function csvTextOf(header: string[], n: number, rowAt: (i: number) => string[]): string {
  const lines = new Array<string>(n + 1);
  lines[0] = csvLine(header);
  for (let i = 0; i < n; i++) lines[i + 1] = csvLine(rowAt(i));
  return lines.join("\n") + "\n";
}

/**
 * csvTextOf's bytes (UTF-8) as pieces of about 1 MB, in shared memory: a helper thread's table
 * reaches the main thread without a copy (a SharedArrayBuffer crosses as itself), and neither
 * thread holds the whole table as one string (a million rows are tens of MB, copied then encoded
 * again). Rows are encoded in batches of tens of kB (see core/piece-writer.ts).
 */
export function csvPiecesOf(header: string[], n: number, rowAt: (i: number) => string[]): Uint8Array[] {
  const PIECE = 1 << 20, BATCH = 1 << 15;
  const pieces: Uint8Array[] = [];
  let buf = sharedBytes(PIECE), at = 0;
  const put = (s: string) => {
    // At most 3 bytes per UTF-16 unit.
    if (at + 3 * s.length > buf.length) {
      if (at > 0) pieces.push(buf.subarray(0, at));
      buf = sharedBytes(Math.max(PIECE, 3 * s.length));
      at = 0;
    }
    at += buf.write(s, at, "utf8");
  };
  let batch = csvLine(header) + "\n";
  for (let i = 0; i < n; i++) {
    batch += csvLine(rowAt(i)) + "\n";
    if (batch.length >= BATCH) {
      put(batch);
      batch = "";
    }
  }
  put(batch);
  if (at > 0) pieces.push(buf.subarray(0, at));
  return pieces;
}

function sharedBytes(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
