// The crowdsourced cameras (private and public, as volunteers recorded them up to 2012) over the
// study's cameras. A volunteer survey of part of the city, not a census: the legend says so, and
// which arrondissements it barely covers can be read on the map itself.
import type { Feature } from "geojson";
import type { Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { cameraPoints, CAMERA_R, cityBackground, woods } from "./base-map.js";
import { contextLayers, zoneAndContextLegend, type MapText } from "./carte1.js";
import type { Scene } from "./scene.js";
import { cameraLayerLegend } from "./camera-density.js";
import type { LegendEntry } from "./legend.js";
import { formatFr } from "./format-fr.js";
import { INK } from "./palettes.js";

const CROWD = {
  private: { fill: "#e7298a", label: "privée (commerce, banque, transporteur…)" },
  public: { fill: "#1b9e77", label: "publique (dont Préfecture de Police)" },
  unknown: { fill: "#7570b3", label: "opérateur non renseigné" },
} as const;

export const SURVEY_NOTE =
  "Relevé bénévole d'une partie de la ville (sous-surveillance.net, jusqu'en 2012), pas un recensement : " +
  "les points disent où des volontaires sont passés autant que où sont les caméras.";

export function privateCamerasMap(layers: Layers, page: PageSpec, words: MapText): Scene | null {
  const { ctx } = words;
  const crowd = layers.private_cameras;
  if (!crowd || crowd.length === 0) return null;
  const byType = (t: keyof typeof CROWD): Feature[] => crowd.filter((f) => f.properties?.op_type === t);
  const r = CAMERA_R * 1.5;
  return mapPage({
    page,
    title: words.title,
    subtitle: "Caméras privées et publiques relevées par des bénévoles (≤ 2012) et caméras de la couche étudiée",
    sources: [...words.sources, "Caméras relevées : sous-surveillance.net (Paris), export de novembre 2012 (licence non précisée)."],
    extent: ctx.extent,
    clip: ctx.zoomed,
    words: ctx.S,
    layers: (frame) => [
      cityBackground(frame, layers.city),
      ...woods(frame, layers.woods),
      ...contextLayers(frame, layers, ctx),
      cameraPoints(frame, layers.cameras, "cameras", CAMERA_R * 0.7, "#8c8c8c", ctx),
      ...(["public", "unknown", "private"] as const).map((t) => cameraPoints(frame, byType(t), `crowdsourced-${t}`, r, CROWD[t].fill, ctx)),
    ],
    legend: () => {
      const entries: LegendEntry[] = [
        { kind: "heading", text: "Caméras relevées par des bénévoles" },
        ...(["private", "public", "unknown"] as const).flatMap((t): LegendEntry[] => cameraLayerLegend(byType(t), CROWD[t].label, () => [{
          kind: "point", id: `legend-crowdsourced-${t}`, label: `${CROWD[t].label} (${formatFr(byType(t).length)})`, r, style: { fill: CROWD[t].fill, stroke: "#ffffff", strokeWidth: r, strokeUnder: true },
        }], { rule: ctx, fill: CROWD[t].fill, id: `legend-crowdsourced-${t}` })),
        { kind: "note", text: SURVEY_NOTE },
        { kind: "heading", text: "Couche étudiée" },
        ...cameraLayerLegend(layers.cameras, "Caméras de la couche étudiée", () => [
          { kind: "point", id: "legend-camera", label: `caméra de la couche étudiée (${formatFr(layers.cameras.length)})`, r: CAMERA_R * 0.9, style: { fill: "#8c8c8c", stroke: "#ffffff", strokeWidth: CAMERA_R, strokeUnder: true } },
        ], { rule: ctx, fill: "#8c8c8c" }),
        ...zoneAndContextLegend(layers, ctx, { woods: false }),
      ];
      return entries;
    },
  }).scene;
}
