// Point-to-features distances in planar metres. The feature sets are small (7 terminals, ~300
// stations, one city outline), so brute force is simpler and fast enough.
import { distanceToBoundary, pointInPolygons } from "./point-in-polygon.js";

export type XY = [number, number];

export function nearest(p: XY, points: XY[]): { index: number; distance: number } {
  let index = -1;
  let distance = Infinity;
  points.forEach((q, i) => {
    const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (d < distance) {
      distance = d;
      index = i;
    }
  });
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
