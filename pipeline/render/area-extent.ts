// With an analysis area (`--area`, or the study's "area"), a map describes the area: its income
// classes, the "n = …" of its cells, the zones it counts and the river and woods it lists come
// from the features that meet the area, not from the whole city the layers stage also keeps.
// Cells follow the statistics' rule (a cell enters when it meets the area with a positive area).
import type { Feature } from "geojson";
import type { Position } from "geojson";
import { toPlanarShape, bboxOf } from "../geo/planar.js";
import { intersectionArea } from "../geo/overlay.js";
import { distanceToBoundary, pointInPolygons } from "../geo/point-in-polygon.js";
import type { Layers } from "./read-inputs.js";

/** Layers kept whole: the area itself, the city (already the area's union) and the points. */
const KEPT_WHOLE = new Set(["area", "city", "cameras", "cameras_2012", "private_cameras", "stations", "terminals", "ridership"]);

/**
 * The layers a zoomed map draws and counts: every polygon layer cut down to the features that
 * meet the area (the declared levels are already the area's own, from the layers stage). Without
 * an area layer the layers are returned as they are.
 */
export function layersMeetingArea(layers: Layers): Layers {
  const area = layers.area;
  if (!area?.length) return layers;
  const areaPolygons = area.flatMap((f) => toPlanarShape(f).polygons);
  const meets = areaTest(areaPolygons);
  // The camera layers (maybe tables, read-inputs.ts) are among those kept whole.
  const out: Record<string, Feature[]> = {};
  for (const [name, features] of Object.entries(layers)) {
    if (KEPT_WHOLE.has(name)) continue;
    out[name] = (features as Feature[]).filter((f) => f.geometry && /Polygon/.test(f.geometry.type) ? meets(toPlanarShape(f).polygons) : true);
  }
  return { ...layers, ...out };
}

/** True when a polygon meets the area with a positive area; exact clipping only near its limit. */
function areaTest(areaPolygons: Position[][][]): (polygons: Position[][][]) => boolean {
  const [ax0, ay0, ax1, ay1] = bboxOf(areaPolygons);
  return (polygons) => {
    const [x0, y0, x1, y1] = bboxOf(polygons);
    if (x0 > ax1 || x1 < ax0 || y0 > ay1 || y1 < ay0) return false;
    // When the area's limit is farther from the box centre than the half-diagonal, the whole box
    // lies on one side of it and the centre decides (most 200 m cells); anything else is clipped.
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const reach = Math.hypot(x1 - x0, y1 - y0) / 2;
    if (polygons.length === 1 && distanceToBoundary(cx, cy, areaPolygons) > reach) return pointInPolygons(cx, cy, areaPolygons);
    return intersectionArea(polygons, areaPolygons) > 0;
  };
}
