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
  return parseGeoJSON(readFileSync(file, "utf8"), file).features;
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
