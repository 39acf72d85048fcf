// Exact polygon overlays in planar metres.
// - A polygon against a convex window (a 200 m cell): Sutherland–Hodgman clipping of each ring.
//   With a convex window the clipped ring's shoelace area is exactly the area of ring ∩ window
//   (degenerate edges along the window add zero), and holes subtract, so no topology is needed.
// - Polygon against polygon (districts ∩ zones, zone unions): polygon-clipping (Martinez-style
//   sweep line in floating point with robust predicates), on planar coordinates as given. @turf's
//   polyclip-ts computes in BigNumber and took ~20 s for the Paris IRIS; this takes well under 1 s.
import type { Position } from "geojson";
import polygonClipping, { type MultiPolygon as PcMulti } from "polygon-clipping";
import { signedRingArea } from "./rings.js";
import { bboxOf, shapeArea } from "./planar.js";

/** Clips a ring to a convex counter-clockwise window; returns the clipped ring (maybe empty). */
export function clipRingConvex(ring: Position[], window: Position[]): Position[] {
  let out = ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring.slice();
  const w = window[0][0] === window[window.length - 1][0] && window[0][1] === window[window.length - 1][1] ? window.slice(0, -1) : window;
  for (let e = 0; e < w.length && out.length > 0; e++) {
    const a = w[e], b = w[(e + 1) % w.length];
    const inside = (p: Position) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0;
    const cut = (p: Position, q: Position): Position => {
      const dx = q[0] - p[0], dy = q[1] - p[1];
      const den = (b[0] - a[0]) * dy - (b[1] - a[1]) * dx;
      const t = ((b[0] - a[0]) * (a[1] - p[1]) - (b[1] - a[1]) * (a[0] - p[0])) / den;
      return [p[0] + t * dx, p[1] + t * dy];
    };
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      const ci = inside(cur), pi = inside(prev);
      if (ci) {
        if (!pi) out.push(cut(prev, cur));
        out.push(cur);
      } else if (pi) out.push(cut(prev, cur));
    }
  }
  if (out.length < 3) return [];
  return [...out, out[0]];
}

/** Area (m²) of a multipolygon ∩ a convex counter-clockwise window. */
export function convexIntersectionArea(polygons: Position[][][], window: Position[]): number {
  let a = 0;
  for (const rings of polygons) {
    rings.forEach((r, i) => {
      const c = clipRingConvex(r, window);
      if (c.length === 0) return;
      const s = Math.abs(signedRingArea(c));
      a += i === 0 ? s : -s;
    });
  }
  return Math.max(0, a);
}

const asPc = (polygons: Position[][][]): PcMulti => polygons as unknown as PcMulti;
const fromPc = (m: PcMulti): Position[][][] => m as unknown as Position[][][];

/** Exact intersection of two multipolygons (any shape), as polygons. */
export function intersectPolygons(a: Position[][][], b: Position[][][]): Position[][][] {
  if (a.length === 0 || b.length === 0) return [];
  const [ax0, ay0, ax1, ay1] = bboxOf(a);
  const near = b.filter((p) => {
    const [x0, y0, x1, y1] = bboxOf([p]);
    return x0 <= ax1 && x1 >= ax0 && y0 <= ay1 && y1 >= ay0;
  });
  if (near.length === 0) return [];
  return fromPc(polygonClipping.intersection(asPc(a), asPc(near)));
}

/** Union of several multipolygons. */
export function unionPolygons(parts: Position[][][][]): Position[][][] {
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0];
  return fromPc(polygonClipping.union(asPc(nonEmpty[0]), ...nonEmpty.slice(1).map(asPc)));
}

export function intersectionArea(a: Position[][][], b: Position[][][]): number {
  return shapeArea(intersectPolygons(a, b));
}

/**
 * A regular polygon standing in for a circle, its radius stretched so that its area is exactly
 * πr² (an inscribed 256-gon would be 0.01 % short); its outline stays within 0.005 % of r.
 */
export function circle(cx: number, cy: number, r: number, sides = 256): Position[][][] {
  const ring: Position[] = [];
  const k = Math.sqrt((2 * Math.PI) / (sides * Math.sin((2 * Math.PI) / sides)));
  for (let i = 0; i < sides; i++) {
    const t = (2 * Math.PI * i) / sides;
    ring.push([cx + k * r * Math.cos(t), cy + k * r * Math.sin(t)]);
  }
  ring.push(ring[0]);
  return [[ring]];
}
