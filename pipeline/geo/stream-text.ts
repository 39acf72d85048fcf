// A text file read in pieces, decoded by the same rule as readText (read-layer.ts): UTF-8 if the
// whole file is valid UTF-8, else Windows-1252 (French spreadsheets). Deciding that needs the
// whole file, so a first pass only validates (constant memory), then the second decodes.
import { createReadStream, existsSync, statSync } from "node:fs";
import { decodeCp1252 } from "./text-decoding.js";
import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";
import { isAscii, isUtf8 } from "node:buffer";
import { basename } from "node:path";
import { InputError } from "../core/errors.js";
import { counter } from "../core/progress.js";

const PROGRESS_BYTES = 32 * 1024 * 1024;
/**
 * Read size. 64 KB pieces decode to strings the young generation recycles; 1 MB ones went to
 * fresh pages each time (twice the page faults, ~40 % more CPU reading a 59 MB GeoJSON).
 */
const CHUNK_BYTES = 1 << 16;

export function assertReadableFile(file: string): void {
  if (!existsSync(file)) throw new InputError(file, undefined, "file not found", "check the path in the study file or on the command line");
  if (statSync(file).isDirectory()) throw new InputError(file, undefined, "is a folder, not a file", "name the file itself");
}

function byteStream(file: string, chunkBytes: number): Readable {
  const raw = createReadStream(file, { highWaterMark: chunkBytes });
  return /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
}

type FileEncoding = "ascii" | "utf-8" | "windows-1252";

/**
 * Validates chunk by chunk; a character cut by a chunk's end is carried to the next one. A file
 * of ASCII only (most GeoJSON and CSV of coordinates) is said so: it then decodes byte for byte.
 */
async function fileEncoding(file: string, chunkBytes: number): Promise<FileEncoding> {
  let carry: Buffer = Buffer.alloc(0);
  let ascii = true;
  for await (const chunk of byteStream(file, chunkBytes)) {
    if (ascii && carry.length === 0 && isAscii(chunk as Buffer)) continue;
    ascii = false;
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let cut = buf.length;
    let k = buf.length - 1;
    while (k >= 0 && buf.length - k <= 4 && (buf[k] & 0xc0) === 0x80) k--;
    if (k >= 0 && buf[k] >= 0xc0) {
      const need = buf[k] >= 0xf0 ? 4 : buf[k] >= 0xe0 ? 3 : 2;
      if (buf.length - k < need) cut = k;
    }
    if (!isUtf8(buf.subarray(0, cut))) return "windows-1252";
    carry = Buffer.from(buf.subarray(cut));
  }
  if (carry.length !== 0) return "windows-1252";
  return ascii ? "ascii" : "utf-8";
}

/**
 * Calls onText with successive pieces of the decoded file, then once with final = true.
 * chunkBytes is the read size (tests use tiny ones to cut records and characters anywhere).
 */
export async function streamText(file: string, onText: (text: string, final: boolean) => void, chunkBytes = CHUNK_BYTES): Promise<void> {
  assertReadableFile(file);
  const encoding = await fileEncoding(file, chunkBytes);
  // UTF-8 needs the streaming decoder (a character may straddle two chunks); ASCII and CP1252 are
  // one byte per character, so chunks decode on their own, ASCII through Node's latin1 copy (the
  // same characters, several times faster than the UTF-8 decoder).
  const d = encoding === "utf-8" ? new TextDecoder("utf-8") : undefined;
  // Big files take seconds: show the bytes read on a terminal (counter() is silent otherwise).
  const size = fileBytes(file);
  const progress = size > PROGRESS_BYTES ? counter(`reading ${basename(file)} (bytes)`, size) : undefined;
  const raw = createReadStream(file, { highWaterMark: chunkBytes });
  // A 'data' listener beside the async iterator sees each chunk as it is read, nothing more.
  if (progress) raw.on("data", (b) => progress.tick(b.length));
  const bytes = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  for await (const chunk of bytes) {
    const text = d ? d.decode(chunk as Buffer, { stream: true }) : encoding === "ascii" ? (chunk as Buffer).toString("latin1") : decodeCp1252(chunk as Buffer);
    if (text) onText(text, false);
  }
  onText(d ? d.decode() : "", true);
  progress?.done();
}

/** Total bytes of the file on disk, for progress (compressed size for .gz). */
export function fileBytes(file: string): number {
  return statSync(file).size;
}
