import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nearest, type XY } from "../pipeline/geo/distance.js";

// The plain scan nearest() replaced: every pair through Math.hypot, first minimum kept.
function reference(p: XY, points: XY[]): { index: number; distance: number } {
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

describe("nearest", () => {
  it("gives the index and distance of the plain hypot scan, ties and near-ties included", () => {
    // Lambert-93-like metres, a small grid so that ties and equal distances are frequent,
    // and tiny, huge and NaN values for the edges of the squared-distance pruning.
    const coord = fc.oneof(
      fc.integer({ min: -5, max: 5 }).map((v) => 650000 + v * 0.5),
      fc.double({ min: 600000, max: 700000, noNaN: true }),
      fc.constantFrom(0, 1e-200, -1e-200, 1e160, NaN, 650000 + 1e-10),
    );
    const xy = fc.tuple(coord, coord) as fc.Arbitrary<XY>;
    fc.assert(
      fc.property(xy, fc.array(xy, { maxLength: 60 }), (p, points) => {
        expect(nearest(p, points)).toEqual(reference(p, points));
      }),
      { numRuns: 3000 },
    );
  });
  it("finds the nearest of a known set (by hand: (3,4) is 5 from the origin)", () => {
    expect(nearest([0, 0], [[10, 0], [3, 4], [-3, 4], [6, 8]])).toEqual({ index: 1, distance: 5 });
  });
});
