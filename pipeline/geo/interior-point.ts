// A point guaranteed inside a polygon (for "which district holds this one"), cheaper than a
// pole of inaccessibility and exact enough: nested districts share their limits, so a centroid
// or a vertex would be a coin toss between two neighbours.
import type { Position } from "geojson";
import { shapeArea } from "./planar.js";

/** A point inside the largest polygon of a shape: the midpoint of the widest horizontal chord
 * through its middle, which lies inside even for concave shapes. */
export function interiorPoint(polygons: Position[][][]): [number, number] {
  let best = polygons[0];
  let bestArea = -1;
  for (const p of polygons) {
    const a = Math.abs(shapeArea([p]));
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  let y0 = Infinity, y1 = -Infinity;
  for (const q of best[0]) [y0, y1] = [Math.min(y0, q[1]), Math.max(y1, q[1])];
  const y = (y0 + y1) / 2 + 1e-7 * (y1 - y0);
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j], [bx, by] = ring[i];
      if ((ay > y) !== (by > y)) xs.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
  }
  xs.sort((a, b) => a - b);
  let bx = (xs[0] + xs[1]) / 2, width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i + 1] - xs[i] > width) [width, bx] = [xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2];
  return [bx, y];
}

