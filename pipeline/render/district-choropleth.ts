// Choropleth of one column of out/stats/<level>.csv over the district polygons of a declared
// level (cameras per km²…). Districts without a stats row, or with an empty value, are drawn as
// "no data" and counted in the legend. Any number of classes works, one included.
import type { Feature } from "geojson";
import { classOf, type ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { districtLabels, NO_RESIDENTS } from "./base-map.js";
import { group, type Group, type Item } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { classLabel, labelDecimals } from "./format-fr.js";
import { INK } from "./palettes.js";
import { contextLayers, zoneAndContextLegend, type MapText } from "./carte1.js";
import { gvfShown, mapClasses } from "./classes.js";
import { LINE } from "./page.js";

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
  caption?: string;
}

export function districtChoropleth(layers: Layers, spec: DistrictChoropleth, words: MapText) {
  const { ctx } = words;
  const S = ctx.S;
  const byCode = new Map(spec.rows.map((r) => [r.code, r.values[spec.column]]));
  const value = (f: Feature) => byCode.get(String(f.properties?.code)) ?? NaN;
  const values = spec.districts.map(value).filter(Number.isFinite);
  const c = mapClasses(values, spec.classing);
  const colors = c ? spec.palette(c.edges.length - 1, c.edges) : [];
  const missing = spec.districts.length - values.length;
  const fill = (f: Feature) => (c && Number.isFinite(value(f)) ? colors[classOf(value(f), c.edges)] : INK.noData);
  const d = c ? spec.decimals ?? labelDecimals(c.edges) : 0;
  const label = (a: number, b: number) => (ctx.lang === "fr" ? classLabel(a, b, spec.unit, d) : `${S.dec(a, d)} – ${S.dec(b, d)}${spec.unit ? "\u00a0" + spec.unit : ""}`);
  const entries = (): LegendEntry[] => {
    const e: LegendEntry[] = [{ kind: "heading", text: spec.heading }];
    if (c) {
      e.push({ kind: "note", text: `${spec.note} ${S.classesNote(S.methods[c.method] ?? c.method, gvfShown(c) ? S.dec(c.gvf, 2) : null)}` });
      for (let i = c.edges.length - 2; i >= 0; i--) e.push({ kind: "fill", id: `legend-class-${i}`, label: label(c.edges[i], c.edges[i + 1]), style: { fill: colors[i] } });
    }
    if (missing > 0) e.push({ kind: "fill", id: "legend-no-data", label: `${S.context.missing} (${missing})`, style: { fill: INK.noData } });
    return [...e, ...zoneAndContextLegend(layers, ctx, { warm: true, woods: false })];
  };
  return mapPage({
    page: spec.page,
    title: spec.title,
    subtitle: spec.subtitle,
    sources: spec.sources,
    extent: ctx.extent,
    clip: ctx.zoomed,
    patterns: [NO_RESIDENTS],
    words: S,
    caption: spec.caption,
    layers: (frame): Group[] => {
      const items: Item[] = spec.districts.map((f) => ({ kind: "path", id: String(f.properties?.code), d: frame.path(f.geometry), style: { fill: fill(f) }, title: `${f.properties?.name} : ${S.dec(value(f), 2)}` }));
      return [
        group("districts", items.filter((it) => (it as any).d !== ""), { label: spec.heading, style: { stroke: "#ffffff", strokeWidth: LINE.hair } }),
        ...contextLayers(frame, layers, ctx, { warm: true }),
        districtLabels(frame, ctx.coarse ? layers[ctx.coarse.layer] : undefined, { id: ctx.coarse ? `${ctx.coarse.layer}-labels` : "district-labels", lang: ctx.lang }),
      ];
    },
    legend: entries,
  });
}
