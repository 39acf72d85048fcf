// The geocoding section from out/stats/geocoding.json (pipeline/geocode/geocoding-report.ts): how
// many sites were placed and by which method, and how far the placements are from the reference
// positions; without that file, the methods counted from out/layers/cameras.geojson.
import type { FeatureCollection } from "geojson";
import type { GeocodingStats } from "../geocode/geocoding-report.js";
import type { AccuracyReport } from "../geocode/accuracy.js";
import { esc, notComputed, notComputedBecause } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";

/** The geocode stage's method ids (pipeline/geocode/placement.ts), plus "source" for positions as published. */
export const GEOCODE_METHODS: Record<string, string> = {
  source: "position publiée par la source",
  address: "adresse (Base adresse nationale)",
  crossing_exact: "croisement de rues, noms exacts (OpenStreetMap)",
  crossing_fuzzy: "croisement de rues, noms approchés",
  street_lines: "croisement calculé sur le tracé des voies",
  prefecture_2012: "point de la carte Préfecture 2012",
  place: "lieu nommé (place, gare, monument)",
  street_centre: "centre de la voie",
};

const m = (v: number | null | undefined) => `${formatFr(v, 1)}\u202fm`;
const th = (labels: string[]) => `<thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join("")}</tr></thead>`;

function accuracyCells(a: AccuracyReport | undefined): string {
  if (!a) return '<td class="n">—</td>'.repeat(5);
  return `<td class="n">${formatFr(a.compared, 0)}</td><td class="n">${m(a.median_m)}</td><td class="n">${m(a.p95_m)}</td><td class="n">${m(a.max_m)}</td><td class="n">${formatPercentFr(a.within_30m, 1)}</td>`;
}

function methodsTable(g: GeocodingStats): string {
  const rows = Object.keys(g.by_method).map((k) =>
    `<tr data-method="${esc(k)}"><th scope="row">${esc(GEOCODE_METHODS[k] ?? k)} <code>${esc(k)}</code></th><td class="n">${formatFr(g.by_method[k], 0)}</td>` +
    `<td class="n">${formatPercentFr(g.by_method[k] / g.placed, 1)}</td>${accuracyCells(g.accuracy.by_method[k])}</tr>`);
  rows.push(`<tr class="total"><th scope="row">Toutes méthodes</th><td class="n">${formatFr(g.placed, 0)}</td><td class="n">${formatPercentFr(1, 0)}</td>${accuracyCells(g.accuracy)}</tr>`);
  return '<div class="scroll" tabindex="0" role="region" aria-label="Méthodes de géocodage"><table class="plain" id="geo-methods">' +
    "<caption>Sites placés par méthode, et écart à la position de référence (sites comparables seulement)</caption>" +
    th(["Méthode", "Sites placés", "Part", "Comparés", "Écart médian", "95e centile", "Maximum", "À moins de 30 m"]) + `<tbody>${rows.join("")}</tbody></table></div>`;
}

/** Distance to the nearest point of the Préfecture's own 2012 layer, per method (an agreement, not an accuracy). */
function agreementTable(g: GeocodingStats): string {
  const a = g.agreement_2012 ?? {};
  const keys = Object.keys(a);
  if (keys.length === 0) return "";
  const rows = keys.map((k) =>
    `<tr><th scope="row">${esc(GEOCODE_METHODS[k] ?? k)} <code>${esc(k)}</code></th><td class="n">${formatFr(a[k].compared, 0)}</td><td class="n">${m(a[k].median_m)}</td>` +
    `<td class="n">${formatPercentFr(a[k].within_30m, 1)}</td><td class="n">${formatPercentFr(a[k].within_100m, 1)}</td></tr>`);
  return "<p>Seul contrôle indépendant des méthodes sans site de référence : la distance au point le plus proche de la couche 2012, géolocalisée par la Préfecture elle-même. " +
    "C'est un accord, pas une précision : les sites postérieurs à 2012 n'y ont pas de point, et la méthode <code>prefecture_2012</code> s'accorde par construction.</p>" +
    '<div class="scroll" tabindex="0" role="region" aria-label="Accord avec la couche 2012"><table class="plain" id="geo-agreement-2012">' +
    "<caption>Distance au point Préfecture 2012 le plus proche, par méthode</caption>" +
    th(["Méthode", "Sites", "Distance médiane", "À moins de 30 m", "À moins de 100 m"]) + `<tbody>${rows.join("")}</tbody></table></div>`;
}

