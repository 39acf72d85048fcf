// Carte 1: cameras over the income of residents (200 m cells), with the study's declared zones,
// the limits and labels of its coarsest district level, river and woods, and an inset of the
// centre. Every layer but the city and the cameras may be absent: without income cells the map
// is the cameras over the districts, shaded by camera density when the stats exist.
import type { ClassifyOptions } from "../stats/classify.js";
import type { Layers } from "./read-inputs.js";
import type { MapFrame } from "./map-frame.js";
import type { PageSpec } from "./page.js";
import { mapPage } from "./map-page.js";
import { ordinal, cameraPoints, cameraRadius, haloWidth, CAMERA_R, cameraSites, districtLabels, districtLimits, NO_RESIDENTS, river, siteRadius, woods, zoneLayer, zoneLegend, cityBackground } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses, type IncomeClasses } from "./income-layer.js";
import type { LegendEntry } from "./legend.js";
import { classLabel, labelDecimals } from "./format-fr.js";
import { INK } from "./palettes.js";
import type { Group, Scene } from "./scene.js";
import type { MapContext } from "./context.js";
import { gvfShown } from "./classes.js";
import { strings } from "./strings.js";
import { cameraLayerLegend, densityCells, drawsDensity, occupiedBy, DENSITY_CELL_M } from "./camera-density.js";

export const METHOD_NAMES: Record<string, string> = strings("fr").methods;

export interface MapText {
  title: string;
  subtitle?: string;
  /** Credit lines (short; the caption file holds the long sources). */
  sources: string[];
  /** The study's declaration as the maps need it (levels, zones, language, credits). */
  ctx: MapContext;
  /** The study's full sources line and other details, for caption files. */
  captionNotes?: string[];
}

export interface Carte1 {
  scene: Scene;
  frame: MapFrame;
  classes: IncomeClasses | null;
  legendLabels: string[];
  ctx: MapContext;
}

/** The layers that every "cameras over the city" map draws, bottom to top, for one frame. */
export function contextLayers(frame: MapFrame, layers: Layers, ctx: MapContext, opts: { warm?: boolean } = {}): Group[] {
  const coarse = ctx.coarse;
  // Tourist bands under security lines, and every zone line over both.
  const order = { other: 0, transport: 0, security: 1, tourist: 2 } as Record<string, number>;
  const zones = [...ctx.zones].sort((a, b) => order[a.kind] - order[b.kind]);
  return [
    ...river(frame, layers.river),
    districtLimits(frame, coarse, coarse ? layers[coarse.layer] : undefined, layers.city),
    ...zones.map((z) => inArea(zoneLayer(frame, z, layers[z.layer], opts.warm), frame, ctx)),
  ];
}

/**
 * On a map of an analysis area, a zone that runs on beyond the area is cut at its limit: the
 * map describes the area, and an outline carried past its edge would claim ground not studied.
 */
function inArea(g: Group, frame: MapFrame, ctx: MapContext): Group {
  if (!ctx.zoomed) return g;
  const d = ctx.extent.map((f) => frame.path(f.geometry)).join("");
  return d ? { ...g, clipD: d } : g;
}

export function carte1(layers: Layers, page: PageSpec, classing: ClassifyOptions, words: MapText): Carte1 {
  const { ctx } = words;
  const S = ctx.S;
  const classes = layers.income_cells?.length ? incomeClasses(layers.income_cells, classing) : null;
  const { entries, legendLabels } = classes ? incomeLegend(classes, classing, layers, ctx) : { entries: [], legendLabels: [] };
  const drawn = ["cameras", "city", ...(classes ? ["income_cells"] : []), ...ctx.zones.map((z) => z.layer), ...(ctx.coarse ? [ctx.coarse.layer] : []), ...(layers.river?.length ? ["river"] : []), ...(layers.woods?.length ? ["woods"] : [])];
  const drawLayers = (frame: MapFrame): Group[] => [
    ...(classes ? incomeBackdrop(frame, layers, classes) : [cityBackground(frame, layers.city), ...woods(frame, layers.woods)]),
    ...contextLayers(frame, layers, ctx),
    cameraPoints(frame, layers.cameras, "cameras", cameraRadius(page), undefined, ctx, !!classes),
    districtLabels(frame, ctx.coarse ? layers[ctx.coarse.layer] : undefined, { id: ctx.coarse ? `${ctx.coarse.layer}-labels` : "district-labels", lang: ctx.lang, wood: layers.woods }),
  ];
  const names = ctx.inset.map((f) => String(f.properties?.number ? "" : f.properties?.name ?? "")).filter(Boolean);
  const insetTitle = S.inset(names.length ? names.join(", ") : ctx.inset.map((f) => ordinalOf(f, ctx)).join(", "));
  const { scene, frame } = mapPage({
    page,
    title: words.title,
    subtitle: words.subtitle,
    sources: ctx.credit(drawn),
    extent: ctx.extent,
    clip: ctx.zoomed,
    patterns: [HATCH, NO_RESIDENTS],
    occupied: occupiedBy(layers.cameras, ctx),
    inset: ctx.inset.length ? { extent: ctx.inset, title: insetTitle } : undefined,
    layers: (frame) => drawLayers(frame),
    legend: (frame) => [...entries, ...cameraLegend(layers, ctx, { r: cameraRadius(page), squares: classes ? frame : undefined })],
    words: S,
    caption: caption(words, classes, classing, layers, ctx),
  });
  return { scene, frame, classes, legendLabels, ctx };
}

