// GeoJSON FeatureCollection read as a stream: a small scanner walks the top two levels of the
// document (the collection's members and the `features` array), cuts out one feature's text at a
// time and parses only that, so memory grows with what the caller keeps from each feature.
// Results and messages are those of parseGeoJSON (read-geojson.ts): the same checks run on each
// feature, errors keep the same precedence as readLayerFile without --crs (JSON syntax, then "not
// GeoJSON", then the first bad feature, then an unknown crs), and for a syntax error the exact message comes from
// JSON.parse on the whole file, like the in-memory reader (files over 512 MB get our own).
import type { Feature } from "geojson";
import { InputError } from "../core/errors.js";
import type { CrsCode } from "./crs.js";
import { checkFeature, crsMember, parseGeoJSON } from "./read-geojson.js";
import { readText } from "./read-layer.js";
import { JsonSkeleton } from "./json-skeleton.js";
import { fileBytes, streamText } from "./stream-text.js";

export interface GeoJSONStreamResult {
  count: number;
  declaredCrs?: CrsCode;
  /** A crs member naming a system we do not know: the caller decides (a --crs may override it). */
  unknownCrs?: string;
}

const FALLBACK_LIMIT = 512 * 1024 * 1024;

/**
 * Calls onFeature for each feature of a GeoJSON FeatureCollection, in order, with coordinates as
 * written (declaredCrs, known at the end, says in which CRS). Only a resolved promise means the
 * whole file was valid; features handed over before an error are not to be used.
 */
export async function streamGeoJSON(file: string, onFeature: (f: Feature, index: number) => void, chunkBytes?: number): Promise<GeoJSONStreamResult> {
  let index = 0;
  let firstError: InputError | undefined;
  let started = false;
  const sk = new JsonSkeleton((text) => {
    let f: unknown;
    try {
      f = JSON.parse(text);
    } catch (e) {
      sk.fail(`bad feature ${index}`, 0);
      return;
    }
    const i = index++;
    if (firstError) return;
    try {
      checkFeature(f, i, file);
    } catch (e) {
      if (e instanceof InputError) firstError = e;
      else throw e;
      return;
    }
    onFeature(f as Feature, i);
  });
  await streamText(file, (text) => {
    if (!started && text.length) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!sk.broken) sk.push(text);
  }, chunkBytes);
  if (!sk.sawContent) throw new InputError(file, undefined, "the file is empty", "give a GeoJSON FeatureCollection");
  if (sk.phase !== "end") sk.fail("the document ends early", 0);
  let type: unknown;
  try {
    type = sk.members.has("type") ? JSON.parse(sk.members.get("type")!) : undefined;
  } catch {
    sk.fail("bad type member", 0);
  }
  if (sk.broken || type !== "FeatureCollection" || !sk.featuresArray) return fallback(file, sk.broken, onFeature, index > 0 || firstError !== undefined);
  let crs: unknown;
  try {
    crs = sk.members.has("crs") ? JSON.parse(sk.members.get("crs")!) : undefined;
  } catch {
    return fallback(file, "bad crs member", onFeature, true);
  }
  const { code: declaredCrs, unknown: unknownCrs } = crsMember({ crs });
  if (firstError) throw firstError;
  return { count: index, declaredCrs, unknownCrs };
}

/**
 * A document the scanner cannot stream (a syntax error, a lone Feature or geometry, not
 * GeoJSON): the in-memory reader decides, so its message or result is the one given.
 */
function fallback(file: string, why: string | undefined, onFeature: (f: Feature, i: number) => void, emitted: boolean): GeoJSONStreamResult {
  if (fileBytes(file) > FALLBACK_LIMIT) {
    throw new InputError(file, undefined, `not valid GeoJSON: ${why ?? "no FeatureCollection at the top"}`, "the file may be truncated; export it again");
  }
  const parsed = parseGeoJSON(readText(file), file);
  if (emitted) throw new Error(`${file}: the streaming GeoJSON reader disagrees with the in-memory one (${why}); please report`);
  parsed.features.forEach((f, i) => onFeature(f, i));
  return { count: parsed.features.length, declaredCrs: parsed.declaredCrs, unknownCrs: parsed.unknownCrs };
}
