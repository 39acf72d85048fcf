// Readers for the files earlier stages left under out/: a missing file means a stage was not run.
import { closeSync, existsSync, openSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "./errors.js";
import { parseGeoJSON } from "../geo/read-geojson.js";
import { parseCsv } from "../geo/read-csv.js";
import { cameraFeatures, cameraTablePath, readJoinedCameraTable } from "./joined-cameras.js";
import { lineBlocks } from "./file-blocks.js";

export function readOutLayer(outDir: string, name: string, stage = "layers"): Feature[] {
  const file = join(outDir, "layers", `${name}.geojson`);
  return readOutGeojson(file, stage);
}

/**
 * A layer the study may leave out (zti, zsp, stations, terminals, crossings): absent from the
 * study → no features, and the analyses that need it say so; declared but not written → run layers.
 */
export function readOptionalLayer(outDir: string, name: string, declared: Record<string, unknown>): Feature[] {
  return declared[name] ? readOutLayer(outDir, name) : [];
}

export function readOutGeojson(file: string, stage: string): Feature[] {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  return parseStageGeojson(readFileSync(file), file, stage);
}

/** Past this, a stage's GeoJSON is not decoded into one string (V8 stops near 512 MiB; the join's cameras reach it near a million). */
export const WHOLE_TEXT_MAX = 256 * 1024 * 1024;

/**
 * Past this, a reader that takes only part of a stage's layer (a camera layer's positions, its
 * count and first rows) reads it a block at a time rather than whole: a file read at once is as
 * much fresh memory, which costs more on the build machine than the reading (~5 ms a MB).
 */
export const PART_READ_OVER = 8 * 1024 * 1024;

/**
 * The features of a GeoJSON file a stage wrote (render, report and export read them too): whole
 * and validated up to `wholeMax` bytes; above it a line at a time from the bytes, as
 * geo/write-geojson.ts writes them (a header line, one feature per line, a closing line). Only for
 * out/ files, which the stages wrote from layers the layers stage validated.
 */
export function parseStageGeojson(buf: Buffer, file: string, stage: string, wholeMax = WHOLE_TEXT_MAX): Feature[] {
  if (buf.length <= wholeMax) return parseGeoJSON(buf.toString("utf8"), file).features;
  const features: Feature[] = [];
  featureLines(bufferBlocks(buf, TEXT_CHUNK), file, stage, (f) => features.push(f));
  return features;
}

/** Feature lines of a stage's GeoJSON (a header line, one line per feature, a closing line), counted without decoding. */
export function featureLineCount(buf: Buffer): number {
  let lines = 0;
  for (let at = buf.indexOf(10); at >= 0; at = buf.indexOf(10, at + 1)) lines++;
  return Math.max(0, lines - 2);
}

/**
 * The first `n` features of a stage's GeoJSON, parsed from their lines only (the lines stageLines
 * gives, in order): for a reader that shows the head of a long layer and counts the rest
 * (featureLineCount) without building a feature per line.
 */
export function firstStageFeatures(buf: Buffer, n: number, file: string, stage: string): Feature[] {
  const out: Feature[] = [];
  let lineNo = 0;
  for (let start = 0; out.length < n && start < buf.length; ) {
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    lineNo++;
    if (lineNo > 1 && end > start) {
      if (end - start === 2 && buf[start] === 0x5d && buf[start + 1] === 0x7d) break; // the closing line "]}"
      out.push(parseFeatureLine(buf.toString("utf8", start, buf[end - 1] === 44 ? end - 1 : end), file, lineNo, stage));
    }
    start = end + 1;
  }
  return out;
}

/** Each feature line of a stage's GeoJSON handed to `fn` as a feature (see stageLines). */
function featureLines(blocks: Iterable<Buffer>, file: string, stage: string, fn: (f: Feature) => void): void {
  stageLines(blocks, file, stage, (text, lineNo) => fn(parseFeatureLine(text, file, lineNo, stage)));
}

/** One feature line's text as its feature; an InputError naming the line if it is not one. */
export function parseFeatureLine(text: string, file: string, lineNo: number, stage: string): Feature {
  let f: Feature | undefined;
  try {
    f = JSON.parse(text) as Feature;
  } catch {
    f = undefined;
  }
  if (f?.type !== "Feature") throw notAFeature(file, lineNo, stage);
  return f;
}

/** The one message for a line that is not a feature as the stages write them. */
export const notAFeature = (file: string, lineNo: number, stage: string) => new InputError(file, `line ${lineNo}`, "not a feature line as the stages write them", `run the ${stage} stage again`);

/**
 * The text of each feature line (without its trailing comma), from blocks of whole lines
 * (lineBlocks, bufferBlocks): the header and closing lines are checked and skipped; `at.line` is
 * the line number of the text last handed out. Each block is decoded once and split as text: a
 * Buffer and a decode per line cost more than the lines' own parsing.
 */
function* lineTexts(blocks: Iterable<Buffer>, file: string, stage: string, encoding: "utf8" | "latin1", at: { line: number }): Generator<string> {
  let lineNo = 0, closed = false;
  for (const block of blocks) {
    const text = block.toString(encoding);
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length; // the file's last line, without a line end
      const raw = text.slice(start, end);
      start = end + 1;
      lineNo++;
      if (lineNo === 1 || closed) continue; // the header line; nothing counts after the closing one
      if (raw === "]}") {
        closed = true;
        continue;
      }
      if (raw === "") continue; // the empty collection's one line between header and closing
      at.line = lineNo;
      yield raw.endsWith(",") ? raw.slice(0, -1) : raw;
    }
  }
  // No closing line: a file cut short (disk full, a copy interrupted).
  if (!closed) throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/** lineTexts for a callback, with each line's number. */
function stageLines(blocks: Iterable<Buffer>, file: string, stage: string, fn: (text: string, lineNo: number) => void, encoding: "utf8" | "latin1" = "utf8"): void {
  const at = { line: 0 };
  for (const text of lineTexts(blocks, file, stage, encoding, at)) fn(text, at.line);
}

/**
 * The text of each feature line of a stage's GeoJSON (see stageLines), a block of the file at a
 * time whatever its size: for readers that take a few fields of each line without building the
 * feature (core/stage-points.ts, join/camera-source.ts). Only for out/ files.
 * `latin1`: each byte one character (a plain copy, several times faster to decode than UTF-8 on
 * text with accents); JSON's structure is ASCII and reads the same, and the caller decodes the
 * UTF-8 of the few values it keeps (latin1ToUtf8).
 */
export function forEachStageLine(file: string, stage: string, fn: (text: string, lineNo: number) => void, opts: { chunkBytes?: number; latin1?: boolean } = {}): void {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const fd = openSync(file, "r");
  try {
    stageLines(lineBlocks(fd, opts.chunkBytes ?? TEXT_CHUNK), file, stage, fn, opts.latin1 ? "latin1" : "utf8");
  } finally {
    closeSync(fd);
  }
}

/** Text read as latin1 (forEachStageLine) back to what its bytes say in UTF-8. */
export const latin1ToUtf8 = (s: string): string => (/[\u0080-\u00ff]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s);

/** A block of a stage's GeoJSON and where its feature lines lie in it (see stageFeatureLineSpans). */
export interface LineSpans {
  /** Valid until the next block is asked for. */
  block: Buffer;
  count: number;
  /** Line k is block[start[k], end[k]), without its line end and trailing comma. */
  start: Int32Array;
  end: Int32Array;
  /** Line k's number in the file (1 = the header), for a reader's error message. */
  line: Int32Array;
}

/**
 * The feature lines of a stage's GeoJSON as byte spans (the lines lineTexts gives: header and
 * closing lines checked and skipped), a block of whole lines at a time: for a writer that copies
 * lines on as bytes (join/joined-geojson.ts), without decoding a block into text or slicing a
 * string per line. The spans object is reused from block to block.
 */
export function* stageFeatureLineSpans(file: string, stage: string, chunkBytes = TEXT_CHUNK): Generator<LineSpans> {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const fd = openSync(file, "r");
  const spans: LineSpans = { block: Buffer.alloc(0), count: 0, start: new Int32Array(1024), end: new Int32Array(1024), line: new Int32Array(1024) };
  let lineNo = 0, closed = false;
  try {
    for (const block of lineBlocks(fd, chunkBytes)) {
      spans.block = block;
      spans.count = 0;
      let start = 0;
      while (start < block.length) {
        let end = block.indexOf(10, start);
        if (end < 0) end = block.length; // the file's last line, without a line end
        const from = start;
        start = end + 1;
        lineNo++;
        if (lineNo === 1 || closed) continue; // the header line; nothing counts after the closing one
        if (end - from === 2 && block[from] === 0x5d && block[from + 1] === 0x7d) {
          closed = true; // "]}"
          continue;
        }
        if (end === from) continue; // the empty collection's one line between header and closing
        if (spans.count === spans.start.length) {
          const grow = (a: Int32Array) => {
            const b = new Int32Array(a.length * 2);
            b.set(a);
            return b;
          };
          spans.start = grow(spans.start);
          spans.end = grow(spans.end);
          spans.line = grow(spans.line);
        }
        spans.line[spans.count] = lineNo;
        spans.start[spans.count] = from;
        spans.end[spans.count++] = block[end - 1] === 44 ? end - 1 : end;
      }
      if (spans.count) yield spans;
    }
  } finally {
    closeSync(fd);
  }
  // No closing line: a file cut short (disk full, a copy interrupted).
  if (!closed) throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/**
 * Each feature of a stage's GeoJSON handed to `fn` and dropped: a file over `wholeMax` is read a
 * chunk at a time and never held whole, nor are its features (a million joined cameras are 600 MB
 * of text and several GB as objects; a reader that keeps a few fields of each needs neither).
 */
export function forEachStageFeature(file: string, stage: string, fn: (f: Feature) => void, wholeMax = WHOLE_TEXT_MAX, chunkBytes = TEXT_CHUNK): void {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  if (statSync(file).size <= wholeMax) {
    for (const f of parseStageGeojson(readFileSync(file), file, stage, wholeMax)) fn(f);
    return;
  }
  const fd = openSync(file, "r");
  try {
    featureLines(lineBlocks(fd, chunkBytes), file, stage, fn);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of a file in blocks of whole lines (core/file-blocks.ts lineBlocks: one reused buffer, 1 MB by default;
 * TEXT_CHUNK for a reader that decodes each block), for a reader that hashes or scans a large file
 * without holding it whole: a 300 MB layer read at once is 300 MB of fresh memory, which costs
 * more here than the reading. A block is valid only during the call.
 */
export function forEachFileBlock(file: string, fn: (block: Buffer) => void, chunkBytes = 1024 * 1024): void {
  const fd = openSync(file, "r");
  try {
    for (const block of lineBlocks(fd, chunkBytes)) fn(block);
  } finally {
    closeSync(fd);
  }
}

/** A buffer already in memory in the same blocks of whole lines (views, no copy). */
function* bufferBlocks(src: Buffer, size: number): Generator<Buffer> {
  let pos = 0;
  while (pos < src.length) {
    let end = Math.min(src.length, pos + Math.max(1, size));
    if (end < src.length) {
      const last = src.lastIndexOf(10, end - 1);
      const next = last >= pos ? last : src.indexOf(10, end); // a line longer than the block
      end = next < 0 ? src.length : next + 1;
    }
    yield src.subarray(pos, end);
    pos = end;
  }
}

/**
 * Blocks of 64 kB: each decodes into a string V8 keeps in its young generation, whose memory is
 * reused from block to block; a 16 MB block decoded into a fresh string of its own, and fresh
 * memory costs page faults (~9 ms a MB on the build machine, more than reading the text).
 */
export const TEXT_CHUNK = 64 * 1024;

/**
 * The join's cameras (out/joined/cameras.geojson); with `keep`, each feature with only those
 * properties (what a reader of a large layer needs, a fraction of the memory), built from the
 * join's camera table (core/joined-cameras.ts) when it holds them all: no GeoJSON to parse.
 */
export function readJoinedCameras(outDir: string, keep?: string[]): Feature[] {
  if (keep && existsSync(cameraTablePath(outDir))) {
    const fromTable = cameraFeatures(readJoinedCameraTable(outDir), keep);
    if (fromTable) return fromTable;
  }
  const out: Feature[] = [];
  forEachStageFeature(join(outDir, "joined", "cameras.geojson"), "join", (f) => {
    if (keep) {
      const p = f.properties ?? {};
      f.properties = Object.fromEntries(keep.filter((k) => k in p).map((k) => [k, p[k]]));
    }
    out.push(f);
  });
  return out;
}

export function readOutJson<T>(file: string, stage: string): T {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/**
 * A CSV written by a stage, column by column (a column absent from the header reads as undefined):
 * for the long tables (the crossings), where an object per row cost more than the parsing.
 */
export function readOutColumns(file: string, stage: string, only?: string[]): { n: number; header: string[]; column(name: string): string[] | undefined } {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  // `only`: the columns read; the others' text is never copied (they read as "").
  const keep = only && ((header: string[]) => header.map((h) => only.includes(h)));
  const t = parseCsv(readFileSync(file, "utf8"), file, ",", keep);
  const cache = new Map<string, string[]>();
  return {
    n: t.rows.length,
    header: t.header,
    column(name) {
      const j = t.header.indexOf(name);
      if (j < 0) return undefined;
      let c = cache.get(name);
      if (!c) cache.set(name, (c = t.rows.map((r) => r.cells[j] ?? "")));
      return c;
    },
  };
}

/** A CSV written by a stage, as objects keyed by header. */
export function readOutCsv(file: string, stage: string): Array<Record<string, string>> {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const t = parseCsv(readFileSync(file, "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ""])));
}
