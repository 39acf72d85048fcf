// The render stage's inputs, all under out/: the normalised layers and manifest (layers stage)
// and, when present, the district statistics (stats stage).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "../core/errors.js";
import { featureLineCount, parseStageGeojson, PART_READ_OVER } from "../core/out-files.js";
import { parseCsv } from "../geo/read-csv.js";
import type { LayersManifest } from "../contracts.js";
import { readStagePoints, type PointTable } from "../core/stage-points.js";
import { DEFAULT_DENSITY_THRESHOLD } from "../core/study.js";

/**
 * A camera layer: features up to the density threshold (drawn one by one), above it a table of
 * positions and the few properties the maps use (drawn as density; no feature per camera).
 */
export type CameraList = Feature[] | PointTable;

/** The layers a map may draw; the two camera layers may come as tables (CameraList). */
export type Layers = Record<string, Feature[]> & { cameras: CameraList; cameras_2012?: CameraList };

/** The properties of a camera the maps read when the layer is a table (change status, caption). */
export const CAMERA_COLUMNS = ["id", "geocode_method"];

/** Only these two must exist; every other layer a map uses may be absent and is then not drawn. */
export const MAP_LAYERS = ["city", "cameras"] as const;
export const OPTIONAL_LAYERS = ["income_cells", "river", "woods", "cameras_2012", "terminals", "stations", "area", "ridership", "private_cameras"] as const;

/**
 * Camera features that are not a single point (the GeoJSON reader already refuses null
 * geometries; a hand-made list may hold a MultiPoint or a line) cannot be drawn as one symbol:
 * they are set aside here and counted, so the maps and the terminal note say how many.
 */
export function splitUnplaced(fs: Feature[]): { placed: Feature[]; unplaced: number } {
  const placed = fs.filter((f) => f.geometry?.type === "Point" && (f.geometry.coordinates as number[]).every(Number.isFinite));
  return { placed, unplaced: fs.length - placed.length };
}

/**
 * The layers a map may draw: the fixed roles above plus the study's declared levels and zones
 * (`extra`: their layer names). Without `extra` the Paris names are looked for, for older callers.
 */
export function readLayers(outDir: string, extra: string[] = ["arrondissements", "quartiers", "iris", "zti", "zsp"], densityThreshold = DEFAULT_DENSITY_THRESHOLD, partReadOver = PART_READ_OVER): { layers: Layers; manifest: LayersManifest; unplaced: Record<string, number> } {
  const dir = join(outDir, "layers");
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) throw new InputError(manifestFile, undefined, "no layers manifest", "run `contrechamp layers` first");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as LayersManifest;
  const read: Record<string, Feature[]> = {};
  const unplaced: Record<string, number> = {};
  const cameraLists: Record<string, CameraList> = {};
  for (const name of [...new Set([...MAP_LAYERS, ...OPTIONAL_LAYERS, ...extra])]) {
    const f = join(dir, `${name}.geojson`);
    if (!existsSync(f)) {
      if ((MAP_LAYERS as readonly string[]).includes(name)) throw new InputError(f, undefined, "layer missing", name === "cameras" ? "run `contrechamp layers` and `contrechamp geocode` first" : "run `contrechamp layers` first");
      continue;
    }
    if (name === "cameras" || name === "cameras_2012") {
      // At or under the threshold the features are read (a few thousand: dots, stacks, titles);
      // past it, positions only, as a table: all a density map needs. A small file's lines (one
      // per feature, as the stages write them) tell which without parsing it; a large one (past
      // partReadOver) goes to the table first, read once a block at a time — reading it whole to
      // count its lines, then again as a table, cost a fresh copy of it (60 MB at 200,000).
      const size = statSync(f).size;
      const buf = size <= partReadOver ? readFileSync(f) : null;
      const features = (b: Buffer) => splitUnplaced(parseStageGeojson(b, f, "layers"));
      let split: { placed: CameraList; unplaced: number };
      if (buf && featureLineCount(buf) <= densityThreshold) split = features(buf);
      else {
        const table = readStagePoints(f, "layers", CAMERA_COLUMNS);
        // Non-point features count among the lines, not the positions: rarely, few enough to draw.
        split = table.length > densityThreshold ? { placed: table, unplaced: table.unplaced } : features(buf ?? readFileSync(f));
      }
      if (split.unplaced > 0) unplaced[name] = split.unplaced;
      cameraLists[name] = split.placed;
      continue;
    }
    read[name] = parseStageGeojson(readFileSync(f), f, "layers");
  }
  const layers = { ...read, ...cameraLists } as Layers;
  return { layers, manifest, unplaced };
}

/** One row of out/stats/<level>.csv (the stats stage's contract, DESIGN.md). */
export interface DistrictStats {
  code: string;
  name: string;
  values: Record<string, number>;
}

/** Columns every level's table has; the rest (income, residents, per-zone columns) may be absent. */
export const STATS_COLUMNS = ["cameras", "area_km2", "cameras_per_km2"] as const;

/** Null when the stats stage has not run; an InputError when the file breaks the contract. */
export function readDistrictStats(outDir: string, level: string): DistrictStats[] | null {
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
  for (const c of STATS_COLUMNS) col(c);
  // Every numeric column is read: a study's per-zone columns have the zone's own name.
  const idx = table.header.map((c, i) => [c, i] as const).filter(([c]) => c !== "code" && c !== "name");
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
