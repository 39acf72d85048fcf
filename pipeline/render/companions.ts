// Companion maps of Carte 1. Maps that need the stats stage's files are skipped, with a note on
// the terminal, until out/stats exists. Returns [file stem under out/maps, scene] pairs.
import type { Layers } from "./read-inputs.js";
import { readDistrictStats, readSummary } from "./read-inputs.js";
import type { MapText } from "./carte1.js";
import type { RenderSettings } from "../render.js";
import type { Scene } from "./scene.js";
import { districtChoropleth } from "./district-choropleth.js";
import { camerasBySymbols } from "./proportional-symbols.js";
import { lorenzChart } from "./lorenz-chart.js";
import { compareYears } from "./compare-years.js";
import { ridershipMap } from "./ridership-map.js";
import { privateCamerasMap } from "./private-cameras-map.js";
import { changeMap, readChange } from "./change-map.js";
import { commissioningTimeline } from "./change-timeline.js";
import { atlasPages } from "./atlas.js";
import { countPalette, quotientPalette } from "./palettes.js";

export interface CompanionInputs {
  layers: Layers;
  outDir: string;
  settings: RenderSettings;
  words: MapText;
  atlas: boolean;
  /** Where "skipped" notes go (the terminal, through pipeline/core/progress.ts). */
  note(message: string): void;
}

/** Every companion map's file stem (the atlas aside): a map not drawn this run is removed. */
export const COMPANION_NAMES = ["cameras-per-km2-quartiers", "lq-quartiers", "cameras-arrondissements", "lorenz", "cameras-2012-2019", "cameras-change", "commissioning-timeline", "ridership", "private-cameras"];

/** Location quotients read on a ratio scale: classes symmetric around 1 in log terms. */
export const LQ_BREAKS = [0.25, 0.5, 1, 2, 4];

export function companionMaps(c: CompanionInputs): Array<[string, Scene]> {
  const { layers, settings, words } = c;
  const out: Array<[string, Scene]> = [];
  const quartiers = readDistrictStats(c.outDir, "quartiers");
  const arrs = readDistrictStats(c.outDir, "arrondissements");
  const summary = readSummary(c.outDir);
  const base = { page: settings.page, title: words.title, sources: words.sources };
  if (quartiers) {
    out.push(["cameras-per-km2-quartiers", districtChoropleth(layers, {
      ...base, title: "Densité des caméras de vidéosurveillance par quartier", subtitle: words.subtitle, districts: layers.quartiers, rows: quartiers,
      column: "cameras_per_km2", unit: "par km²", heading: "Caméras par km², par quartier",
      note: "Caméras du quartier rapportées à sa surface (80 quartiers, out/stats/quartiers.csv).",
      classing: { method: "quantiles", k: 6 }, palette: (k) => countPalette(k),
    }).scene]);
    out.push(["lq-quartiers", districtChoropleth(layers, {
      ...base, title: "Quartiers où les caméras sont plus nombreuses que leur surface le prédit", subtitle: "Quotient de localisation des caméras par quartier (part des caméras / part de la surface)", districts: layers.quartiers, rows: quartiers,
      column: "lq_area", unit: "", heading: "Quotient de localisation (surface)",
      note: "1 = autant de caméras que la surface du quartier le prédit ; 2 = deux fois plus.",
      classing: { method: "user", breaks: LQ_BREAKS }, decimals: 2, palette: (_k, edges) => quotientPalette(edges.filter((e, i) => i < edges.length - 1 && e < 1).length, edges.filter((e, i) => i < edges.length - 1 && e >= 1).length),
    }).scene]);
  } else c.note("render: skipped cameras-per-km2-quartiers and lq-quartiers (out/stats/quartiers.csv missing: run `contrechamp stats`)");
  if (arrs) out.push(["cameras-arrondissements", camerasBySymbols(layers, arrs, settings.page, settings.classing, { ...base, title: "Caméras par arrondissement et niveau de vie des résidents" }).scene]);
  else c.note("render: skipped cameras-arrondissements (out/stats/arrondissements.csv missing: run `contrechamp stats`)");
  const chart = summary ? lorenzChart(summary, settings.page, { ...base, title: "Concentration des caméras de vidéosurveillance" }) : null;
  if (chart) out.push(["lorenz", chart]);
  else c.note("render: skipped lorenz (out/stats/summary.json missing or without curves: run `contrechamp stats`)");
  // The change map (stats/change.ts outputs) replaces the side-by-side when it can be drawn.
  const change = readChange(c.outDir), changed = change && changeMap(layers, change, settings.page, { ...base, title: "Caméras de vidéosurveillance : ce qui a changé depuis 2012" });
  const timeline = change && commissioningTimeline(change.report, settings.page, { ...base, title: "Mises en service des caméras et désignation des zones" });
  if (timeline) out.push(["commissioning-timeline", timeline]);
  else if (change) c.note("render: skipped commissioning-timeline (no commissioning dates in out/stats/change.json)");
  const years = changed ? null : compareYears(layers, settings.page, { ...base, title: "Caméras de vidéosurveillance : couche de 2012 et couche étudiée" });
  if (changed) out.push(["cameras-change", changed]);
  else if (years) out.push(["cameras-2012-2019", years]);
  else c.note("render: skipped cameras-2012-2019 (out/layers/cameras_2012.geojson missing)");
  for (const [name, map] of [["ridership", ridershipMap(layers, settings.page, { ...base, title: "Fréquentation des stations et caméras de vidéosurveillance" })], ["private-cameras", privateCamerasMap(layers, settings.page, { ...base, title: "Caméras privées et publiques relevées par des bénévoles" })]] as const) if (map) out.push([name, map]);
  if (c.atlas) {
    if (!arrs) c.note("render: atlas pages drawn without indicators (out/stats/arrondissements.csv missing)");
    out.push(...atlasPages(layers, arrs, settings.page, settings.classing, words.sources));
  }
  return out;
}
