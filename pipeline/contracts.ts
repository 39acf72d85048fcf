// The stage contracts: the shape of every file a stage writes for the next ones to read
// (DESIGN.md "Stage contracts"). Stages import these types from here, never from one another.
// The files themselves are the interface users and tests depend on; these types follow them.

// --- layers stage: out/layers/manifest.json
export interface ManifestEntry {
  layer: string;
  file: string;
  source: string | null;
  vintage: string | null;
  licence: string | null;
  /** Given on the command line (--layer) rather than by the study file. */
  user: boolean;
  inputs: Array<{ path: string; sha256: string; bytes: number }>;
  read: number;
  kept: number;
  dropped: Array<{ reason: string; count: number }>;
  merged: number;
  notes: string[];
}

export interface LayersManifest {
  study: string;
  /** The districts that bound the analysis (--area / study "area"), or null for the whole city. */
  area: string[] | null;
  layers: ManifestEntry[];
}

// --- join stage: out/joined/report.json
export interface JoinReport {
  cameras: number;
  cameras_outside_city: number;
  /** Level key (and "cell") → ids of the cameras outside every district of that level. */
  cameras_without: Record<string, string[]>;
  cells: number;
  cells_inhabited: number;
  income_cells_outside_city: number;
  /** Level layer → inhabited cells whose counts reached no district. */
  unallocated_cells: Record<string, string[]>;
  crossings: number;
  crossings_in_city: number;
  zone_tolerance_m: number;
  centre: { name: string; lonlat: [number, number] };
  /** What the study declares and has: the stats stage computes nothing for what is absent. */
  inputs: { levels: Array<{ layer: string; key: string }>; zones: string[]; income: boolean; crossings: boolean; stations: boolean; terminals: boolean; central_districts: string[] };
  /** city, `<zone>_in_city` for each zone, central (the central districts), terminals_300m_in_city. */
  areas_m2: Record<string, number>;
  totals: Record<string, number>;
  /** Present when the study has a ridership layer. */
  ridership?: RidershipJoinSummary;
}

/** What the join reports about the ridership it used (stations within 300 m of cells and cameras). */
export interface RidershipJoinSummary {
  /** Stop areas with entries. */
  stations: number;
  entries: number;
  /** Entries at the stations standing inside the city. */
  entries_in_city: number;
  radius_m: number;
  year: number | null;
}

// --- join stage: properties added to each camera of out/joined/cameras.geojson
/**
 * What the join adds to a point (camera, crossing): the id of the district of each level (under
 * the level's key), the ids of the zones containing it (under the zone's name, and within the
 * tolerance under `<zone>_tol`), and distances.
 */
export interface PointJoin {
  cell: string;
  in_city: boolean;
  dist_centre_m: number;
  /** null when the study has no terminals layer. */
  dist_terminal_m: number | null;
  nearest_terminal: string;
  dist_edge_m: number;
  stations_300m: number;
  [levelOrZone: string]: string | number | boolean | null;
}

// --- join stage: out/joined/cameras.cols, the joined cameras as typed columns
/**
 * A string column stored as codes into its distinct values: values[codes[i]], -1 for null and
 * -2 for a property the camera's feature does not have (only for properties the join carries
 * from the camera layer; the join's own fields are on every camera).
 */
export interface CodedColumn<T = string> {
  codes: Int32Array;
  values: T[];
}

/**
 * The cameras of out/joined/cameras.geojson, in the same order, as one typed array per field
 * (pipeline/core/joined-cameras.ts reads it): what the statistics and the maps need of a million
 * cameras without parsing 600 MB of GeoJSON into an object per camera. Numbers are the values the
 * GeoJSON holds (NaN where it holds null); codes as CodedColumn.
 */
export interface JoinedCameraTable {
  n: number;
  /** WGS84, as written in the GeoJSON (7 decimals). */
  lon: Float64Array;
  lat: Float64Array;
  /** Lambert-93 (EPSG:2154) metres, projected from lon/lat. */
  x: Float64Array;
  y: Float64Array;
  /** INSPIRE 200 m cell id (CRS3035RES200mN…E…). */
  cell: CodedColumn;
  /** 1 inside the city (or analysis area), 0 outside. */
  in_city: Uint8Array;
  dist_centre_m: Float64Array;
  /** NaN when the study has no terminals layer. */
  dist_terminal_m: Float64Array;
  nearest_terminal: CodedColumn;
  /** Signed: positive inside the city. */
  dist_edge_m: Float64Array;
  stations_300m: Uint32Array;
  /** Annual entries at stations within 300 m; null when the study has no ridership layer. */
  ridership_300m: Float64Array | null;
  /** Declared level key → district code. */
  levels: Record<string, CodedColumn>;
  /** Declared zone layer → ids of the zone polygons holding the camera ("a;b"), and within the tolerance. */
  zones: Record<string, CodedColumn>;
  zones_tol: Record<string, CodedColumn>;
  /** From the camera layer (out/layers/cameras.geojson): JSON values, usually strings / numbers. */
  source: CodedColumn<unknown>;
  geocode_method: CodedColumn<unknown>;
  geocode_confidence: CodedColumn<unknown>;
  commissioned: CodedColumn<unknown>;
  /** Row i's id and label (label null or absent: null). */
  id(i: number): string;
  label(i: number): string | null;
  /** Whether the layer's features had a label property (the GeoJSON's `label` key), row i. */
  hasLabel(i: number): boolean;
}

// --- join stage: a row of out/joined/crossings.csv
/** What the crossings null model needs: far fewer lookups than a camera's full join. */
export interface CrossingJoin {
  cell: string;
  in_city: boolean;
  /** Code of the coarsest level's district, or null. */
  district: string | null;
  /** Zone layer → ids of the zones containing the crossing, or null. */
  zones: Record<string, string | null>;
  dist_terminal_m: number | null;
}

