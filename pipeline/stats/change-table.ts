// The matching's outputs: one row per studied site and per earlier camera (change.csv) and the
// counts of change.json. Every site and every in-city earlier camera gets exactly one row, so
// kept + new = sites placed and kept + removed = earlier cameras in the city by construction;
// the identities are still checked here, since a row lost would break them silently otherwise.
import type { ChangeCounts, ChangeRow } from "../contracts.js";
import { csvTextOf, fixed } from "../core/csv-format.js";
import { quantile } from "./quantile.js";
import { matchSites, matchThreshold, type MatchSettings, type OldPoint, type Pair, type SitePoint } from "./change-match.js";

export function changeRows(sites: SitePoint[], olds: OldPoint[], pairs: Pair[], s: MatchSettings, layers: { studied: string; earlier: string }): ChangeRow[] {
  const bySite = new Map(pairs.map((p) => [p.site, p]));
  const byOld = new Map(pairs.map((p) => [p.old, p]));
  const rows: ChangeRow[] = sites.map((site, i) => {
    const p = bySite.get(i);
    const flags: string[] = [];
    // A site the geocoder put on a 2012 point is at distance 0 from it by construction: its
    // "kept" says only that the names matched, not that the position was confirmed.
    if (s.fromEarlierLayer !== null && site.method === s.fromEarlierLayer) flags.push("positioned_from_earlier_layer");
    if (p && p.method === "distance" && p.similarity === 0 && site.label && olds[p.old].label) flags.push("names_differ");
    if (site.commissioned === null) flags.push("undated");
    return {
      layer: layers.studied, id: site.id, status: p ? "kept" : "new", match_id: p ? olds[p.old].id : null,
      distance_m: p ? p.distance : null, threshold_m: matchThreshold(site.confidence, s), method: p ? p.method : null,
      name_similarity: p ? p.similarity : null, geocode_method: site.method, geocode_confidence: site.confidence,
      commissioned: site.commissioned, flags,
    };
  });
  olds.forEach((o, j) => {
    const p = byOld.get(j);
    rows.push({
      layer: layers.earlier, id: o.id, status: p ? "kept" : "removed", match_id: p ? sites[p.site].id : null,
      distance_m: p ? p.distance : null, threshold_m: null, method: p ? p.method : null, name_similarity: p ? p.similarity : null,
      geocode_method: null, geocode_confidence: null, commissioned: null, flags: [],
    });
  });
  return rows;
}

export function changeCounts(rows: ChangeRow[], studied: string, earlier: string, outsideCity: number): ChangeCounts {
  const site = rows.filter((r) => r.layer === studied), old = rows.filter((r) => r.layer === earlier);
  const kept = site.filter((r) => r.status === "kept");
  const count = (rs: ChangeRow[], f: (r: ChangeRow) => boolean) => rs.filter(f).length;
  const dist = kept.map((r) => r.distance_m!).sort((a, b) => a - b);
  const c: ChangeCounts = {
    sites_placed: site.length,
    earlier_in_city: old.length,
    earlier_outside_city: outsideCity,
    kept: kept.length,
    new: count(site, (r) => r.status === "new"),
    removed: count(old, (r) => r.status === "removed"),
    kept_by_method: {
      distance_and_name: count(kept, (r) => r.method === "distance_and_name"),
      distance: count(kept, (r) => r.method === "distance"),
      name: count(kept, (r) => r.method === "name"),
    },
    kept_positioned_from_earlier_layer: count(kept, (r) => r.flags.includes("positioned_from_earlier_layer")),
    kept_independent: count(kept, (r) => !r.flags.includes("positioned_from_earlier_layer")),
    new_positioned_from_earlier_layer: count(site, (r) => r.status === "new" && r.flags.includes("positioned_from_earlier_layer")),
    kept_distance_m: dist.length ? { median: round1(quantile(dist, 0.5)), p95: round1(quantile(dist, 0.95)), max: round1(dist[dist.length - 1]) } : null,
  };
  if (c.kept + c.new !== c.sites_placed || c.kept + c.removed !== c.earlier_in_city || count(old, (r) => r.status === "kept") !== c.kept) {
    throw new Error(`change: counts do not add up (${JSON.stringify(c)})`);
  }
  return c;
}

/** The threshold scales of the sensitivity rows (1 = the rule). */
export const SENSITIVITY_SCALES = [0.5, 1, 1.5];

/** Kept / new / removed with every threshold scaled (how much the verdict owes to T); `keptAt`: the kept count at a scale the caller matched already. */
export function sensitivity(sites: SitePoint[], olds: OldPoint[], s: MatchSettings, keptAt: Map<number, number> = new Map()) {
  return SENSITIVITY_SCALES.map((scale) => {
    const kept = keptAt.get(scale) ?? matchSites(sites, olds, { ...s, scale }).length;
    return { threshold_scale: scale, kept, new: sites.length - kept, removed: olds.length - kept };
  });
}

export const CHANGE_CSV_HEADER = ["layer", "id", "status", "match_id", "distance_m", "threshold_m", "method", "name_similarity", "geocode_method", "geocode_confidence", "commissioned", "flags"];

export function changeCsv(rows: ChangeRow[]): string {
  return csvTextOf(CHANGE_CSV_HEADER, rows.length, (i) => {
    const r = rows[i];
    return [
      r.layer, r.id, r.status, r.match_id ?? "", fixed(r.distance_m, 1), fixed(r.threshold_m, 1), r.method ?? "", fixed(r.name_similarity, 3),
      r.geocode_method ?? "", fixed(r.geocode_confidence, 2), r.commissioned ?? "", r.flags.join(" "),
    ];
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;
