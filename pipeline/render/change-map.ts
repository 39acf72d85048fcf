// The change map: on one map, the cameras kept since the earlier layer, those new since it and
// those gone since it (out/stats/change.csv), in three symbols that differ by shape AND by
// lightness, so they stay apart in greyscale print: kept = small light-grey disc, new = dark
// vermilion triangle with a white halo, gone = hollow blue square. Replaces the side-by-side of
// the two layers (compare-years.ts), whose near-identical dot clouds hid the change.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, Point } from "geojson";
import { forEachFileBlock, readOutJson, TEXT_CHUNK } from "../core/out-files.js";
import { isAscii } from "node:buffer";
import { InputError } from "../core/errors.js";
import { CsvRowReader, keepColumns } from "../geo/read-csv.js";
import type { ChangeReport } from "../contracts.js";
import type { CameraList, Layers } from "./read-inputs.js";
import { cameraColumn, cameraFeatures, cameraRows } from "./camera-list.js";
import type { MapFrame } from "./map-frame.js";
import type { PageSpec } from "./page.js";
import { mapPage } from "./map-page.js";
import { cameraRadius, cityBackground, woods } from "./base-map.js";
import { group, n, type Group, type Item, type Scene, type Style } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { cameraDensity, cameraLayerLegend, drawsDensity, occupiedBy, type DensityRule } from "./camera-density.js";
import { contextLayers, zoneAndContextLegend, type MapText } from "./carte1.js";
import { formatFr } from "./format-fr.js";

export interface ChangeInputs {
  report: ChangeReport;
  /** layer → its rows of change.csv, in file order. */
  status: Map<string, LayerRows>;
}

/** A layer's rows of change.csv: ids and statuses in file order; by id once asked. */
export interface LayerRows {
  ids: string[];
  statuses: string[];
  byId?: Map<string, string>;
}

/** Status of camera `id` of `layer` in change.csv, or undefined when it has no row there. */
function statusOf(change: ChangeInputs, layer: string, id: string): string | undefined {
  const r = change.status.get(layer);
  if (!r) return undefined;
  r.byId ??= new Map(r.ids.map((x, i) => [x, r.statuses[i]]));
  return r.byId.get(id);
}

/**
 * The status of each camera of a layer, in layer order. The stats stage writes change.csv in the
 * order of the cameras it read: when the ids match row for row (checked, one string comparison a
 * camera) the statuses are taken as they are, without a million-entry map; else looked up by id.
 */
function layerStatusList(change: ChangeInputs, layer: string, cams: CameraList): Array<string | undefined> {
  const r = change.status.get(layer);
  const n = cams.length;
  const ids = cameraColumn(cams, "id");
  const idOf = (i: number) => {
    const v = ids[i];
    return typeof v === "string" ? v : String(v ?? null);
  };
  let same = !!r && r.ids.length === n;
  for (let i = 0; same && i < n; i++) same = r!.ids[i] === idOf(i);
  if (same) return r!.statuses;
  return Array.from({ length: n }, (_, i) => statusOf(change, layer, idOf(i)));
}

/** The rows of each layer from rows (layer, id, status), as a test or a reader has them. */
export function layerStatuses(rows: Iterable<[string, string, string]>): Map<string, LayerRows> {
  const out = new Map<string, LayerRows>();
  for (const [layer, id, st] of rows) {
    const r = out.get(layer) ?? out.set(layer, { ids: [], statuses: [] }).get(layer)!;
    r.ids.push(id);
    r.statuses.push(st);
  }
  return out;
}

/** The stats stage's change outputs, or null when they are absent or were not computed. */
export function readChange(outDir: string): ChangeInputs | null {
  const json = join(outDir, "stats", "change.json"), csv = join(outDir, "stats", "change.csv");
  if (!existsSync(json)) return null;
  const report = readOutJson<ChangeReport>(json, "stats");
  if (!report.computed || !existsSync(csv)) return { report, status: new Map() };
  return { report, status: readStatuses(csv) };
}

/**
 * The statuses of change.csv, three columns of its twelve: past the density threshold the file
 * has a row per camera (55 MB at a million), and a row object each would cost more than the map.
 */
function readStatuses(csv: string): Map<string, LayerRows> {
  return plainStatuses(csv) ?? tokenizedStatuses(csv);
}

/** True when text[from, to) is `word`. */
const textIs = (text: string, from: number, to: number, word: string) => to - from === word.length && text.startsWith(word, from);

