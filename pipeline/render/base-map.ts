// Layers every map shares — the city, woods, river, district limits and labels of the declared
// levels, the declared zones drawn by their kind, the cameras — drawn into a map frame. One
// element per feature, with the feature's id, so the SVG stays editable. Nothing here names a
// study's own districts or zones: they come from the study's declaration.
import type { Feature, Point } from "geojson";
import polygonClipping from "polygon-clipping";
import type { LevelDecl, ZoneDecl } from "../core/study.js";
import type { MapFrame } from "./map-frame.js";
import { group, text, type Group, type Item, type Style, type HatchPattern } from "./scene.js";
import { INK } from "./palettes.js";
import { LINE, TYPE, PT } from "./page.js";
import { cleanOutline } from "./zone-outline.js";
import { textWidth } from "./text-metrics.js";
import type { LegendEntry } from "./legend.js";
import type { Lang } from "./strings.js";
import { cameraDensity, drawsDensity, DEFAULT_DENSITY, type DensityRule } from "./camera-density.js";
import type { CameraList } from "./read-inputs.js";
import { cameraFeatures } from "./camera-list.js";

export function areaGroup(id: string, label: string, frame: MapFrame, features: Feature[], style: Group["style"]): Group {
  const items: Item[] = features
    .map((f, i): Item => ({ kind: "path", id: `${id}-${String(f.properties?.id ?? f.properties?.code ?? i)}`, d: frame.path(f.geometry), title: f.properties?.name }))
    .filter((it) => it.kind === "path" && it.d !== ""); // clipped away on zoomed maps
  return group(id, items, { label, style });
}

/** "No residents" is the paper with a grey dot screen: apart from every income class, even in grey. */
export const NO_RESIDENTS: HatchPattern = { id: "no-residents-dots", spacing: 0.9, stroke: INK.noResidentsDot, strokeWidth: 0.28, dots: true };

export function cityBackground(frame: MapFrame, city: Feature[], screen = false): Group {
  return areaGroup("no-residents", "Fond de la ville", frame, city, { fill: screen ? `url(#${NO_RESIDENTS.id})` : "#f2f2f2", stroke: "none" });
}

/** Woods on top of the income cells: a flat mask, so a few imputed cells there do not draw the eye. */
export function woods(frame: MapFrame, features: Feature[] | undefined): Group[] {
  return features?.length ? [areaGroup("woods", "Bois", frame, features, { fill: INK.woods, stroke: "#b5c4a8", strokeWidth: LINE.hair })] : [];
}

export function river(frame: MapFrame, features: Feature[] | undefined): Group[] {
  return features?.length ? [areaGroup("river", "Cours d’eau", frame, features, { fill: INK.river, stroke: "none" })] : [];
}

/** The coarsest declared level's limits and the city limit. */
export function districtLimits(frame: MapFrame, level: LevelDecl | undefined, fs: Feature[] | undefined, city: Feature[]): Group {
  const items: Group[] = [];
  if (level && fs?.length) items.push(areaGroup(`${level.layer}-limits`, level.label.fr, frame, fs, { fill: "none", stroke: INK.limit, strokeWidth: LINE.limit, round: true }));
  items.push(areaGroup("city-limit", "Limite de la ville", frame, city, { fill: "none", stroke: INK.limit, strokeWidth: LINE.city, round: true }));
  return group(level?.layer ?? "limits", items, { label: level?.label.fr ?? "Limites" });
}

