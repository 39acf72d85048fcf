// Polygon validity: rings closed and long enough, no ring crossing itself or another ring of the
// same polygon. Winding is not an error: it is normalised (and counted) by the caller.
import type { Geometry, Position } from "geojson";
import { isClosed } from "./rings.js";
import { pointInRings } from "./point-in-polygon.js";

export type Problem = { what: string; fix: string };

export function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

export function polygonProblem(rings: Position[][]): Problem | undefined {
  if (rings.length === 0) return { what: "a polygon has no rings (empty coordinates)", fix: "remove the feature or give it a geometry" };
  for (const [i, r] of rings.entries()) {
    if (r.length < 4) return { what: `ring ${i} has ${r.length} positions (a ring needs at least 4)`, fix: "remove the degenerate ring" };
    if (!isClosed(r)) return { what: `ring ${i} is not closed (its last position differs from its first)`, fix: "repeat the first position at the end of the ring" };
  }
  // With no crossing, a hole is wholly inside or wholly outside its shell (touching aside): a
  // hole none of whose vertices is inside lies outside, which GIS exports sometimes produce.
  for (let i = 1; i < rings.length; i++) {
    if (!rings[i].some((p) => pointInRings(p[0], p[1], [rings[0]])) && !findCrossing([rings[0], rings[i]])) {
      return { what: `ring ${i} (a hole) lies outside the exterior ring`, fix: "make it a separate polygon (MultiPolygon) or remove it" };
    }
  }
  const hit = findCrossing(rings);
  if (hit) {
    return {
      what: `the polygon crosses itself near (${hit[0].toFixed(6)}, ${hit[1].toFixed(6)})`,
      fix: "repair the geometry (e.g. `ogr2ogr -makevalid` or QGIS Fix geometries)",
    };
  }
  return undefined;
}

type Seg = { ax: number; ay: number; bx: number; by: number; ring: number; idx: number; n: number; minX: number; maxX: number };

/**
 * Finds a proper crossing between two segments of the polygon's rings. Segments that share an
 * end point (consecutive edges) do not count; touching at a vertex is tolerated, as GEOS does for
 * "valid" rings that touch at a point. A sweep over x keeps this near n log n on real shapes.
 */
export function findCrossing(rings: Position[][]): Position | undefined {
  const segs: Seg[] = [];
  rings.forEach((r, ri) => {
    const n = r.length - 1;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = r[i];
      const [bx, by] = r[i + 1];
      if (ax === bx && ay === by) continue;
      segs.push({ ax, ay, bx, by, ring: ri, idx: i, n, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  segs.sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].minX <= s.maxX; j++) {
      const t = segs[j];
      if (s.ring === t.ring) {
        const d = Math.abs(s.idx - t.idx);
        if (d === 1 || d === s.n - 1) continue;
      }
      const p = properIntersection(s, t);
      if (p) return p;
    }
  }
  return undefined;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function properIntersection(s: Seg, t: Seg): Position | undefined {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
    const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
    return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
  }
  // Collinear overlap of two edges is also invalid (a ring folding back on itself).
  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) {
    const horizontal = Math.abs(s.bx - s.ax) >= Math.abs(s.by - s.ay);
    const k = (x: number, y: number) => (horizontal ? x : y);
    const [s0, s1] = [k(s.ax, s.ay), k(s.bx, s.by)].sort((a, b) => a - b);
    const [t0, t1] = [k(t.ax, t.ay), k(t.bx, t.by)].sort((a, b) => a - b);
    if (Math.min(s1, t1) - Math.max(s0, t0) > 0) return [t.ax, t.ay];
  }
  return undefined;
}