/** One status list per layer, with its statuses' few distinct strings held once. */
function statusAdder(out: Map<string, LayerRows>): (layer: string, id: string, st: string) => void {
  const words = new Map<string, string>();
  return (layer, id, st) => {
    const r = out.get(layer) ?? out.set(layer, { ids: [], statuses: [] }).get(layer)!;
    r.ids.push(id);
    r.statuses.push(words.get(st) ?? (words.set(st, st), st));
  };
}

/**
 * The stage writes these three columns first and quotes nothing in this file (ids, statuses,
 * methods, numbers): without a quote anywhere, a row is its line and its first three fields are
 * cut at the first two commas, a million rows without the tokenizer's cells. Read a 64 kB block of
 * whole lines at a time (core/out-files forEachFileBlock, TEXT_CHUNK), never whole: 55 MB read and
 * decoded at once were twice that in fresh memory. Null at the first quote or carriage return (or another
 * header): the tokenizer then reads the file.
 */
function plainStatuses(csv: string): Map<string, LayerRows> | null {
  const out = new Map<string, LayerRows>();
  const words = new Map<string, string>();
  let layer = "", status = "", rows: LayerRows | undefined;
  let first = true, plain = true, short = false;
  forEachFileBlock(csv, (block) => {
    if (!plain) return;
    if (block.indexOf(0x22) >= 0 || block.indexOf(0x0d) >= 0) return void (plain = false);
    if (short) return; // a short row seen: only quotes are looked for now
    // ASCII reads the same as latin1 (a plain copy) and as UTF-8; a block with other bytes as UTF-8.
    const text = block.toString(isAscii(block) ? "latin1" : "utf8");
    let start = 0;
    if (first) {
      first = false;
      const nl = text.indexOf("\n");
      if (nl <= 0 || !text.startsWith("layer,id,status,")) return void (plain = false);
      start = nl + 1;
    }
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      if (end > start) {
        const a = text.indexOf(",", start), b = a < 0 ? -1 : text.indexOf(",", a + 1);
        // Said once the whole file is known to be plain (a quote further on hands it to the tokenizer).
        if (b < 0 || b > end) return void (short = true);
        const c = text.indexOf(",", b + 1), z = c < 0 || c > end ? end : c;
        // A layer's rows follow one another and a status is one of three words: the last ones
        // are compared in place, so only the id becomes a new string (a million rows, three
        // slices each, were most of the reading's garbage).
        if (!rows || !textIs(text, start, a, layer)) {
          layer = text.slice(start, a);
          rows = out.get(layer) ?? out.set(layer, { ids: [], statuses: [] }).get(layer)!;
        }
        if (!textIs(text, b + 1, z, status)) {
          const w = text.slice(b + 1, z);
          status = words.get(w) ?? (words.set(w, w), w);
        }
        rows.ids.push(text.slice(a + 1, b));
        rows.statuses.push(status);
      }
      start = end + 1;
    }
  }, TEXT_CHUNK);
  if (!plain || first) return null;
  if (short) throw new InputError(csv, undefined, "a row with fewer than three columns", "re-run `contrechamp stats`");
  return out;
}