/** "1er"/"2e" in French, "1st"/"2nd" in English, for numbered districts. */
export function ordinal(n: number, lang: Lang = "fr"): string {
  if (lang === "fr") return n === 1 ? "1er" : `${n}e`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${s}`;
}
export const ordinalFr = (n: number) => ordinal(n, "fr");

/** A district's short label: its number as an ordinal when it has one, else its name. */
export function districtLabel(f: Feature, lang: Lang = "fr"): string {
  const n = Number(f.properties?.number);
  return Number.isFinite(n) && n > 0 ? ordinal(n, lang) : String(f.properties?.name ?? f.properties?.code ?? "");
}

// Label anchors avoid the woods (a reader must see them): the centroid of the district's part
// outside the woods, when there are woods. Cached per district and woods layer.
const anchorCache = new WeakMap<Feature, Map<Feature[] | undefined, Feature["geometry"]>>();

function landPart(f: Feature, wood: Feature[] | undefined): Feature["geometry"] {
  let m = anchorCache.get(f);
  if (!m) anchorCache.set(f, (m = new Map()));
  if (m.has(wood)) return m.get(wood)!;
  let g = f.geometry;
  if (wood?.length && (g.type === "Polygon" || g.type === "MultiPolygon")) {
    try {
      const w = wood.flatMap((x) => (x.geometry.type === "Polygon" ? [x.geometry.coordinates] : x.geometry.type === "MultiPolygon" ? x.geometry.coordinates : []));
      const diff = polygonClipping.difference(g.coordinates as any, ...(w as any[]));
      // The largest remaining piece (by ring length, a fair proxy at district scale).
      if (diff.length) {
        const big = diff.reduce((a, b) => (b[0].length > a[0].length ? b : a));
        g = { type: "Polygon", coordinates: big as any };
      }
    } catch {
      /* keep the district's own centroid */
    }
  }
  m.set(wood, g);
  return g;
}

/** Page position of a district's label (or proportional symbol). */
export function labelAnchor(frame: MapFrame, f: Feature, _k = 1, wood?: Feature[]): [number, number] {
  const [x, y] = frame.planar.centroid(frame.planarGeometry(landPart(f, wood)));
  return [x, y];
}

/**
 * Labels of a level's districts, skipped when the level has too many to read (over 30) and, one
 * by one, when a label would touch an earlier one: no label collides, on any page.
 */
export function districtLabels(frame: MapFrame, fs: Feature[] | undefined, opts: { id?: string; lang?: Lang; wood?: Feature[]; size?: number } = {}): Group {
  const size = opts.size ?? TYPE.district;
  const items: Item[] = [];
  const boxes: Array<[number, number, number, number]> = [];
  if (fs && fs.length <= 30) {
    for (const f of fs) {
      const [x, y] = labelAnchor(frame, f, 1, opts.wood);
      if (!frame.inside([x, y])) continue;
      const s = districtLabel(f, opts.lang);
      const w = textWidth(s, size, true) + 0.6;
      const b: [number, number, number, number] = [x - w / 2, y - size * 0.5, x + w / 2, y + size * 0.6];
      if (boxes.some((o) => o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3])) continue;
      boxes.push(b);
      items.push(text(x, y + size * 0.36, s, size, { id: `label-${f.properties?.code}`, anchor: "middle", bold: true, fill: INK.text, halo: 0.6 }));
    }
  }
  return group(opts.id ?? "district-labels", items, { label: "Noms des districts" });
}

/** How each kind of zone is drawn, on the map and in the legend (the same three strokes). */
export function zoneStyle(kind: ZoneDecl["kind"], warm = false): { line: Style; under?: Style; band?: Style } {
  if (kind === "tourist") {
    return {
      band: { stroke: INK.touristBand, strokeWidth: 2.4, opacity: 0.35 },
      under: { stroke: "#ffffff", strokeWidth: LINE.zoneCasing },
      line: { stroke: INK.tourist, strokeWidth: LINE.zone, dash: [1.8, 1.5], cap: "square" },
    };
  }
  // On warm (orange-red) fills the orange line would vanish: it turns near-black there.
  if (kind === "security") return { under: { stroke: "#ffffff", strokeWidth: LINE.security + 1.2 * PT }, line: { stroke: warm ? "#252525" : INK.security, strokeWidth: LINE.security, round: true } };
  return { line: { stroke: INK.otherZone, strokeWidth: LINE.zone, dash: [0.5, 0.9], round: true } };
}

/**
 * A declared zone layer, drawn by its kind: tourist zones as a tinted band inside a cased dashed
 * outline; security zones as one clean bold outline (dissolved, slivers opened away); other
 * zones as a dotted line. The group's id is the zone's layer name.
 */
export function zoneLayer(frame: MapFrame, zone: ZoneDecl, fs: Feature[] | undefined, warm = false): Group {
  const st = zoneStyle(zone.kind, warm);
  const drawn = zone.kind === "security" ? cleanOutline(fs ?? []) : fs ?? [];
  const d = drawn.map((f) => frame.path(f.geometry)).filter((x) => x !== "").join("");
  const items: Item[] = [];
  // The band: a wide translucent stroke clipped to the zone, so only its inner half shows.
  if (st.band && d) items.push(group(`${zone.layer}-band`, [{ kind: "path", d, style: { fill: "none", ...st.band } }], { clipD: d }));
  if (st.under && d) items.push(areaGroup(`${zone.layer}-casing`, "", frame, drawn, { fill: "none", ...st.under }));
  items.push(areaGroup(`${zone.layer}-line`, zone.label.fr, frame, drawn, { fill: "none", ...st.line }));
  return group(zone.layer, items, { label: zone.label.fr });
}

export function zoneLegend(zone: ZoneDecl, count: number, lang: Lang, approxWord: string, warm = false): LegendEntry {
  const st = zoneStyle(zone.kind, warm);
  const label = `${zone.label[lang] ?? zone.label.fr} (${zone.short}, ${count}${zone.approximated ? `, ${approxWord}` : ""})`;
  return { kind: "line", id: `legend-${zone.layer}`, label, style: st.line, under: st.under, band: st.band };
}

export const CAMERA_R = 0.55;

/**
 * Camera dot radius for a page: 0.55 mm on A4 and larger, down to 0.32 mm on a journal column,
 * where 1 400 full-size dots would merge into one blot. Map and legend use the same value.
 */
export function cameraRadius(page: { width: number }): number {
  const inner = page.width - 2 * Math.min(8, Math.max(3, page.width * 0.035));
  return Math.max(0.32, Math.min(CAMERA_R, CAMERA_R * Math.sqrt(inner / 250)));
}

/** Cameras at exactly the same point, drawn once: the site's position and its cameras. */
export interface CameraSite {
  lonlat: [number, number];
  ids: string[];
  labels: string[];
}

export function cameraSites(cameras: CameraList): CameraSite[] {
  const m = new Map<string, CameraSite>();
  for (const f of cameraFeatures(cameras)) {
    const [x, y] = (f.geometry as Point).coordinates;
    const key = `${x},${y}`;
    let s = m.get(key);
    if (!s) m.set(key, (s = { lonlat: [x, y], ids: [], labels: [] }));
    s.ids.push(String(f.properties?.id));
    if (f.properties?.label) s.labels.push(String(f.properties.label));
  }
  return [...m.values()];
}

/** Radius of a site of n cameras: area grows with n, so a stack of 4 reads as twice as wide. */
export const siteRadius = (n: number, r = CAMERA_R) => r * Math.sqrt(n);

/**
 * One circle per camera site (cameras at one point drawn once, larger, their count in the
 * title and the legend), each with the id of its first camera; a white halo drawn under it.
 * Above the rule's threshold, density per 200 m cell instead (camera-density.ts): every map
 * that draws cameras goes through here. `rule` is the map's context (threshold, words);
 * `overIncome`: the map draws the income cells under the cameras (density as squares, not a veil).
 */
export function cameraPoints(frame: MapFrame, cameras: CameraList, id = "cameras", r = CAMERA_R, fill: string = INK.camera, rule: DensityRule = DEFAULT_DENSITY, overIncome = false): Group {
  if (drawsDensity(cameras, rule)) return cameraDensity(frame, cameras, id, fill, rule, overIncome);
  const items: Item[] = [];
  for (const s of cameraSites(cameras)) {
    const [cx, cy] = frame.point(s.lonlat);
    if (!frame.inside([cx, cy])) continue;
    const n = s.ids.length;
    const title = n === 1 ? s.labels[0] : `${n} : ${s.labels.length ? [...new Set(s.labels)].join(" ; ") : s.ids.join(", ")}`;
    items.push({ kind: "circle", id: s.ids[0], cx, cy, r: siteRadius(n, r), title, ...(n > 1 ? { data: { count: String(n), ids: s.ids.join(" ") } } : {}) } as Item);
  }
  // Larger sites first, so a single camera next to a stack stays visible on top.
  items.sort((a, b) => (b as any).r - (a as any).r);
  // The halo ring is ~0.45 r wide around the dot (a copy of radius r + strokeWidth / 2 under it).
  return group(id, items, { label: "Caméras", style: { fill, stroke: INK.halo, strokeWidth: haloWidth(r), strokeUnder: true } });
}

export const haloWidth = (r: number) => Math.max(0.25 * PT, r * 0.9);

export function stackSizes(cameras: CameraList): number[] {
  return [...new Set(cameraSites(cameras).map((s) => s.ids.length))].sort((a, b) => a - b);
}
