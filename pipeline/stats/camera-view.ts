// The joined cameras as the change and private-camera outputs read them: row i's properties by
// accessor, over the join's typed table (core/joined-cameras.ts) or, where a caller has only
// features (a test's fixture, an out/ folder without the table), over GeoJSON features. A large
// layer is read column by column, with no feature object per camera; both forms answer the same
// as the feature that cameraFeatures() would have built.
import type { Feature } from "geojson";
import type { JoinedCameraTable } from "../contracts.js";
import { ABSENT_CODE, codedAt } from "../core/joined-cameras.js";
import { toPlanarPoint } from "../geo/planar.js";

export interface CameraView {
  n: number;
  /** EPSG:2154 metres. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  id(i: number): string;
  /** The label, null when null or absent. */
  label(i: number): string | null;
  /** The geocode_confidence property as it is (a number, null, or undefined when absent). */
  confidence(i: number): unknown;
  method(i: number): unknown;
  commissioned(i: number): unknown;
  /** in_city: true, false, or undefined when the camera has no such property. */
  inCity(i: number): boolean | undefined;
  /** A level key's or zone layer's property as it is (undefined when absent). */
  property(key: string, i: number): unknown;
  /** ridership_300m when it is a number, else null. */
  ridership(i: number): number | null;
  /**
   * f of a level key's or zone layer's property, camera by camera: property(key, i) then f, but
   * over the join's table f runs once per distinct value (its dictionary), not once per camera.
   */
  perValue<T>(key: string, f: (value: unknown) => T): (i: number) => T;
}

export function cameraViewOfTable(t: JoinedCameraTable): CameraView {
  const columns = { ...t.levels, ...t.zones };
  return {
    n: t.n, x: t.x, y: t.y,
    id: (i) => t.id(i),
    label: (i) => (t.hasLabel(i) ? t.label(i) ?? null : null),
    confidence: (i) => codedAt(t.geocode_confidence, i),
    method: (i) => codedAt(t.geocode_method, i),
    commissioned: (i) => codedAt(t.commissioned, i),
    inCity: (i) => t.in_city[i] === 1,
    property: (key, i) => (columns[key] ? codedAt(columns[key], i) : undefined),
    ridership: (i) => (t.ridership_300m && !Number.isNaN(t.ridership_300m[i]) ? t.ridership_300m[i] : null),
    perValue: <T>(key: string, f: (value: unknown) => T) => {
      const c = columns[key];
      if (!c) {
        const absent = f(undefined);
        return () => absent;
      }
      const answers = c.values.map((v) => f(v)), absent = f(undefined), none = f(null), codes = c.codes;
      return (i: number) => { const k = codes[i]; return k >= 0 ? answers[k] : k === ABSENT_CODE ? absent : none; };
    },
  };
}

export function cameraViewOfFeatures(features: Feature[]): CameraView {
  const props = (i: number) => features[i].properties ?? {};
  const x = new Float64Array(features.length), y = new Float64Array(features.length);
  features.forEach((f, i) => ([x[i], y[i]] = toPlanarPoint(f)));
  return {
    n: features.length, x, y,
    id: (i) => String(props(i).id),
    label: (i) => props(i).label ?? null,
    confidence: (i) => props(i).geocode_confidence,
    method: (i) => props(i).geocode_method,
    commissioned: (i) => props(i).commissioned,
    inCity: (i) => props(i).in_city,
    property: (key, i) => props(i)[key],
    ridership: (i) => (typeof props(i).ridership_300m === "number" ? props(i).ridership_300m : null),
    perValue: (key, f) => (i) => f(props(i)[key]),
  };
}