/** change.csv through the tokenizer, quotes and all. */
function tokenizedStatuses(csv: string): Map<string, LayerRows> {
  const cols = ["layer", "id", "status"];
  const out = new Map<string, LayerRows>();
  const add = statusAdder(out);
  let at: number[] | null = null;
  const reader = new CsvRowReader(csv, (r) => {
    at ??= cols.map((c) => {
      const i = reader.header!.indexOf(c);
      if (i < 0) throw new InputError(csv, "1", `no "${c}" column`, "re-run `contrechamp stats`");
      return i;
    });
    add(r.cells[at[0]], r.cells[at[1]], r.cells[at[2]]);
  }, ",", keepColumns(cols));
  reader.push(readFileSync(csv, "utf8"), true);
  return out;
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

/** Each status's cameras as a whole: the layer's name in the SVG, and the density legend's note. */
const PLURAL: Record<Status, string> = { kept: "Caméras présentes en 2012 et dans la liste", new: "Caméras nouvelles depuis 2012", removed: "Caméras disparues depuis 2012" };

/** The colour a status is drawn in as density (a hollow symbol's stroke). */
const densityFill = (st: Status) => (CHANGE_SYMBOLS[st].style.fill === "#ffffff" ? CHANGE_SYMBOLS[st].style.stroke! : CHANGE_SYMBOLS[st].style.fill!);

/**
 * `s`: the symbol's half-size in mm at the final size. A status with more cameras than the
 * map's density threshold is drawn as density per 200 m cell in its colour (camera-density.ts).
 */
function symbols(frame: MapFrame, id: string, label: string, cams: CameraList, st: Status, s: number, rule: DensityRule): Group {
  if (drawsDensity(cams, rule)) return cameraDensity(frame, cams, id, densityFill(st), rule);
  const fs = cameraFeatures(cams);
  const sym = CHANGE_SYMBOLS[st];
  const items: Item[] = [];
  for (const f of fs) {
    const [x, y] = frame.point((f.geometry as Point).coordinates);
    if (frame.inside([x, y])) items.push({ kind: "path", id: `${id}-${String(f.properties?.id)}`, d: symbolPath(sym.shape, x, y, s), title: f.properties?.label ?? undefined });
  }
  return group(id, items, { label, style: sym.style });
}

export function changeMap(layers: Layers, change: ChangeInputs, page: PageSpec, words: MapText): Scene | null {
  const c = change.report.counts;
  const before = layers.cameras_2012;
  if (!change.report.computed || !c || !before) return null;
  const { ctx } = words;
  const layerOf = change.report.layers!;
  // Each camera's status looked up once; the three layers drawn are the rows of each status.
  const split = (fs: CameraList, layer: string): Record<string, number[]> => {
    const rows: Record<string, number[]> = { kept: [], new: [], removed: [] };
    const list = layerStatusList(change, layer, fs);
    for (let i = 0; i < fs.length; i++) {
      const r = rows[list[i] ?? ""];
      if (Array.isArray(r)) r.push(i);
    }
    return rows;
  };
  const studied = split(layers.cameras, layerOf.studied), earlier = split(before, layerOf.earlier);
  // Rows past the threshold are drawn as density: their positions are all they need.
  const rowsOf = (cams: CameraList, idx: number[]) => cameraRows(cams, idx, idx.length > ctx.densityThreshold);
  const kept = rowsOf(layers.cameras, studied.kept), added = rowsOf(layers.cameras, studied.new), gone = rowsOf(before, earlier.removed);
  const byStatus: Record<Status, CameraList> = { kept, new: added, removed: gone };
  // Symbols in final millimetres: a little larger than a camera dot, whatever the page.
  const r = cameraRadius(page);
  const size = (st: Status) => (CHANGE_SYMBOLS[st].size / 0.62) * r * 1.3;
  const t = (change.report.rule as { threshold_m?: { confidence_1: number; confidence_0: number } } | undefined)?.threshold_m;
  const note = `${t ? `Une caméra 2012 et un site de la liste sont tenus pour la même caméra à moins de ${formatFr(t.confidence_1)} à ${formatFr(t.confidence_0)} m selon la confiance du géocodage (noms concordants d'abord, un à un). ` : ""}` +
    `${formatFr(c.kept_positioned_from_earlier_layer)} des sites présents ont été placés par le géocodeur sur le point 2012 lui-même : ils ne prouvent pas que la caméra est restée.`;
  const rows: Array<[Status, number]> = [["new", c.new], ["removed", c.removed], ["kept", c.kept]];
  const legendEntries = (): LegendEntry[] => [
    { kind: "heading", text: "Caméras depuis 2012" },
    ...rows.flatMap(([st, count]): LegendEntry[] => cameraLayerLegend(byStatus[st], PLURAL[st], () => [{
      kind: "symbol", id: `legend-change-${st}`, label: `${CHANGE_SYMBOLS[st].label} (${formatFr(count)})`,
      path: (x, y) => symbolPath(CHANGE_SYMBOLS[st].shape, x, y, size(st) * 1.3), style: CHANGE_SYMBOLS[st].style,
    }], { rule: ctx, fill: densityFill(st), id: `legend-change-${st}` })),
    { kind: "note", text: note },
    ...zoneAndContextLegend(layers, ctx),
  ];
  const { scene } = mapPage({
    page,
    title: words.title,
    subtitle: "Caméras présentes dans la couche de 2012 et dans la liste étudiée, nouvelles, disparues",
    sources: words.sources,
    extent: ctx.extent,
    clip: ctx.zoomed,
    occupied: [...occupiedBy(layers.cameras, ctx), ...occupiedBy(before, ctx)],
    layers: (frame) => [
      cityBackground(frame, layers.city),
      ...woods(frame, layers.woods),
      ...contextLayers(frame, layers, ctx),
      symbols(frame, "cameras-kept", PLURAL.kept, kept, "kept", size("kept"), ctx),
      symbols(frame, "cameras-gone", PLURAL.removed, gone, "removed", size("removed"), ctx),
      symbols(frame, "cameras-new", PLURAL.new, added, "new", size("new"), ctx),
    ],
    legend: legendEntries,
    words: ctx.S,
    caption: `${words.title}\n\n${note}\n${(words.captionNotes ?? []).join("\n")}\n`,
  });
  return scene;
}
