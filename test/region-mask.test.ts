import { describe, expect, it } from "vitest";
import { PartsMask, RegionMask } from "../pipeline/geo/region-mask.js";
import { seededRng } from "../pipeline/stats/rng.js";

// A square 0…1000 with a square hole 400…600 and a notch cut into its east side: boxes inside,
// outside, over the hole, over the notch and past the grid.
const ring = (pts: number[][]) => [...pts, pts[0]];
const polygons = [[
  ring([[0, 0], [1000, 0], [1000, 450], [700, 500], [1000, 550], [1000, 1000], [0, 1000]]),
  ring([[400, 400], [400, 600], [600, 600], [600, 400]]),
]];

describe("RegionMask.boxState", () => {
  const mask = new RegionMask(polygons, 25);
  it("says all inside / all outside only when contains() says so for every point of the box", () => {
    const rng = seededRng(3);
    const seen = [0, 0, 0];
    let wrong = 0;
    for (let t = 0; t < 3000; t++) {
      const x = -300 + 1600 * rng.next(), y = -300 + 1600 * rng.next(), h = 5 + 150 * rng.next();
      const st = mask.boxState(x - h, y - h, x + h, y + h);
      seen[st]++;
      if (st === 2) continue;
      for (let i = 0; i <= 12; i++)
        for (let j = 0; j <= 12; j++) if (mask.contains(x - h + (2 * h * i) / 12, y - h + (2 * h * j) / 12) !== (st === 1)) wrong++;
    }
    expect(wrong).toBe(0);
    // every answer occurs, so the check above looked at each kind
    expect(seen.every((k) => k > 100)).toBe(true);
  });
  it("answers the cases worked by hand", () => {
    expect(mask.boxState(50, 50, 350, 350)).toBe(1); // in the solid corner
    expect(mask.boxState(450, 450, 550, 550)).toBe(0); // in the hole
    expect(mask.boxState(1100, 100, 1200, 200)).toBe(0); // east of the square
    expect(mask.boxState(-500, -500, -100, -100)).toBe(0); // off the grid
    expect(mask.boxState(300, 300, 500, 500)).toBe(2); // over the hole's edge
    expect(mask.boxState(-50, 100, 50, 200)).toBe(2); // partly off the grid, partly inside
  });
});

describe("PartsMask.boxState", () => {
  // Two overlapping parts (the square with its hole and notch, and a square over the hole's
  // west half): the hole is in the zone where the second part covers it, out elsewhere.
  const second = [[ring([[300, 300], [500, 300], [500, 700], [300, 700]])]];
  const zone = new PartsMask([polygons, second], 25);
  it("says all inside / all outside only when contains() says so for every point of the box", () => {
    const rng = seededRng(5);
    const seen = [0, 0, 0];
    let wrong = 0;
    for (let t = 0; t < 3000; t++) {
      const x = -300 + 1600 * rng.next(), y = -300 + 1600 * rng.next(), h = 5 + 150 * rng.next();
      const st = zone.boxState(x - h, y - h, x + h, y + h);
      seen[st]++;
      if (st === 2) continue;
      for (let i = 0; i <= 12; i++)
        for (let j = 0; j <= 12; j++) if (zone.contains(x - h + (2 * h * i) / 12, y - h + (2 * h * j) / 12) !== (st === 1)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(seen.every((k) => k > 100)).toBe(true);
  });
  it("answers the cases worked by hand", () => {
    expect(zone.boxState(420, 420, 480, 580)).toBe(1); // in the hole, under the second part
    expect(zone.boxState(530, 430, 570, 570)).toBe(0); // in the hole, east of the second part
    expect(zone.boxState(50, 50, 250, 250)).toBe(1); // in the solid corner
    expect(zone.boxState(1100, 100, 1200, 200)).toBe(0); // east of the square
    expect(zone.boxState(450, 450, 550, 550)).toBe(2); // over the second part's east edge
  });
});
