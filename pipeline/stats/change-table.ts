// The matching's outputs: one row per studied site and per earlier camera (change.csv) and the
// counts of change.json. Every site and every in-city earlier camera gets exactly one row, so
// kept + new = sites placed and kept + removed = earlier cameras in the city by construction;
// the identities are still checked here, since a row lost would break them silently otherwise.
import type { ChangeCounts, ChangeRow } from "../contracts.js";
import { csvPiecesOf, fixed } from "../core/csv-format.js";
import { quantile } from "./quantile.js";
import { matchSites, matchThreshold, siteColumns, type MatchSettings, type OldPoint, type Pair, type Sites } from "./change-match.js";

/**
 * The table's rows made one at a time: row i < sites.n is site i, then the earlier cameras. A
 * large layer's million rows are each made, read and dropped, never held together.
 */
export interface ChangeTable {
  n: number;
  /** Sites placed: rows 0 … sites − 1. */
  sites: number;
  row(i: number): ChangeRow;
  /** Row i's status, without making the row. */
  status(i: number): ChangeRow["status"];
}

export function changeTable(list: Sites, olds: OldPoint[], pairs: Pair[], s: MatchSettings, layers: { studied: string; earlier: string }): ChangeTable {
  const sites = siteColumns(list);
  const bySite = new Int32Array(sites.n).fill(-1), byOld = new Int32Array(olds.length).fill(-1);
  pairs.forEach((p, k) => {
    bySite[p.site] = k;
    byOld[p.old] = k;
  });
  // The threshold depends on the confidence only (a large layer has few distinct ones).
  const thresholdAt = new Map<number | null, number>();
  const threshold = (c: number | null) => {
    let t = thresholdAt.get(c);
    if (t === undefined) thresholdAt.set(c, (t = matchThreshold(c, s)));
    return t;
  };
  const siteRow = (i: number): ChangeRow => {
    const p = bySite[i] >= 0 ? pairs[bySite[i]] : undefined;
    const method = sites.method(i), commissioned = sites.commissioned(i), confidence = sites.confidence(i);
    const flags: string[] = [];
    // A site the geocoder put on a 2012 point is at distance 0 from it by construction: its
    // "kept" says only that the names matched, not that the position was confirmed.
    if (s.fromEarlierLayer !== null && method === s.fromEarlierLayer) flags.push("positioned_from_earlier_layer");
    if (p && p.method === "distance" && p.similarity === 0 && sites.label(i) && olds[p.old].label) flags.push("names_differ");
    if (commissioned === null) flags.push("undated");
    return {
      layer: layers.studied, id: sites.id(i), status: p ? "kept" : "new", match_id: p ? olds[p.old].id : null,
      distance_m: p ? p.distance : null, threshold_m: threshold(confidence), method: p ? p.method : null,
      name_similarity: p ? p.similarity : null, geocode_method: method, geocode_confidence: confidence,
      commissioned, flags,
    };
  };
  const oldRow = (j: number): ChangeRow => {
    const o = olds[j], p = byOld[j] >= 0 ? pairs[byOld[j]] : undefined;
    return {
      layer: layers.earlier, id: o.id, status: p ? "kept" : "removed", match_id: p ? sites.id(p.site) : null,
      distance_m: p ? p.distance : null, threshold_m: null, method: p ? p.method : null, name_similarity: p ? p.similarity : null,
      geocode_method: null, geocode_confidence: null, commissioned: null, flags: [],
    };
  };
  return {
    n: sites.n + olds.length,
    sites: sites.n,
    row: (i) => (i < sites.n ? siteRow(i) : oldRow(i - sites.n)),
    status: (i) => (i < sites.n ? (bySite[i] >= 0 ? "kept" : "new") : byOld[i - sites.n] >= 0 ? "kept" : "removed"),
  };
}

/** Every row of changeTable, held (a small table's callers and tests). */
export function changeRows(sites: Sites, olds: OldPoint[], pairs: Pair[], s: MatchSettings, layers: { studied: string; earlier: string }): ChangeRow[] {
  const t = changeTable(sites, olds, pairs, s, layers);
  return Array.from({ length: t.n }, (_, i) => t.row(i));
}

