// Cameras per district of the coarsest declared level as proportional circles (area ∝ count,
// Flannery's perceptual correction deliberately not applied: readers compare against the legend
// circles), over the income choropleth of the cells when the study has one.
import type { ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { MapFrame } from "./map-frame.js";
import type { PageSpec } from "./page.js";
import { cityBackground, districtLabel, labelAnchor, NO_RESIDENTS, woods } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses } from "./income-layer.js";
import { contextLayers, incomeLegend, zoneAndContextLegend, type MapText } from "./carte1.js";
import { group, text, type Item } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { niceLength } from "./scale-bar.js";
import { TYPE, PT } from "./page.js";
import { textWidth } from "./text-metrics.js";
import type { LevelDecl } from "../core/study.js";

const SYMBOL = { fill: "#b2182b", fillOpacity: 0.55, stroke: "#ffffff", strokeWidth: 0.8 * PT };

export function camerasBySymbols(layers: Layers, rows: DistrictStats[], page: PageSpec, classing: ClassifyOptions, words: MapText & { level: LevelDecl }) {
  const { ctx } = words;
  const S = ctx.S;
  const level = words.level;
  const districts = layers[level.layer] ?? [];
  const classes = layers.income_cells?.length ? incomeClasses(layers.income_cells, classing) : null;
  const byCode = new Map(rows.map((r) => [r.code, r.values.cameras]));
  const counts = districts.map((f) => byCode.get(String(f.properties?.code)) ?? NaN);
  const max = Math.max(1, ...counts.filter(Number.isFinite));
  // The largest circle: a sixteenth of the map's width (page mm at the final size), 2–8 mm.
  const drawnWidth = (frame: MapFrame) => {
    const [[x0], [x1]] = frame.planar.bounds(frame.planarGeometry({ type: "GeometryCollection", geometries: ctx.extent.map((f) => f.geometry) }));
    return Math.min(x1 - x0, frame.box[1][0] - frame.box[0][0]);
  };
  const radiusIn = (frame: MapFrame) => {
    const rMax = Math.max(2, Math.min(8, drawnWidth(frame) / 16));
    return (v: number) => rMax * Math.sqrt(v / max);
  };
  const refs = [niceLength(max), niceLength(max / 4), niceLength(max / 16)].filter((v, i, a) => v > 0 && Math.sqrt(v / max) >= 0.15 && a.indexOf(v) === i);
  const lname = level.label[ctx.lang] ?? level.label.fr;
  const total = counts.filter(Number.isFinite).reduce((s, v) => s + v, 0);
  return mapPage({
    page,
    title: words.title,
    subtitle: S.symbols.subtitle,
    sources: words.sources,
    extent: ctx.extent,
    clip: ctx.zoomed,
    patterns: [HATCH, NO_RESIDENTS],
    words: S,
    caption: `${words.title}\n\n${S.symbols.note(S.dec(total))}\n${(words.captionNotes ?? []).join("\n")}\n`,
    layers: (frame) => {
      const radius = radiusIn(frame);
      const order = districts.map((f, i) => ({ f, v: counts[i] })).filter((x) => Number.isFinite(x.v)).sort((a, b) => b.v - a.v);
      const circles: Item[] = [];
      const labels: Item[] = [];
      const boxes: number[][] = [];
      for (const { f, v } of order) {
        const [x, y] = labelAnchor(frame, f, 1, layers.woods);
        if (!frame.inside([x, y])) continue;
        circles.push({ kind: "circle", id: `symbol-${f.properties?.code}`, cx: x, cy: y, r: radius(v), title: `${f.properties?.name} : ${v}` });
        const s = `${districtLabel(f, ctx.lang)} · ${S.dec(v)}`;
        const w = textWidth(s, TYPE.label, true) + 0.6;
        const b = [x - w / 2, y - TYPE.label, x + w / 2, y + TYPE.label * 0.4];
        // A label that would touch another is left out (the count stays in the circle's title).
        if (boxes.some((o) => o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3])) continue;
        boxes.push(b);
        labels.push(text(x, y + TYPE.label * 0.36, s, TYPE.label, { anchor: "middle", bold: true, halo: 0.6 }));
      }
      return [
        ...(classes ? incomeBackdrop(frame, layers, classes) : [cityBackground(frame, layers.city), ...woods(frame, layers.woods)]),
        ...contextLayers(frame, layers, ctx),
        group("camera-symbols", circles, { label: S.symbols.heading(lname), style: SYMBOL }),
        group("camera-symbol-labels", labels, { label: "Effectifs" }),
      ];
    },
    legend: (frame) => {
      const radius = radiusIn(frame);
      const sym: LegendEntry[] = [
        { kind: "heading", text: S.symbols.heading(lname) },
        { kind: "note", text: S.symbols.note(S.dec(total)) },
        ...refs.map((v, i): LegendEntry => ({ kind: "circle-size", id: `legend-symbol-${i}`, label: S.symbols.n(S.dec(v)), r: radius(v), style: SYMBOL })),
      ];
      return [...sym, ...(classes ? incomeLegend(classes, classing, layers, ctx).entries : []), ...zoneAndContextLegend(layers, ctx)];
    },
  });
}
