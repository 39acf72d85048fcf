// What every layer kind hands to the layers stage: normalised WGS84 features with stable ids,
// and an account of every input feature (kept + dropped = read).
import type { Feature, Geometry } from "geojson";
import type { ReadLayer } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { InputError } from "../pipeline/core/errors.js";
import { polygonProblem, polygonsOf } from "../pipeline/geo/validate.js";
import { rewindPolygon } from "../pipeline/geo/rings.js";
import type { CameraColumns } from "./camera-columns.js";

export interface Dropped {
  reason: string;
  count: number;
}

export interface LayerResult {
  /** Output name: out/layers/<name>.geojson. */
  name: string;
  features: Feature[];
  /** A camera layer held as columns (layers/camera-columns.ts): then `features` is made only if asked for. */
  points?: CameraColumns;
  read: number;
  dropped: Dropped[];
  /** Input features folded into another output feature (e.g. station lines into one station). */
  merged?: number;
  notes: string[];
  sourceFiles: string[];
  source?: string;
  vintage?: string;
  licence?: string;
}


/** Features kept: counted on the columns when the layer is held so (not made into features to be counted). */
export const keptCount = (r: LayerResult): number => r.points?.n ?? r.features.length;

/** Throws on a missing property; returns its string value. */
export function requiredProp(f: Feature, key: string, file: string, i: number): string {
  const v = f.properties?.[key];
  if (v === undefined || v === null || v === "") {
    const have = Object.keys(f.properties ?? {}).filter((k) => k !== "__line").join(", ");
    throw new InputError(file, `feature ${i}`, `missing field "${key}" (fields: ${have})`, "map the field in the study file's `fields` or fix the data");
  }
  return String(v);
}

/** `whereOf` names a feature's place in the source (a CSV line) when it is not its index. */
export function assertUniqueIds(features: Feature[], file: string, whereOf: (i: number) => string = (i) => `feature ${i}`): void {
  assertUniqueKeys(features.map((f) => String(f.properties?.id)), file, whereOf);
}

/**
 * assertUniqueIds for ids already taken out (a layer held as columns). An open-addressing table of
 * row numbers keyed by a hash of each id, strings compared only when hashes meet: a JS Map of a
 * million ids cost more than reading the file (its growth and the garbage collector's walks).
 */
export function assertUniqueKeys(ids: ArrayLike<string>, file: string, whereOf: (i: number) => string = (i) => `feature ${i}`): void {
  const n = ids.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  // Row + 1 in each slot (0: empty), and each slot's full hash to skip most string comparisons.
  const slots = new Int32Array(size), hashes = new Int32Array(size);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const row = slots[s];
      if (row === 0) {
        slots[s] = i + 1;
        hashes[s] = h;
        break;
      }
      if (hashes[s] === h && ids[row - 1] === id) {
        const at = whereOf(row - 1);
        throw new InputError(file, whereOf(i), `duplicate id "${id}" (first at ${/^\d+$/.test(at) ? `line ${at}` : at})`, "make the id column unique");
      }
    }
  }
}

/**
 * Checks each polygon and rewinds it to RFC 7946. Returns how many features were rewound, so
 * the manifest can say that normalisation happened.
 */
export function normalisePolygons(features: Feature[], file: string): number {
  let rewound = 0;
  features.forEach((f, i) => {
    const g = f.geometry;
    if (g.type !== "Polygon" && g.type !== "MultiPolygon") {
      throw new InputError(file, `feature ${i}`, `expected polygons, found ${g.type}`, "give a polygon layer");
    }
    let changed = false;
    if (polygonsOf(g).length === 0) throw new InputError(file, `feature ${i}`, "a MultiPolygon with no polygons (empty coordinates)", "remove the feature or give it a geometry");
    const polys = polygonsOf(g).map((rings) => {
      const problem = polygonProblem(rings);
      if (problem) throw new InputError(file, `feature ${i}`, problem.what, problem.fix);
      const r = rewindPolygon(rings);
      changed ||= r.changed;
      return r.rings;
    });
    if (changed) rewound++;
    f.geometry = (g.type === "Polygon" ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys }) as Geometry;
  });
  return rewound;
}

/**
 * The first column of a layer whose name, case folded, is one of `guesses` (in their order): how
 * a layer without a `fields` mapping still finds its code, name, label or date.
 */
export function guessColumn(features: Feature[], guesses: string[]): string | undefined {
  return guessKey(Object.keys(features[0]?.properties ?? {}), guesses);
}

/** guessColumn over a layer's keys (its first feature's property names, in their order). */
export function guessKey(keys: string[], guesses: string[]): string | undefined {
  for (const g of guesses) {
    const k = keys.find((x) => x.trim().toLowerCase() === g);
    if (k) return k;
  }
  return undefined;
}

export function fieldName(fields: Record<string, string> | undefined, role: string, fallback: string): string {
  return fields?.[role] ?? fallback;
}

/**
 * The result of a polygon layer kept whole (districts, ZTI): validated and rewound polygons,
 * unique ids, a stable order, and the source's notes and provenance.
 */
export function polygonLayerResult(name: string, spec: LayerSpec, layer: ReadLayer, features: Feature[], order: (a: Feature, b: Feature) => number): LayerResult {
  const rewound = normalisePolygons(features, spec.file);
  assertUniqueIds(features, spec.file);
  features.sort(order);
  return {
    name,
    features,
    read: layer.read,
    dropped: [...layer.dropped],
    notes: [...layer.notes, ...(rewound ? [`${rewound} features rewound to RFC 7946 winding`] : [])],
    sourceFiles: layer.sourceFiles,
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  };
}
