// A standard map page: title, map of the city (or a zoom), legend, scale bar, north arrow, an
// optional inset, credit. The layout (pipeline/render/layout.ts) tries the legend in the map's
// empty corners, in a side column and in a band under the map, and keeps the one that draws the
// map largest; type and lines keep their point sizes whatever the page.
import type { Feature, Geometry, Position } from "geojson";
import { geometryToL93, mapFrame, toL93, type Box, type MapFrame } from "./map-frame.js";
import { marginOf, pageText, TYPE, LINE, type PageSpec } from "./page.js";
import { legendBlocks, sections, type Block, type LegendEntry } from "./legend.js";
import { northAngle, northArrowBlock } from "./north-arrow.js";
import { scaleBarBlock } from "./scale-bar.js";
import { group, prefixIds, rect, text, walk, type Group, type HatchPattern, type Item, type Scene } from "./scene.js";
import { packColumns, placeInCorners, type Corner, type Placement, type Shape } from "./layout.js";
import { lonLatCenter } from "./furniture.js";
import { strings, type Strings } from "./strings.js";
import { textWidth } from "./text-metrics.js";
import { INK } from "./palettes.js";
import { UsageError } from "../core/errors.js";
import type { XY } from "../geo/crs.js";

export interface MapPageSpec {
  page: PageSpec;
  title: string;
  subtitle?: string;
  /** The credit lines under the map (short: data drawn, sources, vintages). */
  sources: string[];
  /** Features the map is fitted to (the city, the study area, or one district for the atlas). */
  extent: Feature[];
  /** Zoomed maps clip drawing to the map box (and then fill it). */
  clip?: boolean;
  /** `k` is 1: sizes are final millimetres (kept in the signature for older companion code). */
  layers(frame: MapFrame, k: number): Group[];
  legend(frame: MapFrame, k: number): LegendEntry[];
  patterns?: HatchPattern[];
  /** Drawn things beyond the extent that blocks must not cover (e.g. cameras outside the city). */
  occupied?: Position[];
  /** A zoom on part of the map (Carte 1: the centre), drawn with the same layers. */
  inset?: { extent: Feature[]; title: string };
  /** Methods and details for the caption file out/maps/<name>.txt. */
  caption?: string;
  /** Words of the furniture (km, N). */
  words?: Strings;
}

const LEGEND_W = 56;

