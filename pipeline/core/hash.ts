import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";

/** sha256 and size of bytes already in memory (a file read once for both its use and its hash). */
export function bufferDigest(bytes: Uint8Array): { sha256: string; bytes: number } {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

/**
 * sha256 and size of a file, read through one 1 MB buffer: a user's camera list of 60 MB read
 * whole would cost 60 MB of fresh memory (page faults, ~0.3 s on a small VM) only to be hashed.
 */
export function fileDigest(path: string): { sha256: string; bytes: number } {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  let bytes = 0;
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      hash.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest("hex"), bytes };
}
