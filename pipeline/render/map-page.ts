// A standard map page: title, map of the city (or a zoom), legend column, scale bar, north
// arrow, sources. Companion maps and atlas pages supply their layers and legend entries.
import type { Feature } from "geojson";
import { mapFrame, type MapFrame } from "./map-frame.js";
import { layoutPage, type PageSpec } from "./page.js";
import { legend, type LegendEntry } from "./legend.js";
import { mapFurniture } from "./furniture.js";
import type { Group, HatchPattern, Scene } from "./scene.js";

export interface MapPageSpec {
  page: PageSpec;
  title: string;
  subtitle?: string;
  sources: string[];
  /** Features the map is fitted to (the city, or one arrondissement for the atlas). */
  extent: Feature[];
  /** Zoomed maps clip drawing to the map box. */
  clip?: boolean;
  layers(frame: MapFrame, k: number): Group[];
  legend(frame: MapFrame, k: number): LegendEntry[];
  patterns?: HatchPattern[];
}

export function mapPage(spec: MapPageSpec): { scene: Scene; frame: MapFrame } {
  const L = layoutPage(spec.page, spec.title, spec.subtitle, spec.sources);
  const frame = mapFrame(spec.extent, L.mapBox, { clip: spec.clip });
  const leg = legend(L.side.x, L.side.y, L.side.width, spec.legend(frame, L.k), L.columns);
  const scene: Scene = {
    title: spec.title,
    width: spec.page.width,
    height: spec.page.height,
    background: "#ffffff",
    patterns: spec.patterns ?? [],
    clips: [],
    layers: [...spec.layers(frame, L.k), L.header, leg.group, ...mapFurniture(frame, spec.extent, L.k, spec.clip), L.footer],
  };
  return { scene, frame };
}
