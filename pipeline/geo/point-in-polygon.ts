// Even-odd ray casting: works for any winding and for holes, in any planar coordinates.
import type { Position } from "geojson";
import { orient2d } from "robust-predicates";

/**
 * Does the ray from (x, y) towards +x cross the edge a–b? Half-open in y (an edge counts when
 * exactly one end lies above y), and the side is decided by an exact orientation test, not by a
 * rounded intersection abscissa: a point 1e-11 m from an edge shared by two polygons would
 * otherwise land in the wrong one (GEOS, PostGIS and shapely decide exactly). Points exactly on
 * the edge do not cross it. Every even-odd test of the project goes through here.
 */
export function rayCrosses(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  if (ay > y === by > y) return false;
  // The edge spans y, so its abscissa there lies between ax and bx: a point strictly west of
  // both ends is west of the edge, strictly east of both is east (exact comparisons, no rounding).
  if (x < ax && x < bx) return true;
  if (x > ax && x > bx) return false;
  // orient2d < 0: (x, y) lies left of a→b; left of an upward edge means west of it.
  const o = orient2d(ax, ay, bx, by, x, y);
  return by > ay ? o < 0 : o > 0;
}

export function pointInRings(x: number, y: number, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if (rayCrosses(x, y, ring[i][0], ring[i][1], ring[j][0], ring[j][1])) inside = !inside;
    }
  }
  return inside;
}

export function pointInPolygons(x: number, y: number, polygons: Position[][][]): boolean {
  for (const p of polygons) if (pointInRings(x, y, p)) return true;
  return false;
}

/** Distance from a point to the nearest edge of the polygons (same units as the coordinates). */
export function distanceToBoundary(x: number, y: number, polygons: Position[][][]): number {
  let best = Infinity;
  for (const p of polygons) {
    for (const ring of p) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const d = segmentDistance(x, y, ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const qx = ax + t * dx - px, qy = ay + t * dy - py;
  return Math.sqrt(qx * qx + qy * qy);
}
