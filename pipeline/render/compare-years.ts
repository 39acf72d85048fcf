// Two camera layers side by side on the same base (the older layer and the studied one), each
// panel headed by its year and count. Side by side on a wide page, one above the other on a
// narrow one; the legend runs under the panels.
import type { Layers } from "./read-inputs.js";
import { mapFrame, type Box } from "./map-frame.js";
import { layoutPage, marginOf, TYPE, type PageSpec } from "./page.js";
import { cameraPoints, cameraRadius, cityBackground, haloWidth, woods } from "./base-map.js";
import { cameraLayerLegend, drawsDensity } from "./camera-density.js";
import { INK } from "./palettes.js";
import { group, prefixIds, text, type Group, type Scene } from "./scene.js";
import { legendBlocks, type LegendEntry } from "./legend.js";
import { packColumns } from "./layout.js";
import { cameraLegend, contextLayers, type MapText } from "./carte1.js";
import { scaleBarBlock } from "./scale-bar.js";

export function compareYears(layers: Layers, page: PageSpec, words: MapText): Scene | null {
  const before = layers.cameras_2012;
  if (!before) return null;
  const { ctx } = words;
  const S = ctx.S;
  const M = marginOf(page);
  const inner = page.width - 2 * M;
  const stacked = page.width < 120 || (!page.flexHeight && page.height > page.width);
  const r = cameraRadius(page) * 0.8;
  const dot = { fill: INK.camera, stroke: INK.halo, strokeWidth: haloWidth(r), strokeUnder: true };
  const layersDrawn = [
    { fs: before, year: ctx.year("cameras_2012") || "1", id: "legend-camera-older" },
    { fs: layers.cameras, year: ctx.year("cameras") || S.years.study, id: "legend-camera" },
  ];
  // A panel drawn as density (camera-density.ts) has its own classes; panels of dots share one entry.
  const entries: LegendEntry[] = layersDrawn.some((l) => drawsDensity(l.fs, ctx))
    ? [
      { kind: "heading", text: S.cameras.heading },
      ...layersDrawn.flatMap((l) => {
        const what = S.years.panel(l.year, S.dec(l.fs.length));
        return cameraLayerLegend(l.fs, what, () => [{ kind: "point", id: l.id, label: what, r, style: dot }], { rule: ctx, id: l.id });
      }),
      ...cameraLegend(layers, ctx, { r, cameras: false }),
    ]
    : cameraLegend(layers, ctx, { r }).filter((e) => !("id" in e && e.id === "legend-camera-stack")).map((e) => (e.kind === "point" ? { ...e, label: S.cameras.one(`${S.dec(before.length)} / ${S.dec(layers.cameras.length)}`) } : e));
  const legW = Math.min(56, inner);
  const band = packColumns(legendBlocks(entries, legW), 0, 0, inner, legW);
  const head = TYPE.heading * 1.6;
  // Panel size: the city's shape (≈ 1.45:1 for a compact city) in the space left.
  const probe = layoutPage(page, words.title, S.years.subtitle, words.sources, 0, 1000);
  const [[x0, y0], [x1, yMax]] = probe.mapBox;
  const avail = yMax - y0 - band.height - 4;
  const w = stacked ? inner : (inner - 6) / 2;
  const h = Math.min(w / 1.45, stacked ? (avail - 2 * head - 4) / 2 : avail - head);
  const want = (stacked ? 2 * (h + head) + 4 : h + head) + band.height + 4;
  const L = layoutPage(page, words.title, S.years.subtitle, words.sources, 0, want);
  const top = L.mapBox[0][1];
  const boxes: Box[] = stacked
    ? [[[x0, top + head], [x1, top + head + h]], [[x0, top + 2 * head + h + 4], [x1, top + 2 * head + 2 * h + 4]]]
    : [[[x0, top + head], [x0 + w, top + head + h]], [[x0 + w + 6, top + head], [x1, top + head + h]]];
  const panels = [
    { id: "cameras-2012", fs: before, year: ctx.year("cameras_2012") || "1", box: boxes[0] },
    { id: "cameras", fs: layers.cameras, year: ctx.year("cameras") || S.years.study, box: boxes[1] },
  ];
  const drawn: Group[] = panels.map((p) => {
    const frame = mapFrame(ctx.extent, p.box, { clip: ctx.zoomed });
    const prefix = p.id === "cameras" ? "study-" : "older-";
    const bar = scaleBarBlock(frame.scale, Math.min(30, (p.box[1][0] - p.box[0][0]) / 4), false, S.km, S.dec);
    return group(`panel-${p.id}`, [
      text(p.box[0][0], p.box[0][1] - TYPE.heading * 0.5, S.years.panel(p.year, S.dec(p.fs.length)), TYPE.heading, { bold: true }),
      ...[cityBackground(frame, layers.city), ...woods(frame, layers.woods), ...contextLayers(frame, layers, ctx)].map((g) => prefixIds(g, prefix)),
      // Camera ids are the features' own, prefixed in the older panel only (the ids may coincide).
      p.id === "cameras" ? cameraPoints(frame, p.fs, "cameras", r, undefined, ctx) : prefixIds(cameraPoints(frame, p.fs, "cameras", r, undefined, ctx), prefix),
      ...(p.id === "cameras" ? (bar.draw(p.box[1][0] - bar.w, p.box[1][1] - bar.h) as Group[]) : []),
    ], { label: p.id });
  });
  const legTop = boxes[1][1][1] + 4;
  const leg = group("legend", band.placements.flatMap((pl) => pl.block.draw(x0 + pl.rect.x, legTop + pl.rect.y)), { label: "Légende" });
  return { title: words.title, width: page.width, height: L.height, background: "#ffffff", patterns: [], clips: [], layers: [L.header, ...drawn, leg, L.footer], caption: `${words.title}\n\n${(words.captionNotes ?? []).join("\n")}\n` };
}
