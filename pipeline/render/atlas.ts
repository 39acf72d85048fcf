// The atlas: one page per arrondissement, zoomed on it, with Carte 1's layers and the
// arrondissement's indicators from out/stats/arrondissements.csv when the stats stage has run.
import type { Feature } from "geojson";
import type { ClassifyOptions } from "../stats/classify.js";
import type { DistrictStats, Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { areaGroup, arrondissementLimits, cameraPoints, CAMERA_R, ordinalFr, zsp, zti } from "./base-map.js";
import { HATCH, incomeBackdrop, incomeClasses } from "./income-layer.js";
import { incomeLegend } from "./carte1.js";
import type { LegendEntry } from "./legend.js";
import { formatFr } from "./format-fr.js";
import { INK } from "./palettes.js";
import type { Scene } from "./scene.js";

// [column, label, decimals, unit, scale]: shares are printed as percentages, as the report does.
const INDICATORS: Array<[string, string, number, string, number?]> = [
  ["cameras", "caméras", 0, ""],
  ["area_km2", "surface", 2, "km²"],
  ["cameras_per_km2", "caméras par km²", 1, ""],
  ["population", "résidents (carreaux, interpolés)", 0, ""],
  ["cameras_per_10k_residents", "caméras pour 10 000 résidents", 2, ""],
  ["mean_income", "niveau de vie moyen", 0, "€"],
  ["poverty_rate", "part de ménages pauvres", 1, "%", 100],
  ["lq_area", "quotient de localisation (surface)", 2, ""],
  ["cameras_in_zti", "caméras en ZTI", 0, ""],
  ["cameras_in_zsp", "caméras en ZSP", 0, ""],
];

export function indicatorLines(row: DistrictStats): string[] {
  return INDICATORS.filter(([c]) => Number.isFinite(row.values[c])).map(([c, label, d, unit, scale = 1]) => `${label} : ${formatFr(row.values[c] * scale, d)}${unit ? "\u00a0" + unit : ""}`);
}

export function atlasPages(layers: Layers, rows: DistrictStats[] | null, page: PageSpec, classing: ClassifyOptions, sources: string[]): Array<[string, Scene]> {
  const classes = incomeClasses(layers.income_cells, classing);
  const byCode = new Map((rows ?? []).map((r) => [r.code, r]));
  const sorted = [...layers.arrondissements].sort((a, b) => String(a.properties?.code).localeCompare(String(b.properties?.code)));
  return sorted.map((arr: Feature) => {
    const code = String(arr.properties?.code);
    const row = byCode.get(code);
    const { scene } = mapPage({
      page,
      title: `${ordinalFr(Number(arr.properties?.number))} arrondissement — ${arr.properties?.name}`,
      subtitle: "Caméras, niveau de vie des résidents, zones touristiques et de sécurité",
      sources,
      extent: [arr],
      clip: true,
      patterns: [HATCH],
      layers: (frame, k) => [
        ...incomeBackdrop(frame, layers, classes),
        areaGroup("quartier-limits", "Limites de quartier", frame, layers.quartiers, { fill: "none", stroke: "#ffffff", strokeWidth: 0.4 * k, dash: [1, 0.6] }),
        arrondissementLimits(frame, layers.arrondissements, layers.city, k),
        areaGroup("this-arrondissement", "Arrondissement", frame, [arr], { fill: "none", stroke: INK.text, strokeWidth: 1 * k }),
        zsp(frame, layers.zsp, k),
        zti(frame, layers.zti, k),
        cameraPoints(frame, layers.cameras, "cameras", CAMERA_R * 1.6 * k),
      ],
      legend: () => {
        const ind: LegendEntry[] = [{ kind: "heading", text: "Indicateurs de l’arrondissement" }];
        if (row) ind.push(...indicatorLines(row).map((t): LegendEntry => ({ kind: "note", text: t })));
        else ind.push({ kind: "note", text: "indisponibles : l’étape stats n’a pas été exécutée (out/stats/arrondissements.csv absent)" });
        return [...ind, ...incomeLegend(classes, classing, layers).entries];
      },
    });
    return [`atlas/${code}`, scene];
  });
}
