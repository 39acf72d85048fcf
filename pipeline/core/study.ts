// The study file: which inputs make up a study, which of them are its district levels and its
// zones, how to read them, and what the map says. Paths inside it are relative to the study
// file's folder. `--layer NAME=PATH` replaces one input, `--area` restricts the analysis.
// The file is checked against STUDY_SCHEMA (ajv, compiled ahead into study-validator.ts); every
// error names its line and column.
import { dirname, resolve } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import type { ErrorObject } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import type { Node, ParseError } from "jsonc-parser";
import type * as Jsonc from "jsonc-parser";
import { InputError, UsageError } from "./errors.js";
import { ROLE_LAYERS, STUDY_SCHEMA } from "./study-schema.js";
import { validate as validateSchema } from "./study-validator.js";

import type { LayerFormat } from "../geo/read-layer.js";
import { splitLayerSuffix } from "../geo/layer-formats.js";

// Required, not imported: jsonc-parser's entry is a CommonJS bundle, which an import has Node
// parse again to tell its format and list its exports, at every start of the CLI.
const { findNodeAtLocation, parseTree, printParseErrorCode } = createRequire(import.meta.url)("jsonc-parser") as typeof Jsonc;

export interface LayerSpec {
  file: string;
  format?: LayerFormat;
  crs?: string;
  /** Role → column or property name in the source (e.g. { "label": "NOM" }). */
  fields?: Record<string, string>;
  source?: string;
  vintage?: string;
  licence?: string;
  /** Short credit printed under maps that draw the layer. */
  credit?: string;
  /** Options of the layer kind (clip tolerance, GeoPackage layer name…). */
  options?: Record<string, unknown>;
  /** Given on the command line (--layer) rather than by the study file. */
  user?: boolean;
  /** `"format": "zone-rule"`: a zone built by a documented rule from other layers (layers/zone-rule.ts). */
  rule?: boolean;
}

export interface Label {
  fr: string;
  en: string;
}

/** A district level: tables, maps and `compare` exist for each declared level and no other. */
export interface LevelDecl {
  layer: string;
  /** Singular name used for joined properties and `--level` (Paris: "arrondissement"). */
  key: string;
  label: Label;
}

export type ZoneKind = "tourist" | "security" | "transport" | "other";

/** A zone layer tested against the cameras. */
export interface ZoneDecl {
  layer: string;
  kind: ZoneKind;
  label: Label;
  /** Short name for tables and legends ("ZTI"). */
  short: string;
  /** The perimeter is an approximation (outputs say so). */
  approximated: boolean;
  /** When (parts of) the zone were designated, for the timing analysis. */
  designated: Array<{ date: string; part?: string; note?: string }>;
}

export interface Study {
  name: string;
  title: string;
  subtitle?: string;
  /** The place studied, as prose names it ("Paris"); absent, the report says "la ville". */
  place?: string;
  /** The study's own sources line; absent → composed from the layers' declared sources. */
  sourcesLine?: string;
  lang: "fr" | "en";
  /** WGS84 [west, south, east, north] every layer must overlap; absent → the city's extent. */
  envelope?: [number, number, number, number];
  levels: LevelDecl[];
  zones: ZoneDecl[];
  /** District codes that bound the analysis (any declared level); null = the whole city. */
  area: string[] | null;
  /** `--area all`: the whole city, even for a camera layer that covers only part of it. */
  areaAll: boolean;
  layers: Record<string, LayerSpec>;
  /** Absolute path of the study file and its folder. */
  file: string;
  dir: string;
  /** Settings of later stages (seed, draws, render…), checked by the schema. */
  settings: Record<string, unknown>;
}

/** What the command line may change in a study. */
export interface StudyOverrides {
  layers?: Record<string, string>;
  crs?: string;
  area?: string[];
  label?: string;
  source?: string;
  vintage?: string;
  lang?: "fr" | "en";
}

