// Stage contracts shared by several stages: what one stage writes under out/ and the next reads.
// Each stage imports these types from here, never from another stage's folder.

// ---- Change between two camera layers (stats writes out/stats/change.{csv,json} and
// change_<level>.csv; render, report and compare read them) ----

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
