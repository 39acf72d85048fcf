// The render stage's inputs, all under out/: the normalised layers and manifest (layers stage)
// and, when present, the district statistics (stats stage).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "../core/errors.js";
import { parseGeoJSON } from "../geo/read-geojson.js";
import { parseCsv } from "../geo/read-csv.js";
import type { LayersManifest } from "../contracts.js";

export type Layers = Record<string, Feature[]>;

export const MAP_LAYERS = ["city", "arrondissements", "quartiers", "income_cells", "zti", "zsp", "river", "woods", "cameras"] as const;
export const OPTIONAL_LAYERS = ["cameras_2012", "terminals"] as const;

/**
 * Camera features that are not a single point (the GeoJSON reader already refuses null
 * geometries; a hand-made list may hold a MultiPoint or a line) cannot be drawn as one symbol:
 * they are set aside here and counted, so the maps and the terminal note say how many.
 */
export function splitUnplaced(fs: Feature[]): { placed: Feature[]; unplaced: number } {
  const placed = fs.filter((f) => f.geometry?.type === "Point" && (f.geometry.coordinates as number[]).every(Number.isFinite));
  return { placed, unplaced: fs.length - placed.length };
}

export function readLayers(outDir: string): { layers: Layers; manifest: LayersManifest; unplaced: Record<string, number> } {
  const dir = join(outDir, "layers");
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) throw new InputError(manifestFile, undefined, "no layers manifest", "run `contrechamp layers` first");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as LayersManifest;
  const layers: Layers = {};
  for (const name of [...MAP_LAYERS, ...OPTIONAL_LAYERS]) {
    const f = join(dir, `${name}.geojson`);
    if (!existsSync(f)) {
      if ((MAP_LAYERS as readonly string[]).includes(name)) throw new InputError(f, undefined, "layer missing", "run `contrechamp layers` first");
      continue;
    }
    layers[name] = parseGeoJSON(readFileSync(f, "utf8"), f).features;
  }
  const unplaced: Record<string, number> = {};
  for (const name of ["cameras", "cameras_2012"]) {
    if (!layers[name]) continue;
    const split = splitUnplaced(layers[name]);
    layers[name] = split.placed;
    if (split.unplaced > 0) unplaced[name] = split.unplaced;
  }
  return { layers, manifest, unplaced };
}

/** One row of out/stats/<level>.csv (the stats stage's contract, DESIGN.md). */
export interface DistrictStats {
  code: string;
  name: string;
  values: Record<string, number>;
}

export const STATS_COLUMNS = [
  "cameras", "area_km2", "population", "households", "mean_income", "poverty_rate", "cameras_per_km2",
  "cameras_per_10k_residents", "camera_share", "area_share", "population_share", "lq_area", "lq_population",
  "zti_area_share", "zsp_area_share", "cameras_in_zti", "cameras_in_zsp",
] as const;

/** Null when the stats stage has not run; an InputError when the file breaks the contract. */
export function readDistrictStats(outDir: string, level: "arrondissements" | "quartiers" | "iris"): DistrictStats[] | null {
  const file = join(outDir, "stats", `${level}.csv`);
  if (!existsSync(file)) return null;
  const table = parseCsv(readFileSync(file, "utf8"), file);
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new InputError(file, "1", `no "${name}" column`, "re-run `contrechamp stats`");
    return i;
  };
  const iCode = col("code");
  const iName = col("name");
  const idx = STATS_COLUMNS.map((c) => [c, col(c)] as const);
  return table.rows.map((r) => ({
    code: r.cells[iCode],
    name: r.cells[iName],
    values: Object.fromEntries(idx.map(([c, i]) => [c, r.cells[i] === "" ? NaN : Number(r.cells[i])])),
  }));
}

export interface StatsSummary {
  [key: string]: unknown;
}

export function readSummary(outDir: string): StatsSummary | null {
  const file = join(outDir, "stats", "summary.json");
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(file, undefined, `not valid JSON: ${(e as Error).message}`, "re-run `contrechamp stats`");
  }
}