export function loadStudy(path: string, overrides: StudyOverrides | Record<string, string> = {}, crs?: string): Study {
  // Older callers pass (path, layers, crs).
  const o: StudyOverrides = isOverrides(overrides) ? overrides : { layers: overrides as Record<string, string>, crs };
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(path, undefined, "study file not found", "pass --study path/to/study.json");
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const { raw, tree } = parseStudyText(path, text);
  validate(path, text, raw, tree);
  const dir = dirname(file);

  const levels: LevelDecl[] = raw.levels.map((l: any) => {
    const d = typeof l === "string" ? { layer: l } : l;
    return { layer: d.layer, key: d.key ?? d.layer, label: labelOf(d.label, d.layer) };
  });
  const zones: ZoneDecl[] = Object.entries<any>(raw.zones ?? {}).map(([layer, z]) => ({
    layer,
    kind: z.kind,
    label: labelOf(z.label, layer),
    short: z.short ?? layer.toUpperCase(),
    approximated: z.approximated === true,
    designated: z.designated ?? [],
  }));
  const at = (p: (string | number)[]) => where(text, tree, p);

  // Names: a level or zone must be a layer of the study; any other layer has a fixed role.
  const declared = new Set([...levels.map((l) => l.layer), ...zones.map((z) => z.layer)]);
  const roles = new Set<string>(ROLE_LAYERS);
  levels.forEach((l, i) => {
    if (roles.has(l.layer)) throw new InputError(path, at(["levels", i]), `"${l.layer}" is a layer with its own role, not a district level`, "name the district layer otherwise (e.g. \"quartiers\")");
    if (!raw.layers[l.layer] && !o.layers?.[l.layer]) throw new InputError(path, at(["levels", i]), `level "${l.layer}" has no layer`, `add "layers": { "${l.layer}": { "file": … } }`);
  });
  const keys = new Set<string>();
  for (const l of levels) {
    if (keys.has(l.key)) throw new InputError(path, at(["levels"]), `two levels share the key "${l.key}"`, "give each level its own layer and key");
    keys.add(l.key);
  }
  for (const z of zones) {
    if (roles.has(z.layer) || levels.some((l) => l.layer === z.layer)) throw new InputError(path, at(["zones", z.layer]), `"${z.layer}" cannot be both a zone and a ${roles.has(z.layer) ? "role layer" : "district level"}`, "give the zone layer a name of its own");
    if (!raw.layers[z.layer] && !o.layers?.[z.layer]) throw new InputError(path, at(["zones", z.layer]), `zone "${z.layer}" has no layer`, `add "layers": { "${z.layer}": { "file": … } }`);
  }
  const known = [...declared, ...ROLE_LAYERS];
  for (const name of Object.keys(raw.layers)) {
    if (!declared.has(name) && !roles.has(name)) {
      throw new InputError(path, at(["layers", name]), `unknown layer "${name}"`, `declare it in "levels" or "zones", or use one of ${ROLE_LAYERS.join(", ")}`);
    }
  }

  const layers: Record<string, LayerSpec> = {};
  for (const [name, spec] of Object.entries<any>(raw.layers)) {
    const rule = spec.format === "zone-rule";
    if (rule && !zones.some((z) => z.layer === name)) throw new InputError(path, at(["layers", name, "format"]), '"zone-rule" is only for a zone layer', `declare "${name}" in "zones", or give its polygons in a GeoJSON/shapefile`);
    // Options that name files (a ridership gazetteer, an alias table) are relative to the study too.
    const options = spec.options ? { ...spec.options } : undefined;
    for (const key of FILE_OPTIONS) {
      if (typeof options?.[key] !== "string") continue;
      options[key] = resolve(dir, options[key] as string);
      if (!existsSync(options[key] as string)) throw new InputError(path, at(["layers", name, "options", key]), `file "${spec.options[key]}" not found`, "fix the path (relative to the study file's folder)");
    }
    layers[name] = { ...spec, ...(options ? { options } : {}), format: rule ? undefined : spec.format, rule, file: resolve(dir, spec.file) };
  }
  for (const [name, p] of Object.entries(o.layers ?? {})) {
    if (!known.includes(name)) throw new UsageError(`--layer ${name}=...: unknown layer (use one of ${known.join(", ")})`);
    // A user's file replaces the study's: the study's description (source, fields) was of
    // another file, so only what the user says on the command line describes this one.
    const keepFields = name !== "cameras" && name !== "cameras_2012" && name !== "private_cameras";
    const { file: given, layer } = splitLayerSuffix(p); // FILE.gpkg:LAYER picks one layer of the file
    layers[name] = {
      file: resolve(given),
      crs: o.crs,
      fields: keepFields ? layers[name]?.fields : undefined,
      // Another year's ridership file is still matched with the study's gazetteer and aliases.
      options: { ...(name === "ridership" ? layers[name]?.options : {}), ...(layer ? { layer } : {}) },
      source: o.source,
      vintage: o.vintage,
      user: true,
      // A zone the study builds by rule may be replaced by another rule file or by polygons.
      rule: zones.some((z) => z.layer === name) && looksLikeZoneRule(resolve(given)),
    };
  }
  if (o.label) {
    const cams = layers.cameras;
    if (!cams) throw new UsageError("--label: the study has no cameras layer to label");
    cams.fields = { ...cams.fields, label: o.label };
  }
  if (!layers.cameras && !layers.camera_sites) {
    throw new InputError(path, at(["layers"]), "no camera layer", 'add "cameras" (points) or "camera_sites" (a list to geocode), or pass --layer cameras=FILE');
  }
  if (!layers.city) throw new InputError(path, at(["layers"]), 'no "city" layer (the outline of the study area)', 'add "layers": { "city": { "file": … } }');
  // A study naming a file that is not there fails now, naming the study's entry, not after
  // minutes of work on the other layers.
  for (const [name, spec] of Object.entries(layers)) {
    if (!existsSync(spec.file)) {
      if (spec.user) throw new InputError(o.layers![name], undefined, "file not found", `check the path given to --layer ${name}=`);
      throw new InputError(path, at(["layers", name, "file"]), `file "${raw.layers[name].file}" not found`, "fix the path (relative to the study file's folder) or pass --layer");
    }
  }
  const env = raw.envelope;
  if (env !== undefined) {
    if (!(env[0] < env[2] && env[1] < env[3])) throw new InputError(path, at(["envelope"]), `envelope ${JSON.stringify(env)} is not [west, south, east, north]`, "write west < east and south < north (WGS84 longitude, latitude)");
    if (env[0] < -180 || env[2] > 180 || env[1] < -90 || env[3] > 90) throw new InputError(path, at(["envelope"]), `envelope ${JSON.stringify(env)} is outside longitude/latitude ranges`, "write it in WGS84 degrees: [west, south, east, north]");
  }
  const areaCodes: string[] | null = o.area ?? raw.area ?? null;
  const areaAll = areaCodes !== null && areaCodes.length === 1 && areaCodes[0] === "all";
  const area = areaAll ? null : areaCodes;
  // A camera layer given on the command line is not the one the study's subtitle and sources
  // line describe: they would credit its cameras to someone else. Its own credit (--source,
  // --vintage) then composes the sources line, and --source is the subtitle.
  const camerasReplaced = Boolean(o.layers?.cameras || o.layers?.camera_sites);
  return {
    name: raw.name,
    title: raw.title,
    subtitle: camerasReplaced ? o.source : raw.subtitle,
    place: raw.place,
    sourcesLine: camerasReplaced ? undefined : raw.sources_line,
    lang: o.lang ?? raw.lang ?? "fr",
    envelope: env,
    levels,
    zones,
    area: area && area.length > 0 ? [...new Set(area)] : null,
    areaAll,
    layers,
    file,
    dir,
    settings: raw.settings ?? {},
  };
}

