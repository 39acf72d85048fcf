// A file read in blocks of whole lines into one reused buffer: the line readers of stage outputs
// (core/out-files.ts) and the byte reader of point CSVs (geo/csv-points-bytes.ts) share it, so a
// line is never cut between two blocks and no block is a fresh allocation.
import { readSync } from "node:fs";

/**
 * The file in blocks of whole lines (each ends with a newline, but the last if the file does not),
 * read into one reused buffer that keeps a block's unfinished line at its start: the line readers
 * never concatenate a carried piece onto a fresh chunk. A block is valid until the next is read.
 */
export function* lineBlocks(fd: number, size: number): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(Math.max(1, size));
  let kept = 0;
  for (;;) {
    if (kept === buf.length) {
      // One line longer than the buffer: a bigger one.
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, kept);
      buf = bigger;
    }
    const n = readSync(fd, buf, kept, buf.length - kept, null);
    if (n === 0) {
      if (kept) yield buf.subarray(0, kept);
      return;
    }
    const end = kept + n;
    const last = buf.lastIndexOf(10, end - 1);
    if (last < 0) {
      kept = end;
      continue;
    }
    yield buf.subarray(0, last + 1);
    buf.copy(buf, 0, last + 1, end);
    kept = end - last - 1;
  }
}
