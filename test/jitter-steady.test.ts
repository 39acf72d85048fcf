// The geocoding jitter skips the zone masks and the cell grid for cameras whose move cannot change
// their answers (steady radii, the centre's Jacobian within its spread). Checked against the plain
// computation written out here: every camera moved, its own Jacobian, every mask and the grid
// asked — on 3,000 points over the Paris zones of the change fixture, some within metres of a
// zone edge or a cell side, with σ from 15 to 100 m. The replicates must be the same numbers.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { toPlanarShape } from "../pipeline/geo/planar.js";
import { transformer } from "../pipeline/geo/crs.js";
import { PartsMask } from "../pipeline/geo/region-mask.js";
import { cellAt, lattice } from "../pipeline/stats/spatial-grid.js";
import { jitterReplicates, laeaOf, sigmaFor, type CellLookup, type JitterSettings, type ZoneIndexes } from "../pipeline/stats/jitter.js";
import { statistics, statisticNames } from "../pipeline/stats/permutation.js";
import { seededRng } from "../pipeline/stats/rng.js";

const zonesOf = (name: string) => parseGeoJSON(readFileSync(`test/fixtures/change/${name}.geojson`, "utf8"), name).features.map((f) => toPlanarShape(f).polygons);

describe("the jitter's shortcuts give the plain computation's numbers", () => {
  const names = ["zti", "zsp"];
  const zones: ZoneIndexes = { names, masks: names.map((z) => new PartsMask(zonesOf(z))), income: true };
  const rng = seededRng(5);
  // Points over central Paris (EPSG:2154), a third with no confidence (σ 15 m), the others up to σ 100 m.
  const pairs: Array<[number, number]> = Array.from({ length: 3000 }, () => [648000 + 8000 * rng.next(), 6858000 + 6000 * rng.next()]);
  const xy = { x: Float64Array.from(pairs, (p) => p[0]), y: Float64Array.from(pairs, (p) => p[1]) };
  const confidence = pairs.map((_, i) => (i % 3 === 0 ? null : rng.next()));
  const laea = laeaOf(xy);
  // A lattice of 200 m cells over the points' 3035 box, each with a rank and an income (some none).
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  laea.lx.forEach((x, i) => { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, laea.ly[i]); y1 = Math.max(y1, laea.ly[i]); });
  const ids: string[] = [];
  for (let e = Math.floor(x0 / 200) * 200 - 400; e <= x1 + 400; e += 200)
    for (let nn = Math.floor(y0 / 200) * 200 - 400; nn <= y1 + 400; nn += 200) if (rng.next() > 0.05) ids.push(`CRS3035RES200mN${nn}E${e}`);
  const grid = lattice(ids);
  const rank = Float64Array.from(ids, () => (rng.next() < 0.1 ? NaN : rng.next()));
  const income = Float64Array.from(ids, () => 15000 + 40000 * rng.next());
  const cells: CellLookup = {
    at: (x, y) => { const j = cellAt(grid, x, y); return j < 0 ? undefined : { rank: rank[j], income: income[j] }; },
    table: { index: (x, y) => cellAt(grid, x, y), size: grid.size, rank, income },
  };
  const settings: JitterSettings = { replicates: 25, sigmaAtFull: 15, sigmaAtZero: 100, seed: 77 };

  it("on every replicate and statistic", () => {
    const got = jitterReplicates(xy, confidence, settings, zones, cells, laea);
    // The plain computation: the same normals, each camera's own Jacobian, every lookup made.
    const toLaea = transformer("EPSG:2154", "EPSG:3035");
    const r = seededRng(settings.seed);
    const z = new Float64Array(2 * pairs.length);
    const want: Record<string, number[]> = Object.fromEntries(statisticNames(names, true).map((s) => [s, []]));
    let moved = 0;
    for (let rep = 0; rep < settings.replicates; rep++) {
      for (let k = 0; k < z.length; k++) z[k] = r.normal();
      const inZone = [0, 0];
      let rankSum = 0, incomeSum = 0, withIncome = 0;
      pairs.forEach((p, i) => {
        const s = sigmaFor(confidence[i], settings), dx = s * z[2 * i], dy = s * z[2 * i + 1];
        zones.masks.forEach((m, k) => (inZone[k] += m.contains(p[0] + dx, p[1] + dy) ? 1 : 0));
        const ex = toLaea([p[0] + 1, p[1]]), ey = toLaea([p[0], p[1] + 1]);
        const lx = laea.lx[i] + (ex[0] - laea.lx[i]) * dx + (ey[0] - laea.lx[i]) * dy;
        const ly = laea.ly[i] + (ex[1] - laea.ly[i]) * dx + (ey[1] - laea.ly[i]) * dy;
        const j = cellAt(grid, lx, ly);
        if (j !== cellAt(grid, laea.lx[i], laea.ly[i])) moved++;
        if (j >= 0 && !Number.isNaN(rank[j])) {
          rankSum += rank[j];
          incomeSum += income[j];
          withIncome++;
        }
      });
      const v = statistics(names, true, pairs.length, inZone, rankSum, incomeSum, withIncome);
      for (const s of Object.keys(want)) want[s].push(v[s]);
    }
    expect(moved).toBeGreaterThan(1000); // many moves changed cell: the shortcuts were put to the test
    for (const s of Object.keys(want)) expect(got[s], s).toEqual(want[s]);
  });
});