function ordinalOf(f: any, ctx: MapContext): string {
  const n = Number(f.properties?.number);
  return Number.isFinite(n) ? ordinal(n, ctx.lang) : String(f.properties?.code);
}

export function incomeLegend(classes: IncomeClasses, classing: ClassifyOptions, layers: Layers, ctx: MapContext): { entries: LegendEntry[]; legendLabels: string[] } {
  const S = ctx.S;
  const { edges } = classes.classification;
  const d = labelDecimals(edges);
  const fmt = (a: number, b: number) => (ctx.lang === "fr" ? classLabel(a, b, "€", d) : `${S.dec(a, d)} – ${S.dec(b, d)}\u00a0€`);
  const legendLabels = edges.slice(0, -1).map((a, i) => fmt(a, edges[i + 1]));
  const nCells = layers.income_cells?.length ?? 0;
  const c = classes.classification;
  const entries: LegendEntry[] = [
    { kind: "heading", text: S.income.heading(ctx.year("income_cells")) },
    { kind: "note", text: `${S.income.note(S.dec(nCells))} ${S.classesNote(S.methods[c.method] ?? c.method, gvfShown(c) ? S.dec(c.gvf, 2) : null)}` },
  ];
  // Highest class on top, as the eye reads "more" upwards.
  for (let i = legendLabels.length - 1; i >= 0; i--) entries.push({ kind: "fill", id: `legend-class-${i}`, label: legendLabels[i], style: { fill: classes.colors[i] } });
  if (classes.imputed > 0) entries.push({ kind: "fill", id: "legend-imputed", label: S.income.imputed(S.dec(classes.imputed)), style: { fill: "#ffffff" }, overlay: { fill: `url(#${HATCH.id})` } });
  if (classes.noData > 0) entries.push({ kind: "fill", id: "legend-no-data", label: S.income.noData(S.dec(classes.noData)), style: { fill: INK.noData } });
  entries.push({ kind: "fill", id: "legend-no-residents", label: S.income.noResidents, style: { fill: `url(#${NO_RESIDENTS.id})` } });
  return { entries, legendLabels };
}

/** Cameras (single and stacked), zones by kind, limits, river, woods. */
/** `squares`: the frame of a map that draws density over the income cells (camera-density.ts). */
export function cameraLegend(layers: Layers, ctx: MapContext, opts: { cameras?: boolean; r?: number; squares?: MapFrame } = {}): LegendEntry[] {
  const r = opts.r ?? CAMERA_R;
  const S = ctx.S;
  const out: LegendEntry[] = [];
  if (opts.cameras !== false) {
    out.push({ kind: "heading", text: S.cameras.heading });
    // Dots (single and stacked), or above the threshold the density classes (camera-density.ts).
    out.push(...cameraLayerLegend(layers.cameras, S.cameraDensity.cameras, () => {
      const sites = cameraSites(layers.cameras);
      const max = sites.reduce((m, s) => Math.max(m, s.ids.length), 1);
      const dot = (_n: number) => ({ fill: INK.camera, stroke: INK.halo, strokeWidth: haloWidth(r), strokeUnder: true });
      const dots: LegendEntry[] = [{ kind: "point", id: "legend-camera", label: S.cameras.one(S.dec(layers.cameras.length)), r, style: dot(1) }];
      if (max > 1) dots.push({ kind: "point", id: "legend-camera-stack", label: `${max} ${S.cameras.stacked}`, r: siteRadius(max, r), style: dot(max) });
      return dots;
    }, { rule: ctx, squares: opts.squares }));
  }
  out.push(...zoneAndContextLegend(layers, ctx));
  return out;
}