export function mapPage(spec: MapPageSpec): { scene: Scene; frame: MapFrame } {
  const S = spec.words ?? strings("fr");
  const page = spec.page;
  const M = marginOf(page);
  const t = pageText(page, spec.title, spec.subtitle, spec.sources);
  const inner = page.width - 2 * M;
  const top = t.top;
  const legendW = Math.min(LEGEND_W, inner);
  // The probe frame draws the extent as wide as the page allows: no final map is larger, so
  // symbols sized from the frame only shrink when the legend is redrawn for the final one.
  const probe = mapFrame(spec.extent, [[M, top], [page.width - M, top + 10000]]);
  const entries = spec.legend(probe, 1);
  let legendEntries = entries;
  let legend = legendBlocks(entries, legendW);
  const angleAt = lonLatCenter(spec.extent);

  interface Try {
    frame: MapFrame;
    placements: Placement[];
    height: number;
  }
  const furniture = (frame: MapFrame, full: boolean, wideBar: number): Array<Block & { optional?: boolean; corners?: Corner[] }> => [
    { ...scaleBarBlock(frame.scale, Math.max(12, Math.min(40, wideBar / 4)), full, S.km, S.dec), corners: ["bl", "br", "tl", "tr"] },
    { ...northArrowBlock(8, northAngle(frame, angleAt), full, S.north), corners: ["tr", "br", "tl", "bl"] },
  ];
  const insetBlock = (w: number, h: number): (Block & { optional: boolean; corners: Corner[] }) | null =>
    spec.inset ? { id: "inset", w, h, optional: true, corners: ["bl", "tl", "br", "tr"], draw: (x, y) => drawInset(spec, x, y, w, h) } : null;
  // Every try places the same extent and points in a new frame: projected to Lambert-93 once here
  // (the extent's geometries once per run, geometryToL93), only the frame's scale and shift per try.
  const occupied = (spec.occupied ?? []).map((p) => toL93([p[0], p[1]]));
  const shapeOf = (frame: MapFrame): Shape => ({ rings: spec.clip ? [] : pageRings(frame, spec.extent), points: occupied.map((p) => frame.pointL93(p)), full: spec.clip });

  const tries: Try[] = [];
  const consider = (box: Box, fit: Box, blocksIn: Box | null, band: { placements: Placement[] } | null, height: number) => {
    const frame = mapFrame(spec.extent, box, { clip: spec.clip, fit });
    const shape = shapeOf(frame);
    const taken = band ? band.placements.map((p) => p.rect) : [];
    // The scale bar is a quarter of the drawn map's width, not of the (maybe wider) box.
    const xs = shape.rings.flatMap((r) => r.map((q) => q[0]));
    const drawnW = xs.length ? Math.max(...xs) - Math.min(...xs) : fit[1][0] - fit[0][0];
    const fBlocks = furniture(frame, !!spec.clip, drawnW);
    const ins = insetBlock(Math.min(62, (box[1][0] - box[0][0]) * 0.4), Math.min(46, (box[1][0] - box[0][0]) * 0.3));
    const cornerBlocks = [...(blocksIn ? legend.map((b) => ({ ...b, corners: ["tr", "br", "tl", "bl"] as Corner[] })) : []), ...fBlocks, ...(ins ? [ins] : [])];
    // Furniture on a zoomed map sits over the data, on white cards: it need not avoid the shape.
    const placed = spec.clip && !blocksIn ? placeInCorners(box, cornerBlocks.filter((b) => b.id !== "inset"), { rings: [], points: [] }, taken) : placeInCorners(box, cornerBlocks, shape, taken);
    if (!placed) return;
    tries.push({ frame, placements: [...(band?.placements ?? []), ...placed], height });
  };
  const shrink = (b: Box, s: number): Box => {
    const [[x0, y0], [x1, y1]] = b;
    const dx = ((x1 - x0) * (1 - s)) / 2;
    const dy = ((y1 - y0) * (1 - s)) / 2;
    return [[x0 + dx, y0 + dy], [x1 - dx, y1 - dy]];
  };

  const tryAll = () => {
  if (!page.flexHeight) {
    const bottom = page.height - M - t.footHeight - 2;
    const area: Box = [[M, top], [page.width - M, bottom]];
    // 1. Corners: the map in the whole area, shrunk step by step until the legend fits beside it.
    // A box only as tall as the map needs comes first (on a tie it wins): the legend and the
    // scale bar then sit next to the map, not at the far ends of a tall page.
    if (!spec.clip) {
      const hNat = inner / extentAspect(spec.extent);
      for (const s of [1, 0.95, 0.9, 0.85, 0.8, 0.75]) {
        for (const extra of [0, 25, 50]) {
          const h = Math.min(bottom - top, hNat * s + extra + 4);
          if (h < bottom - top - 1) {
            const tight: Box = [[M, top], [page.width - M, top + h]];
            consider(tight, shrink(tight, Math.min(1, (hNat * s + 4) / h) >= 1 ? s : s), tight, null, page.height);
          }
        }
        consider(area, shrink(area, s), area, null, page.height);
      }
    }
    // 2. Side column.
    const sideW = legendW;
    const side = packColumns(legend, page.width - M - sideW, top, sideW, sideW);
    if (side.height <= bottom - top) {
      const box: Box = [[M, top], [page.width - M - sideW - 4, bottom]];
      consider(box, box, null, side, page.height);
    }
    // 3. Band under the map, as many columns as the width holds (narrower columns on small pages).
    for (const w of [legendW, Math.min(legendW, 46)]) {
      const blocks = w === legendW ? legend : legendBlocks(legendEntries, w);
      const band = packColumns(blocks, M, 0, inner, w);
      const mapBottom = bottom - band.height - 3;
      if (mapBottom - top > 30) {
        const moved = { placements: band.placements.map((p) => ({ ...p, rect: { ...p.rect, y: p.rect.y + mapBottom + 3 } })) };
        const box: Box = [[M, top], [page.width - M, mapBottom]];
        consider(box, box, null, moved, page.height);
      }
    }
  } else {
    // A column figure: full width, the map as tall as its shape asks, the legend under it.
    const aspect = extentAspect(spec.extent);
    const band = packColumns(legend, M, 0, inner, legendW);
    const maxMap = page.height - top - band.height - 3 - t.footHeight - 2 - M;
    const mapH = Math.max(30, Math.min(maxMap, inner / aspect + (spec.clip ? 0 : 2)));
    const mapBottom = top + mapH;
    const moved = { placements: band.placements.map((p) => ({ ...p, rect: { ...p.rect, y: p.rect.y + mapBottom + 3 } })) };
    const height = mapBottom + 3 + band.height + 2 + t.footHeight + M;
    const box: Box = [[M, top], [page.width - M, mapBottom]];
    consider(box, box, null, moved, height);
    // If the furniture finds no corner, give the map a little air and try again.
    if (tries.length === 0) consider(box, shrink(box, 0.85), null, moved, height);
  }
  };
  tryAll();
  if (tries.length === 0) {
    // A small page: the legend's notes (methods, units) go to the caption file only.
    legendEntries = entries.filter((e) => e.kind !== "note");
    legend = legendBlocks(legendEntries, legendW);
    tryAll();
  }
  if (tries.length === 0) {
    const need = Math.ceil(packColumns(legend, 0, 0, inner, legendW).height);
    throw new UsageError(`page ${page.name ?? `${page.width}x${page.height}mm`}: too small for the map "${spec.title}" and its legend (${need} mm of legend at ${Math.round(inner)} mm wide) (use the "column" or "double-column" preset, whose height follows the figure, or a larger page)`);
  }
  // The largest map wins; an inset that found room is worth 5 % of scale (it shows the centre
  // at twice the size), and on a tie the earlier, tighter layout stays.
  const score = (t: Try) => t.frame.scale * (t.placements.some((p) => p.block.id === "inset") ? 1.05 : 1);
  const best = tries.reduce((a, b) => (score(b) > score(a) * 1.0001 ? b : a));
  const height = best.height;
  const legendItems: Item[] = [];
  const others: Group[] = [];
  // Legend symbols sized from the map (proportional circles) are redrawn for the final frame,
  // in the places found, when they are no taller than the blocks measured with the probe.
  for (const p of best.placements) {
    let block = p.block;
    const m = /^legend-block-(\d+)$/.exec(block.id);
    if (m) {
      const again = legendBlocks(sectionsOf(spec.legend(best.frame, 1), legendEntries.length !== entries.length)[Number(m[1])] ?? [], p.rect.w)[0];
      if (again && again.h <= p.rect.h + 0.01) block = again;
    }
    const items = block.draw(p.rect.x, p.rect.y);
    if (p.block.id.startsWith("legend-block")) legendItems.push(...items);
    else others.push(...(items as Group[]));
  }
  const clips = spec.inset ? [{ id: "inset-clip", d: insetClip(best.placements) }] : [];
  const scene: Scene = {
    title: spec.title,
    width: page.width,
    height,
    background: "#ffffff",
    patterns: spec.patterns ?? [],
    clips: clips.filter((c) => c.d !== ""),
    layers: [
      ...spec.layers(best.frame, 1),
      ...(spec.clip ? [group("map-frame", [rect(best.frame.box[0][0], best.frame.box[0][1], best.frame.box[1][0] - best.frame.box[0][0], best.frame.box[1][1] - best.frame.box[0][1], { fill: "none", stroke: INK.frame, strokeWidth: LINE.frame })], { label: "Cadre" })] : []),
      t.header,
      group("legend", legendItems, { label: "Légende" }),
      ...others,
      t.footer(height),
    ],
    caption: spec.caption,
  };
  return { scene, frame: best.frame };
}

