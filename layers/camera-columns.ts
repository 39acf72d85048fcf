// A camera layer held as columns (a user's coordinate-pair CSV: layers/cameras.ts), written to
// out/layers/cameras.geojson line by line from its columns: the bytes geo/write-geojson.ts writes
// for the features readCameraPoints would have made, without a feature, a properties object or a
// coordinate array per camera. A million cameras are a few typed arrays and arrays of strings.
import type { Feature, Point } from "geojson";
import { coordText, decimalText, featureCollectionPieces } from "../pipeline/geo/write-geojson.js";
import type { LayerResult } from "./layer-result.js";

export interface CameraColumns {
  n: number;
  /** WGS84 positions, as published (after reprojection). */
  lon: Float64Array;
  lat: Float64Array;
  ids: string[];
  sourceTag: string;
  /** The coarsest level's key, its codes, and each camera's code (index into codes). */
  key: string;
  codes: string[];
  district: Int32Array;
  labels: string[];
  commissioned: Array<string | null>;
  /** Distance outside the city limit, rounded to 0.1 m (0 inside). */
  outside: Float64Array;
  /** The source's other columns carried through (already renamed), in their order. */
  carried: Array<{ name: string; values: string[] }>;
}

/** Property keys JSON.parse and objects put first (array indices): a layer with one is not written from columns. */
export const isIndexKey = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;

/** Camera i's properties, in the order readCameraPoints sets them. */
function propertiesAt(c: CameraColumns, i: number): Record<string, unknown> {
  const p: Record<string, unknown> = {
    id: c.ids[i],
    source: c.sourceTag,
    [c.key]: c.codes[c.district[i]],
    label: c.labels[i],
    commissioned: c.commissioned[i],
    geocode_method: "source",
    geocode_confidence: 1,
    outside_city_m: c.outside[i],
  };
  for (const col of c.carried) p[col.name] = col.values[i];
  return p;
}

/**
 * The layer's result: its features are made from the columns only if something asks for them
 * (an analysis area clips them as features); the stage counts and writes the columns themselves.
 */
export function columnsLayerResult(base: Omit<LayerResult, "features" | "points">, points: CameraColumns): LayerResult {
  let features: Feature[] | null = null;
  const r = { ...base, points } as LayerResult;
  Object.defineProperty(r, "features", {
    enumerable: true,
    get: () => (features ??= Array.from({ length: points.n }, (_, i): Feature<Point> => ({ type: "Feature", properties: propertiesAt(points, i), geometry: { type: "Point", coordinates: [points.lon[i], points.lat[i]] } }))),
    // Replaced (clipped to an area): the layer is features from then on.
    set: (f: Feature[]) => {
      features = f;
      r.points = undefined;
    },
  });
  return r;
}

/**
 * geojsonStream's pieces (geo/write-geojson.ts) for the layer's features: each line as
 * featureLine writes a point, JSON.stringify of its properties spelt out key by key (the keys'
 * text and the codes' computed once).
 */
export function* cameraColumnLines(c: CameraColumns, name: string): Generator<Buffer> {
  const J = JSON.stringify;
  const afterId = `,"source":${J(c.sourceTag)},${J(c.key)}:`;
  const codeText = c.codes.map((code) => J(code));
  const tail = `,"geocode_method":"source","geocode_confidence":1,"outside_city_m":`;
  const carried = c.carried.map((col) => [`,${J(col.name)}:`, col.values] as const);
  yield* featureCollectionPieces(lines(), name);
  function* lines(): Generator<string> {
    for (let i = 0; i < c.n; i++) {
      const id = J(c.ids[i]);
      const date = c.commissioned[i];
      let line = `{"type":"Feature","id":${id},"properties":{"id":${id}${afterId}${codeText[c.district[i]]},"label":${J(c.labels[i])},"commissioned":${date === null ? "null" : J(date)}${tail}${decimalText(c.outside[i], 1)}`;
      for (let k = 0; k < carried.length; k++) line += carried[k][0] + J(carried[k][1][i]);
      yield line + `},"geometry":{"type":"Point","coordinates":[${coordText(c.lon[i])},${coordText(c.lat[i])}]}}`;
    }
  }
}
