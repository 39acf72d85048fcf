// A standard map page: title, map of the city (or a zoom), legend column, scale bar, north
// arrow, sources. Companion maps and atlas pages supply their layers and legend entries.
import type { Feature } from "geojson";
import { mapFrame, type MapFrame } from "./map-frame.js";
import { layoutPage, type PageSpec } from "./page.js";
import { legend, type LegendEntry } from "./legend.js";
import { mapFurniture } from "./carte1.js";
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
  const center = centroidLonLat(spec.extent);
  const scene: Scene = {
    title: spec.title,
    width: spec.page.width,
    height: spec.page.height,
    background: "#ffffff",
    patterns: spec.patterns ?? [],
    clips: [],
    layers: [...spec.layers(frame, L.k), L.header, leg.group, ...mapFurniture(frame, spec.extent, L.mapBox, L.k, center, spec.clip), L.footer],
  };
  return { scene, frame };
}

function centroidLonLat(fs: Feature[]): [number, number] {
  let sx = 0;
  let sy = 0;
  let c = 0;
  const walk = (a: any) => {
    if (typeof a[0] === "number") {
      sx += a[0];
      sy += a[1];
      c++;
    } else a.forEach(walk);
  };
  for (const f of fs) walk((f.geometry as any).coordinates);
  return [sx / c, sy / c];
}
