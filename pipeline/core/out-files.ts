// Readers for the files earlier stages left under out/: a missing file means a stage was not run.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "./errors.js";
import { parseGeoJSON } from "../geo/read-geojson.js";
import { parseCsv } from "../geo/read-csv.js";

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
  featureLines(fillFromBuffer(buf), CHUNK, file, stage, (f) => features.push(f));
  return features;
}

/**
 * The feature lines of a stage's GeoJSON, from its bytes in chunks (cut anywhere): a header
 * line, one feature per line, a closing line, as geo/write-geojson.ts writes them.
 */
function featureLines(read: Fill, size: number, file: string, stage: string, fn: (f: Feature) => void): void {
  stageLines(read, size, file, stage, (text, lineNo) => {
    let f: Feature | undefined;
    try {
      f = JSON.parse(text) as Feature;
    } catch {
      f = undefined;
    }
    if (f?.type !== "Feature") throw notAFeature(file, lineNo, stage);
    fn(f);
  });
}

/** The one message for a line that is not a feature as the stages write them. */
export const notAFeature = (file: string, lineNo: number, stage: string) => new InputError(file, `line ${lineNo}`, "not a feature line as the stages write them", `run the ${stage} stage again`);

/** Reads bytes into `into` from `at` (up to its end); 0 at the end of the input. */
type Fill = (into: Buffer, at: number) => number;

const fillFromFile = (fd: number): Fill => (into, at) => readSync(fd, into, at, into.length - at, null);

function fillFromBuffer(src: Buffer): Fill {
  let pos = 0;
  return (into, at) => {
    const n = src.copy(into, at, pos, Math.min(src.length, pos + into.length - at));
    pos += n;
    return n;
  };
}

/**
 * The text of each feature line (without its trailing comma) and its line number, read into one
 * buffer of `size` bytes (doubled for a longer line): the header and closing lines are checked and
 * skipped. What is left after the last line end moves to the front of the same buffer, so a chunk
 * is neither copied into a new one nor allocated again.
 */
function stageLines(read: Fill, size: number, file: string, stage: string, fn: (text: string, lineNo: number) => void, encoding: "utf8" | "latin1" = "utf8"): void {
  let lineNo = 0, closed = false;
  const line = (raw: string) => {
    lineNo++;
    if (lineNo === 1 || closed) return; // the header line; nothing counts after the closing one
    if (raw === "]}") {
      closed = true;
      return;
    }
    if (raw === "") return; // the empty collection's one line between header and closing
    fn(raw.endsWith(",") ? raw.slice(0, -1) : raw, lineNo);
  };
  let buf = Buffer.allocUnsafe(Math.max(1, size));
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const before = len;
    const n = read(buf, len);
    if (n === 0) break;
    len += n;
    const last = buf.lastIndexOf(10, len - 1);
    if (last < before) continue; // no line end yet: the line goes on
    // Decoded once up to the last line end (a character is never cut in two) and split as text:
    // a Buffer and a decode per line cost more than the lines' own parsing.
    const text = buf.toString(encoding, 0, last);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      line(text.slice(start, end));
      start = end + 1;
    }
    line(text.slice(start));
    buf.copy(buf, 0, last + 1, len);
    len -= last + 1;
  }
  if (len) line(buf.toString(encoding, 0, len));
  // No closing line: a file cut short (disk full, a copy interrupted).
  if (!closed) throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/**
 * The text of each feature line of a stage's GeoJSON (see stageLines), a chunk of the file at a
 * time whatever its size: for readers that take a few fields of each line without building the
 * feature (core/stage-points.ts). The file is not validated as a whole: only out/ files.
 * `latin1`: each byte one character (a plain copy, several times faster to decode than UTF-8 on
 * text with accents); JSON's structure is ASCII and reads the same, and the caller decodes the
 * UTF-8 of the few values it keeps (latin1ToUtf8).
 */
export function forEachStageLine(file: string, stage: string, fn: (text: string, lineNo: number) => void, opts: { chunkBytes?: number; latin1?: boolean } = {}): void {
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", `run the ${stage} stage first (contrechamp ${stage}, or make ${stage})`);
  const fd = openSync(file, "r");
  try {
    stageLines(fillFromFile(fd), opts.chunkBytes ?? CHUNK, file, stage, fn, opts.latin1 ? "latin1" : "utf8");
  } finally {
    closeSync(fd);
  }
}

/** Text read as latin1 (forEachStageLine) back to what its bytes say in UTF-8. */
export const latin1ToUtf8 = (s: string): string => (/[\u0080-\u00ff]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s);

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
    featureLines(fillFromFile(fd), chunkBytes, file, stage, fn);
  } finally {
    closeSync(fd);
  }
}


const CHUNK = 16 * 1024 * 1024;

/**
 * The join's cameras (out/joined/cameras.geojson); with `keep`, each feature with only those
 * properties (what a reader of a large layer needs, a fraction of the memory).
 */
export function readJoinedCameras(outDir: string, keep?: string[]): Feature[] {
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
