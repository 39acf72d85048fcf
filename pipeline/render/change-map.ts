// The change map: on one map, the cameras kept since the earlier layer, those new since it and
// those gone since it (out/stats/change.csv), in three symbols that differ by shape AND by
// lightness, so they stay apart in greyscale print: kept = small light-grey disc, new = dark
// vermilion triangle with a white halo, gone = hollow blue square. Replaces the side-by-side of
// the two layers (compare-years.ts), whose near-identical dot clouds hid the change.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Feature, Point } from "geojson";
import { readOutCsv, readOutJson } from "../core/out-files.js";
import type { ChangeReport } from "../contracts.js";
import type { Layers } from "./read-inputs.js";
import { mapFrame, type MapFrame } from "./map-frame.js";
import { layoutPage, type PageSpec } from "./page.js";
import { arrondissementLimits, bois, cityBackground, seine, zsp, zti } from "./base-map.js";
import { group, n, text, type Group, type Item, type Scene, type Style } from "./scene.js";
import { legend } from "./legend.js";
import { contextLegend } from "./carte1.js";
import { mapFurniture } from "./furniture.js";
import { formatFr } from "./format-fr.js";
import { wrapText } from "./text-metrics.js";
import { INK } from "./palettes.js";

export interface ChangeInputs {
  report: ChangeReport;
  /** "layer\0id" → status. */
  status: Map<string, string>;
}

/** The stats stage's change outputs, or null when they are absent or were not computed. */
export function readChange(outDir: string): ChangeInputs | null {
  const json = join(outDir, "stats", "change.json"), csv = join(outDir, "stats", "change.csv");
  if (!existsSync(json)) return null;
  const report = readOutJson<ChangeReport>(json, "stats");
  if (!report.computed || !existsSync(csv)) return { report, status: new Map() };
  return { report, status: new Map(readOutCsv(csv, "stats").map((r) => [`${r.layer}\u0000${r.id}`, r.status])) };
}

type Status = "kept" | "new" | "removed";
export const CHANGE_SYMBOLS: Record<Status, { label: string; style: Style; shape: "disc" | "triangle" | "square"; size: number }> = {
  kept: { label: "présente en 2012 et dans la liste étudiée", shape: "disc", size: 0.38, style: { fill: "#a8a8a8", stroke: "#6b6b6b", strokeWidth: 0.08 } },
  new: { label: "nouvelle depuis 2012", shape: "triangle", size: 0.85, style: { fill: "#c1272d", stroke: "#ffffff", strokeWidth: 0.3, strokeUnder: true } },
  removed: { label: "disparue depuis 2012", shape: "square", size: 0.62, style: { fill: "#ffffff", stroke: "#1f5fa8", strokeWidth: 0.3 } },
};

/** Path of a symbol centred on (x, y); `s` is its half-size in mm. */
export function symbolPath(shape: "disc" | "triangle" | "square", x: number, y: number, s: number): string {
  if (shape === "triangle") return `M${n(x)},${n(y - s)}L${n(x + 0.866 * s * 1.15)},${n(y + 0.5 * s * 1.15)}L${n(x - 0.866 * s * 1.15)},${n(y + 0.5 * s * 1.15)}Z`;
  if (shape === "square") return `M${n(x - s)},${n(y - s)}H${n(x + s)}V${n(y + s)}H${n(x - s)}Z`;
  return `M${n(x - s)},${n(y)}A${n(s)},${n(s)} 0 1 0 ${n(x + s)},${n(y)}A${n(s)},${n(s)} 0 1 0 ${n(x - s)},${n(y)}Z`;
}

function symbols(frame: MapFrame, id: string, label: string, fs: Feature[], st: Status, k: number): Group {
  const sym = CHANGE_SYMBOLS[st];
  const items: Item[] = [];
  for (const f of fs) {
    const [x, y] = frame.point((f.geometry as Point).coordinates);
    if (frame.inside([x, y])) items.push({ kind: "path", id: `${id}-${String(f.properties?.id)}`, d: symbolPath(sym.shape, x, y, sym.size * k), title: f.properties?.label ?? undefined });
  }
  return group(id, items, { label, style: { ...sym.style, strokeWidth: (sym.style.strokeWidth ?? 0) * k } });
}

