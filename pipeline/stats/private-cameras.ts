// Where the crowdsourced private cameras stand against the Préfecture's: shares in the central
// districts, in each declared zone, and near high-ridership stations, beside the same shares of
// the city's area. Pure: located points in, rows out. The crowdsourced layer is a volunteer survey
// of part of the city, not a census: the table describes it and runs no test (see `coverage`).
import { csvText, fixed } from "../core/csv-format.js";

export interface LocatedCamera {
  in_city: boolean;
  central: boolean;
  /** Zone layer → inside it. */
  zones: Record<string, boolean>;
  near_high_ridership: boolean;
  ridership_300m: number | null;
  /** Code of the coarsest level's district (null outside every district). */
  district: string | null;
}

export interface CameraGroup {
  id: string;
  label: string;
  /** The cameras, or a way to locate camera i of n when there are too many to hold (a million); what `at` returns may be reused for the next camera. */
  cameras: LocatedCamera[] | { n: number; at(i: number): LocatedCamera };
}

export interface PrivateCameraRow {
  group: string;
  label: string;
  cameras: number;
  in_city: number;
  central_share: number | null;
  zone_shares: Record<string, number | null>;
  near_high_ridership_share: number | null;
  near_any_station_share: number | null;
  median_ridership_300m: number | null;
}

export interface AreaShares {
  central: number;
  zones: Record<string, number>;
  near_high_ridership: number | null;
}

export function groupRow(g: CameraGroup, zones: string[]): PrivateCameraRow {
  const list = g.cameras;
  const n = Array.isArray(list) ? list.length : list.n;
  const at = Array.isArray(list) ? (i: number) => list[i] : (i: number) => list.at(i);
  // One pass, counting: the group may be a large layer's million cameras, located one at a time.
  let inCity = 0, central = 0, near = 0;
  const inZone = zones.map(() => 0);
  // The entries in a typed array, sorted as numbers (no comparator call per pair).
  const all = new Float64Array(n);
  let rode = 0;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (!c.in_city) continue;
    inCity++;
    if (c.central) central++;
    for (let k = 0; k < zones.length; k++) if (c.zones[zones[k]]) inZone[k]++;
    if (c.near_high_ridership) near++;
    if (c.ridership_300m !== null) all[rode++] = c.ridership_300m;
  }
  const rides = all.subarray(0, rode).sort();
  const share = (k: number) => (inCity ? k / inCity : null);
  return {
    group: g.id,
    label: g.label,
    cameras: n,
    in_city: inCity,
    central_share: share(central),
    zone_shares: Object.fromEntries(zones.map((z, k) => [z, share(inZone[k])])),
    near_high_ridership_share: rides.length || inCity === 0 ? share(near) : null,
    near_any_station_share: rides.length ? rides.filter((v) => v > 0).length / rides.length : null,
    median_ridership_300m: rides.length ? median(rides) : null,
  };
}

function median(sorted: ArrayLike<number>): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** The city's own shares, as the row every group is read against. */
export function areaRow(a: AreaShares, zones: string[], label: string): PrivateCameraRow {
  return {
    group: "city_area",
    label,
    cameras: 0,
    in_city: 0,
    central_share: a.central,
    zone_shares: Object.fromEntries(zones.map((z) => [z, a.zones[z] ?? null])),
    near_high_ridership_share: a.near_high_ridership,
    near_any_station_share: null,
    median_ridership_300m: null,
  };
}

/** How much of the city the survey covers: its points per district of the coarsest level. */
export function coverage(cameras: LocatedCamera[], districts: string[]): { districts: number; districts_with_any: number; top3_share: number; by_district: Record<string, number> } {
  const by = Object.fromEntries(districts.map((d) => [d, 0]));
  for (const c of cameras) if (c.district !== null && c.district in by) by[c.district]++;
  const counts = Object.values(by).sort((a, b) => b - a);
  const total = counts.reduce((s, v) => s + v, 0);
  return { districts: districts.length, districts_with_any: counts.filter((v) => v > 0).length, top3_share: total ? (counts[0] + (counts[1] ?? 0) + (counts[2] ?? 0)) / total : 0, by_district: by };
}

export function privateCamerasCsv(rows: PrivateCameraRow[], zones: string[]): string {
  const header = ["group", "label", "cameras", "in_city", "central_share", ...zones.map((z) => `share_in_${z}`), "near_high_ridership_share", "near_any_station_share", "median_ridership_300m"];
  return csvText(header, rows.map((r) => [
    r.group, r.label, String(r.cameras), String(r.in_city), fixed(r.central_share, 4), ...zones.map((z) => fixed(r.zone_shares[z], 4)),
    fixed(r.near_high_ridership_share, 4), fixed(r.near_any_station_share, 4), fixed(r.median_ridership_300m, 0),
  ]));
}
