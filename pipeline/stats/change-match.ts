// Which cameras of the earlier layer (2012) are still there in the studied list (2019)? Each 2019
// site is paired with at most one 2012 camera and each camera with at most one site.
//
// The rule. A geocoded 2019 site and the 2012 point of the same camera differ by two position
// errors: the geocoder's, which the project models as a 2-D normal of σ(c) = σ₁ + (1 − c)(σ₀ − σ₁)
// for geocode_confidence c (the jitter model of the hypothesis test, settings.jitter_sigma_m,
// default σ₁ = 15 m, σ₀ = 100 m), and the 2012 layer's own, taken as σ₁ (a published position).
// The distance between two such points follows a Rayleigh law of scale √(σ(c)² + σ₁²), whose 95th
// percentile is √(−2 ln 0.05) ≈ 2.448 times the scale. That is the threshold T(c): 59.7 m for a
// crossing matched exactly (c = 0.95), 125.4 m at c = 0.6, 186.0 m for the middle of a street (c = 0.3).
// It comes from the stated error model, not from the data it sorts, and the sensitivity to it is
// reported (T × 0.5 and × 1.5).
//
// Names, where both points have one, order the candidates: a pair within T whose names agree
// (Dice ≥ 0.5 on distinctive words) is taken before a closer pair whose names do not, and a pair
// with agreeing names may lie up to 2T apart (a site geocoded to the wrong end of its street).
//
// One-to-one by greedy assignment: all candidate pairs sorted by (tier, distance, site, camera),
// each taken if both ends are still free. Greedy rather than an optimal assignment because it is
// the rule a reader can redo by hand (and in geopandas), it never pairs a site with a farther
// camera while a nearer free one of the same tier exists, and at these spacings (2012 cameras are
// 105 m apart at the median, thresholds 60–190 m) the two differ on very few pairs.
import Flatbush from "flatbush";
import { nameSimilarity, nameWords, NAMES_AGREE } from "./change-names.js";
import { PointBuckets } from "./change-rotation.js";

export interface SitePoint {
  id: string;
  x: number;
  y: number;
  label: string | null;
  /** geocode_confidence in [0, 1]; null = a position given with the data (counts as 1). */
  confidence: number | null;
  method: string | null;
  commissioned: string | null;
}

/**
 * The studied sites as columns, SitePoint's fields by accessor: a large layer's million sites
 * then hold no object each (nor the garbage collector's time marking them). A SitePoint[] is
 * read through the same accessors (siteColumns).
 */
export interface SiteColumns {
  n: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  id(i: number): string;
  label(i: number): string | null;
  confidence(i: number): number | null;
  method(i: number): string | null;
  commissioned(i: number): string | null;
}

export type Sites = SitePoint[] | SiteColumns;

export function siteColumns(sites: Sites): SiteColumns {
  if (!Array.isArray(sites)) return sites;
  return {
    n: sites.length,
    x: Float64Array.from(sites, (s) => s.x),
    y: Float64Array.from(sites, (s) => s.y),
    id: (i) => sites[i].id,
    label: (i) => sites[i].label,
    confidence: (i) => sites[i].confidence,
    method: (i) => sites[i].method,
    commissioned: (i) => sites[i].commissioned,
  };
}

export interface OldPoint {
  id: string;
  x: number;
  y: number;
  label: string | null;
}

export interface MatchSettings {
  sigmaAtFull: number;
  sigmaAtZero: number;
  /** Multiplies every threshold (1 = the rule; 0.5 and 1.5 for the sensitivity rows). */
  scale: number;
  /** geocode_method of sites that were placed on a point of the earlier layer itself. */
  fromEarlierLayer: string | null;
}

export type MatchMethod = "distance_and_name" | "distance" | "name";

export interface Pair {
  site: number;
  old: number;
  distance: number;
  similarity: number;
  method: MatchMethod;
}

/** √(−2 ln 0.05): the 95th percentile of a Rayleigh distribution of scale 1. */
export const RAYLEIGH_95 = Math.sqrt(-2 * Math.log(0.05));

