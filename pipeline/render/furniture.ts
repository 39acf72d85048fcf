// Map furniture placement: scale bar and north arrow. On a whole-city map they sit off the
// corners of the city's outline (empty on every page shape); on a zoom, which fills its box,
// they go in the box's corners on white cards, and the box gets a frame.
import type { Feature } from "geojson";
import type { MapFrame } from "./map-frame.js";
import { group, rect, type Group } from "./scene.js";
import { scaleBar } from "./scale-bar.js";
import { northAngle, northArrow } from "./north-arrow.js";
import { INK } from "./palettes.js";

export function mapFurniture(frame: MapFrame, extent: Feature[], k: number, zoomed = false): Group[] {
  const [[x0, y0], [x1, y1]] = frame.box;
  const angle = northAngle(frame, lonLatCenter(extent));
  if (zoomed) {
    return [
      group("map-frame", [rect(x0, y0, x1 - x0, y1 - y0, { fill: "none", stroke: INK.frame, strokeWidth: 0.3 })], { label: "Cadre" }),
      scaleBar(x0 + 4 * k, y1 - 8 * k, frame.scale, (x1 - x0) / 4, true),
      northArrow(x1 - 7 * k, y0 + 10 * k, 10 * k, angle, true),
    ];
  }
  const all = { type: "GeometryCollection" as const, geometries: extent.map((f) => f.geometry) };
  const [[bx0, by0], [bx1, by1]] = frame.planar.bounds(frame.planarGeometry(all));
  return [
    scaleBar(Math.max(bx0, x0), Math.min(by1 + 2 * k, y1 - 6 * k), frame.scale, (bx1 - bx0) / 4),
    northArrow(Math.min(bx1 + 2 * k, x1 - 4 * k), Math.max(by0 + 6 * k, y0 + 6 * k), 10 * k, angle),
  ];
}

/** Mean of the extent's vertices: where the north arrow's meridian is taken. */
export function lonLatCenter(fs: Feature[]): [number, number] {
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
  return c ? [sx / c, sy / c] : [0, 0];
}
