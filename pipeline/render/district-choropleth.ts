// Choropleth of one column of out/stats/<level>.csv over the district polygons (quartiers or
// arrondissements): cameras per km², location quotient. Districts without a stats row, or
// with an empty value, are drawn as "no data" and counted in the legend.
import type { Feature } from "geojson";
import { classify, classOf, type ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { arrondissementLabels, arrondissementLimits, seine, zsp, zti } from "./base-map.js";
import { group, type Group, type Item } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { classLabel, formatFr, labelDecimals } from "./format-fr.js";
import { INK } from "./palettes.js";
import { METHOD_NAMES, contextLegend } from "./carte1.js";

// The district palettes are orange (OrRd, PuOr): the ZSP outline turns near-black there.
const ZSP_ON_ORANGE = "#252525";

export interface DistrictChoropleth {
  page: PageSpec;
  title: string;
  subtitle?: string;
  sources: string[];
  districts: Feature[];
  rows: DistrictStats[];
  column: string;
  unit: string;
  heading: string;
  note: string;
  classing: ClassifyOptions;
  /** Decimals of the legend labels (default: just enough to tell the edges apart). */
  decimals?: number;
  palette(k: number, edges: number[]): string[];
}

export function districtChoropleth(layers: Layers, spec: DistrictChoropleth) {
  const byCode = new Map(spec.rows.map((r) => [r.code, r.values[spec.column]]));
  const value = (f: Feature) => byCode.get(String(f.properties?.code)) ?? NaN;
  const values = spec.districts.map(value).filter(Number.isFinite);
  const c = classify(values, spec.classing);
  const colors = spec.palette(c.edges.length - 1, c.edges);
  const missing = spec.districts.length - values.length;
  const fill = (f: Feature) => (Number.isFinite(value(f)) ? colors[classOf(value(f), c.edges)] : INK.noData);
  const d = spec.decimals ?? labelDecimals(c.edges);
  const entries = (): LegendEntry[] => {
    const e: LegendEntry[] = [
      { kind: "heading", text: spec.heading },
      { kind: "note", text: `${spec.note} Classes [a\u00a0;\u00a0b[ par ${METHOD_NAMES[spec.classing.method]}, GVF ${formatFr(c.gvf, 2)}.` },
    ];
    for (let i = c.edges.length - 2; i >= 0; i--) e.push({ kind: "fill", id: `legend-class-${i}`, label: classLabel(c.edges[i], c.edges[i + 1], spec.unit, d), style: { fill: colors[i] } });
    if (missing > 0) e.push({ kind: "fill", id: "legend-no-data", label: `sans donnée (${missing})`, style: { fill: INK.noData } });
    // The zones and limits of Carte 1's legend, without the camera dot and the Bois (not drawn here).
    const context = contextLegend(layers, ZSP_ON_ORANGE).filter((x) => x.kind !== "point" && !("id" in x && x.id === "legend-bois"));
    return [...e, ...context.map((x) => (x.kind === "heading" ? { ...x, text: "Zonages" } : x))];
  };
  return mapPage({
    page: spec.page,
    title: spec.title,
    subtitle: spec.subtitle,
    sources: spec.sources,
    extent: layers.city,
    layers: (frame, k): Group[] => {
      const items: Item[] = spec.districts.map((f) => ({ kind: "path", id: String(f.properties?.code), d: frame.path(f.geometry), style: { fill: fill(f) }, title: `${f.properties?.name} : ${formatFr(value(f), 2)}` }));
      return [
        group("districts", items, { label: spec.heading, style: { stroke: "#ffffff", strokeWidth: 0.25 * k } }),
        seine(frame, layers.river),
        arrondissementLimits(frame, layers.arrondissements, layers.city, k),
        zsp(frame, layers.zsp, k, ZSP_ON_ORANGE),
        zti(frame, layers.zti, k),
        arrondissementLabels(frame, layers.arrondissements, 3.2 * k, k),
      ];
    },
    legend: entries,
  });
}
