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
import { LAEA_AGREEMENT_M, jitterReplicates, laeaOf, sigmaFor, type CellLookup, type JitterSettings, type Laea, type ZoneIndexes } from "../pipeline/stats/jitter.js";
import { statistics, statisticNames } from "../pipeline/stats/permutation.js";
import { seededRng } from "../pipeline/stats/rng.js";

const zonesOf = (name: string) => parseGeoJSON(readFileSync(`test/fixtures/change/${name}.geojson`, "utf8"), name).features.map((f) => toPlanarShape(f).polygons);

const to2154 = transformer("EPSG:3035", "EPSG:2154");
const cases: Array<{ title: string; points: (rng: ReturnType<typeof seededRng>) => Array<[number, number]>; sigma: [number, number] }> = [
  // Points over central Paris (EPSG:2154), a third with no confidence (σ 15 m), the others up to σ 100 m.
  { title: "over central Paris, σ 15 to 100 m", points: (rng) => Array.from({ length: 3000 }, () => [648000 + 8000 * rng.next(), 6858000 + 6000 * rng.next()]), sigma: [15, 100] },
  // Within a centimetre of a cell side (EPSG:3035), moved by millimetres: nearly every move is
  // decided by the camera's own Jacobian, where a base position off by micrometres would show.
  {
    title: "within a centimetre of a cell side, σ 1 to 10 mm",
    points: (rng) => Array.from({ length: 3000 }, (_, i) => {
      const x = 3755000 + 8000 * rng.next(), y = 2885000 + 6000 * rng.next(), off = (rng.next() - 0.5) * 0.02;
      return to2154(i % 2 ? [Math.round(x / 200) * 200 + off, y] : [x, Math.round(y / 200) * 200 + off]);
    }),
    sigma: [0.001, 0.01],
  },
];

for (const c of cases)
describe(`the jitter's shortcuts give the plain computation's numbers, ${c.title}`, () => {
  const names = ["zti", "zsp"];
  const zones: ZoneIndexes = { names, masks: names.map((z) => new PartsMask(zonesOf(z))), income: true };
  const rng = seededRng(5);
  const pairs = c.points(rng);
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
  const settings: JitterSettings = { replicates: 25, sigmaAtFull: c.sigma[0], sigmaAtZero: c.sigma[1], seed: 77 };

  // The plain computation starts from the 2154 → 3035 positions; the jitter may be given base
  // positions up to LAEA_AGREEMENT_M away (laeaOf's from lon/lat) and must still give its numbers.
  const shifted = (by: number): Laea => ({
    lx: laea.lx.map((v) => (Math.floor((v + by) / 200) === Math.floor(v / 200) ? v + by : v)),
    ly: laea.ly.map((v) => (Math.floor((v - by) / 200) === Math.floor(v / 200) ? v - by : v)),
  });
  for (const [name, base] of [["from 2154", laea], ["from positions LAEA_AGREEMENT_M away", shifted(0.9 * LAEA_AGREEMENT_M)]] as Array<[string, Laea]>)
  it(`on every replicate and statistic (base positions ${name})`, () => {
    const got = jitterReplicates(xy, confidence, settings, zones, cells, base);
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

describe("laeaOf from lon/lat", () => {
  const toLonLat = transformer("EPSG:3035", "EPSG:4326");
  const rng = seededRng(11);
  // Points over Paris (EPSG:3035), every third a few tenths of a millimetre from a 200 m side.
  const laea3035 = Array.from({ length: 3000 }, (_, i): [number, number] => {
    const x = 3755000 + 12000 * rng.next(), y = 2885000 + 10000 * rng.next();
    return i % 3 === 0 ? [Math.round(x / 200) * 200 + (rng.next() - 0.5) * 6e-4, y] : i % 3 === 1 ? [x, Math.round(y / 200) * 200 + (rng.next() - 0.5) * 6e-4] : [x, y];
  });
  const planar = laea3035.map((p) => to2154(p));
  const lonlat = laea3035.map((p) => toLonLat(p));
  const xy = { x: Float64Array.from(planar, (p) => p[0]), y: Float64Array.from(planar, (p) => p[1]) };
  const ll = { lon: Float64Array.from(lonlat, (p) => p[0]), lat: Float64Array.from(lonlat, (p) => p[1]) };

  it("lands every camera in the square of its 2154 → 3035 position, within LAEA_AGREEMENT_M of it, and is the lon/lat projection away from the sides", () => {
    const exact = laeaOf(xy), got = laeaOf(xy, ll, 200);
    const fromLonLat = transformer("EPSG:4326", "EPSG:3035");
    let projected = 0;
    for (let i = 0; i < planar.length; i++) {
      expect(Math.floor(got.lx[i] / 200)).toBe(Math.floor(exact.lx[i] / 200));
      expect(Math.floor(got.ly[i] / 200)).toBe(Math.floor(exact.ly[i] / 200));
      expect(Math.abs(got.lx[i] - exact.lx[i])).toBeLessThan(LAEA_AGREEMENT_M);
      expect(Math.abs(got.ly[i] - exact.ly[i])).toBeLessThan(LAEA_AGREEMENT_M);
      const [px, py] = fromLonLat([ll.lon[i], ll.lat[i]]);
      if (px === got.lx[i] && py === got.ly[i]) projected++;
    }
    expect(projected).toBeGreaterThan(990); // the third away from a side
  });
});