/** The rows as changeTable gives them, from a held list too. */
function tableOf(rows: ChangeRow[] | ChangeTable): Pick<ChangeTable, "n" | "row"> {
  return Array.isArray(rows) ? { n: rows.length, row: (i) => rows[i] } : rows;
}

export function changeCounts(rows: ChangeRow[] | ChangeTable, studied: string, earlier: string, outsideCity: number): ChangeCounts {
  // One pass, each row made once (a large layer's million rows are not held).
  const t = tableOf(rows);
  let sites = 0, olds = 0, fresh = 0, removed = 0, oldKept = 0, freshFromEarlier = 0, keptFromEarlier = 0;
  const byMethod = { distance_and_name: 0, distance: 0, name: 0 };
  const dist: number[] = [];
  for (let i = 0; i < t.n; i++) {
    const r = t.row(i);
    if (r.layer === studied) {
      sites++;
      const fromEarlier = r.flags.includes("positioned_from_earlier_layer");
      if (r.status === "kept") {
        dist.push(r.distance_m!);
        if (r.method !== null) byMethod[r.method]++;
        if (fromEarlier) keptFromEarlier++;
      } else if (r.status === "new") {
        fresh++;
        if (fromEarlier) freshFromEarlier++;
      }
    } else if (r.layer === earlier) {
      olds++;
      if (r.status === "removed") removed++;
      else if (r.status === "kept") oldKept++;
    }
  }
  dist.sort((a, b) => a - b);
  const c: ChangeCounts = {
    sites_placed: sites,
    earlier_in_city: olds,
    earlier_outside_city: outsideCity,
    kept: dist.length,
    new: fresh,
    removed,
    kept_by_method: byMethod,
    kept_positioned_from_earlier_layer: keptFromEarlier,
    kept_independent: dist.length - keptFromEarlier,
    new_positioned_from_earlier_layer: freshFromEarlier,
    kept_distance_m: dist.length ? { median: round1(quantile(dist, 0.5)), p95: round1(quantile(dist, 0.95)), max: round1(dist[dist.length - 1]) } : null,
  };
  if (c.kept + c.new !== c.sites_placed || c.kept + c.removed !== c.earlier_in_city || oldKept !== c.kept) {
    throw new Error(`change: counts do not add up (${JSON.stringify(c)})`);
  }
  return c;
}

/** The threshold scales of the sensitivity rows (1 = the rule). */
export const SENSITIVITY_SCALES = [0.5, 1, 1.5];

/** Kept / new / removed with every threshold scaled (how much the verdict owes to T); `keptAt`: the kept count at a scale the caller matched already. */
export function sensitivity(sites: Sites, olds: OldPoint[], s: MatchSettings, keptAt: Map<number, number> = new Map()) {
  const n = Array.isArray(sites) ? sites.length : sites.n;
  return SENSITIVITY_SCALES.map((scale) => {
    const kept = keptAt.get(scale) ?? matchSites(sites, olds, { ...s, scale }).length;
    return { threshold_scale: scale, kept, new: n - kept, removed: olds.length - kept };
  });
}

export const CHANGE_CSV_HEADER = ["layer", "id", "status", "match_id", "distance_m", "threshold_m", "method", "name_similarity", "geocode_method", "geocode_confidence", "commissioned", "flags"];

/** change.csv's bytes, as pieces in shared memory (core/csv-format.ts csvPiecesOf). */
export function changeCsv(rows: ChangeRow[] | ChangeTable): Uint8Array[] {
  const t = tableOf(rows);
  return csvPiecesOf(CHANGE_CSV_HEADER, t.n, (i) => {
    const r = t.row(i);
    return [
      r.layer, r.id, r.status, r.match_id ?? "", fixed(r.distance_m, 1), fixed(r.threshold_m, 1), r.method ?? "", fixed(r.name_similarity, 3),
      r.geocode_method ?? "", fixed(r.geocode_confidence, 2), r.commissioned ?? "", r.flags.join(" "),
    ];
  });
}

const round1 = (v: number) => Math.round(v * 10) / 10;
