// The atlas: one page per district of the coarsest declared level, zoomed on it, with Carte 1's
// layers and the district's indicators from out/stats/<level>.csv when the stats stage has run.
import type { Feature } from "geojson";
import type { ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { areaGroup, cameraPoints, CAMERA_R, cityBackground, districtLabel, NO_RESIDENTS, woods } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses } from "./income-layer.js";
import { cameraLegend, contextLayers, incomeLegend, type MapText } from "./carte1.js";
import type { LegendEntry } from "./legend.js";
import { INK } from "./palettes.js";
import { LINE } from "./page.js";
import type { Scene } from "./scene.js";
import type { Strings } from "./strings.js";

// [column, fr, en, decimals, unit, scale]: shares are printed as percentages, as the report does.
const INDICATORS: Array<[string, string, string, number, string, number?]> = [
  ["cameras", "caméras", "cameras", 0, ""],
  ["area_km2", "surface", "area", 2, "km²"],
  ["cameras_per_km2", "caméras par km²", "cameras per km²", 1, ""],
  ["population", "résidents (interpolés)", "residents (interpolated)", 0, ""],
  ["cameras_per_10k_residents", "caméras pour 10 000 résidents", "cameras per 10,000 residents", 2, ""],
  ["mean_income", "niveau de vie moyen", "mean standard of living", 0, "€"],
  ["poverty_rate", "part de ménages pauvres", "share of poor households", 1, "%", 100],
];

export function indicatorLines(row: DistrictStats, S?: Strings, zones: Array<{ layer: string; short: string }> = []): string[] {
  const fr = !S || S.lang === "fr";
  const dec = S?.dec ?? ((n: number, d = 0) => n.toFixed(d));
  const rows: Array<[string, string, number, string, number?]> = [
    ...INDICATORS.map(([c, f, e, d, u, k]) => [c, fr ? f : e, d, u, k] as [string, string, number, string, number?]),
    ...zones.map((z) => [`cameras_in_${z.layer}`, fr ? `caméras en ${z.short}` : `cameras in ${z.short}`, 0, ""] as [string, string, number, string]),
  ];
  return rows.filter(([c]) => Number.isFinite(row.values[c])).map(([c, label, d, unit, scale = 1]) => `${label}${fr ? " : " : ": "}${dec(row.values[c] * scale, d)}${unit ? "\u00a0" + unit : ""}`);
}

export function atlasPages(layers: Layers, rows: DistrictStats[] | null, page: PageSpec, classing: ClassifyOptions, words: MapText): Array<[string, Scene]> {
  const { ctx } = words;
  const S = ctx.S;
  if (!ctx.coarse) return [];
  const classes = layers.income_cells?.length ? incomeClasses(layers.income_cells, classing) : null;
  const byCode = new Map((rows ?? []).map((r) => [r.code, r]));
  const sorted = [...layers[ctx.coarse.layer]].sort((a, b) => String(a.properties?.code).localeCompare(String(b.properties?.code)));
  const finer = ctx.levels[1];
  return sorted.map((d: Feature) => {
    const code = String(d.properties?.code);
    const row = byCode.get(code);
    const name = String(d.properties?.name ?? code);
    const label = districtLabel(d, ctx.lang);
    const { scene } = mapPage({
      page,
      title: label === name ? name : `${label} — ${name}`,
      subtitle: S.atlas.subtitle,
      sources: words.sources,
      extent: [d],
      clip: true,
      patterns: [HATCH, NO_RESIDENTS],
      words: S,
      layers: (frame) => [
        ...(classes ? incomeBackdrop(frame, layers, classes) : [cityBackground(frame, layers.city), ...woods(frame, layers.woods)]),
        ...(finer ? [areaGroup(`${finer.layer}-limits`, finer.label.fr, frame, layers[finer.layer], { fill: "none", stroke: "#ffffff", strokeWidth: 1.1 * LINE.limit, dash: [1, 0.6] })] : []),
        ...contextLayers(frame, layers, ctx),
        areaGroup("this-district", name, frame, [d], { fill: "none", stroke: INK.text, strokeWidth: 2 * LINE.limit }),
        cameraPoints(frame, layers.cameras, "cameras", CAMERA_R * 1.3, undefined, ctx, !!classes),
      ],
      legend: (frame) => {
        const ind: LegendEntry[] = [{ kind: "heading", text: S.atlas.heading }];
        if (row) ind.push(...indicatorLines(row, S, ctx.zones).map((t): LegendEntry => ({ kind: "note", text: t })));
        else ind.push({ kind: "note", text: S.atlas.missing });
        return [...ind, ...(classes ? incomeLegend(classes, classing, layers, ctx).entries : []), ...cameraLegend(layers, ctx, { r: CAMERA_R * 1.3, squares: classes ? frame : undefined })];
      },
    });
    return [`atlas/${code}`, scene];
  });
}
