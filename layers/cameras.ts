// Camera point layers that already carry coordinates (the Préfecture's 2012 layer, a user's file).
// Points far outside the city are dropped and counted; points just outside its limit (the
// périphérique and its portes run along it) are kept and given the nearest arrondissement.
import type { Feature, Point, Position } from "geojson";
import { transformer } from "../pipeline/geo/crs.js";
import { toPlanarShape } from "../pipeline/geo/planar.js";
import { PolygonIndex } from "../pipeline/geo/spatial-index.js";
import { joinPointsToPolygons, polygonIndex } from "../pipeline/geo/point-join.js";
import { readLayerFile, readOptionsOf } from "../pipeline/geo/read-layer.js";
import { distanceToBoundary } from "../pipeline/geo/point-in-polygon.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { assertUniqueIds, assertUniqueKeys, guessColumn, guessKey, type LayerResult } from "./layer-result.js";
import { readCsvPointColumns, type CsvPointColumns } from "../pipeline/geo/read-csv-points.js";
import { columnsLayerResult, isIndexKey, type CameraColumns } from "./camera-columns.js";
import { InputError } from "../pipeline/core/errors.js";

export interface CameraProperties {
  id: string;
  source: string;
  arrondissement: string;
  label: string;
  commissioned: string | null;
  geocode_method: string;
  geocode_confidence: number;
  [extra: string]: unknown;
}

/** Arrondissements in Lambert-93, for point attribution. */
export interface DistrictIndex {
  codes: string[];
  polygons: Position[][][][];
  /** R-tree + flat even-odd test (the join's engine): a million cameras test ~2 districts each, not all. */
  index: PolygonIndex;
}

export function districtIndex(arrondissements: Feature[]): DistrictIndex {
  const shapes = arrondissements.map((f) => toPlanarShape(f));
  return {
    codes: arrondissements.map((f) => String(f.properties!.code)),
    polygons: shapes.map((s) => s.polygons),
    index: new PolygonIndex(shapes),
  };
}

/**
 * Every point's district in one batch: containment by the join's engine over typed arrays (one
 * box query per point on the districts' index, the lowest-numbered district winning, as
 * `locateArrondissement` does), then the nearest district within `tolerance` for the few points
 * outside every one. Point i of (x, y) gets district[i] (-1: none within the tolerance) and its
 * distance to that district (0 inside).
 */
export function locateDistricts(x: Float64Array, y: Float64Array, idx: DistrictIndex, tolerance: number): { district: Int32Array; distance: Float64Array } {
  // Through the districts' own index (a few dozen boxes) with their edges by band: faster here than
  // a point index over a million cameras built for this one query (0.3 s against 0.7 s at 1M).
  const district = joinPointsToPolygons(x, y, idx.index.flat, polygonIndex(idx.index.flat));
  const distance = new Float64Array(x.length);
  // Each district's box: a boundary lies in its box, so its distance is at least the box's. The
  // districts whose box is farther than the tolerance or the best distance so far (with a margin
  // far above rounding) cannot be chosen, and their edges are not walked: a city's outside
  // points are near one or two districts of twenty.
  const boxes = idx.polygons.map((parts) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of parts.flat()) for (const [px, py] of ring) {
      x0 = Math.min(x0, px);
      y0 = Math.min(y0, py);
      x1 = Math.max(x1, px);
      y1 = Math.max(y1, py);
    }
    return [x0, y0, x1, y1];
  });
  for (let i = 0; i < x.length; i++) {
    if (district[i] >= 0) continue;
    let best = -1, bestD = Infinity;
    for (let k = 0; k < idx.codes.length; k++) {
      const [x0, y0, x1, y1] = boxes[k];
      const boxD = Math.hypot(Math.max(x0 - x[i], 0, x[i] - x1), Math.max(y0 - y[i], 0, y[i] - y1));
      if (boxD > Math.min(tolerance, bestD) + 1e-6 * (1 + boxD)) continue;
      const d = distanceToBoundary(x[i], y[i], idx.polygons[k]);
      if (d <= tolerance && (best < 0 || d < bestD)) {
        best = k;
        bestD = d;
      }
    }
    district[i] = best;
    distance[i] = best < 0 ? 0 : bestD;
  }
  return { district, distance };
}