/** A zone rule file is a .json that is not GeoJSON (data/paris/zsp.json); a .geojson never is. */
function looksLikeZoneRule(file: string): boolean {
  if (!/\.json$/i.test(file) || !existsSync(file)) return false;
  try {
    const head = readFileSync(file, "utf8").slice(0, 4096);
    return !/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head);
  } catch {
    return false;
  }
}

/** Layer options whose value is a file path. */
const FILE_OPTIONS = ["stations", "aliases"] as const;

function isOverrides(x: unknown): x is StudyOverrides {
  if (!x || typeof x !== "object") return false;
  const keys = Object.keys(x);
  return keys.length === 0 || keys.some((k) => ["layers", "crs", "area", "label", "source", "vintage", "lang"].includes(k) && typeof (x as any)[k] !== "string");
}

function labelOf(l: unknown, fallback: string): Label {
  if (typeof l === "string") return { fr: l, en: l };
  if (l && typeof l === "object") {
    const o = l as { fr: string; en?: string };
    return { fr: o.fr, en: o.en ?? o.fr };
  }
  return { fr: fallback, en: fallback };
}

export function requireLayer(study: Study, name: string): LayerSpec {
  const spec = study.layers[name];
  if (!spec) throw new InputError(study.file, `layers.${name}`, `the study has no "${name}" layer`, `add it to the study file or pass --layer ${name}=PATH`);
  return spec;
}