export function changeMap(layers: Layers, change: ChangeInputs, page: PageSpec, words: { title: string; sources: string[] }): Scene | null {
  const c = change.report.counts;
  const before = layers.cameras_2012;
  if (!change.report.computed || !c || !before) return null;
  const layerOf = change.report.layers!;
  const pick = (fs: Feature[], layer: string, st: Status) => fs.filter((f) => change.status.get(`${layer}\u0000${String(f.properties?.id)}`) === st);
  const kept = pick(layers.cameras, layerOf.studied, "kept"), added = pick(layers.cameras, layerOf.studied, "new"), gone = pick(before, layerOf.earlier, "removed");
  const L = layoutPage(page, words.title, "Caméras présentes dans la couche de 2012 et dans la liste étudiée, nouvelles, disparues", words.sources);
  const k = L.k;
  const frame = mapFrame(layers.city, L.mapBox);
  // Legend: the three symbols first (drawn here: the shared legend only knows discs), then the context.
  const rows: Array<[Status, number]> = [["new", c.new], ["removed", c.removed], ["kept", c.kept]];
  const items: Item[] = [text(L.side.x, L.side.y + 5 * k, "Caméras depuis 2012", 3 * k, { bold: true })];
  let y = L.side.y + 10 * k;
  for (const [st, count] of rows) {
    const sym = CHANGE_SYMBOLS[st];
    items.push(group(`legend-change-${st}`, [
      { kind: "path", d: symbolPath(sym.shape, L.side.x + 3 * k, y, sym.size * k * 1.6), style: { ...sym.style, strokeWidth: (sym.style.strokeWidth ?? 0) * k * 1.6 } },
      text(L.side.x + 8 * k, y + 0.9 * k, `${sym.label} (${formatFr(count)})`, 2.6 * k, { fill: INK.text }),
    ]));
    y += 5 * k;
  }
  const t = (change.report.rule as { threshold_m?: { confidence_1: number; confidence_0: number } } | undefined)?.threshold_m;
  const note = `${t ? `Une caméra 2012 et un site de la liste sont tenus pour la même caméra à moins de ${formatFr(t.confidence_1)} à ${formatFr(t.confidence_0)} m selon la confiance du géocodage (noms concordants d'abord, un à un). ` : ""}` +
    `${formatFr(c.kept_positioned_from_earlier_layer)} des sites présents ont été placés par le géocodeur sur le point 2012 lui-même : ils ne prouvent pas que la caméra est restée.`;
  for (const l of wrapText(note, 2.2 * k, L.side.width)) {
    y += 2.8 * k;
    items.push(text(L.side.x, y, l, 2.2 * k, { italic: true, fill: "#404040" }));
  }
  const ctx = legend(L.side.x, y + 3 * k, L.side.width, contextLegend(layers).filter((e) => !("id" in e && e.id === "legend-camera")));
  const scene: Scene = {
    title: words.title, width: page.width, height: page.height, background: "#ffffff", patterns: [], clips: [],
    layers: [
      cityBackground(frame, layers.city),
      bois(frame, layers.woods ?? []),
      seine(frame, layers.river ?? []),
      arrondissementLimits(frame, layers.arrondissements, layers.city, k),
      zsp(frame, layers.zsp ?? [], k),
      zti(frame, layers.zti ?? [], k),
      symbols(frame, "cameras-kept", "Caméras présentes en 2012 et dans la liste", kept, "kept", k),
      symbols(frame, "cameras-gone", "Caméras disparues depuis 2012", gone, "removed", k),
      symbols(frame, "cameras-new", "Caméras nouvelles depuis 2012", added, "new", k),
      L.header,
      group("legend", [...items, ...ctx.group.items], { label: "Légende" }),
      ...mapFurniture(frame, layers.city, k),
      L.footer,
    ],
  };
  return scene;
}
