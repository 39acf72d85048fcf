// A clean outline for drawing a zone: its features dissolved (no internal seams between pieces
// of one zone) and opened by OPEN_M metres (shrunk then grown back), which removes arms narrower
// than 2 × OPEN_M and zero-width spurs that a bold line would turn into blots. For drawing only:
// the join and stats stages use the layer as it is.
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import polygonClipping from "polygon-clipping";
import buffer from "@turf/buffer";

export const OPEN_M = 20;

type Rings = Position[][][];

function polygonsOf(f: Feature): Rings {
  const g = f.geometry;
  if (!g) return [];
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

const cache = new WeakMap<Feature[], Feature[]>();

/** One feature per connected part of the dissolved layer, opened; falls back to the input. */
export function cleanOutline(fs: Feature[], openM = OPEN_M): Feature[] {
  const hit = cache.get(fs);
  if (hit) return hit;
  let out: Feature[];
  try {
    const all = fs.flatMap(polygonsOf);
    if (all.length === 0) return fs;
    const dissolved = polygonClipping.union(all[0] as any, ...(all.slice(1) as any[])) as unknown as Rings;
    out = [];
    dissolved.forEach((poly, i) => {
      const f: Feature<Polygon> = { type: "Feature", properties: { id: `part-${i + 1}` }, geometry: { type: "Polygon", coordinates: poly } };
      const shrunk = buffer(f, -openM, { units: "meters", steps: 4 });
      if (!shrunk?.geometry) return; // the whole part is thinner than the opening: drawn as is below
      const grown = buffer(shrunk, openM, { units: "meters", steps: 4 });
      if (grown?.geometry) out.push({ ...grown, properties: { id: `part-${i + 1}` } } as Feature<Polygon | MultiPolygon>);
    });
    if (out.length === 0) out = fs;
  } catch {
    out = fs; // a geometry the clipper cannot dissolve is drawn as it is, not dropped
  }
  cache.set(fs, out);
  return out;
}
