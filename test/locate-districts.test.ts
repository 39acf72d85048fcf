// The layers stage puts cameras in districts in one batch (layers/cameras.ts locateDistricts);
// the points outside every district take the nearest one within the tolerance. Checked against
// the plain rule, every district tested for every point: the first holding the point, else the
// nearest boundary within the tolerance (the first on a tie), with that distance.
import type { Feature } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { readDistricts } from "../layers/districts.js";
import { districtIndex, locateDistricts, type DistrictIndex } from "../layers/cameras.js";
import { distanceToBoundary, pointInPolygons } from "../pipeline/geo/point-in-polygon.js";
import { loadStudy } from "../pipeline/core/study.js";
import { seededRng } from "../pipeline/stats/rng.js";

let idx: DistrictIndex;
beforeAll(async () => {
  const arrondissements: Feature[] = (await readDistricts("arrondissements", loadStudy("data/paris/study.json").layers.arrondissements!)).features;
  idx = districtIndex(arrondissements);
});

function plainRule(x: number, y: number, tolerance: number): [number, number] {
  for (let k = 0; k < idx.polygons.length; k++) if (pointInPolygons(x, y, idx.polygons[k])) return [k, 0];
  let best = -1, bestD = Infinity;
  for (let k = 0; k < idx.polygons.length; k++) {
    const d = distanceToBoundary(x, y, idx.polygons[k]);
    if (d <= tolerance && (best < 0 || d < bestD)) {
      best = k;
      bestD = d;
    }
  }
  return [best, best < 0 ? 0 : bestD];
}

describe("locateDistricts", () => {
  it("gives the plain rule's district and distance for points inside, just outside and far outside", () => {
    const rand = seededRng(7);
    // The city's box widened by 1.5 km: the points outside the city lie within a few hundred
    // metres of one to three arrondissements' boxes, or beyond every tolerance.
    const all = idx.polygons.flat(3);
    const [x0, y0, x1, y1] = [Math.min(...all.map((p) => p[0])) - 1500, Math.min(...all.map((p) => p[1])) - 1500, Math.max(...all.map((p) => p[0])) + 1500, Math.max(...all.map((p) => p[1])) + 1500];
    const n = 6000;
    const xs = new Float64Array(n), ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = x0 + rand.next() * (x1 - x0);
      ys[i] = y0 + rand.next() * (y1 - y0);
    }
    // Points on the arrondissements' own vertices (distance 0 to one boundary, on a box edge).
    for (let i = 0; i < 200; i++) {
      const ring = idx.polygons[i % idx.polygons.length][0][0];
      const [vx, vy] = ring[Math.floor(rand.next() * ring.length)];
      xs[i] = vx;
      ys[i] = vy;
    }
    for (const tolerance of [0, 120, 500]) {
      const got = locateDistricts(xs, ys, idx, tolerance);
      let outside = 0;
      for (let i = 0; i < n; i++) {
        const [k, d] = plainRule(xs[i], ys[i], tolerance);
        if (got.district[i] !== k || got.distance[i] !== d) expect([i, got.district[i], got.distance[i]]).toEqual([i, k, d]);
        if (k >= 0 && d > 0) outside++;
      }
      if (tolerance > 0) expect(outside).toBeGreaterThan(100);
    }
  });
});
