// The points_in_polygons case's counts file ("pid,count", one line per polygon with points) as
// bytes: one string per line made 100,000 young objects for the last phase to collect (about
// half its time); digits written into one buffer make none.

/** CSV text of the non-zero counts, ASCII. */
export function countsCsv(counts: Uint32Array): Buffer {
  // Two numbers of at most 10 digits, a comma and a newline a line.
  const out = Buffer.allocUnsafe(10 + 22 * counts.length);
  let at = out.write("pid,count\n", 0, "latin1");
  for (let p = 0; p < counts.length; p++) {
    if (!counts[p]) continue;
    at = digits(out, at, p);
    out[at++] = 44;
    at = digits(out, at, counts[p]);
    out[at++] = 10;
  }
  return out.subarray(0, at);
}

/** Writes the decimal digits of a non-negative integer at `at`; returns where they end. */
function digits(out: Buffer, at: number, v: number): number {
  let n = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) n++;
  for (let k = at + n - 1; k >= at; k--) {
    out[k] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + n;
}
