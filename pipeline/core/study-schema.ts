// The study file's JSON Schema (draft 2020-12, checked by ajv). Every object is closed
// (additionalProperties: false) so that a misspelt key ("seeed", "permutation") is an error with
// the keys that are known, not a setting silently ignored. Checks the schema cannot express
// (a level or zone naming a layer the study does not declare) live in study.ts.

/** Layers with a fixed role; a study may also declare any layer named in `levels` or `zones`. */
export const ROLE_LAYERS = [
  "cameras",
  "camera_sites",
  "cameras_2012",
  "private_cameras",
  "city",
  "income_cells",
  "conseils",
  "river",
  "woods",
  "stations",
  "terminals",
  "ridership",
  "crossings",
  "addresses",
  "streets",
  "places",
  "facilities",
  "geocode_reference",
] as const;

/** What a `fields` entry may map: a role of the layer kind → a column of the source. */
export const FIELD_ROLES = [
  "id", "code", "name", "number", "label", "arrondissement", "district", "type",
  "residents", "income_sum", "decree", "mode", "line", "network",
  "commissioned", "operator", "op_type", "year", "entries", "station",
] as const;

// The reader formats of pipeline/geo/read-layer.ts, plus a zone built by a rule.
export const LAYER_FORMATS = ["geojson", "csv", "shapefile", "shapefile-zip", "gpkg", "kml", "zone-rule"] as const;
export const PAGE_PRESETS = ["a4-landscape", "a4-portrait", "a3", "a3-portrait", "column", "double-column", "A4", "A3", "A4-portrait", "A3-portrait"] as const;
export const CLASS_METHODS = ["quantiles", "fisher", "equal", "q6", "stddev", "user"] as const;
export const ZONE_KINDS = ["tourist", "security", "transport", "other"] as const;

const text = { type: "string", minLength: 1 } as const;
const label = { oneOf: [text, { type: "object", additionalProperties: false, required: ["fr"], properties: { fr: text, en: text } }] } as const;
const isoDate = { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" } as const;

const layerSpec = {
  type: "object",
  additionalProperties: false,
  required: ["file"],
  properties: {
    file: text,
    format: { enum: LAYER_FORMATS },
    crs: { type: "string", pattern: "^(EPSG|epsg):\\d+$" },
    fields: { type: "object", propertyNames: { enum: FIELD_ROLES }, additionalProperties: text },
    source: text,
    vintage: text,
    licence: text,
    /** Short credit printed under a map that draws the layer ("INSEE, Filosofi 2015"). */
    credit: text,
    options: {
      type: "object",
      additionalProperties: false,
      properties: {
        source_tag: { type: "string", pattern: "^[A-Za-z0-9_-]+$" },
        arrondissement_tolerance_m: { type: "number", minimum: 0, maximum: 5000 },
        clip_tolerance_m: { type: "number", minimum: 0, maximum: 5000 },
        layer: text,
        year: { type: "integer", minimum: 1900, maximum: 2100 },
        encoding: text,
        // ridership: the station gazetteer its names are matched to (default: the stations
        // layer's file) and the alias table for names that do not match (data/paris/flows/aliases.csv).
        stations: text,
        aliases: text,
      },
    },
  },
} as const;

const levelDecl = {
  oneOf: [
    text,
    { type: "object", additionalProperties: false, required: ["layer"], properties: { layer: text, key: { type: "string", pattern: "^[a-z][a-z0-9_]*$" }, label } },
  ],
} as const;

const zoneDecl = {
  type: "object",
  additionalProperties: false,
  required: ["kind", "label"],
  properties: {
    kind: { enum: ZONE_KINDS },
    label,
    short: text,
    approximated: { type: "boolean" },
    designated: {
      type: "array",
      items: { type: "object", additionalProperties: false, required: ["date"], properties: { date: isoDate, part: text, note: text } },
    },
  },
} as const;

const settings = {
  type: "object",
  additionalProperties: false,
  properties: {
    seed: { type: "integer", minimum: 0, maximum: 4294967295 },
    permutations: { type: "integer", minimum: 19, maximum: 99999 },
    zone_tolerance_m: { type: "number", minimum: 0, maximum: 1000 },
    centre: {
      type: "object",
      additionalProperties: false,
      required: ["lonlat"],
      properties: { name: text, lonlat: { type: "array", minItems: 2, maxItems: 2, items: { type: "number" } } },
    },
    central_districts: { type: "array", items: text },
    jitter_replicates: { type: "integer", minimum: 0, maximum: 9999 },
    jitter_sigma_m: { type: "array", minItems: 2, maxItems: 2, items: { type: "number", minimum: 0, maximum: 10000 } },
    station_radius_m: { type: "number", exclusiveMinimum: 0, maximum: 5000 },
    /** Inference that keeps the cameras' clustering (pipeline/stats/inference.ts). */
    inference: {
      type: "object",
      additionalProperties: false,
      properties: {
        rotations: { type: "integer", minimum: 0, maximum: 99999 },
        rotation_shift_m: { type: "number", minimum: 0, maximum: 20000 },
        zone_moves: { type: "integer", minimum: 0, maximum: 99999 },
        placebo_refits: { type: "integer", minimum: 0, maximum: 9999 },
        bootstrap_replicates: { type: "integer", minimum: 0, maximum: 9999 },
        block_sizes_m: { type: "array", minItems: 1, maxItems: 5, items: { type: "number", minimum: 200, maximum: 20000 } },
        hac_cutoff_m: { type: "number", minimum: 200, maximum: 20000 },
        moran_permutations: { type: "integer", minimum: 0, maximum: 99999 },
        lisa_permutations: { type: "integer", minimum: 0, maximum: 99999 },
        fdr: { type: "number", exclusiveMinimum: 0, maximum: 0.5 },
      },
    },
    render: {
      type: "object",
      additionalProperties: false,
      properties: {
        page: {
          oneOf: [
            { enum: PAGE_PRESETS },
            { type: "object", additionalProperties: false, required: ["width", "height"], properties: { width: { type: "number", minimum: 50, maximum: 2000 }, height: { type: "number", minimum: 50, maximum: 2000 } } },
          ],
        },
        dpi: { type: "integer", minimum: 72, maximum: 1200 },
        method: { enum: CLASS_METHODS },
        classes: { type: "integer", minimum: 1, maximum: 12 },
        breaks: { type: "array", minItems: 1, items: { type: "number" } },
        /** District codes of the inset on Carte 1 (default: settings.central_districts). */
        inset: { type: "array", minItems: 1, items: text },
        /** Above this many cameras, maps draw density per 200 m cell and the report aggregates (default 5,000). */
        density_threshold: { type: "integer", minimum: 0 },
      },
    },
  },
} as const;

export const STUDY_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "contrechamp study",
  type: "object",
  additionalProperties: false,
  required: ["name", "title", "levels", "layers"],
  properties: {
    $schema: { type: "string" },
    name: { type: "string", pattern: "^[A-Za-z0-9_.-]+$" },
    title: text,
    subtitle: text,
    /** The place studied, as the report names it after "de" ("Paris"); absent: "la ville" / "the city". */
    place: text,
    sources_line: text,
    lang: { enum: ["fr", "en"] },
    envelope: { type: "array", minItems: 4, maxItems: 4, items: { type: "number" } },
    levels: { type: "array", minItems: 1, items: levelDecl },
    zones: { type: "object", additionalProperties: zoneDecl },
    area: { type: "array", minItems: 1, items: text },
    layers: { type: "object", additionalProperties: layerSpec },
    settings,
  },
} as const;
