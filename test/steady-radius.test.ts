// The steady radius of a zone mask (geo/steady-radius.ts), which lets the geocoding jitter skip
// the mask for a camera whose move cannot change its answer. Checked against its definition:
// every move shorter than the radius (each axis) gets the answer of the point itself, asked of
// the mask; and by hand on a square, where the radius is the distance to the pixels an edge
// crosses.
import { describe, expect, it } from "vitest";
import { PartsMask } from "../pipeline/geo/region-mask.js";
import { seededRng } from "../pipeline/stats/rng.js";

// A 1000 m square from (0, 0) with a 200 m square hole at (400, 400); a second part overlapping it.
const square = [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]], [[400, 400], [400, 600], [600, 600], [600, 400], [400, 400]]];
const other = [[[900, 900], [1500, 900], [1500, 1300], [900, 1300], [900, 900]]];

describe("steady radius of a parts mask", () => {
  const mask = new PartsMask([[square], [other]], 25);

  it("no move within the radius changes the mask's answer", () => {
    const rng = seededRng(11);
    let moved = 0, steadyInside = 0;
    for (let k = 0; k < 4000; k++) {
      const x = -700 + 2900 * rng.next(), y = -700 + 2700 * rng.next();
      const r = mask.steadyRadius(x, y);
      expect(r).toBeGreaterThanOrEqual(0);
      if (r === 0) continue;
      const here = mask.contains(x, y);
      if (here) steadyInside++;
      for (let j = 0; j < 20; j++) {
        // Moves up to the radius on each axis, the corners most often (where a wrong radius shows).
        const dx = (2 * rng.next() - 1) * r * (j < 8 ? 0.999999 : rng.next()), dy = (j % 2 ? 1 : -1) * r * (j < 8 ? 0.999999 : rng.next());
        expect(mask.contains(x + dx, y + dy)).toBe(here);
        moved++;
      }
    }
    expect(moved).toBeGreaterThan(40000);
    expect(steadyInside).toBeGreaterThan(200); // points inside were tested, not only the outside
  });

  it("is the distance to the nearest differing pixel, by hand on the square", () => {
    // (150, 150) is on the left and lower sides of pixel (6, 6); the edges x = 0 and y = 0 cross
    // the pixels of column 0 and row 0, 6 pixels away (the hole's corner pixel (16, 16) is 10
    // away). The 5 pixels on each side of (6, 6) are all inside: it may move 125 m (to x = 25).
    expect(mask.steadyRadius(150, 150)).toBeCloseTo(125, 5);
    // (300, 500), pixel (12, 20): the hole's edge x = 400 crosses column 16, 4 pixels away. The
    // square block of 3 pixels each side is inside; from the left side of its pixel the point
    // may move 75 m (to x = 225, the block's edge) — the radius is the same on every side.
    expect(mask.steadyRadius(300, 500)).toBeCloseTo(75, 5);
    // On an edge pixel: nothing is steady.
    expect(mask.steadyRadius(10, 500)).toBe(0);
    // Far outside the grid (which starts at (0, 0)): steady until the grid's corner, 2000 m away on x.
    expect(mask.steadyRadius(-2000, -100)).toBeCloseTo(2000, 5);
  });

  it("the clear radius keeps every part's edge out, also an edge inside another part", () => {
    // Every edge of both parts, measured from points all over them: none nearer than the radius.
    const segs: number[][] = [];
    for (const ring of [...square, ...other]) for (let i = 0; i + 1 < ring.length; i++) segs.push([ring[i][0], ring[i][1], ring[i + 1][0], ring[i + 1][1]]);
    const toEdge = (x: number, y: number) => Math.min(...segs.map(([ax, ay, bx, by]) => {
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
    }));
    const rng = seededRng(12);
    let clear = 0;
    for (let k = 0; k < 20000; k++) {
      const x = -300 + 2100 * rng.next(), y = -300 + 1900 * rng.next();
      const r = mask.clearRadius(x, y);
      expect(r).toBeLessThanOrEqual(mask.steadyRadius(x, y));
      if (r > 0) {
        clear++;
        expect(toEdge(x, y)).toBeGreaterThanOrEqual(r);
      }
    }
    expect(clear).toBeGreaterThan(10000);
    // Inside both parts where they overlap, (995, 962.5), 5 m from the square's edge x = 1000 (which lies in
    // `other`): the merged mask is steady there (inside either way), the clear radius is 5 m.
    expect(mask.steadyRadius(995, 962.5)).toBeCloseTo(30, 5); // other's edge y = 900 crosses row 36, 2 rows down
    expect(mask.clearRadius(995, 962.5)).toBeCloseTo(5, 5);
  });
});
