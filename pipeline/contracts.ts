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