export function sigmaAt(confidence: number | null, s: Pick<MatchSettings, "sigmaAtFull" | "sigmaAtZero">): number {
  const c = confidence === null || !Number.isFinite(confidence) ? 1 : Math.max(0, Math.min(1, confidence));
  return s.sigmaAtFull + (1 - c) * (s.sigmaAtZero - s.sigmaAtFull);
}

export function matchThreshold(confidence: number | null, s: MatchSettings): number {
  return s.scale * RAYLEIGH_95 * Math.hypot(sigmaAt(confidence, s), s.sigmaAtFull);
}

const TIER: Record<MatchMethod, number> = { distance_and_name: 0, distance: 1, name: 2 };
/** The methods by tier: candidates are taken tier by tier. */
const METHODS: MatchMethod[] = ["distance_and_name", "distance", "name"];

/** The one-to-one pairs, in the order they were taken. */
export function matchSites(sites: Sites, olds: OldPoint[], s: MatchSettings): Pair[] {
  return matchSitesBy(sites, olds, s, siteCount(sites) > olds.length ? "olds" : "sites");
}

/** matchSites with the side whose points are searched for chosen (both give the same pairs). */
export function matchSitesBy(sites: Sites, olds: OldPoint[], s: MatchSettings, searchFrom: "sites" | "olds"): Pair[] {
  return matchAtScales(sites, olds, s, [s.scale], searchFrom)[0];
}

/**
 * matchSites at each of `scales` (each replacing s.scale): the candidate pairs found once, at the
 * largest scale, then filtered, sorted and assigned per scale — the rule and its sensitivity rows
 * (× 0.5, × 1.5) from one search. Each scale's pairs are exactly matchSites' at that scale.
 */
