// Everything the report reads, all under the output folder, each optional except the layers
// manifest: an absent file becomes a "not computed" note in the page, never a failure. Every file
// read is hashed so the provenance section can name the exact bytes the page was built from.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { InputError } from "../core/errors.js";
import { bufferDigest } from "../core/hash.js";
import { featureLineCount, firstStageFeatures, forEachFileBlock, latin1ToUtf8, parseStageGeojson, PART_READ_OVER, TEXT_CHUNK } from "../core/out-files.js";
import { DEFAULT_DENSITY_THRESHOLD } from "../core/study.js";
import { REPORT_CAMERA_ROWS } from "./camera-summary.js";
import { parseDistrictCsv, type DistrictRow } from "./district-table.js";
import type { ReportStudy } from "./study-terms.js";
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
  /** What the study declares (levels, zones, place): every section names them from here. */
  study: ReportStudy;
  layers: { cameras?: FeatureCollection };
  /** The first two declared levels' layers (the district maps and their names), by layer. */
  districts: Record<string, FeatureCollection>;
  /**
   * Set when the camera layer has more features than the density threshold: then `layers.cameras`
   * holds only the first REPORT_CAMERA_ROWS (all the page lists) and this is the layer's count.
   */
  camerasInLayer?: number;
  /** Cameras per geocode_method over the whole layer, when it was read in part and stats/geocoding.json is absent. */
  cameraMethods?: Record<string, number>;
  /** out/stats/<layer>.csv of each declared level, by layer. */
  stats: Record<string, DistrictRow[]>;
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

export function readReportInputs(outDir: string, study: ReportStudy, densityThreshold = DEFAULT_DENSITY_THRESHOLD, cameraWholeMax = PART_READ_OVER): ReportInputs {
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
  const districts: ReportInputs["districts"] = {};
  for (const { layer } of study.levels.slice(0, 2)) {
    const rel = `layers/${layer}.geojson`;
    const b = bytes(rel);
    if (b !== undefined) districts[layer] = { type: "FeatureCollection", features: parseStageGeojson(b, join(outDir, rel), "layers") };
  }
  // Past the density threshold the page lists the first REPORT_CAMERA_ROWS cameras and counts the
  // rest (camera-summary.ts): only those are parsed; the file's lines (one per feature, as the
  // stages write them) give the count. Every byte is still read and hashed for the provenance.
  let camerasInLayer: number | undefined;
  let cameraMethods: Record<string, number> | undefined;
  let camBytes: Buffer | undefined;
  const camRel = "layers/cameras.geojson";
  const camFile = join(outDir, camRel);
  // A large layer is scanned in blocks (its count, first rows, methods and digest are all the page
  // takes from it); one under the threshold all the same (very long lines) is then read whole.
  const scan = existsSync(camFile) && statSync(camFile).size > cameraWholeMax ? scanCameraLayer(camFile, !existsSync(join(outDir, "stats/geocoding.json"))) : undefined;
  if (scan && scan.lines > densityThreshold) {
    read.push({ path: camRel, ...scan.digest });
    layers.cameras = { type: "FeatureCollection", features: scan.head };
    camerasInLayer = scan.lines;
    cameraMethods = scan.methods;
  } else {
    camBytes = bytes(camRel);
    if (camBytes !== undefined) {
      const lines = featureLineCount(camBytes);
      if (lines <= densityThreshold) layers.cameras = { type: "FeatureCollection", features: parseStageGeojson(camBytes, camFile, "layers") };
      else {
        layers.cameras = { type: "FeatureCollection", features: firstStageFeatures(camBytes, REPORT_CAMERA_ROWS, camFile, "layers") };
        camerasInLayer = lines;
      }
    }
  }
  const stats: ReportInputs["stats"] = {};
  for (const { layer } of study.levels) {
    const rel = `stats/${layer}.csv`;
    const t = text(rel);
    if (t !== undefined) stats[layer] = parseDistrictCsv(t, join(outDir, rel), study.indicators);
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
  const first = study.levels[0];
  const changeCsv = text(`stats/change_${first.layer}.csv`);
  const change: ChangeInputs = { report: json("stats/change.json"), districts: changeCsv === undefined ? undefined : { title: first.label, rows: parseChangeDistricts(changeCsv, join(outDir, `stats/change_${first.layer}.csv`)), names: districtNames(stats[first.layer]) } };
  const out: ReportInputs = {
    manifest,
    study,
    change,
    layers,
    districts,
    stats,
    summary: json("stats/summary.json"),
    hypothesis: json("stats/hypothesis.json"),
    geocoding: json("stats/geocoding.json"),
    ridershipMatch: json("layers/ridership_match.json"),
    privateCameras: json("stats/private_cameras.json"),
    maps,
    read,
    densityThreshold,
    ...(camerasInLayer !== undefined ? { camerasInLayer } : {}),
  };
  // Without the geocode stage's figures the page counts the methods from the layer: all of it.
  if (camerasInLayer !== undefined && !out.geocoding) out.cameraMethods = cameraMethods ?? (camBytes && methodCounts(camBytes, camerasInLayer));
  return out;
}

/**
 * A stage's camera layer in one pass over blocks of whole lines (out-files forEachFileBlock),
 * never held whole: its digest, its feature lines (featureLineCount's count), its first
 * REPORT_CAMERA_ROWS features (firstStageFeatures on the lines that hold them) and, with
 * `withMethods`, methodCounts' counts.
 */
export function scanCameraLayer(file: string, withMethods: boolean): { digest: { sha256: string; bytes: number }; lines: number; head: FeatureCollection["features"]; methods?: Record<string, number> } {
  const hash = createHash("sha256");
  const headBlocks: Buffer[] = [];
  const methods = new MethodTally();
  let bytes = 0, newlines = 0;
  forEachFileBlock(file, (block) => {
    hash.update(block);
    bytes += block.length;
    // The header line, then the rows the page lists: the blocks holding them are kept (copies).
    if (newlines <= REPORT_CAMERA_ROWS) headBlocks.push(Buffer.from(block));
    // Searched as latin1 text (a plain copy of the block, small enough to stay in V8's young
    // generation: out-files TEXT_CHUNK): a search a line in the bytes was a call into C++ each,
    // two million calls at a million cameras.
    const text = block.toString("latin1");
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) newlines++;
    if (withMethods) methods.add(text);
  }, TEXT_CHUNK);
  const lines = Math.max(0, newlines - 2);
  return {
    digest: { sha256: hash.digest("hex"), bytes },
    lines,
    head: firstStageFeatures(Buffer.concat(headBlocks), REPORT_CAMERA_ROWS, file, "layers"),
    ...(withMethods ? { methods: methods.counts(lines) } : {}),
  };
}