/** The coarsest declared level: cameras carry its code, the geocoder's postcode rule uses it. */
export function coarsestLevel(study: Study): LevelDecl {
  return study.levels[0];
}

/** A level by its layer name or key ("quartiers" or "quartier"). */
export function findLevel(study: Study, name: string): LevelDecl | undefined {
  return study.levels.find((l) => l.layer === name || l.key === name);
}

/** Above this many cameras, maps draw density per cell and the report aggregates (README, Maps). */
export const DEFAULT_DENSITY_THRESHOLD = 5000;

/** The study's density threshold (settings.render.density_threshold), else the default. */
export function densityThreshold(settings: Study["settings"]): number {
  const t = (settings.render as { density_threshold?: unknown } | undefined)?.density_threshold;
  return typeof t === "number" ? t : DEFAULT_DENSITY_THRESHOLD;
}

/** The study's central districts (settings.central_districts), if it names any. */
export function centralDistricts(study: Pick<Study, "settings">): string[] {
  return ((study.settings.central_districts as string[] | undefined) ?? []).map(String);
}

// --- parsing and validation with positions -----------------------------------------------

function parseStudyText(path: string, text: string): { raw: any; tree: Node } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const pos = e ? lineColumn(text, e.offset) : "1:1";
    const what = e ? syntaxMessage(printParseErrorCode(e.error), text, e.offset) : "empty file";
    throw new InputError(path, pos, `not valid JSON: ${what}`, "fix the study file's syntax (JSON allows no trailing comma and no comment)");
  }
  return { raw: JSON.parse(text), tree };
}

function syntaxMessage(code: string, text: string, offset: number): string {
  if (offset >= text.trimEnd().length) return "the file ends too early (truncated?)";
  const before = text.slice(0, offset).trimEnd();
  if ((code === "PropertyNameExpected" || code === "ValueExpected") && before.endsWith(",")) return "a comma before a closing } or ] (JSON allows no trailing comma)";
  const words: Record<string, string> = {
    PropertyNameExpected: "a key in double quotes was expected",
    ValueExpected: "a value was expected",
    CommaExpected: "a comma was expected",
    ColonExpected: "a colon was expected",
    CloseBraceExpected: "a closing } was expected",
    CloseBracketExpected: "a closing ] was expected",
    EndOfFileExpected: "text after the end of the study object",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfString: "a string is not closed",
    InvalidSymbol: "an unexpected character",
  };
  return words[code] ?? code;
}

/** ajv's standalone validator: true, or false with its errors on the function. */
const validator = validateSchema as { (data: unknown): boolean; errors?: ErrorObject[] | null };

