// Stage 2, geocode: places the sites of a camera list without coordinates (the Préfecture's
// 2019 list) and writes them as the study's camera layer, with its own accuracy report.
// When the study's `cameras` layer already has coordinates (a user's --layer cameras=...), the
// layers stage has written cameras.geojson and there is nothing to do.
import { join } from "node:path";
import type { Feature, Point } from "geojson";
import { InputError } from "./core/errors.js";
import { OutputSet, jsonText } from "./core/output.js";
import { step } from "./core/progress.js";
import { transformer } from "./geo/crs.js";
import { columnIndex, parseCsv, parseNumberCell } from "./geo/read-csv.js";
import { readText } from "./geo/read-layer.js";
import { geojsonStream } from "./geo/write-geojson.js";
import { coarsestLevel, requireLayer, type Study } from "./core/study.js";
import type { CameraProperties } from "../layers/cameras.js";
import { readOutLayer } from "./core/out-files.js";
import { accuracyReport, type AccuracyReport } from "./geocode/accuracy.js";
import { agreementWith2012 } from "./geocode/agreement-2012.js";
import { ArrondissementConstraint } from "./geocode/arrondissement-constraint.js";
import { geocodeSite } from "./geocode/geocode-site.js";
import { buildStats, METHOD_ORDER, statsMarkdown, unresolvedCsv, type SiteOutcome } from "./geocode/geocoding-report.js";
import { loadGazetteers, startAddressBytes } from "./geocode/load-gazetteers.js";
import { parseCommissioningDate } from "./geocode/parse-date.js";
import { parseSite, type Site } from "./geocode/parse-site.js";
import { renamedEntries } from "./geocode/renamed-streets.js";

const SITE_COLUMNS = ["Code postal", "Numéro", "Implantation", "Rue croisement 1", "Rue croisement 2", "Rue croisement 3", "Précision de l’implantation", "Date de mise en service"];

export function readSites(file: string): Array<Site & { line: number }> {
  const t = parseCsv(readText(file), file);
  const idx = SITE_COLUMNS.map((c) => columnIndex(t, file, [c, c.replace("’", "'")], c));
  const seen = new Set<string>();
  return t.rows.map((r) => {
    const site = parseSite(idx.map((i) => r.cells[i] ?? ""));
    if (!/^750(0[1-9]|1\d|20)$/.test(site.postalCode)) {
      throw new InputError(file, `${r.line}`, `postal code "${site.postalCode}" is not a Paris arrondissement (75001–75020)`, "fix the row");
    }
    if (!site.numero) throw new InputError(file, `${r.line}`, "empty site number", "fill the Numéro column");
    if (seen.has(site.numero)) throw new InputError(file, `${r.line}`, `site number ${site.numero} appears twice`, "give each site its own number");
    seen.add(site.numero);
    return { ...site, line: r.line };
  });
}

function readReference(file: string): Map<string, [number, number]> {
  const t = parseCsv(readText(file), file);
  const [n, x, y] = [["Numéro", "numero"], ["lon"], ["lat"]].map((c) => columnIndex(t, file, c, c[0]));
  const out = new Map<string, [number, number]>();
  for (const r of t.rows) {
    const lon = parseNumberCell(r.cells[x]);
    const lat = parseNumberCell(r.cells[y]);
    if (Number.isFinite(lon) && Number.isFinite(lat)) out.set(r.cells[n].trim().replace(/^0+(?=\d)/, ""), [lon, lat]);
  }
  return out;
}

