// Carte 1: cameras over the income of residents (200 m cells), with tourist zones (ZTI),
// priority security zones (ZSP), arrondissements, the Seine and the Bois.
import type { ClassifyOptions } from "../stats/classify.js";
import type { Layers } from "./read-inputs.js";
import type { MapFrame } from "./map-frame.js";
import type { PageSpec } from "./page.js";
import { mapPage } from "./map-page.js";
import { arrondissementLabels, arrondissementLimits, bois, cameraPoints, CAMERA_R, seine, zsp, zti } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses, type IncomeClasses } from "./income-layer.js";
import type { LegendEntry } from "./legend.js";
import { classLabel, formatFr, labelDecimals } from "./format-fr.js";
import { INK } from "./palettes.js";
import type { Scene } from "./scene.js";

export const METHOD_NAMES: Record<string, string> = {
  quantiles: "quantiles (effectifs égaux)",
  equal: "amplitudes égales",
  fisher: "Fisher–Jenks (ckmeans)",
  q6: "Q6 (quartiles, 5 % extrêmes isolés)",
  stddev: "moyenne et écarts-types",
  user: "seuils choisis",
};

export interface MapText {
  title: string;
  subtitle?: string;
  sources: string[];
}

export interface Carte1 {
  scene: Scene;
  frame: MapFrame;
  classes: IncomeClasses;
  legendLabels: string[];
}

export function carte1(layers: Layers, page: PageSpec, classing: ClassifyOptions, words: MapText): Carte1 {
  const classes = incomeClasses(layers.income_cells, classing);
  const { entries, legendLabels } = incomeLegend(classes, classing, layers);
  const { scene, frame } = mapPage({
    page,
    title: words.title,
    subtitle: words.subtitle,
    sources: words.sources,
    extent: layers.city,
    patterns: [HATCH],
    layers: (frame, k) => [
      ...incomeBackdrop(frame, layers, classes),
      arrondissementLimits(frame, layers.arrondissements, layers.city, k),
      zsp(frame, layers.zsp, k),
      zti(frame, layers.zti, k),
      cameraPoints(frame, layers.cameras, "cameras", CAMERA_R * k),
      arrondissementLabels(frame, layers.arrondissements, 3.2 * k, k),
    ],
    legend: () => entries,
  });
  return { scene, frame, classes, legendLabels };
}

export function incomeLegend(classes: IncomeClasses, classing: ClassifyOptions, layers: Layers): { entries: LegendEntry[]; legendLabels: string[] } {
  const { edges, gvf } = classes.classification;
  const d = labelDecimals(edges);
  const legendLabels = edges.slice(0, -1).map((a, i) => classLabel(a, edges[i + 1], "€", d));
  const nCells = layers.income_cells.length;
  const entries: LegendEntry[] = [
    { kind: "heading", text: "Niveau de vie moyen des résidents, 2015" },
    { kind: "note", text: `€ par personne et par an (revenu disponible par unité de consommation), carreaux de 200 m (n = ${formatFr(nCells)}). Classes [a\u00a0;\u00a0b[ par ${METHOD_NAMES[classing.method]}, ajustement de variance (GVF) ${formatFr(gvf, 2)}.` },
  ];
  // Highest class on top, as the eye reads "more" upwards.
  for (let i = legendLabels.length - 1; i >= 0; i--) {
    entries.push({ kind: "fill", id: `legend-class-${i}`, label: legendLabels[i], style: { fill: classes.colors[i] } });
  }
  entries.push({ kind: "fill", id: "legend-imputed", label: `valeur imputée par l’INSEE (secret statistique, ${formatFr(classes.imputed)} carreaux)`, style: { fill: "#ffffff" }, overlay: { fill: `url(#${HATCH.id})` } });
  if (classes.noData > 0) entries.push({ kind: "fill", id: "legend-no-data", label: `donnée absente (${formatFr(classes.noData)} carreaux)`, style: { fill: INK.noData } });
  entries.push({ kind: "fill", id: "legend-no-residents", label: "pas de résident (aucun carreau)", style: { fill: INK.noResidents } });
  entries.push(...contextLegend(layers));
  return { entries, legendLabels };
}

export function contextLegend(layers: Layers, zspColor: string = INK.zsp): LegendEntry[] {
  return [
    { kind: "heading", text: "Vidéosurveillance et zonages" },
    { kind: "point", id: "legend-camera", label: `caméra de la Préfecture de Police (${formatFr(layers.cameras.length)})`, r: CAMERA_R * 1.3, style: { fill: INK.camera, stroke: "#ffffff", strokeWidth: CAMERA_R * 1.3, strokeUnder: true } },
    { kind: "line", id: "legend-zti", label: `zone touristique internationale (${layers.zti.length})`, style: { stroke: INK.zti, strokeWidth: 0.55, dash: [1.6, 0.9] } },
    { kind: "line", id: "legend-zsp", label: `zone de sécurité prioritaire (${layers.zsp.length}, périmètres approchés)`, style: { stroke: zspColor, strokeWidth: 1.1 } },
    { kind: "line", id: "legend-arrondissement", label: "limite d’arrondissement", style: { stroke: INK.arrLimit, strokeWidth: 0.3 } },
    { kind: "fill", id: "legend-seine", label: "Seine", style: { fill: INK.seine } },
    { kind: "fill", id: "legend-bois", label: "bois (Boulogne, Vincennes)", style: { fill: INK.bois } },
  ];
}
