// Exact overlays: expected areas worked out by hand (comments give the arithmetic).
import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { circle, clipRingConvex, convexIntersectionArea, intersectionArea, unionPolygons } from "../pipeline/geo/overlay.js";
import { shapeArea } from "../pipeline/geo/planar.js";
import { EdgeIndex } from "../pipeline/geo/edge-index.js";
import { distanceToBoundary, pointInRings } from "../pipeline/geo/point-in-polygon.js";
import { PolygonIndex } from "../pipeline/geo/spatial-index.js";
import { seededRng } from "../pipeline/stats/rng.js";

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const W = rect(0, 0, 2, 2);

describe("Sutherland–Hodgman clipping against a convex window", () => {
  it("clips a triangle: the square [0,2]² minus the corner x+y>3 (area 0.5) = 3.5", () => {
    expect(convexIntersectionArea([[[[0, 0], [3, 0], [0, 3], [0, 0]]]], W)).toBeCloseTo(3.5, 12);
  });
  it("subtracts holes: [-1,3]² with hole [0.5,1.5]² inside [0,2]² = 4 − 1 = 3", () => {
    expect(convexIntersectionArea([[rect(-1, -1, 3, 3), rect(0.5, 0.5, 1.5, 1.5).reverse()]], W)).toBeCloseTo(3, 12);
  });
  it("handles a non-convex subject: an L of two 4×1 arms in [0.5,2.5]² = 1 + 1 − 0.25 = 1.75", () => {
    const L: Position[] = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]];
    expect(convexIntersectionArea([[L]], rect(0.5, 0.5, 2.5, 2.5))).toBeCloseTo(1.75, 12);
  });
  it("returns nothing for disjoint shapes, and the whole window when it is inside", () => {
    expect(clipRingConvex(rect(5, 5, 6, 6), W)).toEqual([]);
    expect(convexIntersectionArea([[rect(-10, -10, 10, 10)]], W)).toBeCloseTo(4, 12);
  });
});

describe("general polygon overlay", () => {
  it("intersects and unions overlapping squares: [0,2]² ∩ [1,3]² = 1, union = 7", () => {
    const a = [rect(0, 0, 2, 2)], b = [rect(1, 1, 3, 3)];
    expect(intersectionArea([a], [b])).toBeCloseTo(1, 9);
    expect(shapeArea(unionPolygons([[a], [b]]))).toBeCloseTo(7, 9);
  });
  it("stands in for a 300 m circle with area πr² (to 1e-12) and radius within 0.01 %", () => {
    const c = circle(0, 0, 300);
    expect(shapeArea(c) / (Math.PI * 300 ** 2)).toBeCloseTo(1, 12);
    for (const p of c[0][0]) expect(Math.abs(Math.hypot(p[0], p[1]) / 300 - 1)).toBeLessThan(1e-4);
  });
});

describe("indexes agree with brute force", () => {
  // A 60-point star polygon and 2,000 seeded random points: the indexed answers must equal
  // pointInRings / distanceToBoundary on every point.
  const rng = seededRng(7);
  const star: Position[] = Array.from({ length: 60 }, (_, i) => {
    const t = (2 * Math.PI * i) / 60, r = i % 2 ? 400 : 1000;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
  star.push(star[0]);
  const pts = Array.from({ length: 2000 }, () => [2400 * rng.next() - 1200, 2400 * rng.next() - 1200]);
  it("EdgeIndex.contains and distance", () => {
    const e = new EdgeIndex([[star]]);
    for (const [x, y] of pts) {
      expect(e.contains(x, y)).toBe(pointInRings(x, y, [star]));
      expect(e.distance(x, y)).toBeCloseTo(distanceToBoundary(x, y, [[star]]), 9);
    }
  });
  it("EdgeIndex.signedDistances: the brute-force distance and side for every point, at several square sizes", () => {
    const e = new EdgeIndex([[star]]);
    const xs = Float64Array.from(pts, (p) => p[0]), ys = Float64Array.from(pts, (p) => p[1]);
    for (const cell of [7, 100, 1000]) {
      const got = e.signedDistances(xs, ys, cell);
      pts.forEach(([x, y], i) => {
        const d = distanceToBoundary(x, y, [[star]]);
        expect(got[i], `${cell} m, point ${i}`).toBe(pointInRings(x, y, [star]) ? d : -d);
      });
    }
  });
  it("EdgeIndex.signedDistances on crowded squares (hundreds of points a square, points on square limits): the brute-force answer for every point", () => {
    // 30,000 points in two 300 m windows, one across a spike of the star, one around its centre,
    // plus points on the square and sub-square limits: a 100 m square then holds hundreds.
    const e = new EdgeIndex([[star]]);
    const crowd: number[][] = [];
    for (let k = 0; k < 15_000; k++) crowd.push([850 + 300 * rng.next(), -150 + 300 * rng.next()], [-150 + 300 * rng.next(), -150 + 300 * rng.next()]);
    for (let gx = -3; gx <= 3; gx++) for (let gy = -3; gy <= 3; gy++) for (const f of [0, 0.25, 0.5, 0.75]) crowd.push([gx * 100 + f * 100, gy * 100], [900 + gx * 25, gy * 100 + f * 100]);
    const xs = Float64Array.from(crowd, (p) => p[0]), ys = Float64Array.from(crowd, (p) => p[1]);
    let inside = 0;
    for (const cell of [7, 100, 1000]) {
      const got = e.signedDistances(xs, ys, cell);
      crowd.forEach(([x, y], i) => {
        const d = distanceToBoundary(x, y, [[star]]);
        const inRings = pointInRings(x, y, [star]);
        if (inRings) inside++;
        if (got[i] !== (inRings ? d : -d)) throw new Error(`${cell} m, point ${i} (${x}, ${y}): ${got[i]}, brute force ${inRings ? d : -d}`);
      });
    }
    expect(inside).toBeGreaterThan(crowd.length);
    expect(inside).toBeLessThan(3 * crowd.length - 10_000);
  });
  it("PolygonIndex.containing and within", () => {
    const shapes = [
      { id: "star", props: {}, polygons: [[star]], bbox: [-1000, -1000, 1000, 1000] as [number, number, number, number] },
      { id: "box", props: {}, polygons: [[rect(0, 0, 500, 500)]], bbox: [0, 0, 500, 500] as [number, number, number, number] },
    ];
    const idx = new PolygonIndex(shapes);
    for (const [x, y] of pts) {
      const brute = shapes.map((s, i) => (pointInRings(x, y, s.polygons[0]) ? i : -1)).filter((i) => i >= 0);
      expect(idx.containing(x, y)).toEqual(brute);
      const near = shapes.map((s, i) => (pointInRings(x, y, s.polygons[0]) || distanceToBoundary(x, y, s.polygons) <= 10 ? i : -1)).filter((i) => i >= 0);
      expect(idx.within(x, y, 10)).toEqual(near);
    }
  });
});
