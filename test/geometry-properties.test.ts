// Property-based tests of the planar geometry helpers against independent computations:
// point-in-polygon against turf's booleanPointInPolygon, ring areas against a fan of triangles and
// against the two halves of a polygon cut by a line, self-crossing detection against turf's kinks.
// (No areal overlay module exists on this branch; its conservation property belongs with it.)
import fc from "fast-check";
import * as turf from "@turf/turf";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { distanceToBoundary, pointInPolygons, pointInRings } from "../pipeline/geo/point-in-polygon.js";
import { polygonArea, rewindPolygon, signedRingArea } from "../pipeline/geo/rings.js";
import { findCrossing, polygonProblem } from "../pipeline/geo/validate.js";
import { seededRng } from "../pipeline/stats/rng.js";

const SEED = 20261128;
const opts = (numRuns: number) => ({ seed: SEED, numRuns });

/**
 * A star-shaped simple polygon around (cx, cy): vertices at strictly increasing angles with
 * radii in [rMin, rMax]. Any such ring is simple, which is what makes it a fair oracle case.
 */
const star = (rMin: number, rMax: number) =>
  fc
    .record({
      cx: fc.double({ min: -1000, max: 1000, noNaN: true }),
      cy: fc.double({ min: -1000, max: 1000, noNaN: true }),
      // Every angular gap under half a turn, else an edge passes the wrong side of the centre.
      gaps: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 24 }).filter((g) => Math.max(...g) < 0.45 * g.reduce((a, b) => a + b, 0)),
      radii: fc.array(fc.double({ min: rMin, max: rMax, noNaN: true }), { minLength: 24, maxLength: 24 }),
      ccw: fc.boolean(),
    })
    .map(({ cx, cy, gaps, radii, ccw }) => {
      const total = gaps.reduce((a, b) => a + b, 0);
      let t = 0;
      const pts: Position[] = gaps.map((g, i) => {
        const a = (t / total) * 2 * Math.PI;
        t += g;
        return [cx + radii[i] * Math.cos(a), cy + radii[i] * Math.sin(a)];
      });
      const ring = [...pts, pts[0]];
      return { center: [cx, cy] as Position, ring: ccw ? ring : ring.reverse(), radii: radii.slice(0, gaps.length) };
    });

/** Fan triangulation from a point that sees the whole ring (the star's centre). */
function fanArea(center: Position, ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = [ring[i][0] - center[0], ring[i][1] - center[1]];
    const [bx, by] = [ring[i + 1][0] - center[0], ring[i + 1][1] - center[1]];
    s += (ax * by - ay * bx) / 2;
  }
  return Math.abs(s);
}

/** Sutherland–Hodgman: the part of the ring on the left of the directed line p→q (any simple ring). */
function clipLeft(ring: Position[], p: Position, q: Position): Position[] {
  const side = (r: Position) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const out: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const sa = side(a);
    const sb = side(b);
    if (sa >= 0) out.push(a);
    if ((sa >= 0) !== (sb >= 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out.length ? [...out, out[0]] : [];
}

describe("point in polygon", () => {
  it("agrees with turf on random points away from the edges, with and without a hole", () => {
    const point = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));
    fc.assert(
      fc.property(star(50, 200), fc.array(point, { minLength: 20, maxLength: 20 }), fc.boolean(), ({ center, ring, radii }, pts, withHole) => {
        // The hole is the star scaled to fit inside the smallest radius: disjoint from the shell.
        const k = (Math.min(...radii) / Math.max(...radii)) * 0.5;
        const hole = ring.map((p) => [center[0] + k * (p[0] - center[0]), center[1] + k * (p[1] - center[1])]).reverse();
        const rings = withHole ? [ring, hole] : [ring];
        const poly = turf.polygon(rewindPolygon(rings).rings);
        for (const [u, v] of pts) {
          const x = center[0] + u * 220;
          const y = center[1] + v * 220;
          if (distanceToBoundary(x, y, [rings]) < 1e-6) continue;
          expect(pointInRings(x, y, rings)).toBe(turf.booleanPointInPolygon([x, y], poly));
        }
      }),
      opts(400),
    );
  });

  it("does not depend on winding, and a multipolygon contains what one of its parts contains", () => {
    fc.assert(
      fc.property(star(10, 100), star(10, 100), fc.double({ min: -300, max: 300, noNaN: true }), fc.double({ min: -300, max: 300, noNaN: true }), (a, b, x, y) => {
        expect(pointInRings(x, y, [a.ring])).toBe(pointInRings(x, y, [[...a.ring].reverse()]));
        expect(pointInPolygons(x, y, [[a.ring], [b.ring]])).toBe(pointInRings(x, y, [a.ring]) || pointInRings(x, y, [b.ring]));
      }),
      opts(500),
    );
  });
});