/** `counts`: the methods already counted over the whole layer (read-inputs.ts, a layer read in part). */
function countedFromLayer(cameras: FeatureCollection, counts?: Record<string, number>): string {
  if (!counts) {
    counts = {};
    for (const f of cameras.features) {
      const k = String(f.properties?.geocode_method ?? "inconnu");
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  const rows = Object.keys(counts).sort().map((k) => `<tr><th scope="row">${esc(GEOCODE_METHODS[k] ?? k)} <code>${esc(k)}</code></th><td class="n">${formatFr(counts[k], 0)}</td></tr>`);
  return `<table class="plain"><caption>Caméras par méthode de placement (décompte de out/layers/cameras.geojson)</caption><tbody>${rows.join("")}</tbody></table>`;
}

/** `geocoded`: the study gives a list of sites to place (camera_sites), so the geocode stage writes its figures. */
export function geocodingSection(g: GeocodingStats | undefined, cameras: FeatureCollection | undefined, methods?: Record<string, number>, geocoded = true): string {
  const out = ['<section id="geocodage" aria-labelledby="h-geo"><h2 id="h-geo">Géocodage des caméras</h2>'];
  if (!g) {
    if (cameras) out.push(countedFromLayer(cameras, methods));
    const what = "Précision du géocodage (écarts médian et 95e centile, part à moins de 30 m)";
    out.push(geocoded ? notComputed(what, "stats/geocoding.json", "geocode") : notComputedBecause(what, "les caméras de l'étude ont leurs coordonnées (couche <code>cameras</code>), aucune n'a été géocodée"));
    out.push("</section>");
    return out.join("");
  }
  const a = g.accuracy;
  if (a.compared === 0) {
    // No reference geocoding in the study (geocode_reference absent): nothing to measure against.
    out.push(`<p class="lede">${formatFr(g.placed, 0)} sites placés sur ${formatFr(g.sites, 0)} (${formatPercentFr(g.placed_share, 1)}) ; ${formatFr(g.unresolved, 0)} non placés, listés dans <code>stats/geocoding_unresolved.csv</code>. ` +
      "Précision du géocodage : non mesurée (l'étude ne déclare pas de géocodage de référence, couche <code>geocode_reference</code>).</p>");
  } else out.push(`<p class="lede">${formatFr(g.placed, 0)} sites placés sur ${formatFr(g.sites, 0)} (${formatPercentFr(g.placed_share, 1)}) ; ${formatFr(g.unresolved, 0)} non placés, listés dans <code>stats/geocoding_unresolved.csv</code>. ` +
    `Sur ${formatFr(a.compared, 0)} sites comparés à une position de référence, l'écart médian est de ${m(a.median_m)}, le 95e centile de ${m(a.p95_m)} ; ` +
    `${formatPercentFr(a.within_30m, 1)} sont à moins de 30 m, ${formatPercentFr(a.within_100m, 1)} à moins de 100 m.</p>`);
  const measured = Object.keys(a.by_method).filter((k) => a.by_method[k].compared > 0);
  const unmeasured = Object.keys(g.by_method).filter((k) => g.by_method[k] > 0 && !measured.includes(k));
  if (unmeasured.length) {
    const sites = unmeasured.reduce((s, k) => s + g.by_method[k], 0);
    out.push(`<p>Ces écarts ne valent que pour les méthodes qui ont des sites de référence (${measured.map((k) => `<code>${esc(k)}</code>`).join(", ")}) : ` +
      `les ${formatFr(sites, 0)} sites placés par les autres méthodes ne sont pas mesurés ; leur indice de confiance, plus bas, le traduit, et les tests d'hypothèse sont refaits sur des positions bruitées selon cet indice.</p>`);
  }
  out.push(methodsTable(g));
  out.push(agreementTable(g));
  const bins = g.confidence.bins.map((b) => `<td class="n">${formatFr(b.count, 0)}</td>`).join("");
  out.push('<table class="plain" id="geo-confidence"><caption>Sites placés par indice de confiance du géocodage (médiane ' + formatFr(g.confidence.median, 2) + ")</caption>" +
    th(g.confidence.bins.map((b) => `${formatFr(b.from, 1)} – ${formatFr(Math.min(1, b.to), 1)}`)) + `<tbody><tr>${bins}</tr></tbody></table>`);
  out.push(`<p>Un site ne peut être placé que dans l'arrondissement de son code postal ou à moins de ${formatFr(g.outside_arrondissement.tolerance_m, 0)}\u202fm de sa limite : ` +
    `${formatFr(g.outside_arrondissement.count, 0)} sites sont juste au-delà (au plus ${m(g.outside_arrondissement.max_m)}).</p>`);
  if (g.notes.length) out.push(`<details><summary>Notes du géocodage (en anglais)</summary><ul lang="en">${g.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul></details>`);
  out.push("</section>");
  return out.join("");
}
