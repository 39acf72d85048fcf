// Cameras per arrondissement as proportional circles (area ∝ count, Flannery's perceptual
// correction deliberately not applied: readers compare against the legend circles) over the
// income choropleth of the cells.
import type { ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { arrondissementLimits, labelAnchor, ordinalFr, zsp, zti } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses } from "./income-layer.js";
import { incomeLegend } from "./carte1.js";
import { group, text, type Item } from "./scene.js";
import type { LegendEntry } from "./legend.js";
import { formatFr } from "./format-fr.js";
import { niceLength } from "./scale-bar.js";

const SYMBOL = { fill: "#b2182b", fillOpacity: 0.7, stroke: "#ffffff", strokeWidth: 0.35 };

export function camerasBySymbols(layers: Layers, rows: DistrictStats[], page: PageSpec, classing: ClassifyOptions, words: { title: string; sources: string[] }) {
  const classes = incomeClasses(layers.income_cells, classing);
  const byCode = new Map(rows.map((r) => [r.code, r.values.cameras]));
  const counts = layers.arrondissements.map((f) => byCode.get(String(f.properties?.code)) ?? NaN);
  const max = Math.max(...counts.filter(Number.isFinite));
  const rMax = 8;
  const radius = (v: number, k: number) => rMax * k * Math.sqrt(v / max);
  const refs = [niceLength(max), niceLength(max / 4), niceLength(max / 16)].filter((v, i, a) => v > 0 && a.indexOf(v) === i);
  return mapPage({
    page,
    title: words.title,
    subtitle: "Cercles proportionnels au nombre de caméras, sur le niveau de vie moyen des carreaux de 200 m",
    sources: words.sources,
    extent: layers.city,
    patterns: [HATCH],
    layers: (frame, k) => {
      const order = layers.arrondissements.map((f, i) => ({ f, v: counts[i] })).filter((x) => Number.isFinite(x.v)).sort((a, b) => b.v - a.v);
      const circles: Item[] = [];
      const labels: Item[] = [];
      for (const { f, v } of order) {
        const [x, y] = labelAnchor(frame, f, k);
        circles.push({ kind: "circle", id: `symbol-${f.properties?.code}`, cx: x, cy: y, r: radius(v, k), title: `${f.properties?.name} : ${v} caméras` });
        labels.push(text(x, y + 1.1 * k, `${ordinalFr(Number(f.properties?.number))} · ${formatFr(v)}`, 2.6 * k, { anchor: "middle", bold: true, halo: 0.6 * k }));
      }
      return [
        ...incomeBackdrop(frame, layers, classes),
        arrondissementLimits(frame, layers.arrondissements, layers.city, k),
        zsp(frame, layers.zsp, k),
        zti(frame, layers.zti, k),
        group("camera-symbols", circles, { label: "Caméras par arrondissement", style: SYMBOL }),
        group("camera-symbol-labels", labels, { label: "Effectifs" }),
      ];
    },
    legend: (_frame, k) => {
      const inc = incomeLegend(classes, classing, layers).entries.filter((e) => !("id" in e && e.id === "legend-camera"));
      const sym: LegendEntry[] = [
        { kind: "heading", text: "Caméras par arrondissement" },
        { kind: "note", text: `Surface des cercles proportionnelle au nombre de caméras (out/stats/arrondissements.csv), ${formatFr(counts.filter(Number.isFinite).reduce((s, v) => s + v, 0))} au total.` },
        ...refs.map((v, i): LegendEntry => ({ kind: "circle-size", id: `legend-symbol-${i}`, label: `${formatFr(v)} caméras`, r: radius(v, k), style: SYMBOL })),
      ];
      return [...sym, ...inc];
    },
  });
}