export function matchAtScales(list: Sites, olds: OldPoint[], s: MatchSettings, scales: number[], searchFrom: "sites" | "olds" = siteCount(list) > olds.length ? "olds" : "sites"): Pair[][] {
  const sites = siteColumns(list);
  const { x: sx, y: sy } = sites;
  if (sites.n === 0 || olds.length === 0) return scales.map(() => []);
  const top = Math.max(...scales);
  const oldWords = olds.map((o) => nameWords(o.label));
  // A site none of whose words any earlier name has agrees with no earlier camera (Dice 0): its
  // words are not compared pair by pair (a large layer's names are mostly of that kind).
  const anyOld = new Set<string>();
  for (const w of oldWords) for (const x of w) anyOld.add(x);
  const words = new Array<Set<string> | null | undefined>(sites.n);
  const wordsOf = (i: number) => {
    let w = words[i];
    if (w === undefined) words[i] = w = nameWords(sites.label(i), anyOld);
    return w;
  };
  // Candidates at the largest scale, as columns: site, earlier camera, distance, similarity.
  let site = new Int32Array(1024), old = new Int32Array(1024), dist = new Float64Array(1024), sim = new Float64Array(1024);
  let len = 0;
  const tTop = thresholds(sites, s, top);
  const consider = (i: number, j: number) => {
    const dx = sx[i] - olds[j].x, dy = sy[i] - olds[j].y, reach = 2 * tTop[i];
    // Most points of a search box are beyond the reach: the squared distance says so without a
    // hypot (only within a billionth of the reach does the hypot decide, as it always did).
    if (dx * dx + dy * dy > reach * reach * (1 + 1e-9)) return;
    const d = Math.hypot(dx, dy);
    if (d > reach) return;
    const w = wordsOf(i);
    const similarity = w ? nameSimilarity(w, oldWords[j]) : 0;
    // Beyond the threshold only agreeing names make a candidate, at every scale.
    if (d > tTop[i] && similarity < NAMES_AGREE) return;
    if (len === site.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(2 * a.length); b.set(a); return b; };
      site = grow(site); old = grow(old); dist = grow(dist); sim = grow(sim);
    }
    site[len] = i; old[len] = j; dist[len] = d; sim[len] = similarity;
    len++;
  };
  // The smaller layer is searched against an index of the larger (a large layer beside an
  // earlier list of a thousand points: a thousand searches, not one per site). The candidates are
  // the same pairs either way, and their order is fixed by the sort below.
  if (searchFrom === "sites") {
    const index = new Flatbush(olds.length);
    for (const o of olds) index.add(o.x, o.y, o.x, o.y);
    index.finish();
    for (let i = 0; i < sites.n; i++) {
      for (const j of index.search(sx[i] - 2 * tTop[i], sy[i] - 2 * tTop[i], sx[i] + 2 * tTop[i], sy[i] + 2 * tTop[i])) consider(i, j);
    }
  } else {
    // The many sites in square buckets of half the reach (a counting sort: a million sites in a
    // tree cost a sort): each earlier camera reads its box's buckets, a superset of the box that
    // consider() cuts to each site's own reach.
    const reach = 2 * tTop.reduce((m, v) => Math.max(m, v), 0);
    const buckets = new PointBuckets(sx instanceof Float64Array ? sx : Float64Array.from(sx), sy instanceof Float64Array ? sy : Float64Array.from(sy), Math.max(reach / 2, 1));
    const near = buckets.scratch;
    olds.forEach((o, j) => {
      const k = buckets.near(o.x - reach, o.y - reach, o.x + reach, o.y + reach, near);
      for (let q = 0; q < k; q++) consider(near[q], j);
    });
  }
  // The candidates in (distance, site, camera) order, sorted once: within a tier that is every
  // scale's order, so each scale only walks it tier by tier (its tiers differ: a pair within T at
  // one scale may be a name-only pair at a smaller one).
  const order = new Int32Array(len);
  for (let k = 0; k < len; k++) order[k] = k;
  order.sort((a, b) => dist[a] - dist[b] || site[a] - site[b] || old[a] - old[b]);
  const NONE = 255;
  const tier = new Uint8Array(len);
  return scales.map((scale) => {
    const t = scale === top ? tTop : thresholds(sites, s, scale);
    for (let k = 0; k < len; k++) {
      const i = site[k], d = dist[k];
      const agree = sim[k] >= NAMES_AGREE;
      tier[k] = d > 2 * t[i] ? NONE : d <= t[i] ? (agree ? TIER.distance_and_name : TIER.distance) : agree ? TIER.name : NONE;
    }
    const siteTaken = new Uint8Array(sites.n), oldTaken = new Uint8Array(olds.length);
    const pairs: Pair[] = [];
    for (let level = 0; level < METHODS.length; level++) {
      for (let q = 0; q < len; q++) {
        const k = order[q];
        if (tier[k] !== level || siteTaken[site[k]] || oldTaken[old[k]]) continue;
        siteTaken[site[k]] = 1;
        oldTaken[old[k]] = 1;
        pairs.push({ site: site[k], old: old[k], distance: dist[k], similarity: sim[k], method: METHODS[level] });
      }
    }
    return pairs;
  });
}

/** Each site's threshold at `scale`, made once per distinct confidence (a large layer has few). */
function thresholds(sites: SiteColumns, s: MatchSettings, scale: number): Float64Array {
  const at = { ...s, scale };
  const byConfidence = new Map<number | null, number>();
  const out = new Float64Array(sites.n);
  for (let i = 0; i < sites.n; i++) {
    const c = sites.confidence(i);
    let t = byConfidence.get(c);
    if (t === undefined) byConfidence.set(c, (t = matchThreshold(c, at)));
    out[i] = t;
  }
  return out;
}

function siteCount(sites: Sites): number {
  return Array.isArray(sites) ? sites.length : sites.n;
}

/** Distance from each site to the nearest earlier point, whatever the matching (for the checks). */
export function nearestDistances(sites: SitePoint[], olds: OldPoint[]): number[] {
  if (olds.length === 0) return sites.map(() => NaN);
  const index = new Flatbush(olds.length);
  for (const o of olds) index.add(o.x, o.y, o.x, o.y);
  index.finish();
  return sites.map((p) => {
    const [j] = index.neighbors(p.x, p.y, 1);
    return Math.hypot(p.x - olds[j].x, p.y - olds[j].y);
  });
}
