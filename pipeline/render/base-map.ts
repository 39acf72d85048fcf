// Layers every Paris map shares (city, Bois, Seine, arrondissements, zones, cameras), drawn
// into a map frame. One element per feature, with the feature's id, so the SVG stays editable.
import type { Feature, Point } from "geojson";
import type { MapFrame } from "./map-frame.js";
import { group, text, type Group, type Item } from "./scene.js";
import { INK } from "./palettes.js";

export function areaGroup(id: string, label: string, frame: MapFrame, features: Feature[], style: Group["style"]): Group {
  const items: Item[] = features
    .map((f, i): Item => ({ kind: "path", id: `${id}-${String(f.properties?.id ?? i)}`, d: frame.path(f.geometry), title: f.properties?.name }))
    .filter((it) => it.kind === "path" && it.d !== ""); // clipped away on zoomed maps
  return group(id, items, { label, style });
}

export function cityBackground(frame: MapFrame, city: Feature[]): Group {
  return areaGroup("no-residents", "Sans résident (fond de la ville)", frame, city, { fill: INK.noResidents, stroke: "none" });
}

export function bois(frame: MapFrame, features: Feature[]): Group {
  return areaGroup("bois", "Bois", frame, features, { fill: INK.bois, stroke: "#a6c99a", strokeWidth: 0.2 });
}

export function seine(frame: MapFrame, features: Feature[]): Group {
  return areaGroup("seine", "Seine", frame, features, { fill: INK.seine, stroke: "none" });
}

export function arrondissementLimits(frame: MapFrame, arrs: Feature[], city: Feature[], k = 1): Group {
  return group("arrondissements", [
    areaGroup("arrondissement-limits", "Limites d’arrondissement", frame, arrs, { fill: "none", stroke: INK.arrLimit, strokeWidth: 0.3 * k, round: true }),
    areaGroup("city-limit", "Limite de Paris", frame, city, { fill: "none", stroke: INK.arrLimit, strokeWidth: 0.6 * k, round: true }),
  ], { label: "Arrondissements" });
}

/** "1er", "2e", … as French maps write arrondissement numbers. */
export function ordinalFr(n: number): string {
  return n === 1 ? "1er" : `${n}e`;
}

/**
 * Label anchors: the arrondissement's area centroid, except where it falls on something a
 * reader must see (the Bois, the Seine): then a hand-checked offset in page mm, tuned by
 * looking at the PNG at print size.
 */
const NUDGE: Record<number, [number, number]> = { 12: [-14, -10], 16: [11, -3] };

/** Page position of an arrondissement's label (or proportional symbol). */
export function labelAnchor(frame: MapFrame, f: Feature, k = 1): [number, number] {
  const [x, y] = frame.planar.centroid(frame.planarGeometry(f.geometry));
  const [dx, dy] = NUDGE[Number(f.properties?.number)] ?? [0, 0];
  return [x + dx * k, y + dy * k];
}

export function arrondissementLabels(frame: MapFrame, arrs: Feature[], size: number, k = 1): Group {
  const items: Item[] = arrs.map((f) => {
    const [x, y] = labelAnchor(frame, f, k);
    return text(x, y + size * 0.36, ordinalFr(Number(f.properties?.number)), size, { id: `label-${f.properties?.code}`, anchor: "middle", bold: true, fill: "#333333", halo: 0.7 * k });
  });
  return group("arrondissement-numbers", items, { label: "Numéros d’arrondissement" });
}

export function zti(frame: MapFrame, features: Feature[], k = 1): Group {
  return areaGroup("zti", "Zones touristiques internationales", frame, features, { fill: "none", stroke: INK.zti, strokeWidth: 0.55 * k, dash: [1.6 * k, 0.9 * k], round: true });
}

/** ZSP outline; `color` changes on maps whose fills are already orange (density, quotients). */
export function zsp(frame: MapFrame, features: Feature[], k = 1, color: string = INK.zsp): Group {
  return areaGroup("zsp", "Zones de sécurité prioritaires (approchées)", frame, features, { fill: "none", stroke: color, strokeWidth: 1.1 * k, round: true });
}

export const CAMERA_R = 0.42;

/** One circle per camera, with its id; a white halo under the dark fill keeps dots apart. */
export function cameraPoints(frame: MapFrame, cameras: Feature[], id = "cameras", r = CAMERA_R, fill: string = INK.camera): Group {
  const items: Item[] = [];
  for (const f of cameras) {
    const [cx, cy] = frame.point((f.geometry as Point).coordinates);
    if (frame.inside([cx, cy])) items.push({ kind: "circle", id: String(f.properties?.id), cx, cy, r, title: f.properties?.label ?? undefined });
  }
  return group(id, items, { label: "Caméras", style: { fill, stroke: INK.halo, strokeWidth: r, strokeUnder: true } });
}