/** Columns taken as the label when the study maps none (a user's file: "Nom", "Adresse"…). */
const LABEL_GUESSES = ["label", "nom", "name", "libelle", "adresse", "address", "lieu", "localisation"];
/** Columns taken as the commissioning date when the study maps none. */
const DATE_GUESSES = ["commissioned", "date_mise_en_service", "mise_en_service", "date_installation", "installation_date", "installed"];
/** Properties the stage writes itself: a source column of that name is carried as `src_<name>`. */
const RESERVED = new Set(["id", "source", "label", "commissioned", "geocode_method", "geocode_confidence", "outside_city_m", "__line"]);


/** Where cameras are attributed: the coarsest declared level, under its key ("arrondissement"). */
export interface CameraDistricts {
  key: string;
  features: Feature[];
}

/** `asFeatures`: read even a coordinate-pair CSV as features (the path every other format takes; the tests compare the two). */
export async function readCameraPoints(name: string, spec: LayerSpec, districts: CameraDistricts, sourceTag: string, asFeatures = false): Promise<LayerResult> {
  const columns = asFeatures ? null : takeCameraColumns(spec);
  const fromColumns = columns ? camerasFromColumns(name, spec, districts, sourceTag, columns) : null;
  if (fromColumns) return fromColumns;
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const tolerance = Number(spec.options?.clip_tolerance_m ?? 500);
  const labelField = spec.fields?.label ?? guessColumn(layer.features, LABEL_GUESSES);
  // A user's file rarely comes with a `fields` mapping: a column literally named "id" is the id,
  // so that duplicated rows are caught instead of numbered apart.
  const idField = spec.fields?.id ?? guessColumn(layer.features, ["id"]);
  const dateField = spec.fields?.commissioned ?? guessColumn(layer.features, DATE_GUESSES);
  const key = districts.key;
  const reserved = new Set([...RESERVED, key]);
  const idx = districtIndex(districts.features);
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  let outside = 0;
  let nearEdge = 0;
  let notPoint = 0;
  let datesEmpty = 0;
  const carried = new Set<string>();
  // What each source column becomes (null: not carried), decided once per column name, not per camera.
  const renamed = new Map<string, string | null>();
  const features: Feature<Point>[] = [];
  const origins: string[] = [];
  // A MultiPoint of one point is a point (GIS exports often write every point as a multi).
  const pointOf = (f: Feature): Position | null => {
    const g = f.geometry as Point | { type: "MultiPoint"; coordinates: Position[] };
    return g.type === "Point" ? g.coordinates : g.type === "MultiPoint" && g.coordinates.length === 1 ? g.coordinates[0] : null;
  };
  // Districts first, all points in one batch. A non-point stands far from every district (the
  // index takes no NaN) and is dealt with in order below.
  const n = layer.features.length;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xy = pointOf(layer.features[i]);
    if (xy) [xs[i], ys[i]] = toL93([xy[0], xy[1]]);
    else xs[i] = ys[i] = -1e12;
  }
  const located = locateDistricts(xs, ys, idx, tolerance);
  layer.features.forEach((f, i) => {
    const xy = pointOf(f);
    if (!xy) {
      if (f.geometry.type === "MultiPoint") {
        notPoint++;
        return;
      }
      throw new InputError(spec.file, `feature ${i}`, `camera geometry is ${f.geometry.type}, not Point`, "give one point per camera");
    }
    const [lon, lat] = xy;
    const d = located.district[i];
    if (d < 0) {
      outside++;
      return;
    }
    const hit = { code: idx.codes[d], distance: located.distance[i] };
    if (hit.distance > 0) nearEdge++;
    const p = f.properties ?? {};
    const origin = p.__line !== undefined ? String(p.__line) : `feature ${i}`;
    const id = idField ? String(p[idField] ?? "").trim() : `${sourceTag}-${String(i + 1).padStart(4, "0")}`;
    if (!id) throw new InputError(spec.file, origin, `missing id field "${idField}"`, "fill the id column or drop the id mapping");
    const props: CameraProperties = {
      id,
      source: sourceTag,
      [key]: hit.code,
      label: labelField ? String(p[labelField] ?? "").trim() : "",
      commissioned: dateField && p[dateField] ? String(p[dateField]) : null,
      geocode_method: "source",
      geocode_confidence: 1,
      outside_city_m: Math.round(hit.distance * 10) / 10,
    } as unknown as CameraProperties;
    if (props.commissioned === null) datesEmpty++;
    // Every other column of the source travels on (operator, type, date…): nothing vanishes.
    for (const k in p) {
      let out = renamed.get(k);
      if (out === undefined) renamed.set(k, (out = k === "__line" || k === idField || k === labelField || k === dateField ? null : reserved.has(k) ? `src_${k}` : k));
      if (out === null) continue;
      props[out] = p[k];
      carried.add(out);
    }
    // The source's feature becomes the camera (the reader's objects are this layer's alone): a
    // million cameras then cost a million new property objects, not a second set of features.
    const g = f.geometry as Point;
    const kept = f as Feature<Point>;
    kept.properties = props;
    if (g.type !== "Point" || g.coordinates.length !== 2) kept.geometry = { type: "Point", coordinates: [lon, lat] };
    features.push(kept);
    origins.push(origin);
  });
  assertUniqueIds(features, spec.file, (i) => origins[i]);
  if (features.length === 0) {
    throw new InputError(spec.file, undefined, `none of the ${layer.features.length} points lies in or near the study area`, "check the CRS and that the layer covers the city");
  }
  return {
    name,
    features,
    read: layer.read,
    dropped: [
      ...layer.dropped,
      ...(outside ? [{ reason: `more than ${tolerance} m outside the city limit`, count: outside }] : []),
      ...(notPoint ? [{ reason: "a MultiPoint of several points (not one camera)", count: notPoint }] : []),
    ],
    notes: sourceLayerNotes(layer.notes, { idField, labelField, dateField, datesEmpty, kept: features.length, carried: [...carried], nearEdge, tolerance, key }),
    sourceFiles: layer.sourceFiles,
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  };
}

