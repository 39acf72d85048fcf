import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** sha256 and size of bytes already in memory (a file read once for both its use and its hash). */
export function bufferDigest(bytes: Uint8Array): { sha256: string; bytes: number } {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

export function fileDigest(path: string): { sha256: string; bytes: number } {
  return bufferDigest(readFileSync(path));
}
