// The camera layer as the join reads it: out/layers/cameras.geojson streamed a line at a time into
// typed arrays (positions) and columns (the properties the camera table carries), never held as a
// million features. The joined GeoJSON is written from a second pass over the same lines
// (join/joined-geojson.ts), which copies each camera's properties as they are.
import type { Feature } from "geojson";
import { forEachStageLine, parseFeatureLine } from "../core/out-files.js";
import { ABSENT_CODE, LABEL_ABSENT, LABEL_NULL, NULL_CODE } from "../core/joined-cameras.js";
import { DictBuilder, Utf8Builder, utf8At, type Column } from "../core/column-file.js";

export interface CameraSource {
  file: string;
  n: number;
  /** Positions as the layer holds them (WGS84 lon/lat). */
  lon: Float64Array;
  lat: Float64Array;
  /** id, label, source, geocode_method, geocode_confidence, commissioned (core/joined-cameras.ts's columns). */
  columns: Column[];
  /**
   * Where each line's properties end (the index of its `},"geometry":`) when the line can be
   * copied as text with the join's fields after them; -1 when it must be rebuilt as an object
   * (join/joined-geojson.ts): not as the stages write lines, or a property the join overwrites.
   */
  propertiesEnd: Int32Array;
  /**
   * The join's keys the layer's cameras already have (the coarsest level's key, written by the
   * layers stage), in their order: the join overwrites their values in place. Taken from the first
   * camera; a camera with another set is rebuilt.
   */
  replaced: string[];
}

/** Properties of the camera layer the table carries as coded columns (absent: ABSENT_CODE). */
const CODED = ["source", "geocode_method", "geocode_confidence", "commissioned"] as const;

/** `joinKeys`: the properties the join sets (a camera that has one of its own is rebuilt, not copied). */
export function readCameraSource(file: string, joinKeys: Set<string>): CameraSource {
  const lon: number[] = [], lat: number[] = [], ends: number[] = [];
  const ids = new Utf8Builder(), labels = new Utf8Builder();
  const coded = CODED.map(() => new DictBuilder());
  let replaced: string[] | undefined;
  forEachStageLine(file, "layers", (text, lineNo) => {
    const feature = parseFeatureLine(text, file, lineNo, "layers");
    replaced ??= Object.keys(feature.properties ?? {}).filter((k) => joinKeys.has(k));
    ends.push(copyablePropertiesEnd(text, feature, joinKeys, replaced));
    const [x, y] = pointOf(feature);
    lon.push(x);
    lat.push(y);
    const p = feature.properties ?? {};
    ids.push(String(p.id));
    const label = p.label;
    labels.push(label === undefined ? LABEL_ABSENT : label === null ? LABEL_NULL : String(label));
    CODED.forEach((k, c) => coded[c].push(p[k], k in p ? NULL_CODE : ABSENT_CODE));
  });
  return {
    file,
    n: lon.length,
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    columns: [ids.column("id"), labels.column("label"), ...CODED.map((k, c) => coded[c].column(k))],
    propertiesEnd: Int32Array.from(ends),
    replaced: replaced ?? [],
  };
}

/**
 * The line's `},"geometry":` index when it reads `{"type":"Feature","id":<id>,"properties":{…},"geometry":<Point>}`
 * with the id first, and the join's keys it has are exactly `replaced`, all after the id in a flat
 * property list (so join/joined-geojson.ts can swap their values in the text); else -1.
 */
function copyablePropertiesEnd(text: string, f: Feature, joinKeys: Set<string>, replaced: string[]): number {
  const p = f.properties;
  const c = (f.geometry as { type: string; coordinates?: number[] } | null)?.coordinates;
  if (!p || p.id === undefined || f.geometry?.type !== "Point" || !c || c.length < 2) return -1;
  const own = Object.keys(p);
  if (own[0] !== "id") return -1;
  const mine = own.filter((k) => joinKeys.has(k));
  if (mine.length !== replaced.length || mine.some((k, i) => k !== replaced[i])) return -1;
  if (mine.length && own.some((k) => typeof p[k] === "object" && p[k] !== null)) return -1;
  const head = `{"type":"Feature","id":${JSON.stringify(p.id)},"properties":{`;
  if (!text.startsWith(head)) return -1;
  const g = text.lastIndexOf(`},"geometry":`);
  return g >= head.length ? g : -1;
}

/** Camera i's id (String of the layer's id), read from the id column. */
export function cameraIds(src: CameraSource): (i: number) => string {
  const c = src.columns.find((x) => x.name === "id") as Extract<Column, { type: "utf8" }>;
  return (i) => utf8At(c, i) ?? "";
}

export function pointOf(f: Feature): [number, number] {
  const c = (f.geometry as { coordinates: number[] }).coordinates;
  return [c[0], c[1]];
}