/** The legend's sections, without notes when the page had to drop them. */
function sectionsOf(entries: LegendEntry[], noNotes: boolean): LegendEntry[][] {
  return sections(noNotes ? entries.filter((e) => e.kind !== "note") : entries);
}

function insetClip(ps: Placement[]): string {
  const p = ps.find((q) => q.block.id === "inset");
  if (!p) return "";
  const { x, y, w, h } = p.rect;
  const top = y + TYPE.label * 1.3;
  return `M${x},${top}H${x + w}V${y + h}H${x}Z`;
}

/** The inset: the same layers fitted to a small extent, clipped to its box, framed and titled. */
function drawInset(spec: MapPageSpec, x: number, y: number, w: number, h: number): Group[] {
  const top = y + TYPE.label * 1.3;
  const box: Box = [[x, top], [x + w, y + h]];
  const frame = mapFrame(spec.inset!.extent, box, { clip: true, fit: [[x + 1, top + 1], [x + w - 1, y + h - 1]] });
  const inside = (it: Item) => {
    if (it.kind !== "text") return true;
    const tw = textWidth(it.text, it.size, it.bold);
    const x0 = it.anchor === "middle" ? it.x - tw / 2 : it.anchor === "end" ? it.x - tw : it.x;
    return x0 >= x && x0 + tw <= x + w && it.y - it.size * 0.76 >= top && it.y + it.size * 0.24 <= y + h;
  };
  const keep = (g: Group): Group => ({ ...g, items: g.items.filter(inside).map((it) => (it.kind === "group" ? keep(it) : it)) });
  const layers = spec.layers(frame, 1).map((g) => keep(prefixIds(g, "inset-")));
  const title = wrapOne(spec.inset!.title, w);
  return [
    group("inset", [
      rect(x, top, w, y + h - top, { fill: "#ffffff", stroke: "none" }),
      group("inset-map", layers, { clip: "inset-clip" }),
      rect(x, top, w, y + h - top, { fill: "none", stroke: INK.text, strokeWidth: LINE.frame }),
      text(x, y + TYPE.label * 0.95, title, TYPE.label, { bold: true, fill: INK.text }),
    ], { label: "Carton" }),
  ];
}

