// The stage's account of itself: what was placed how, how sure, how far from the reference
// geocoding, and every site left out with its reason. Pure: numbers in, JSON/Markdown/CSV text out.
import type { AccuracyReport } from "./accuracy.js";
import { csvText } from "../core/csv-format.js";
import type { GeocodeMethod } from "./placement.js";

export interface SiteOutcome {
  numero: string;
  arrondissement: string;
  implantation: string;
  precision: string;
  method: GeocodeMethod | null;
  confidence: number | null;
  /** Metres outside the declared arrondissement (0 inside). */
  outside_m: number | null;
  reason: string | null;
}

export const METHOD_ORDER: GeocodeMethod[] = ["address", "crossing_exact", "crossing_fuzzy", "street_lines", "prefecture_2012", "place", "street_centre"];
const CONFIDENCE_BINS = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];

export interface GeocodingStats {
  sites: number;
  placed: number;
  placed_share: number;
  unresolved: number;
  by_method: Record<string, number>;
  by_precision: Record<string, { sites: number; placed: number }>;
  by_arrondissement: Record<string, { sites: number; placed: number }>;
  confidence: { bins: Array<{ from: number; to: number; count: number }>; median: number | null };
  outside_arrondissement: { count: number; max_m: number; tolerance_m: number };
  dates: Record<string, number>;
  accuracy: AccuracyReport & { by_method: Record<string, AccuracyReport> };
  /** Distance to the nearest Préfecture 2012 point, by method (an agreement, not an accuracy). */
  agreement_2012: Record<string, AccuracyReport>;
  inputs: Record<string, number>;
  notes: string[];
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

export function buildStats(
  outcomes: SiteOutcome[],
  dates: Record<string, number>,
  accuracy: GeocodingStats["accuracy"],
  agreement2012: GeocodingStats["agreement_2012"],
  inputs: Record<string, number>,
  tolerance: number,
  notes: string[],
): GeocodingStats {
  const placed = outcomes.filter((o) => o.method);
  const byMethod: Record<string, number> = {};
  for (const m of METHOD_ORDER) byMethod[m] = placed.filter((o) => o.method === m).length;
  const group = (key: (o: SiteOutcome) => string) => {
    const g: Record<string, { sites: number; placed: number }> = {};
    for (const o of [...outcomes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))) {
      const k = key(o);
      g[k] ??= { sites: 0, placed: 0 };
      g[k].sites++;
      if (o.method) g[k].placed++;
    }
    return g;
  };
  const conf = placed.map((o) => o.confidence!).sort((a, b) => a - b);
  const bins = CONFIDENCE_BINS.slice(0, -1).map((from, i) => ({
    from,
    to: Math.min(1, CONFIDENCE_BINS[i + 1]),
    count: conf.filter((c) => c >= from && c < CONFIDENCE_BINS[i + 1]).length,
  }));
  const outside = placed.filter((o) => (o.outside_m ?? 0) > 0);
  return {
    sites: outcomes.length,
    placed: placed.length,
    placed_share: r4(placed.length / Math.max(outcomes.length, 1)),
    unresolved: outcomes.length - placed.length,
    by_method: byMethod,
    by_precision: group((o) => o.precision),
    by_arrondissement: group((o) => o.arrondissement),
    confidence: { bins, median: conf.length ? conf[Math.floor((conf.length - 1) / 2)] : null },
    outside_arrondissement: { count: outside.length, max_m: Math.max(0, ...outside.map((o) => o.outside_m!)), tolerance_m: tolerance },
    dates,
    accuracy,
    agreement_2012: agreement2012,
    inputs,
    notes,
  };
}

const pct = (v: number | null) => (v === null ? "–" : `${(100 * v).toFixed(1)} %`);

export function statsMarkdown(s: GeocodingStats): string {
  const a = s.accuracy;
  const lines = [
    "# Geocoding of the Préfecture de Police 2019 list",
    "",
    `${s.placed} of ${s.sites} sites placed (${pct(s.placed_share)}); ${s.unresolved} unresolved (see geocoding_unresolved.csv).`,
    `${s.outside_arrondissement.count} placed sites lie outside their declared arrondissement, all within ${s.outside_arrondissement.tolerance_m} m of its limit (max ${s.outside_arrondissement.max_m} m).`,
    "",
    "## Methods (most to least certain)",
    "",
    "| method | sites |",
    "|---|---:|",
    ...Object.entries(s.by_method).map(([m, n]) => `| ${m} | ${n} |`),
    "",
    "## Confidence",
    "",
    "| confidence | sites |",
    "|---|---:|",
    ...s.confidence.bins.map((b) => `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} |`),
    "",
    `## Accuracy against the ${a.reference_sites} reference sites (data.csv, strict crossing matches)`,
    "",
    a.compared === 0 ? "Accuracy not measured: the study declares no reference geocoding (geocode_reference)." : `Compared ${a.compared} (not placed: ${a.not_placed}). Median ${a.median_m} m, 95th percentile ${a.p95_m} m, max ${a.max_m} m;`,
    `within 30 m ${pct(a.within_30m)}, within 50 m ${pct(a.within_50m)}, within 100 m ${pct(a.within_100m)}.`,
    "",
    "| method | compared | median m | p95 m | within 30 m | within 100 m |",
    "|---|---:|---:|---:|---:|---:|",
    ...Object.entries(a.by_method).map(([m, r]) => `| ${m} | ${r.compared} | ${r.median_m ?? "–"} | ${r.p95_m ?? "–"} | ${pct(r.within_30m)} | ${pct(r.within_100m)} |`),
    "",
    "## Agreement with the Préfecture's own 2012 points",
    "",
    "Distance from each placed site to the nearest point of the 2012 layer (geolocated by the Préfecture). Not an accuracy: sites newer than 2012 have no counterpart, and prefecture_2012 sites agree by construction; but it is the only independent check of the methods the reference above cannot measure.",
    "",
    "| method | sites | median m | p95 m | within 30 m | within 100 m |",
    "|---|---:|---:|---:|---:|---:|",
    ...Object.entries(s.agreement_2012).map(([m, r]) => `| ${m} | ${r.compared} | ${r.median_m ?? "–"} | ${r.p95_m ?? "–"} | ${pct(r.within_30m)} | ${pct(r.within_100m)} |`),
    "",
    "## Sites per arrondissement",
    "",
    "| arrondissement | sites | placed |",
    "|---|---:|---:|",
    ...Object.entries(s.by_arrondissement).map(([k, v]) => `| ${k} | ${v.sites} | ${v.placed} |`),
    "",
    "## Commissioning dates",
    "",
    ...Object.entries(s.dates).map(([k, v]) => `- ${k}: ${v}`),
    "",
    "## Notes",
    "",
    ...s.notes.map((n) => `- ${n}`),
    "",
  ];
  return lines.join("\n");
}

export function unresolvedCsv(outcomes: SiteOutcome[]): string {
  const rows = outcomes.filter((o) => !o.method).map((o) => [o.numero, o.arrondissement, o.implantation, o.precision, o.reason ?? ""]);
  return csvText(["numero", "arrondissement", "implantation", "precision", "reason"], rows);
}
