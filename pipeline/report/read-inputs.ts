// Everything the report reads, all under the output folder, each optional except the layers
// manifest: an absent file becomes a "not computed" note in the page, never a failure. Every file
// read is hashed so the provenance section can name the exact bytes the page was built from.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { InputError } from "../core/errors.js";
import { bufferDigest } from "../core/hash.js";
import { parseStageGeojson } from "../core/out-files.js";
import { parseDistrictCsv, type DistrictRow } from "./district-table.js";
import { LEVELS, type Level } from "./indicators.js";
import type { Summary } from "../stats/summary.js";
import type { GeocodingStats } from "../geocode/geocoding-report.js";
import type { HypothesisFile } from "./hypothesis-data.js";
import type { RidershipMatchReport } from "../contracts.js";
import type { PrivateCamerasFile } from "./ridership-section.js";
import { districtNames, parseChangeDistricts, type ChangeInputs } from "./change-section.js";

export interface ManifestLayer {
  layer: string;
  file: string;
  source?: string;
  vintage?: string;
  licence?: string;
  inputs?: Array<{ path: string; sha256: string; bytes: number }>;
  read?: number;
  kept?: number;
  dropped?: Array<{ reason: string; count: number }>;
  merged?: number;
  notes?: string[];
}

export interface ReportInputs {
  manifest: { study?: string; layers: ManifestLayer[] };
  layers: Partial<Record<"arrondissements" | "quartiers" | "cameras", FeatureCollection>>;
  stats: Partial<Record<Level, DistrictRow[]>>;
  /** The stats and geocode stages' JSON, typed by the modules that write them. */
  summary?: Summary;
  hypothesis?: HypothesisFile;
  geocoding?: GeocodingStats;
  /** Present when the study has a ridership layer, a crowdsourced camera layer. */
  ridershipMatch?: RidershipMatchReport;
  privateCameras?: PrivateCamerasFile;
  /** out/stats/change.json and the first level's change_<level>.csv (report/change-section.ts). */
  change?: ChangeInputs;
  /** out/maps/*.svg in name order, carte1 first. */
  maps: Array<{ name: string; svg: string; caption?: string; title?: string }>;
  /** Every file read, relative to the output folder. */
  read: Array<{ path: string; sha256: string; bytes: number }>;
  /** Above this many cameras the page aggregates (settings.render.density_threshold; camera-summary.ts). */
  densityThreshold?: number;
}

export function readReportInputs(outDir: string): ReportInputs {
  const read: ReportInputs["read"] = [];
  const bytes = (rel: string): Buffer | undefined => {
    const p = join(outDir, rel);
    if (!existsSync(p)) return undefined;
    const b = readFileSync(p);
    read.push({ path: rel, ...bufferDigest(b) });
    return b;
  };
  const text = (rel: string): string | undefined => bytes(rel)?.toString("utf8");
  const json = (rel: string): any => {
    const t = text(rel);
    if (t === undefined) return undefined;
    try {
      return JSON.parse(t);
    } catch (e) {
      throw new InputError(join(outDir, rel), undefined, `not valid JSON: ${(e as Error).message}`, "run the stage that writes it again");
    }
  };

  const manifest = json("layers/manifest.json");
  if (!manifest || !Array.isArray(manifest.layers)) {
    throw new InputError(join(outDir, "layers/manifest.json"), undefined, "no layers manifest", "run the layers stage first (make layers)");
  }
  const layers: ReportInputs["layers"] = {};
  for (const name of ["arrondissements", "quartiers", "cameras"] as const) {
    const rel = `layers/${name}.geojson`;
    const b = bytes(rel);
    if (b !== undefined) layers[name] = { type: "FeatureCollection", features: parseStageGeojson(b, join(outDir, rel), "layers") };
  }
  const stats: ReportInputs["stats"] = {};
  for (const { level } of LEVELS) {
    const rel = `stats/${level}.csv`;
    const t = text(rel);
    if (t !== undefined) stats[level] = parseDistrictCsv(t, join(outDir, rel));
  }
  const mapsDir = join(outDir, "maps");
  const names = existsSync(mapsDir) ? readdirSync(mapsDir).filter((n) => n.endsWith(".svg")) : [];
  names.sort((a, b) => (a === "carte1.svg" ? -1 : b === "carte1.svg" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const maps = names.map((n) => {
    const name = n.replace(/\.svg$/, "");
    const svg = text(`maps/${n}`)!;
    // The render stage writes each map's caption beside it (title, methods, full sources).
    const caption = text(`maps/${name}.txt`) ?? undefined;
    const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1]?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    return { name, svg, caption, title };
  });
  const changeCsv = text(`stats/change_${LEVELS[0].level}.csv`);
  const change: ChangeInputs = { report: json("stats/change.json"), districts: changeCsv === undefined ? undefined : { title: LEVELS[0].singular, rows: parseChangeDistricts(changeCsv, join(outDir, `stats/change_${LEVELS[0].level}.csv`)), names: districtNames(stats[LEVELS[0].level]) } };
  return {
    manifest,
    change,
    layers,
    stats,
    summary: json("stats/summary.json"),
    hypothesis: json("stats/hypothesis.json"),
    geocoding: json("stats/geocoding.json"),
    ridershipMatch: json("layers/ridership_match.json"),
    privateCameras: json("stats/private_cameras.json"),
    maps,
    read,
  };
}
