import { describe, expect, it } from "vitest";
import { orient2d } from "robust-predicates";
import { rayCrosses } from "../pipeline/geo/point-in-polygon.js";
import { seededRng } from "../pipeline/stats/rng.js";

// The rule without its shortcuts: the edge spans y (half-open), and the exact orientation of the
// point against the upward-directed edge says west (crosses) or not.
function crossesByOrientation(x: number, y: number, ax: number, ay: number, bx: number, by: number): boolean {
  if (ay > y === by > y) return false;
  const [lx, ly, hx, hy] = ay < by ? [ax, ay, bx, by] : [bx, by, ax, ay];
  return orient2d(lx, ly, hx, hy, x, y) < 0;
}

describe("rayCrosses", () => {
  it("agrees with the bare orientation rule on points on, beside and at the ends of edges", () => {
    // Coordinates on a 5-unit lattice plus tiny offsets: many shared abscissas, vertices and
    // collinear points, where a shortcut on the ends' abscissas could go wrong.
    const rng = seededRng(20261201);
    const v = () => Math.floor(rng.next() * 5) + (rng.next() < 0.2 ? (rng.next() - 0.5) * 1e-12 : 0);
    let crossings = 0;
    for (let k = 0; k < 200_000; k++) {
      const [x, y, ax, ay, bx, by] = [v(), v(), v(), v(), v(), v()];
      const want = crossesByOrientation(x, y, ax, ay, bx, by);
      expect(rayCrosses(x, y, ax, ay, bx, by)).toBe(want);
      if (want) crossings++;
    }
    expect(crossings).toBeGreaterThan(10_000);
  });
});
