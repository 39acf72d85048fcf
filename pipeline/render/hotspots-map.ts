// Hot spots of cameras per 200 m cell (out/stats/hotspots_cells.geojson, Getis–Ord Gi* with
// FDR control): hot cells red, cold cells blue, the rest pale; the city's limits and zones over.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import type { Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { districtLabels } from "./base-map.js";
import { group, type Group, type Item } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { contextLayers, zoneAndContextLegend, type MapText } from "./carte1.js";

const FILL = { hot: "#b2182b", cold: "#2166ac", ns: "#f0f0f0" } as const;

export function readHotSpots(outDir: string): Feature[] | null {
  const file = join(outDir, "stats", "hotspots_cells.geojson");
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, "utf8")) as { features: Feature[] }).features;
}

export function hotSpotsMap(layers: Layers, cells: Feature[], spec: { page: PageSpec; title: string; sources: string[]; words: MapText }) {
  const { ctx } = spec.words;
  const cls = (f: Feature) => String(f.properties?.class ?? "ns") as keyof typeof FILL;
  const count = (c: string) => cells.filter((f) => cls(f) === c).length;
  const entries = (): LegendEntry[] => [
    { kind: "heading", text: "Points chauds des caméras (carreaux de 200 m)" },
    { kind: "note", text: "Gi* de Getis-Ord, voisinage de reine avec le carreau, permutations conditionnelles, taux de fausses découvertes 5 %." },
    { kind: "fill", id: "legend-hot", label: `point chaud (${count("hot")})`, style: { fill: FILL.hot } },
    { kind: "fill", id: "legend-cold", label: `point froid (${count("cold")})`, style: { fill: FILL.cold } },
    { kind: "fill", id: "legend-ns", label: `non significatif (${count("ns")})`, style: { fill: FILL.ns } },
    ...zoneAndContextLegend(layers, ctx, { warm: true, woods: false }),
  ];
  return mapPage({
    page: spec.page,
    title: spec.title,
    subtitle: "Carreaux où les caméras se regroupent plus que le hasard ne le donne",
    sources: spec.sources,
    extent: ctx.extent,
    clip: ctx.zoomed,
    words: ctx.S,
    layers: (frame): Group[] => {
      const items: Item[] = cells.map((f) => ({ kind: "path", id: String(f.properties?.id), d: frame.path(f.geometry), style: { fill: FILL[cls(f)] }, title: `${f.properties?.cameras} caméra(s), Gi* z = ${f.properties?.gi_z}` }));
      return [
        group("hotspots", items, { label: "Points chauds", style: { stroke: "none" } }),
        // The orange security line would vanish on the red hot cells: `warm` draws it near-black.
        ...contextLayers(frame, layers, ctx, { warm: true }),
        districtLabels(frame, ctx.coarse ? layers[ctx.coarse.layer] : undefined, { id: "hotspot-labels", lang: ctx.lang, wood: layers.woods }),
      ];
    },
    legend: entries,
  });
}
