// The accuracy report on a small real extract: 8 reference sites of data.csv against the first
// OSM crossing point of the same street pair (what the exact-crossing step picks). Expected
// distances, median, 95th percentile and shares come from geopandas 0.12 / numpy, script
// test/fixtures/geocode-accuracy-extract.py (run from data/paris/cameras with /usr/bin/python3):
//   A.to_crs(2154).distance(B.to_crs(2154)); np.median(d); np.percentile(d, 95)
import { describe, expect, it } from "vitest";
import { transformer } from "../pipeline/geo/crs.js";
import { accuracyReport } from "../pipeline/geocode/accuracy.js";
import { quantile } from "../pipeline/stats/quantile.js";

// [numero, reference lon, lat (data.csv), first crossing lon, lat (croisements_rues_paris.csv), geopandas distance m]
const EXTRACT: Array<[string, number, number, number, number, number]> = [
  ["1051", 2.34750188, 48.85875016, 2.34745873333333, 48.858739, 3.4],
  ["11218", 2.35345275, 48.861238125, 2.3534715, 48.86123165, 1.553],
  ["11498", 2.3501341, 48.8619936571429, 2.3502173, 48.8619752, 6.44],
  ["11751", 2.268078425, 48.862590175, 2.26817662, 48.86284322, 29.045],
  ["12509", 2.32567686666667, 48.8562032666667, 2.32567652857143, 48.8561286857143, 8.293],
  ["1055", 2.3461244, 48.8632432, 2.3461244, 48.8632432, 0],
  ["1056", 2.3462907, 48.8632732, 2.3462907, 48.8632732, 0],
  ["1057", 2.339848, 48.8589898, 2.339848, 48.8589898, 0],
];

describe("accuracy report", () => {
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const d = EXTRACT.map(([, a, b, c, e]) => {
    const p = toL93([a, b]);
    const q = toL93([c, e]);
    return Math.hypot(p[0] - q[0], p[1] - q[1]);
  });

  it("measures the same distances as geopandas in Lambert-93", () => {
    d.forEach((x, i) => expect(x, EXTRACT[i][0]).toBeCloseTo(EXTRACT[i][5], 2));
  });

  it("gives numpy's median and 95th percentile and the shares within 30/50/100 m", () => {
    const s = [...d].sort((a, b) => a - b);
    expect(quantile(s, 0.5)).toBeCloseTo(2.476448528494287, 2);
    expect(quantile(s, 0.95)).toBeCloseTo(21.781885352297124, 2);
    const r = accuracyReport(d, 2);
    expect(r).toEqual({
      reference_sites: 10,
      compared: 8,
      not_placed: 2,
      median_m: 2.5,
      p95_m: 21.8,
      max_m: 29,
      within_30m: 1,
      within_50m: 1,
      within_100m: 1,
    });
  });

  it("counts shares at the limit as within (d ≤ 30 m)", () => {
    // By hand: [10, 30, 30.01, 120] → 2 of 4 within 30 m, 3 of 4 within 100 m.
    const r = accuracyReport([10, 30, 30.01, 120], 0);
    expect(r.within_30m).toBe(0.5);
    expect(r.within_100m).toBe(0.75);
    expect(r.median_m).toBe(30); // (30 + 30.01) / 2 = 30.005 → 30.0 at one decimal
  });
});