/**
 * Where commissioning dates come from, with the count of kept cameras that have none: a field
 * that is mapped (or guessed) but empty must not read as if it held dates — the timing test
 * then has nothing to work on, and the user should hear it here, not only in the verdict.
 */
export function commissioningNote(field: string, empty: number, kept: number): string {
  if (empty === 0) return `commissioning dates from the "${field}" field`;
  if (empty >= kept) return `no commissioning dates: the "${field}" field is empty or absent for all ${kept.toLocaleString("en-US")} cameras`;
  return `commissioning dates from the "${field}" field (${empty.toLocaleString("en-US")} of ${kept.toLocaleString("en-US")} cameras have none)`;
}

/** The properties readCameraPoints sets itself, before the carried columns. */
const OWN_KEYS = new Set(["id", "source", "label", "commissioned", "geocode_method", "geocode_confidence", "outside_city_m"]);

/** Camera files read ahead (a user's --layer file, read first so that a bad one fails at once), by file and options. */
const columnsAhead = new Map<string, CsvPointColumns | null>();
const aheadKey = (spec: LayerSpec) => JSON.stringify([spec.file, spec.format, spec.crs, spec.options?.layer]);

/** Reads a camera file ahead; true when it was read as columns (else it is to be read as features). */
export function readCameraColumnsAhead(spec: LayerSpec): boolean {
  const cols = readCsvPointColumns(spec.file, readOptionsOf(spec));
  columnsAhead.set(aheadKey(spec), cols);
  return cols !== null;
}

function takeCameraColumns(spec: LayerSpec): CsvPointColumns | null {
  const key = aheadKey(spec);
  if (columnsAhead.has(key)) {
    const cols = columnsAhead.get(key)!;
    columnsAhead.delete(key);
    return cols;
  }
  return readCsvPointColumns(spec.file, readOptionsOf(spec));
}

/**
 * readCameraPoints for a coordinate-pair CSV held as columns: the same cameras, properties (in
 * the same order), drops, notes and errors, without a feature per camera. Null for the few files
 * whose properties an object would order or merge differently (a repeated or integer-like column
 * name, two columns carried under one name): those are read as features.
 */