const METHOD_KEY = '"geocode_method":';

/**
 * Cameras per geocode_method ("inconnu" without one) from the layer's bytes: each occurrence of
 * the key (a key, not text: a quote inside a JSON string is escaped) read as its value, none of
 * the lines decoded or parsed whole; the lines without it are the rest of `lines`.
 */
export function methodCounts(buf: Buffer, lines: number): Record<string, number> {
  const tally = new MethodTally();
  tally.add(buf.toString("latin1"));
  return tally.counts(lines);
}

/** methodCounts over a layer's lines given a block at a time, as latin1 text (one character a byte). */
class MethodTally {
  private readonly tally: Record<string, number> = {};
  private found = 0;
  /** A value's text (as in the file) → its method: the few methods are parsed once each. */
  private readonly names = new Map<string, string>();

  add(text: string): void {
    for (let at = text.indexOf(METHOD_KEY); at >= 0; at = text.indexOf(METHOD_KEY, at)) {
      at += METHOD_KEY.length;
      const end = valueEnd(text, at);
      const raw = text.slice(at, end);
      let k = this.names.get(raw);
      if (k === undefined) this.names.set(raw, (k = String(JSON.parse(latin1ToUtf8(raw)) ?? "inconnu")));
      this.tally[k] = (this.tally[k] ?? 0) + 1;
      this.found++;
      at = end;
    }
  }

  /** The counts, with the lines that had no method as "inconnu". */
  counts(lines: number): Record<string, number> {
    if (lines > this.found) this.tally.inconnu = (this.tally.inconnu ?? 0) + lines - this.found;
    return this.tally;
  }
}

/** End of the JSON scalar starting at `at` (a string with its escapes, or up to , } or the line end). */
function valueEnd(text: string, at: number): number {
  if (text.charCodeAt(at) === 0x22) {
    let i = at + 1;
    while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
    return i + 1;
  }
  let i = at;
  for (let c = text.charCodeAt(i); i < text.length && c !== 0x2c && c !== 0x7d && c !== 0x0a; c = text.charCodeAt(++i));
  return i;
}