export async function runGeocode(study: Study, outDir: string): Promise<void> {
  if (study.layers.cameras) {
    step(`geocode: the study's cameras layer (${study.layers.cameras.file}) already has coordinates; layers wrote cameras.geojson, nothing to geocode`);
    return;
  }
  if (!study.layers.camera_sites) {
    step("geocode: the study has no camera_sites layer; nothing to geocode");
    return;
  }
  const sitesSpec = requireLayer(study, "camera_sites");
  const addressBytes = study.layers.addresses ? startAddressBytes(study.layers.addresses.file) : undefined;
  // A site list gives each site's district by postal code: the study's coarsest level.
  const districtsLayer = coarsestLevel(study).layer;
  const arrFile = join(outDir, "layers", `${districtsLayer}.geojson`);
  const arr = readOutLayer(outDir, districtsLayer);
  const tolerance = Number(sitesSpec.options?.arrondissement_tolerance_m ?? 50);
  const constraint = new ArrondissementConstraint(arr, tolerance);

  const allSites = readSites(sitesSpec.file);
  // With an analysis area the layers stage kept only the area's districts: sites of the other
  // districts are counted and left out (they would be dropped as outside the area anyway).
  const sites = study.area ? allSites.filter((s) => constraint.has(s.arrondissement)) : allSites;
  const outsideArea = allSites.length - sites.length;
  if (study.area && sites.length === 0) {
    throw new InputError(sitesSpec.file, undefined, `no site lies in the analysis area ${study.area.join(",")}`, "check the area codes against the sites' postal codes");
  }
  step(`geocode: ${sites.length} sites${outsideArea ? ` (${outsideArea} outside the analysis area, left out)` : ""}; loading the gazetteers`);
  const g = await loadGazetteers({
    crossings: requireLayer(study, "crossings"),
    addresses: requireLayer(study, "addresses"),
    addressBytes,
    streets: requireLayer(study, "streets"),
    places: study.layers.places,
    facilities: study.layers.facilities,
    prefecture2012File: join(outDir, "layers", "cameras_2012.geojson"),
    stationsFile: join(outDir, "layers", "stations.geojson"),
  });

  const features: Feature<Point, CameraProperties>[] = [];
  const outcomes: SiteOutcome[] = [];
  const dates: Record<string, number> = {};
  const sourceTag = String(sitesSpec.options?.source_tag ?? "prefecture_2019");
  for (const site of sites) {
    const date = parseCommissioningDate(site.dateRaw);
    const dateKey = date.iso === null ? date.reason : "iso";
    dates[dateKey] = (dates[dateKey] ?? 0) + 1;
    if (!constraint.has(site.arrondissement)) throw new InputError(arrFile, undefined, `no arrondissement ${site.arrondissement}`, "re-run the layers stage");
    const r = geocodeSite(site, g, constraint.accept(site.arrondissement), (p) => `${Math.round(constraint.distance(site.arrondissement, p.lon, p.lat))} m outside ${site.arrondissement}`);
    const base = { numero: site.numero, arrondissement: site.arrondissement, implantation: site.implantation, precision: site.precision };
    if (!r.placed) {
      outcomes.push({ ...base, method: null, confidence: null, outside_m: null, reason: r.reason });
      continue;
    }
    const p = r.placed;
    const outside = constraint.distance(site.arrondissement, p.lon, p.lat);
    outcomes.push({ ...base, method: p.method, confidence: p.confidence, outside_m: Math.round(outside * 10) / 10, reason: null });
    features.push({
      type: "Feature",
      properties: {
        id: `${sourceTag}-${site.numero}`,
        source: sourceTag,
        arrondissement: site.arrondissement,
        label: site.implantation,
        commissioned: date.iso,
        geocode_method: p.method,
        geocode_confidence: p.confidence,
        numero: site.numero,
        precision: site.precision,
        geocode_detail: p.detail,
      },
      geometry: { type: "Point", coordinates: [p.lon, p.lat] },
    });
  }

  const accuracy = measureAccuracy(study, outcomes, features);
  const notes = [
    "Positions are geocoded by contrechamp from the site descriptions; they are not the Préfecture's own coordinates.",
    "The reference (data.csv) holds only sites whose crossing names matched OSM exactly: it measures the crossing steps, not the address, 2012, place or street-centre steps (see geocode_confidence).",
    `A site may only land inside the arrondissement of its postal code or within ${tolerance} m of its limit.`,
    ...(outsideArea ? [`${outsideArea} of ${allSites.length} sites lie in districts outside the analysis area ${study.area!.join(",")}: counted, not geocoded.`] : []),
    `Commissioning dates: dd/mm/yy read as 20yy; "inconnue", "#N/A" and "Début 2019" kept as null (counted above).`,
    ...sites.flatMap((s) => s.notes.map((n) => `site ${s.numero}: ${n}`)),
    ...renamedEntries().map((e) => `renamed street: "${e.from}" read as "${e.to}" (${e.why})`),
  ];
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const agreement = agreementWith2012(
    features.map((f) => ({ method: f.properties.geocode_method, xy: toL93(f.geometry.coordinates as [number, number]) })),
    g.prefecturePoints.map((p) => toL93([p.lon, p.lat])),
    METHOD_ORDER,
  );
  const stats = buildStats(outcomes, dates, accuracy, agreement, { sites: sites.length, ...(study.area ? { sites_outside_area: outsideArea } : {}), ...g.counts }, tolerance, notes);
  const out = new OutputSet();
  out.add(join(outDir, "layers", "cameras.geojson"), geojsonStream(features, "cameras"));
  out.add(join(outDir, "stats", "geocoding.json"), jsonText(stats));
  out.add(join(outDir, "stats", "geocoding.md"), statsMarkdown(stats));
  out.add(join(outDir, "stats", "geocoding_unresolved.csv"), unresolvedCsv(outcomes));
  out.commit();
  step(`geocode: ${stats.placed}/${stats.sites} sites placed; median error ${accuracy.median_m} m on ${accuracy.compared} reference sites`);
}

/** Distances to the reference geocoding (never an input of the matchers), overall and per method. */
function measureAccuracy(study: Study, outcomes: SiteOutcome[], features: Feature<Point, CameraProperties>[]): AccuracyReport & { by_method: Record<string, AccuracyReport> } {
  const spec = study.layers.geocode_reference;
  const empty = { ...accuracyReport([], 0), by_method: {} };
  if (!spec) return empty;
  const ref = readReference(spec.file);
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const byNumero = new Map(features.map((f) => [f.properties.numero as string, f]));
  const dist: number[] = [];
  const perMethod: Record<string, number[]> = {};
  let notPlaced = 0;
  for (const o of outcomes) {
    const r = ref.get(o.numero);
    if (!r) continue;
    const f = byNumero.get(o.numero);
    if (!f) {
      notPlaced++;
      continue;
    }
    const a = toL93(r);
    const b = toL93(f.geometry.coordinates as [number, number]);
    const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
    dist.push(d);
    (perMethod[f.properties.geocode_method] ??= []).push(d);
  }
  const by_method: Record<string, AccuracyReport> = {};
  for (const m of METHOD_ORDER) if (perMethod[m]) by_method[m] = accuracyReport(perMethod[m], 0);
  return { ...accuracyReport(dist, notPlaced), by_method };
}
