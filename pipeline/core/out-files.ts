// Readers for the files earlier stages left under out/: a missing file means a stage was not run.
import { existsSync, readFileSync } from "node:fs";
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
  let start = buf.indexOf(10) + 1;
  for (let lineNo = 2; start > 0 && start < buf.length; lineNo++) {
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    let line = buf.toString("utf8", start, end);
    start = end + 1;
    if (line === "]}") return features;
    if (line === "") continue; // the empty collection's one line between header and closing
    if (line.endsWith(",")) line = line.slice(0, -1);
    let f: Feature | undefined;
    try {
      f = JSON.parse(line) as Feature;
    } catch {
      f = undefined;
    }
    if (f?.type !== "Feature") throw new InputError(file, `line ${lineNo}`, "not a feature line as the stages write them", `run the ${stage} stage again`);
    features.push(f);
  }
  // No closing line: a file cut short (disk full, a copy interrupted).
  throw new InputError(file, undefined, "ends before its closing line", `run the ${stage} stage again`);
}

/** The join's cameras (out/joined/cameras.geojson). */
export function readJoinedCameras(outDir: string): Feature[] {
  return readOutGeojson(join(outDir, "joined", "cameras.geojson"), "join");
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
