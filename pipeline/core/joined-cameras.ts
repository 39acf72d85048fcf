// The join's cameras as typed columns (out/joined/cameras.cols, contract JoinedCameraTable): the
// file the stats stage reads instead of the joined GeoJSON, which stays the users' deliverable.
// The join writes both from the same values (join/camera-table.ts); this module is the one reader.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import type { CodedColumn, JoinedCameraTable } from "../contracts.js";
import { InputError } from "./errors.js";
import { parseColumnFile, utf8Reader, type Column } from "./column-file.js";

export const CAMERA_TABLE_FILE = "cameras.cols";
/** Codes of a CodedColumn that are not values. */
export const NULL_CODE = -1;
export const ABSENT_CODE = -2;
/** Label mask values (column-file utf8 nulls). */
export const LABEL_NULL = 1;
export const LABEL_ABSENT = 2;

export function cameraTablePath(outDir: string): string {
  return join(outDir, "joined", CAMERA_TABLE_FILE);
}

/** What the table says about the study it was joined for: levels (keys) and zones (layers), and whether ridership was joined. */
export interface CameraTableMeta {
  levels: string[];
  zones: string[];
  ridership: boolean;
}

export function readJoinedCameraTable(outDir: string): JoinedCameraTable {
  const file = cameraTablePath(outDir);
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", "run the join stage first (contrechamp join, or make join)");
  return cameraTableFrom(readFileSync(file), file);
}

/**
 * The table read into memory a helper thread can share (a SharedArrayBuffer): the stats stage
 * hands `bytes` to its helper thread, which parses the same bytes instead of reading the file
 * again (167 MB with a million cameras).
 */
export interface SharedCameraTable {
  table: JoinedCameraTable;
  bytes: Uint8Array;
}

export function readSharedCameraTable(outDir: string): SharedCameraTable {
  const file = cameraTablePath(outDir);
  if (!existsSync(file)) throw new InputError(file, undefined, "not found", "run the join stage first (contrechamp join, or make join)");
  const fd = openSync(file, "r");
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
    for (let at = 0; at < bytes.length; ) {
      const k = readSync(fd, bytes, at, bytes.length - at, at);
      if (k === 0) break;
      at += k;
    }
    return { table: cameraTableFrom(bytes, file), bytes };
  } finally {
    closeSync(fd);
  }
}

export function cameraTableFrom(buf: Uint8Array, file: string): JoinedCameraTable {
  const t = parseColumnFile(buf, file, "join");
  const meta = t.meta as unknown as CameraTableMeta;
  const get = <K extends Column["type"]>(name: string, type: K): Extract<Column, { type: K }> => {
    const c = t.columns.get(name);
    if (!c || c.type !== type) throw new InputError(file, undefined, `no ${type} column "${name}"`, "run the join stage again");
    return c as Extract<Column, { type: K }>;
  };
  const f64 = (name: string) => get(name, "f64").data;
  const coded = <T = string>(name: string): CodedColumn<T> => {
    const c = get(name, "dict");
    return { codes: c.codes, values: c.values as T[] };
  };
  // The text readers are made on first use: the statistics' main thread reads no id or label,
  // and a reader's set-up scans its whole column (tens of MB with a million cameras).
  const lazy = (c: Extract<Column, { type: "utf8" }>) => {
    let read: ((i: number) => string | null) | null = null;
    return (i: number) => (read ??= utf8Reader(c))(i);
  };
  const ids = lazy(get("id", "utf8"));
  const labels = get("label", "utf8");
  const labelAt = lazy(labels);
  return {
    n: t.rows,
    lon: f64("lon"), lat: f64("lat"), x: f64("x"), y: f64("y"),
    cell: coded("cell"), in_city: get("in_city", "u8").data,
    dist_centre_m: f64("dist_centre_m"), dist_terminal_m: f64("dist_terminal_m"), nearest_terminal: coded("nearest_terminal"),
    dist_edge_m: f64("dist_edge_m"), stations_300m: get("stations_300m", "u32").data,
    ridership_300m: meta.ridership ? f64("ridership_300m") : null,
    levels: Object.fromEntries(meta.levels.map((k) => [k, coded(`level:${k}`)])),
    zones: Object.fromEntries(meta.zones.map((z) => [z, coded(`zone:${z}`)])),
    zones_tol: Object.fromEntries(meta.zones.map((z) => [z, coded(`zone_tol:${z}`)])),
    source: coded("source"), geocode_method: coded("geocode_method"), geocode_confidence: coded("geocode_confidence"), commissioned: coded("commissioned"),
    id: (i) => ids(i) ?? "",
    label: labelAt,
    hasLabel: (i) => labels.nulls?.[i] !== LABEL_ABSENT,
  };
}

/** Row i's value of a coded column: null for null, undefined for a property the feature lacked. */
export function codedAt<T>(c: CodedColumn<T>, i: number): T | null | undefined {
  const k = c.codes[i];
  return k >= 0 ? c.values[k] : k === ABSENT_CODE ? undefined : null;
}


/**
 * The cameras as GeoJSON features holding only the `keep` properties the table has (in `keep`'s
 * order; one a camera's feature lacked is left out, as the GeoJSON reader leaves it): what
 * core/out-files.ts readJoinedCameras(outDir, keep) returns, without parsing the GeoJSON.
 * Returns null when a kept property is not in the table (the caller reads the GeoJSON).
 */
export function cameraFeatures(t: JoinedCameraTable, keep: string[]): Feature[] | null {
  type Get = (i: number) => unknown;
  const num = (a: Float64Array): Get => (i) => (Number.isNaN(a[i]) ? null : a[i]);
  const fields: Record<string, Get> = {
    id: (i) => t.id(i), label: (i) => (t.hasLabel(i) ? t.label(i) : undefined),
    source: (i) => codedAt(t.source, i), geocode_method: (i) => codedAt(t.geocode_method, i),
    geocode_confidence: (i) => codedAt(t.geocode_confidence, i), commissioned: (i) => codedAt(t.commissioned, i),
    cell: (i) => codedAt(t.cell, i), in_city: (i) => t.in_city[i] === 1,
    dist_centre_m: num(t.dist_centre_m), dist_terminal_m: num(t.dist_terminal_m), nearest_terminal: (i) => codedAt(t.nearest_terminal, i),
    dist_edge_m: num(t.dist_edge_m), stations_300m: (i) => t.stations_300m[i],
    ...(t.ridership_300m ? { ridership_300m: num(t.ridership_300m) } : {}),
  };
  for (const [k, c] of Object.entries(t.levels)) fields[k] = (i) => codedAt(c, i);
  for (const [z, c] of Object.entries(t.zones)) fields[z] = (i) => codedAt(c, i);
  for (const [z, c] of Object.entries(t.zones_tol)) fields[`${z}_tol`] = (i) => codedAt(c, i);
  // A study without ridership has no ridership_300m property on any camera: asked, not kept.
  if (keep.some((k) => !(k in fields) && k !== "ridership_300m")) return null;
  const getters = keep.filter((k) => k in fields).map((k) => [k, fields[k]] as const);
  const out: Feature[] = new Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const properties: Record<string, unknown> = {};
    for (const [k, get] of getters) {
      const v = get(i);
      if (v !== undefined) properties[k] = v;
    }
    out[i] = { type: "Feature", id: t.id(i), properties, geometry: { type: "Point", coordinates: [t.lon[i], t.lat[i]] } };
  }
  return out;
}
