// The camera layer as the join reads it: out/layers/cameras.geojson streamed a line at a time into
// typed arrays (positions) and columns (the properties the camera table carries), never held as a
// million features. The joined GeoJSON is written from a second pass over the same lines
// (join/joined-geojson.ts), which copies each camera's properties as they are.
import type { Feature } from "geojson";
import { stageFeatureLines } from "../core/out-files.js";
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
}

/** Properties of the camera layer the table carries as coded columns (absent: ABSENT_CODE). */
const CODED = ["source", "geocode_method", "geocode_confidence", "commissioned"] as const;

export function readCameraSource(file: string): CameraSource {
  const lon: number[] = [], lat: number[] = [];
  const ids = new Utf8Builder(), labels = new Utf8Builder();
  const coded = CODED.map(() => new DictBuilder());
  for (const { feature } of stageFeatureLines(file, "layers")) {
    const [x, y] = pointOf(feature);
    lon.push(x);
    lat.push(y);
    const p = feature.properties ?? {};
    ids.push(String(p.id));
    const label = p.label;
    labels.push(label === undefined ? LABEL_ABSENT : label === null ? LABEL_NULL : String(label));
    CODED.forEach((k, c) => coded[c].push(p[k], k in p ? NULL_CODE : ABSENT_CODE));
  }
  return {
    file,
    n: lon.length,
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    columns: [ids.column("id"), labels.column("label"), ...CODED.map((k, c) => coded[c].column(k))],
  };
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
