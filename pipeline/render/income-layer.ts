// The income choropleth of the 200 m cells: one path per cell, filled by class; cells INSEE
// imputed for statistical secrecy get a hatch on top; cells without a usable value get "no data".
import type { Feature } from "geojson";
import { classOf, type Classification, type ClassifyOptions } from "../stats/classify.js";
import { mapClasses } from "./classes.js";
import type { MapFrame } from "./map-frame.js";
import type { Layers } from "./read-inputs.js";
import { cityBackground, woods } from "./base-map.js";
import { group, type Group, type HatchPattern, type Item } from "./scene.js";
import { INK, incomePalette } from "./palettes.js";

export const HATCH: HatchPattern = { id: "hatch-imputed", spacing: 0.8, stroke: "#3b3b3b", strokeWidth: 0.16 };

export interface IncomeClasses {
  classification: Classification;
  colors: string[];
  /** Cells with no finite mean_income. */
  noData: number;
  imputed: number;
}

export function incomeValue(f: Feature): number {
  const v = f.properties?.mean_income;
  return typeof v === "number" && Number.isFinite(v) ? v : NaN;
}

export function isImputed(f: Feature): boolean {
  return f.properties?.imputed === true || Number(f.properties?.I_est_cr) === 1;
}

/**
 * Carte 1, the proportional symbols and the atlas classify the same cells the same way: compute
 * the classes once per cell layer and options (Fisher–Jenks is the costly one), and the three maps
 * are sure to share their breaks.
 */
const classesCache = new WeakMap<Feature[], Map<string, IncomeClasses>>();

export function incomeClasses(cells: Feature[], opts: ClassifyOptions): IncomeClasses {
  const key = JSON.stringify(opts);
  let byOpts = classesCache.get(cells);
  if (!byOpts) classesCache.set(cells, (byOpts = new Map()));
  let c = byOpts.get(key);
  if (!c) byOpts.set(key, (c = computeIncomeClasses(cells, opts)));
  return c;
}

function computeIncomeClasses(cells: Feature[], opts: ClassifyOptions): IncomeClasses {
  const values = cells.map(incomeValue);
  const classification = mapClasses(values, opts) ?? { method: opts.method, edges: [0, 0], counts: [0], gvf: 1 };
  return {
    classification,
    colors: incomePalette(classification.edges.length - 1),
    noData: values.filter((v) => !Number.isFinite(v)).length,
    imputed: cells.filter(isImputed).length,
  };
}

export function cellColor(f: Feature, c: IncomeClasses): string {
  const v = incomeValue(f);
  return Number.isFinite(v) ? c.colors[classOf(v, c.classification.edges)] : INK.noData;
}

export function incomeLayer(frame: MapFrame, cells: Feature[], c: IncomeClasses): Group[] {
  // Each cell is stroked in its own colour: it closes the hairline seams anti-aliasing leaves
  // between adjacent squares, without changing the colour a reader sees.
  const items: Item[] = [];
  const hatched: Item[] = [];
  for (const f of cells) {
    const d = frame.path(f.geometry);
    if (d === "") continue; // outside a zoomed map's box
    const color = cellColor(f, c);
    items.push({ kind: "path", id: String(f.properties?.id), d, style: { fill: color, stroke: color } });
    if (isImputed(f)) hatched.push({ kind: "path", id: `imputed-${f.properties?.id}`, d });
  }
  return [
    group("income", items, { label: "Niveau de vie moyen (carreaux 200 m)", style: { strokeWidth: 0.12 } }),
    group("income-imputed", hatched, { label: "Carreaux imputés (secret statistique)", style: { fill: `url(#${HATCH.id})`, stroke: "none" } }),
  ];
}

/**
 * The backdrop every income map shares, bottom to top: the city (a dot screen: no residents), the
 * income cells, the woods as a mask over them. One list so Carte 1, the proportional symbols and the atlas cannot drift apart.
 */
export function incomeBackdrop(frame: MapFrame, layers: Layers, classes: IncomeClasses): Group[] {
  return [cityBackground(frame, layers.city, true), ...incomeLayer(frame, layers.income_cells ?? [], classes), ...woods(frame, layers.woods)];
}