// --- join stage: a row of out/joined/cells.csv (shared with the stats stage)
/** What a cell carries into cells.csv and back into the stats stage (join and stats share it). */
export interface CellMeasures {
  id: string;
  area_m2: number;
  city_area_m2: number;
  inhabited: boolean;
  imputed: boolean;
  mean_income: number | null;
  dist_centre_m: number;
  dist_edge_m: number;
  stations_300m: number;
}

// --- layers stage: out/layers/ridership_match.json
/** How the ridership rows were placed on stations. */
export interface RidershipMatchReport {
  file: string;
  /** The study's `options.year` (null when not set: the latest file is used). */
  year_requested: number | null;
  /** The year of the file used (null if its name says none). */
  year: number | null;
  years_available: number[];
  /** Set when the year used is not the one requested (nearest year). */
  year_note: string | null;
  rows: number;
  rows_matched: number;
  entries: number;
  entries_placed: number;
  entries_placed_share: number;
  by_method: { name: number; "name+lines": number; alias: number };
  /** Rows, matched rows, entries and entries placed per town named in the file. */
  by_town: Record<string, { rows: number; matched: number; entries: number; placed: number }>;
  homonyms: Array<{ line: number; station: string; network: string; lines: string[]; chosen: string; set_aside: string[] }>;
  aliases: Array<{ line: number; station: string; network: string; chosen: string; why: string }>;
  unmatched: Array<{ line: number; station: string; network: string; entries: number; town: string; reason: string; candidates: string[] }>;
}

// --- stats stage: change since an earlier vintage (out/stats/change.{csv,json}, change_<level>.csv)
/** One row of out/stats/change.csv: a studied site or an earlier camera. */
export interface ChangeRow {
  /** The layer the row's point comes from: "cameras" (studied) or "cameras_2012" (earlier). */
  layer: string;
  id: string;
  status: "kept" | "new" | "removed";
  /** The paired point of the other layer. */
  match_id: string | null;
  distance_m: number | null;
  /** The studied site's matching threshold (from its geocode_confidence). */
  threshold_m: number | null;
  method: "distance_and_name" | "distance" | "name" | null;
  name_similarity: number | null;
  geocode_method: string | null;
  geocode_confidence: number | null;
  commissioned: string | null;
  /** positioned_from_earlier_layer, names_differ, undated. */
  flags: string[];
}

export interface ChangeCounts {
  sites_placed: number;
  earlier_in_city: number;
  earlier_outside_city: number;
  kept: number;
  new: number;
  removed: number;
  kept_by_method: { distance_and_name: number; distance: number; name: number };
  /** Kept only because the geocoder put the site on the earlier point: no evidence of stability. */
  kept_positioned_from_earlier_layer: number;
  kept_independent: number;
  new_positioned_from_earlier_layer: number;
  kept_distance_m: { median: number; p95: number; max: number } | null;
}

export type Grade = "holds" | "fragile" | "not_established";

/** A claim of the verdict, as hypothesis.json's `claims` holds them. */
export interface Claim {
  id: string;
  grade: Grade;
  /** The test that set the grade. */
  decided_by: string;
  statement: { en: string; fr: string };
  numbers: Record<string, unknown>;
}

/** One designation date of a zone tested against the commissioning dates. */
export interface TimingTest {
  zone: string;
  /** The zone's short name for legends ("ZSP"). */
  zone_short: string;
  date: string;
  part: string | null;
  /** Zone features the part was matched to (all of the zone's when it names none). */
  features: string[];
  area_share: number;
  dated: number;
  undated: number;
  undated_in_zone: number;
  before: { cameras: number; in_zone: number; share: number };
  after: { cameras: number; in_zone: number; share: number };
  /** after.share − before.share. */
  difference: number;
  tested: boolean;
  reason?: string;
  /** The reason in French, for the claim's French statement and the report. */
  reason_fr?: string;
  rotation?: { draws: number; p_upper: number; envelope: [number, number, number]; rejected_placements: number };
  date_permutation?: { draws: number; p_upper: number; envelope: [number, number, number] };
  /** Bonferroni over the dates tested. */
  p_adjusted?: number;
  grade: Grade;
  decided_by: string;
}

export interface TimingReport {
  computed: boolean;
  reason?: string;
  /** The reason in French, for the claim's French statement. */
  reason_fr?: string;
  before_rule?: string;
  tests: TimingTest[];
  caveats: { en: string[]; fr: string[] };
}

export interface ChangeReport {
  /** False when the matching could not be made (no earlier layer), with the reason. */
  computed: boolean;
  reason?: string;
  layers?: { studied: string; earlier: string };
  rule?: Record<string, unknown>;
  counts?: ChangeCounts;
  sensitivity?: Array<{ threshold_scale: number; kept: number; new: number; removed: number }>;
  /** Per declared zone: the share of kept and of new sites (in the city) standing in it. Descriptive, untested. */
  zone_shares?: Array<{ zone: string; short: string; kept: number; kept_in_zone: number; kept_share: number; new: number; new_in_zone: number; new_share: number }>;
  /** Commissioning dates of the studied sites, by month (the timeline chart). */
  commissioned_by_month?: Array<{ month: string; cameras: number; kept?: number; new?: number }>;
  timing: TimingReport;
  claim: Claim;
}

/** One row of out/stats/change_<level>.csv. */
export interface ChangeDistrictRow {
  code: string;
  cameras_2012: number;
  cameras_2019: number;
  kept: number;
  new: number;
  gone: number;
}
