// Text gathered into one buffer that is handed on as a file's pieces and then reused (OutputSet
// writes each piece before asking for the next): a big GeoJSON is encoded straight into the
// buffer instead of joined into one string and encoded again, never needs one string longer than
// V8 allows, and touches the same memory for every piece. Fresh memory is not free: on the build
// machine (a virtual machine) a new 8 MB piece cost ~70 ms of page faults before a byte was
// written, more than the text it held; text is best handed over in batches of tens of kB, which
// V8 flattens in its young generation rather than as a large object of its own.
export class PieceWriter {
  private buf: Buffer;
  private at = 0;
  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }
  /** Whether `s` can be added (as UTF-8: at most 3 bytes per UTF-16 unit) before the piece is taken. */
  fits(s: string, latin1 = false): boolean {
    return this.at === 0 || this.at + s.length * (latin1 ? 1 : 3) <= this.buf.length;
  }
  /** Adds `s` as UTF-8; `fits(s)` must hold (an empty writer grows for a text larger than itself). */
  text(s: string): void {
    this.room(s.length * 3);
    this.at += this.buf.write(s, this.at, "utf8");
  }
  /** Adds `s` as latin1 (one byte a character: text that holds the bytes it stands for); `fits(s, true)` must hold. */
  latin1(s: string): void {
    this.room(s.length);
    this.at += this.buf.write(s, this.at, "latin1");
  }
  /**
   * The buffer, for up to `bytes` bytes written straight into it from `length` on (then `advance`):
   * for a writer that puts bytes together itself. `fitsBytes(bytes)` must hold.
   */
  raw(bytes: number): Buffer {
    this.room(bytes);
    return this.buf;
  }
  /** Whether `bytes` more bytes can be written before the piece is taken. */
  fitsBytes(bytes: number): boolean {
    return this.at === 0 || this.at + bytes <= this.buf.length;
  }
  /** Bytes written so far in this piece (where raw writing goes on). */
  get length(): number {
    return this.at;
  }
  /** The raw bytes written up to `end` (from `length`) are the piece's. */
  advance(end: number): void {
    this.at = end;
  }
  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    if (this.at !== 0) throw new Error("PieceWriter: the piece must be taken before more text is added");
    this.buf = Buffer.allocUnsafe(bytes);
  }
  /** The bytes added since the last take, as a view valid until text is added again. */
  take(): Buffer {
    const piece = this.buf.subarray(0, this.at);
    this.at = 0;
    return piece;
  }
}

/** A generator's pieces each copied (for a caller that keeps them all rather than writing each in turn). */
export function copiedPieces(pieces: Iterable<Uint8Array>): Buffer[] {
  return Array.from(pieces, (p) => Buffer.from(p));
}
