// Text and bytes gathered into buffers of a fixed size, handed on as a file's pieces (OutputSet
// writes pieces one after the other): a big GeoJSON is encoded straight into its buffers instead
// of joined into one string and encoded again, and never needs one string longer than V8 allows.
export class PieceWriter {
  private buf: Buffer;
  private at = 0;
  /** Pieces complete so far: a generator may hand them on as they fill. */
  readonly ready: Buffer[] = [];
  constructor(private readonly size = 8 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }
  private flush(): void {
    if (this.at === 0) return;
    // A piece well under the size (a small file's only one) is copied out, not kept with the whole buffer.
    this.ready.push(this.at < this.size / 2 ? Buffer.from(this.buf.subarray(0, this.at)) : this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(this.size);
    this.at = 0;
  }
  bytes(b: Uint8Array): void {
    if (this.at + b.length > this.size) this.flush();
    if (b.length > this.size) this.ready.push(Buffer.from(b));
    else {
      this.buf.set(b, this.at);
      this.at += b.length;
    }
  }
  text(s: string): void {
    // At most 3 bytes per UTF-16 unit.
    if (this.at + s.length * 3 > this.size) this.flush();
    if (s.length * 3 > this.size) this.ready.push(Buffer.from(s, "utf8"));
    else this.at += this.buf.write(s, this.at, "utf8");
  }
  /** Every piece, the last one included; the writer is empty after. */
  end(): Buffer[] {
    this.flush();
    return this.ready.splice(0);
  }
}
