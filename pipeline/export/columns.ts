// The study's outputs as tables for export: every layer of out/layers, the joined cameras, and
// each level's statistics on its districts' polygons (a choropleth-ready layer), plus the cells
// table. Column types are decided once per column from every value, so both writers agree.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, Geometry } from "geojson";
import { InputError } from "../core/errors.js";
import { parseStageGeojson, readOutCsv } from "../core/out-files.js";

export type ColumnType = "integer" | "real" | "text" | "boolean";

export interface ExportTable {
  name: string;
  /** What the table is, for gpkg_contents.description and the GeoParquet file's metadata. */
  description: string;
  columns: Array<{ name: string; type: ColumnType }>;
  rows: Array<Record<string, unknown>>;
  /** WGS84 geometries, one per row; absent for attribute tables. */
  geometries?: Array<Geometry | null>;
}

export function columnType(values: unknown[]): ColumnType {
  let seen = false, allInt = true, allNum = true, allBool = true;
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    seen = true;
    if (typeof v !== "boolean") allBool = false;
    if (typeof v !== "number" || !Number.isFinite(v)) allNum = allInt = false;
    else if (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1) allInt = false;
  }
  if (!seen) return "text";
  return allBool ? "boolean" : allInt ? "integer" : allNum ? "real" : "text";
}

/** A cell value as its column type: objects and arrays as JSON text, absent as null. */
export function cellValue(v: unknown, t: ColumnType): string | number | boolean | null {
  if (v === null || v === undefined || (v === "" && t !== "text")) return null;
  if (t === "text") return typeof v === "object" ? JSON.stringify(v) : String(v);
  return v as number | boolean;
}

function fromFeatures(name: string, description: string, features: Feature[]): ExportTable {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!seen.has(k)) seen.add(k), keys.push(k);
  const rows = features.map((f) => f.properties ?? {});
  return { name, description, columns: keys.map((k) => ({ name: k, type: columnType(rows.map((r) => r[k])) })), rows, geometries: features.map((f) => f.geometry) };
}

/** CSV cells are text: numbers are numbers again when the whole column reads as numbers. */
function fromCsv(name: string, description: string, rows: Array<Record<string, string>>, geometries?: Array<Geometry | null>): ExportTable {
  const keys = rows.length ? Object.keys(rows[0]) : [];
  const numeric = new Set(keys.filter((k) => rows.every((r) => r[k] === "" || Number.isFinite(Number(r[k])))));
  const typed = rows.map((r) => Object.fromEntries(keys.map((k) => [k, numeric.has(k) && k !== "code" && r[k] !== "" ? Number(r[k]) : r[k]])));
  return { name, description, columns: keys.map((k) => ({ name: k, type: columnType(typed.map((r) => r[k])) })), rows: typed, geometries };
}

export function exportTables(outDir: string): ExportTable[] {
  const layersDir = join(outDir, "layers");
  if (!existsSync(join(layersDir, "manifest.json"))) throw new InputError(join(layersDir, "manifest.json"), undefined, "no layers manifest", "run the study first (contrechamp run)");
  const layer = (file: string) => parseStageGeojson(readFileSync(file), file, "layers");
  const tables: ExportTable[] = [];
  const names = readdirSync(layersDir).filter((n) => n.endsWith(".geojson")).sort();
  const byName = new Map<string, Feature[]>();
  for (const n of names) {
    const name = n.replace(/\.geojson$/, "");
    const fs = layer(join(layersDir, n));
    byName.set(name, fs);
    tables.push(fromFeatures(name, `out/layers/${n}`, fs));
  }
  const joined = join(outDir, "joined", "cameras.geojson");
  if (existsSync(joined)) tables.push(fromFeatures("cameras_joined", "out/joined/cameras.geojson: cameras with their cell, districts, zones and distances", layer(joined)));
  const statsDir = join(outDir, "stats");
  for (const n of existsSync(statsDir) ? readdirSync(statsDir).filter((f) => f.endsWith(".csv")).sort() : []) {
    const level = n.replace(/\.csv$/, "");
    const rows = readOutCsv(join(statsDir, n), "stats");
    const shapes = byName.get(level);
    if (!shapes || !rows.length || !("code" in rows[0])) continue; // model_cells.csv and other non-district tables
    const geom = new Map(shapes.map((f) => [String(f.properties?.code ?? f.properties?.id), f.geometry]));
    tables.push(fromCsv(`stats_${level}`, `out/stats/${n} on the ${level} polygons`, rows, rows.map((r) => geom.get(r.code) ?? null)));
  }
  const cells = join(outDir, "joined", "cells.csv");
  if (existsSync(cells)) tables.push(fromCsv("joined_cells", "out/joined/cells.csv: the 200 m cells covering the city, with camera counts", readOutCsv(cells, "join")));
  return tables;
}
