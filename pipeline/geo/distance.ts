// Point-to-features distances in planar metres. The feature sets are small (7 terminals, ~300
// stations, one city outline), so brute force is simpler and fast enough.
import { distanceToBoundary, pointInPolygons } from "./point-in-polygon.js";

export type XY = [number, number];

export function nearest(p: XY, points: XY[]): { index: number; distance: number } {
  let index = -1;
  let distance = Infinity;
  // Math.hypot is slow and called for every pair (1,400 sites × 1,400 points in geocode): a point
  // whose squared distance is clearly above the best one's cannot win, so it skips the hypot.
  // The margin (1e-9, relative) dwarfs the rounding of both (a few 1e-16), so the points still
  // compared are compared as before: same index (the first minimum), same distance.
  let bound = Infinity;
  for (let i = 0; i < points.length; i++) {
    const q = points[i];
    const dx = p[0] - q[0], dy = p[1] - q[1];
    if (dx * dx + dy * dy > bound) continue;
    const d = Math.hypot(dx, dy);
    if (d < distance) {
      distance = d;
      index = i;
      // Below 1e-100 the square loses precision (subnormals): no skipping then.
      bound = d > 1e-100 ? d * d * (1 + 1e-9) : Infinity;
    }
  }
  return { index, distance };
}

export function countWithin(p: XY, points: XY[], radius: number): number {
  let n = 0;
  const r2 = radius * radius;
  for (const q of points) {
    const dx = p[0] - q[0], dy = p[1] - q[1];
    if (dx * dx + dy * dy <= r2) n++;
  }
  return n;
}

/**
 * Distance to the city's limit: positive inside, negative outside, so that cameras on the
 * périphérique just beyond the limit are not confused with cameras deep inside.
 */