describe("ring areas", () => {
  it("equal a fan of triangles from the centre, whatever the winding", () => {
    fc.assert(
      fc.property(star(1, 500), ({ center, ring }) => {
        const fan = fanArea(center, ring);
        expect(Math.abs(polygonArea([ring]) - fan)).toBeLessThanOrEqual(1e-9 * fan);
        expect(Math.abs(Math.abs(signedRingArea(ring)) - fan)).toBeLessThanOrEqual(1e-9 * fan);
      }),
      opts(500),
    );
  });

  it("of a polygon equal the sum of its two pieces cut along a line (convex polygons)", () => {
    // Convex polygons: every star with equal radii is convex, so the clipper is exact for it.
    const convex = fc.record({ r: fc.double({ min: 1, max: 500, noNaN: true }), s: star(1, 1) }).map(({ r, s }) => ({
      center: s.center,
      ring: s.ring.map((p) => [s.center[0] + r * (p[0] - s.center[0]), s.center[1] + r * (p[1] - s.center[1])]),
    }));
    const angle = fc.double({ min: 0, max: 2 * Math.PI, noNaN: true });
    fc.assert(
      fc.property(convex, angle, fc.double({ min: -0.9, max: 0.9, noNaN: true }), ({ center, ring }, a, off) => {
        const r = Math.sqrt(polygonArea([ring]) / Math.PI);
        const p: Position = [center[0] + off * r * Math.cos(a + Math.PI / 2), center[1] + off * r * Math.sin(a + Math.PI / 2)];
        const q: Position = [p[0] + Math.cos(a), p[1] + Math.sin(a)];
        const left = clipLeft(ring, p, q);
        const right = clipLeft(ring, q, p);
        const pieces = (left.length ? polygonArea([left]) : 0) + (right.length ? polygonArea([right]) : 0);
        const whole = polygonArea([ring]);
        expect(Math.abs(pieces - whole)).toBeLessThanOrEqual(1e-9 * whole);
      }),
      opts(500),
    );
  });

  it("rewinding gives a counter-clockwise shell and clockwise holes, keeps the area, and is idempotent", () => {
    fc.assert(
      fc.property(star(50, 100), fc.boolean(), ({ center, ring }, flipHole) => {
        const hole = ring.map((p) => [center[0] + 0.3 * (p[0] - center[0]), center[1] + 0.3 * (p[1] - center[1])]);
        const rings = [ring, flipHole ? [...hole].reverse() : hole];
        const once = rewindPolygon(rings);
        expect(signedRingArea(once.rings[0])).toBeGreaterThan(0);
        expect(signedRingArea(once.rings[1])).toBeLessThan(0);
        expect(polygonArea(once.rings)).toBeCloseTo(polygonArea(rings), 6);
        expect(rewindPolygon(once.rings).changed).toBe(false);
      }),
      opts(300),
    );
  });
});

describe("self-crossing detection", () => {
  it("never flags a simple (star-shaped) ring", () => {
    fc.assert(
      fc.property(star(1, 100), ({ ring }) => {
        expect(findCrossing([ring])).toBeUndefined();
        expect(polygonProblem([ring])).toBeUndefined();
      }),
      opts(500),
    );
  });

  it("agrees with turf's kinks on random rings (random real coordinates: no touching, no collinear edges)", () => {
    // Uniform points from a seeded generator, not fast-check's doubles, which favour 0, ±0 and
    // denormals: those make touching and collinear edges, where "crossing" is a convention.
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 3, max: 8 }), (seed, n) => {
        const rand = seededRng(seed).next;
        const pts = Array.from({ length: n }, () => [rand() * 10, rand() * 10]);
        const ring = [...pts, pts[0]];
        const kinks = turf.kinks(turf.polygon([ring])).features.length;
        expect(findCrossing([ring]) !== undefined).toBe(kinks > 0);
      }),
      opts(1500),
    );
  });
});