export function zoneAndContextLegend(layers: Layers, ctx: MapContext, opts: { warm?: boolean; woods?: boolean } = {}): LegendEntry[] {
  const S = ctx.S;
  const out: LegendEntry[] = [];
  const items: LegendEntry[] = ctx.zones.map((z) => zoneLegend(z, layers[z.layer]?.length ?? 0, ctx.lang, S.zone.approximated, opts.warm));
  if (ctx.coarse) items.push({ kind: "line", id: "legend-limit", label: S.context.limit(ctx.coarse.label[ctx.lang] ?? ctx.coarse.label.fr), style: { stroke: INK.limit, strokeWidth: 0.5 * (25.4 / 72) } });
  const riverName = layers.river?.length ? String(layers.river[0].properties?.name ?? "").split(" (")[0] : "";
  if (layers.river?.length) items.push({ kind: "fill", id: "legend-river", label: riverName && riverName.length < 30 ? riverName : S.context.river, style: { fill: INK.river } });
  if (layers.woods?.length && opts.woods !== false) items.push({ kind: "fill", id: "legend-woods", label: S.context.woods, style: { fill: INK.woods } });
  if (items.length) out.push({ kind: "heading", text: ctx.zones.length ? S.cameras.heading2 : S.cameras.heading3 }, ...items);
  return out;
}

function caption(words: MapText, classes: IncomeClasses | null, classing: ClassifyOptions, layers: Layers, ctx: MapContext): string {
  const fr = ctx.lang === "fr";
  const lines = [words.title, ""];
  if (classes) {
    const c = classes.classification;
    lines.push(fr
      ? `Niveau de vie moyen des carreaux de 200 m (somme des niveaux de vie / individus), ${c.edges.length - 1} classes par ${ctx.S.methods[c.method]}${gvfShown(c) ? `, ajustement de variance (GVF) ${ctx.S.dec(c.gvf, 2)}` : ""}. Carreaux imputés par l’INSEE pour le secret statistique hachurés (${classes.imputed}). Les bois masquent les carreaux qu’ils couvrent.`
      : `Mean standard of living of the 200 m cells (sum of standards of living / individuals), ${c.edges.length - 1} classes by ${ctx.S.methods[c.method]}${gvfShown(c) ? `, goodness of variance fit (GVF) ${ctx.S.dec(c.gvf, 2)}` : ""}. Cells INSEE imputed for statistical secrecy are hatched (${classes.imputed}). Woods mask the cells they cover.`);
  } else lines.push(fr ? "Pas de couche de revenus : le niveau de vie n’est pas cartographié (non calculé)." : "No income layer: standard of living not mapped (not computed).");
  if (drawsDensity(layers.cameras, ctx)) {
    // Drawn as density: the legend's own sentence (threshold, method), not dots and stacks.
    const S = ctx.S;
    lines.push(S.cameraDensity.note(S.cameraDensity.cameras, S.dec(layers.cameras.length), S.dec(ctx.densityThreshold), S.dec(DENSITY_CELL_M), S.dec(densityCells(layers.cameras).count.length)) + (classes ? ` ${S.cameraDensity.squares}` : ""));
  } else {
    const sites = cameraSites(layers.cameras);
    const stacked = sites.filter((s) => s.ids.length > 1);
    lines.push(fr
      ? `${layers.cameras.length} caméras en ${sites.length} points ; ${stacked.reduce((s, x) => s + x.ids.length, 0)} caméras partagent un point avec d’autres (${stacked.length} points, dessinés une fois, surface proportionnelle au nombre).`
      : `${layers.cameras.length} cameras at ${sites.length} points; ${stacked.reduce((s, x) => s + x.ids.length, 0)} cameras share a point with others (${stacked.length} points, drawn once, area proportional to the count).`);
  }
  for (const z of ctx.zones) {
    if (z.kind === "security") lines.push(fr ? `${z.short} : contours fusionnés puis ouverts de 20 m pour le dessin (bras de moins de 40 m et éperons retirés) ; les statistiques utilisent la couche telle quelle.${z.approximated ? " Périmètres approchés." : ""}` : `${z.short}: outlines dissolved then opened by 20 m for drawing (arms under 40 m and spurs removed); statistics use the layer as is.${z.approximated ? " Approximate perimeters." : ""}`);
  }
  lines.push(...(words.captionNotes ?? []));
  return lines.join("\n") + "\n";
}