function validate(path: string, text: string, raw: unknown, tree: Node): void {
  if (validator(raw)) return;
  const e = pickError(validator.errors ?? []);
  const segs = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const key = e.keyword === "additionalProperties" ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
  const at = key !== undefined ? [...segs, key] : segs;
  const last = segs.length ? String(segs[segs.length - 1]) : "the study";
  const { what, fix } = describe(e, key, segs, /^\d+$/.test(last) ? `item ${last}` : `"${last}"`);
  throw new InputError(path, where(text, tree, at), what, fix);
}

/** ajv reports every branch of a oneOf; the deepest, most specific error is the useful one. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject) => (e.keyword === "additionalProperties" ? 3 : e.keyword === "required" ? 2 : e.keyword === "oneOf" ? 0 : 1);
  return [...errors].sort((a, b) => b.instancePath.split("/").length - a.instancePath.split("/").length || rank(b) - rank(a))[0];
}

function describe(e: ErrorObject, key: string | undefined, segs: (string | number)[], subject: string): { what: string; fix: string } {
  const schemaAt = schemaNode(segs);
  if (key !== undefined) {
    const knownKeys = Object.keys(schemaAt?.properties ?? {}).filter((k) => k !== "$schema");
    const close = knownKeys.filter((k) => editDistance(k, key) <= 2);
    return {
      what: `unknown key "${key}"`,
      fix: `${close.length ? `did you mean "${close[0]}"? ` : ""}known keys: ${knownKeys.join(", ") || "none"}`,
    };
  }
  switch (e.keyword) {
    case "required":
      return { what: `${subject} has no "${(e.params as { missingProperty: string }).missingProperty}"`, fix: "add it; data/paris/study.json shows every key" };
    case "enum":
      return { what: `${subject} is ${JSON.stringify(e.data)}, which is not allowed`, fix: `use one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` };
    case "type":
      return { what: `${subject} is not ${article((e.params as { type: string }).type)}`, fix: `write it as ${article((e.params as { type: string }).type)}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { what: `${subject} is ${JSON.stringify(e.data)}, out of range`, fix: `give a number ${e.message?.replace(/^must be /, "")}` };
    case "minItems":
    case "maxItems":
      return { what: `${subject} ${e.message?.replace(/^must NOT have (fewer|more) than/, (_m, w) => `has ${w} than`)}`, fix: "see README \"Study file\"" };
    case "pattern":
      return { what: `${subject} is ${JSON.stringify(e.data)}, not in the expected form`, fix: segs.includes("crs") ? 'write the CRS like "EPSG:2154"' : 'dates are written "2015-09-25" (or "2014-01"), names with letters, digits, "_" and "-"' };
    case "propertyNames":
      return { what: `unknown field role "${(e.params as { propertyName: string }).propertyName}"`, fix: "see README \"Study file\" for the roles a layer's fields may map" };
    default:
      return { what: `${subject} ${e.message ?? "is not valid"}`, fix: "see README \"Study file\"" };
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** The schema object that describes the value at a path (for the list of known keys). */
function schemaNode(segs: (string | number)[]): any {
  let s: any = STUDY_SCHEMA;
  for (const seg of segs) {
    if (!s) return undefined;
    if (s.oneOf) s = s.oneOf.find((x: any) => x.type === "object") ?? s.oneOf[0];
    if (typeof seg === "number") s = s.items;
    else s = s.properties?.[seg] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
  }
  if (s?.oneOf) s = s.oneOf.find((x: any) => x.type === "object") ?? s;
  return s;
}

function where(text: string, tree: Node, path: (string | number)[]): string {
  return path.length ? `${position(text, tree, path)} (${path.join(".")})` : position(text, tree, path);
}

function position(text: string, tree: Node, path: (string | number)[]): string {
  let node: Node | undefined;
  for (let k = path.length; k >= 0 && !node; k--) node = findNodeAtLocation(tree, path.slice(0, k));
  // A key's position is its property name, not its value.
  const target = node?.parent?.type === "property" && node.parent.children?.[1] === node ? node.parent : node;
  return target ? lineColumn(text, target.offset) : "1:1";
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

