import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

export function fileDigest(path: string): { sha256: string; bytes: number } {
  return { sha256: createHash("sha256").update(readFileSync(path)).digest("hex"), bytes: statSync(path).size };
}
