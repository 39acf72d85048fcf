// The study file: which inputs make up a study, how to read them, and what the map says.
// Paths inside it are relative to the study file's folder. `--layer NAME=PATH` replaces one input.
import { dirname, resolve } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { InputError, UsageError } from "./errors.js";
import { LAYER_FORMATS, splitLayerSuffix, type LayerFormat } from "../geo/layer-formats.js";

export interface LayerSpec {
  file: string;
  format?: LayerFormat;
  crs?: string;
  /** Role → column or property name in the source (e.g. { "label": "NOM" }). */
  fields?: Record<string, string>;
  source?: string;
  vintage?: string;
  licence?: string;
  /** Free-form options of the layer kind (e.g. clip tolerance). */
  options?: Record<string, unknown>;
}

export interface Study {
  name: string;
  title: string;
  subtitle?: string;
  sourcesLine: string;
  /** WGS84 [west, south, east, north]: every layer must overlap it. */
  envelope: [number, number, number, number];
  layers: Record<string, LayerSpec>;
  /** Absolute path of the study file and its folder. */
  file: string;
  dir: string;
  /** Free settings of later stages (join tolerance, seed, draws...). */
  settings: Record<string, unknown>;
}

export const LAYER_NAMES = [
  "cameras",
  "cameras_2012",
  "camera_sites",
  "income_cells",
  "zti",
  "zsp",
  "arrondissements",
  "quartiers",
  "iris",
  "conseils",
  "seine",
  "bois",
  "stations",
  "terminals",
  "crossings",
  "city",
  "addresses",
  "streets",
  "places",
  "facilities",
  "geocode_reference",
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export function loadStudy(path: string, overrides: Record<string, string> = {}, crs?: string): Study {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(path, undefined, "study file not found", "pass --study path/to/study.json");
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(path, undefined, `not valid JSON: ${(e as Error).message}`, "fix the study file's syntax");
  }
  for (const key of ["name", "title", "sources_line", "layers", "envelope"]) {
    if (raw?.[key] === undefined || raw?.[key] === null) throw new InputError(path, undefined, `missing "${key}"`, `add "${key}" to the study file (see data/paris/study.json)`);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new InputError(path, undefined, "the study is not a JSON object", "see data/paris/study.json");
  for (const key of ["name", "title", "sources_line"]) {
    if (typeof raw[key] !== "string") throw new InputError(path, key, `"${key}" is not a string`, `write "${key}" as text`);
  }
  if (typeof raw.layers !== "object" || raw.layers === null || Array.isArray(raw.layers)) {
    throw new InputError(path, "layers", '"layers" is not an object of layer name: { "file": ... }', "see data/paris/study.json");
  }
  if (raw.settings !== undefined && (typeof raw.settings !== "object" || raw.settings === null || Array.isArray(raw.settings))) {
    throw new InputError(path, "settings", '"settings" is not an object', "write settings as name: value pairs, or leave them out");
  }
  const dir = dirname(file);
  const layers: Record<string, LayerSpec> = {};
  for (const [name, spec] of Object.entries<any>(raw.layers)) {
    if (!(LAYER_NAMES as readonly string[]).includes(name)) {
      throw new InputError(path, `layers.${name}`, `unknown layer "${name}"`, `use one of ${LAYER_NAMES.join(", ")}`);
    }
    if (typeof spec?.file !== "string") throw new InputError(path, `layers.${name}`, 'no "file"', 'give the layer a "file" path');
    checkLayerSpec(spec, path, `layers.${name}`);
    layers[name] = { ...spec, file: resolve(dir, spec.file) };
  }
  const env = raw.envelope;
  if (!Array.isArray(env) || env.length !== 4 || !env.every((v) => typeof v === "number" && Number.isFinite(v)) || !(env[0] < env[2] && env[1] < env[3])) {
    throw new InputError(path, "envelope", `envelope ${JSON.stringify(env)} is not [west, south, east, north] in degrees`, "write four numbers, west < east and south < north (WGS84 longitude, latitude)");
  }
  if (env[0] < -180 || env[2] > 180 || env[1] < -90 || env[3] > 90) {
    throw new InputError(path, "envelope", `envelope ${JSON.stringify(env)} is outside longitude/latitude ranges`, "write it in WGS84 degrees: [west, south, east, north]");
  }
  for (const [name, p] of Object.entries(overrides)) {
    if (!(LAYER_NAMES as readonly string[]).includes(name)) throw new UsageError(`--layer ${name}=...: unknown layer (use one of ${LAYER_NAMES.join(", ")})`);
    // A user's file replaces the study's: keep descriptive fields only if the user gives none.
    const { file: given, layer } = splitLayerSuffix(p); // FILE.gpkg:LAYER picks one layer
    layers[name] = { file: resolve(given), crs, fields: layers[name]?.fields && name !== "cameras" ? layers[name].fields : undefined, source: `user file ${p}`, ...(layer ? { options: { layer } } : {}) };
  }
  // A study naming a file that is not there fails now, naming the study's entry, not after
  // minutes of work on the other layers.
  for (const [name, spec] of Object.entries(layers)) {
    if (overrides[name] !== undefined) {
      if (!existsSync(spec.file)) throw new InputError(overrides[name], undefined, "file not found", `check the path given to --layer ${name}=`);
    } else if (!existsSync(spec.file)) {
      throw new InputError(path, `layers.${name}`, `file "${raw.layers[name].file}" not found`, "fix the path (relative to the study file's folder) or pass --layer");
    }
  }
  return {
    name: raw.name,
    title: raw.title,
    subtitle: raw.subtitle,
    sourcesLine: raw.sources_line,
    envelope: raw.envelope,
    layers,
    file,
    dir,
    settings: raw.settings ?? {},
  };
}

const FORMATS: string[] = LAYER_FORMATS;

function checkLayerSpec(spec: Record<string, unknown>, path: string, where: string): void {
  if (spec.format !== undefined && !FORMATS.includes(spec.format as string)) {
    throw new InputError(path, where, `unknown format ${JSON.stringify(spec.format)}`, `use one of ${FORMATS.join(", ")}, or leave it out to go by the file's extension`);
  }
  if (spec.crs !== undefined && typeof spec.crs !== "string") throw new InputError(path, where, '"crs" is not a string', 'write it like "EPSG:2154"');
  const isMap = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (spec.fields !== undefined && !(isMap(spec.fields) && Object.values(spec.fields as object).every((v) => typeof v === "string"))) {
    throw new InputError(path, where, '"fields" is not an object of role: column name', 'e.g. "fields": { "label": "NOM" }');
  }
  if (spec.options !== undefined && !isMap(spec.options)) throw new InputError(path, where, '"options" is not an object', "write options as name: value pairs");
}

export function requireLayer(study: Study, name: LayerName): LayerSpec {
  const spec = study.layers[name];
  if (!spec) throw new InputError(study.file, `layers.${name}`, `the study has no "${name}" layer`, `add it to the study file or pass --layer ${name}=PATH`);
  return spec;
}

/** The central arrondissements of the hypothesis (1–4), shared by the join (areas) and stats (cameras). */
export const CENTRAL_ARRONDISSEMENTS = ["75101", "75102", "75103", "75104"];
