// Readers for the files earlier stages left under out/: a missing file means a stage was not run.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "./errors.js";
import { parseGeoJSON } from "../geo/read-geojson.js";
import { parseCsv } from "../geo/read-csv.js";
import { cameraFeatures, cameraTablePath, readJoinedCameraTable } from "./joined-cameras.js";

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
 * The features of a GeoJSON file a stage wrote (render, report and export read them too): whole
 * and validated up to `wholeMax` bytes; above it a line at a time from the bytes, as
 * geo/write-geojson.ts writes them (a header line, one feature per line, a closing line). Only for
 * out/ files, which the stages wrote from layers the layers stage validated.
 */
export function parseStageGeojson(buf: Buffer, file: string, stage: string, wholeMax = WHOLE_TEXT_MAX): Feature[] {
  if (buf.length <= wholeMax) return parseGeoJSON(buf.toString("utf8"), file).features;
  const features: Feature[] = [];
  featureLines([buf], file, stage, (f) => features.push(f));
  return features;
}

/**
 * The feature lines of a stage's GeoJSON, from its bytes in chunks (cut anywhere): a header
 * line, one feature per line, a closing line, as geo/write-geojson.ts writes them.
 */
function featureLines(chunks: Iterable<Buffer>, file: string, stage: string, fn: (f: Feature) => void): void {
  for (const line of stageLines(chunks, file, stage)) fn(line.feature());
}

/** Each feature line of a stage's GeoJSON: its text (without the separating comma), and the feature parsed from it when asked. */
export interface FeatureLine {
  text: string;
  /** Parsed on demand (a reader that copies the text need not parse it); an InputError if not a feature. */
  feature(): Feature;
}

/** Text decoded this many bytes at a time: one string per window, split into lines, not one per line. */
const WINDOW = 64 * 1024 * 1024;

function* stageLines(chunks: Iterable<Buffer>, file: string, stage: string): Generator<FeatureLine> {
  let carry = Buffer.alloc(0);
  let lineNo = 0, closed = false;
  const line = (raw: string): FeatureLine | undefined => {
    lineNo++;
    if (lineNo === 1 || closed) return undefined; // the header line; nothing counts after the closing one
    if (raw === "]}") {
      closed = true;
      return undefined;
    }
    if (raw === "") return undefined; // the empty collection's one line between header and closing
    const text = raw.endsWith(",") ? raw.slice(0, -1) : raw;
    const at = lineNo;
    return {
      text,
      feature: () => {
        let f: Feature | undefined;
        try {
          f = JSON.parse(text) as Feature;
        } catch {
          f = undefined;
        }
        if (f?.type !== "Feature") throw new InputError(file, `line ${at}`, "not a feature line as the stages write them", `run the ${stage} stage again`);
        return f;
      },
    };
  };
  for (const chunk of chunks) {
    for (let w = 0; w < chunk.length; w += WINDOW) {
      const piece = chunk.subarray(w, Math.min(chunk.length, w + WINDOW));
      const data = carry.length ? Buffer.concat([carry, piece]) : piece;
      // Whole lines only: a window may end inside a line, even inside a character.
      const last = data.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(data);
        continue;
      }
      const lines = data.toString("utf8", 0, last).split("\n");
      for (const raw of lines) {
        const l = line(raw);
        if (l) yield l;
      }
      carry = Buffer.from(data.subarray(last + 1));
    }
  }
  if (carry.length) {
    const l = line(carry.toString("utf8"));
    if (l) yield l;
  }
  // No closing line: a file cut short (disk full, a copy interrupted).
  if (!closed) throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/**
 * The feature lines of a stage's GeoJSON as bytes (each a view, valid until the next one; without
 * the separating comma): for a writer that copies lines as they are without decoding them.
 */
export function* stageFeatureLineBytes(file: string, stage: string, chunkBytes = CHUNK): Generator<Buffer> {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const fd = openSync(file, "r");
  let lineNo = 0, closed = false;
  let carry = Buffer.alloc(0);
  const CLOSING = Buffer.from("]}");
  try {
    for (const chunk of fileChunks(fd, chunkBytes)) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(10, start); end >= 0; start = end + 1, end = data.indexOf(10, start)) {
        lineNo++;
        if (lineNo === 1 || closed || end === start) continue; // the header; after the closing line; the empty collection's blank line
        if (end - start === 2 && data.subarray(start, end).equals(CLOSING)) {
          closed = true;
          continue;
        }
        yield data.subarray(start, data[end - 1] === 44 ? end - 1 : end);
      }
      carry = Buffer.from(data.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  if (carry.length && carry.equals(CLOSING)) closed = true;
  else if (carry.length && !closed) throw new InputError(file, undefined, "ends inside a line (a file cut short)", `run the ${stage} stage again`);
  if (!closed) throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/**
 * The feature lines of a stage's GeoJSON one at a time, whatever its size, with their text: for a
 * reader that streams a large layer and needs each feature's bytes as written (the join copies the
 * camera layer's properties into its own lines). Only for files written by geo/write-geojson.ts.
 */
export function* stageFeatureLines(file: string, stage: string, chunkBytes = CHUNK): Generator<FeatureLine> {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const fd = openSync(file, "r");
  try {
    yield* stageLines(fileChunks(fd, chunkBytes), file, stage);
  } finally {
    closeSync(fd);
  }
}

/**
 * Each feature of a stage's GeoJSON handed to `fn` and dropped: a file over `wholeMax` is read a
 * chunk at a time and never held whole, nor are its features (a million joined cameras are 600 MB
 * of text and several GB as objects; a reader that keeps a few fields of each needs neither).
 */
export function forEachStageFeature(file: string, stage: string, fn: (f: Feature) => void, wholeMax = WHOLE_TEXT_MAX, chunkBytes = CHUNK): void {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  if (statSync(file).size <= wholeMax) {
    for (const f of parseStageGeojson(readFileSync(file), file, stage, wholeMax)) fn(f);
    return;
  }
  const fd = openSync(file, "r");
  try {
    featureLines(fileChunks(fd, chunkBytes), file, stage, fn);
  } finally {
    closeSync(fd);
  }
}

/**
 * The file in blocks of whole lines (each ends with a newline, but the last if the file does not),
 * read into one reused buffer that keeps a block's unfinished line at its start: the line readers
 * never concatenate a carried piece onto a fresh chunk. A block is valid until the next is read.
 */
function* fileChunks(fd: number, size: number): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(size);
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

const CHUNK = 16 * 1024 * 1024;

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

/** A CSV written by a stage, as objects keyed by header. */
export function readOutCsv(file: string, stage: string): Array<Record<string, string>> {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const t = parseCsv(readFileSync(file, "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ""])));
}