function wrapOne(s: string, w: number): string {
  if (textWidth(s, TYPE.label, true) <= w) return s;
  let out = s;
  while (out.length > 1 && textWidth(out + "…", TYPE.label, true) > w) out = out.slice(0, -1);
  return out + "…";
}

/** Outer rings of the extent in page mm (holes ignored: a block may not sit in a hole). */
export function pageRings(frame: MapFrame, fs: Feature[]): XY[][] {
  const rings: XY[][] = [];
  const add = (g: Geometry) => {
    if (g.type === "Polygon") rings.push(ringToPage(frame, g.coordinates[0]));
    else if (g.type === "MultiPolygon") for (const p of g.coordinates) rings.push(ringToPage(frame, p[0]));
    else if (g.type === "GeometryCollection") g.geometries.forEach(add);
  };
  // The geometries in Lambert-93 (projected once per run, map-frame.ts), placed by the frame.
  for (const f of fs) if (f.geometry) add(geometryToL93(f.geometry));
  return rings;
}

function ringToPage(frame: MapFrame, ring: Position[]): XY[] {
  // Every 4th vertex is enough at page scale (a 2 mm pad covers the gaps) and keeps tries cheap.
  const step = ring.length > 400 ? 4 : 1;
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i += step) out.push(frame.pointL93(ring[i] as XY));
  return out;
}

/** Width / height of the extent in Lambert-93. */
function extentAspect(fs: Feature[]): number {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const walkC = (c: any) => {
    if (typeof c[0] === "number") {
      x0 = Math.min(x0, c[0]); x1 = Math.max(x1, c[0]); y0 = Math.min(y0, c[1]); y1 = Math.max(y1, c[1]);
    } else c.forEach(walkC);
  };
  for (const f of fs) walkC((geometryToL93(f.geometry) as any).coordinates ?? []);
  return x1 > x0 && y1 > y0 ? (x1 - x0) / (y1 - y0) : 1.4;
}

export { walk };
