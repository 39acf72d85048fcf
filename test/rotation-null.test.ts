import { describe, expect, it } from "vitest";
import type { Position } from "geojson";
import { PartsMask, RegionMask } from "../pipeline/geo/region-mask.js";
import { centroid, rotationNull, ROTATION_INSIDE, type Geometry, type Units } from "../pipeline/stats/cluster-nulls.js";
import { seededRng } from "../pipeline/stats/rng.js";
import type { PlanarShape } from "../pipeline/geo/planar.js";

// rotationNull (blocks, box states, terminals looked up near each block) against the plain
// computation its header describes: every unit turned, tested against the city, each zone and
// each terminal's disc, one by one, with the same draws.
const ring = (pts: number[][]): Position[] => [...pts, pts[0]];
const shape = (id: string, polygons: Position[][][]): PlanarShape => {
  const xs = polygons.flat(2).map((p) => p[0]), ys = polygons.flat(2).map((p) => p[1]);
  return { id, props: {}, polygons, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
};
const X0 = 650_000, Y0 = 6_860_000;
const city = [[ring([[0, 0], [9000, 0], [11000, 4000], [8000, 7000], [2000, 6500], [-1000, 3000]].map(([x, y]) => [X0 + x, Y0 + y]))]];
const zones = [
  { name: "a", parts: [shape("a1", [[ring([[2000, 1000], [4000, 1000], [4000, 3000], [2000, 3000]].map(([x, y]) => [X0 + x, Y0 + y]))]]), shape("a2", [[ring([[3500, 2500], [6000, 2000], [5000, 5000]].map(([x, y]) => [X0 + x, Y0 + y]))]])] },
  { name: "b", parts: [shape("b1", [[ring([[6000, 500], [9000, 1000], [9500, 4000], [7000, 5000]].map(([x, y]) => [X0 + x, Y0 + y]))]])] },
];
const terminals: Array<[number, number]> = [[X0 + 3000, Y0 + 2000], [X0 + 7500, Y0 + 3000], [X0 + 5000, Y0 + 6000]];

/** Units inside the city (and a few outside it), integer weights. */
function units(n: number, seed: number, inCity: RegionMask): Units {
  const rng = seededRng(seed);
  const x = new Float64Array(n), y = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    do {
      x[i] = X0 - 1000 + 12000 * rng.next();
      y[i] = Y0 + 7000 * rng.next();
    } while (i % 50 !== 0 && !inCity.contains(x[i], y[i]));
    w[i] = 1 + Math.floor(20 * rng.next());
  }
  return { x, y, w };
}

function plain(u: Units, g: Geometry, draws: number, shiftM: number, seed: number) {
  const rng = seededRng(seed);
  const masks = g.zones.map((z) => new PartsMask(z.parts.map((p) => p.polygons)));
  const total = u.w.reduce((s, v) => s + v, 0);
  const zs: number[][] = g.zones.map(() => []), ts: number[] = [];
  let tries = 0;
  while (ts.length < draws && tries < draws * 200) {
    tries++;
    const theta = 2 * Math.PI * rng.next();
    const rad = shiftM * Math.sqrt(rng.next()), phi = 2 * Math.PI * rng.next();
    const from = g.cityCentroid, to = [from[0] + rad * Math.cos(phi), from[1] + rad * Math.sin(phi)];
    const c = Math.cos(theta), s = Math.sin(theta);
    let inside = 0, term = 0;
    const inZone = g.zones.map(() => 0);
    for (let i = 0; i < u.x.length; i++) {
      const dx = u.x[i] - from[0], dy = u.y[i] - from[1];
      const x = to[0] + c * dx - s * dy, y = to[1] + s * dx + c * dy;
      if (!g.city.contains(x, y)) continue;
      inside += u.w[i];
      masks.forEach((m, k) => { if (m.contains(x, y)) inZone[k] += u.w[i]; });
      if (g.terminals.some((t) => (t[0] - x) * (t[0] - x) + (t[1] - y) * (t[1] - y) <= g.terminalRadius ** 2)) term += u.w[i];
    }
    if (inside < ROTATION_INSIDE * total) continue;
    inZone.forEach((v, k) => zs[k].push(v / inside));
    ts.push(term / inside);
  }
  return { zones: zs, terminals: ts, tries };
}

describe("rotationNull", () => {
  it("gives the plain unit-by-unit shares, draw for draw", () => {
    const g: Geometry = {
      city: new RegionMask(city, 25), cityCentroid: centroid(city), cityBox: [X0 - 1000, Y0, X0 + 11000, Y0 + 7000],
      zones, terminals, terminalRadius: 300,
    };
    const u = units(3000, 7, g.city);
    const got = rotationNull(u, g, 30, 1000, 11);
    const want = plain(u, g, 30, 1000, 11);
    expect(got.accepted).toBe(30);
    expect(got.tries).toBe(want.tries);
    expect(got.zones.map((z) => [...z])).toEqual(want.zones);
    expect([...got.terminals]).toEqual(want.terminals);
    // the terminals' shares vary, so blocks near and far from the discs were both looked at
    expect(new Set(want.terminals).size).toBeGreaterThan(10);
  });
});
