// What every map of a run needs to know about the study: its declared levels and zones, its
// language and strings, the extent drawn (the city, or the analysis area), and short credits
// built from the declared sources of the layers a map actually draws (never a file path).
import { existsSync } from "node:fs";
import type { Feature } from "geojson";
import { densityThreshold, type LevelDecl, type Study, type ZoneDecl } from "../core/study.js";
import type { Layers } from "./read-inputs.js";
import { strings, type Lang, type Strings } from "./strings.js";

export interface MapContext {
  lang: Lang;
  S: Strings;
  /** Above this many cameras, a map draws them as density (settings.render.density_threshold). */
  densityThreshold: number;
  levels: LevelDecl[];
  /** The coarsest declared level that has a layer (its limits and labels go on every map). */
  coarse?: LevelDecl;
  zones: ZoneDecl[];
  /** What the maps are fitted to: the analysis area when set, else the city. */
  extent: Feature[];
  /** True when zoomed to an area: drawing is clipped to the map frame. */
  zoomed: boolean;
  /** Districts of Carte 1's inset, when the study names them and the map is not zoomed. */
  inset: Feature[];
  /** Year of a layer, from its declared vintage ("2015 (income year)" → "2015"). */
  year(layer: string): string;
  /** "Données : a ; b. Carte : contrechamp." for the layers a map draws. */
  credit(drawn: string[], extra?: string): string[];
}

const yearOf = (v: string | undefined) => /\b(1[89]\d\d|20\d\d)\b/.exec(v ?? "")?.[1] ?? "";

export function mapContext(study: Study, layers: Layers, lang: Lang): MapContext {
  const S = strings(lang);
  const levels = study.levels.filter((l) => layers[l.layer]?.length);
  const zoomed = !!(study.area && layers.area?.length);
  const extent = zoomed ? layers.area : layers.city;
  // A zoomed map names only the zones it can show (the 13e has no ZSP: no ZSP in its legend).
  const box = lonLatBox(extent);
  const zones = study.zones.filter((z) => layers[z.layer] && (!zoomed || layers[z.layer].some((f) => boxesMeet(lonLatBox([f]), box))));
  const coarse = levels[0];
  const render = (study.settings.render ?? {}) as Record<string, unknown>;
  const insetCodes = (render.inset ?? study.settings.central_districts ?? []) as string[];
  const inset = zoomed || !coarse ? [] : layers[coarse.layer].filter((f) => insetCodes.includes(String(f.properties?.code)));
  // The camera layer drawn: the study's points, or the list the geocoder placed.
  const specOf = (name: string) => (name === "cameras" ? study.layers.cameras ?? study.layers.camera_sites : study.layers[name]);
  const year = (name: string) => yearOf(specOf(name)?.vintage);
  const creditOf = (name: string): string | null => {
    const spec = specOf(name);
    if (!spec) return null;
    if (spec.user && !spec.source) return name === "cameras" ? S.credit.userCameras : null;
    if (spec.credit && !spec.user) return spec.credit;
    if (!spec.source) return null;
    const y = yearOf(spec.vintage);
    // The first clause of the declared source, which names the publisher.
    const head = spec.source.split(/[;(]| — /)[0].trim().replace(/[,.]$/, "");
    return y && !head.includes(y) ? `${head} (${y})` : head;
  };
  return {
    lang,
    S,
    densityThreshold: densityThreshold(study.settings),
    levels,
    coarse,
    zones,
    extent,
    zoomed,
    inset,
    year,
    credit: (drawn, extra) => {
      const all = [...new Set(drawn.map(creditOf).filter((x): x is string => !!x))];
      // "Ville de Paris" says nothing "Ville de Paris (2021)" does not.
      const parts = all.filter((p) => !all.some((q) => q !== p && q.startsWith(p)));
      const sep = lang === "fr" ? " : " : ": ";
      const line = `${S.credit.data}${sep}${parts.join(lang === "fr" ? " ; " : "; ")}. ${S.credit.map}.`;
      return extra ? [line, extra] : [line];
    },
  };
}

/** `out/layers/area.geojson` exists when the lead's layers stage wrote the analysis area. */
export const hasArea = (file: string) => existsSync(file);

function lonLatBox(features: Feature[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      b[0] = Math.min(b[0], c[0] as number); b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0] as number); b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of features) visit((f.geometry as { coordinates?: unknown })?.coordinates);
  return b;
}

const boxesMeet = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
