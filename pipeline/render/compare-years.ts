// Two camera layers side by side on the same base (cameras_2012.geojson and cameras.geojson),
// each panel headed by what its features say they are (count and source tags), so the page stays
// true whichever list a stage has written.
import type { Feature } from "geojson";
import type { Layers } from "./read-inputs.js";
import { mapFrame } from "./map-frame.js";
import { layoutPage, type PageSpec } from "./page.js";
import { arrondissementLimits, bois, cameraPoints, CAMERA_R, cityBackground, seine, zsp, zti } from "./base-map.js";
import { group, prefixIds, text, type Scene } from "./scene.js";
import { legend } from "./legend.js";
import { contextLegend } from "./carte1.js";
import { mapFurniture } from "./furniture.js";
import { formatFr } from "./format-fr.js";

function describe(fs: Feature[]): string {
  const m = new Map<string, number>();
  for (const f of fs) m.set(String(f.properties?.source ?? "?"), (m.get(String(f.properties?.source ?? "?")) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s).join(", ");
}

export function compareYears(layers: Layers, page: PageSpec, words: { title: string; sources: string[] }): Scene | null {
  const before = layers.cameras_2012;
  if (!before) return null;
  // No legend column: the two panels take the full width and the legend runs below them.
  const L = layoutPage(page, words.title, "Caméras de la couche de 2012 et de la couche étudiée, sur le même fond", words.sources, 0);
  const k = L.k;
  const [[x0, y0], [x1, yMax]] = L.mapBox;
  const w = (x1 - x0 - 6 * k) / 2;
  const y1 = Math.min(yMax - 40 * k, y0 + 8 * k + w / 1.45);
  const panels = [
    { id: "cameras-2012", fs: before, head: `Couche 2012 (cameras_2012) : ${formatFr(before.length)} caméras`, box: [[x0, y0 + 6 * k], [x0 + w, y1]] as [[number, number], [number, number]] },
    { id: "cameras", fs: layers.cameras, head: `Couche étudiée (cameras) : ${formatFr(layers.cameras.length)} caméras`, box: [[x0 + w + 6 * k, y0 + 6 * k], [x1, y1]] as [[number, number], [number, number]] },
  ];
  const drawn = panels.map((p) => {
    const frame = mapFrame(layers.city, p.box);
    const prefix = p.id === "cameras" ? "study-" : "y2012-";
    return group(`panel-${p.id}`, [
      text(p.box[0][0], y0 + 3 * k, p.head, 3 * k, { bold: true }),
      text(p.box[0][0], y0 + 6.5 * k, `source : ${describe(p.fs)}`, 2.3 * k, { fill: "#404040" }),
      ...[
        cityBackground(frame, layers.city),
        bois(frame, layers.woods),
        seine(frame, layers.river),
        arrondissementLimits(frame, layers.arrondissements, layers.city, k),
        zsp(frame, layers.zsp, k),
        zti(frame, layers.zti, k),
      ].map((g) => prefixIds(g, prefix)),
      // Camera ids are the features' own, prefixed in the 2012 panel only (the ids may coincide).
      p.id === "cameras" ? cameraPoints(frame, p.fs, "cameras", CAMERA_R * k * 0.8) : prefixIds(cameraPoints(frame, p.fs, "cameras", CAMERA_R * k * 0.8), prefix),
      ...(p.id === "cameras" ? mapFurniture(frame, layers.city, k) : []),
    ], { label: p.head });
  });
  const entries = contextLegend(layers).map((e) => (e.kind === "point" ? { ...e, label: "caméra" } : e));
  const half = Math.ceil(entries.length / 2);
  const legA = legend(x0, y1 + 4 * k, w, entries.slice(0, half));
  const legB = legend(x0 + w + 6 * k, y1 + 4 * k, w, [{ kind: "heading", text: "\u00a0" }, ...entries.slice(half)]);
  const leg = { group: { ...legA.group, items: [...legA.group.items, ...legB.group.items] } };
  return { title: words.title, width: page.width, height: page.height, background: "#ffffff", patterns: [], clips: [], layers: [L.header, ...drawn, leg.group, L.footer] };
}