function camerasFromColumns(name: string, spec: LayerSpec, districts: CameraDistricts, sourceTag: string, layer: CsvPointColumns): LayerResult | null {
  const key = districts.key;
  // The properties a row's feature would have: its columns, then the reader's "__line".
  const keys = [...layer.names, "__line"];
  if (new Set(keys).size !== keys.length || keys.some((k) => isIndexKey(k) || k === "__proto__") || isIndexKey(key)) return null;
  const tolerance = Number(spec.options?.clip_tolerance_m ?? 500);
  const labelField = spec.fields?.label ?? guessKey(keys, LABEL_GUESSES);
  const idField = spec.fields?.id ?? guessKey(keys, ["id"]);
  const dateField = spec.fields?.commissioned ?? guessKey(keys, DATE_GUESSES);
  const reserved = new Set([...RESERVED, key]);
  const column = (field: string | undefined) => (field === undefined ? undefined : layer.values[layer.names.indexOf(field)]);
  const carried = layer.names.flatMap((k, c) => (k === idField || k === labelField || k === dateField ? [] : [{ name: reserved.has(k) ? `src_${k}` : k, values: layer.values[c] }]));
  if (new Set(carried.map((c) => c.name)).size !== carried.length || carried.some((c) => OWN_KEYS.has(c.name) || c.name === key)) return null;
  const idx = districtIndex(districts.features);
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const n = layer.n;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) [xs[i], ys[i]] = toL93([layer.lon[i], layer.lat[i]]);
  const located = locateDistricts(xs, ys, idx, tolerance);
  const idCol = column(idField), labelCol = column(labelField), dateCol = column(dateField);
  // Kept rows: those within the tolerance of a district.
  const keep = new Int32Array(n);
  let m = 0, nearEdge = 0;
  for (let i = 0; i < n; i++) {
    if (located.district[i] < 0) continue;
    if (located.distance[i] > 0) nearEdge++;
    if (idField && !(idCol?.[i] ?? "").trim()) throw new InputError(spec.file, String(layer.lines[i]), `missing id field "${idField}"`, "fill the id column or drop the id mapping");
    keep[m++] = i;
  }
  const kept = keep.subarray(0, m);
  const all = m === n;
  // The kept rows of a column (the column itself when every row is kept, as a rule).
  const pick = <T>(col: T[]): T[] => {
    if (all) return col;
    const out = new Array<T>(m);
    for (let k = 0; k < m; k++) out[k] = col[kept[k]];
    return out;
  };
  const pickF = <A extends Float64Array | Int32Array>(a: A): A => {
    if (all) return a;
    const out = new (a.constructor as { new (n: number): A })(m);
    for (let k = 0; k < m; k++) out[k] = a[kept[k]];
    return out;
  };
  const ids = new Array<string>(m), labels = new Array<string>(m), dates = new Array<string | null>(m);
  const outsideM = new Float64Array(m);
  let datesEmpty = 0;
  for (let k = 0; k < m; k++) {
    const i = kept[k];
    ids[k] = idCol ? idCol[i].trim() : idField ? "" : `${sourceTag}-${String(i + 1).padStart(4, "0")}`;
    labels[k] = labelCol ? labelCol[i].trim() : "";
    dates[k] = (dateCol && dateCol[i]) || null;
    if (dates[k] === null) datesEmpty++;
    outsideM[k] = Math.round(located.distance[i] * 10) / 10;
  }
  assertUniqueKeys(ids, spec.file, (k) => String(layer.lines[kept[k]]));
  if (m === 0) throw new InputError(spec.file, undefined, `none of the ${n} points lies in or near the study area`, "check the CRS and that the layer covers the city");
  const outside = n - m;
  const points: CameraColumns = {
    n: m,
    lon: pickF(layer.lon),
    lat: pickF(layer.lat),
    ids,
    sourceTag,
    key,
    codes: idx.codes,
    district: pickF(located.district),
    labels,
    commissioned: dates,
    outside: outsideM,
    carried: carried.map((c) => ({ name: c.name, values: pick(c.values) })),
  };
  return columnsLayerResult({
    name,
    read: n,
    dropped: outside ? [{ reason: `more than ${tolerance} m outside the city limit`, count: outside }] : [],
    notes: sourceLayerNotes(layer.notes, { idField, labelField, dateField, datesEmpty, kept: m, carried: carried.map((c) => c.name), nearEdge, tolerance, key }),
    sourceFiles: layer.sourceFiles,
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  }, points);
}

/** The notes of a camera layer with positions of its own, whether read as features or as columns. */
function sourceLayerNotes(
  readerNotes: string[],
  o: { idField?: string | null; labelField?: string | null; dateField?: string | null; datesEmpty: number; kept: number; carried: string[]; nearEdge: number; tolerance: number; key: string },
): string[] {
  return [
    ...readerNotes,
    `positions as published (geocode_method "source")`,
    ...(o.idField ? [`ids from the "${o.idField}" field`] : []),
    ...(o.labelField ? [`labels from the "${o.labelField}" field`] : ["no label column (none mapped, none named label/nom/name/adresse)"]),
    ...(o.dateField ? [commissioningNote(o.dateField, o.datesEmpty, o.kept)] : []),
    ...(o.carried.length ? [`columns carried through: ${[...o.carried].sort().join(", ")}`] : []),
    ...(o.nearEdge ? [`${o.nearEdge} points lie outside the city limit but within ${o.tolerance} m: kept, with the nearest ${o.key}`] : []),
  ];
}
