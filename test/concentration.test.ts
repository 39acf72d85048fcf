// Gini and concentration index: hand-worked cases, and the identity CI = 2·mean(fractional rank) − 1
// that the permutation tests rely on, checked against the curve on seeded random data.
import { describe, expect, it } from "vitest";
import { concentrationIndex, curveAt, fractionalRanks, gini, giniInOrder, lorenz } from "../pipeline/stats/concentration.js";
import { seededRng } from "../pipeline/stats/rng.js";

describe("Lorenz and Gini", () => {
  it("is 0 when counts follow the weights", () => {
    expect(gini([{ weight: 1, count: 2 }, { weight: 3, count: 6 }])).toBeCloseTo(0, 12);
  });
  it("is 0.5 when one of two equal units has everything (Lorenz (0,0),(0.5,0),(1,1): area 0.25)", () => {
    expect(gini([{ weight: 1, count: 0 }, { weight: 1, count: 5 }])).toBeCloseTo(0.5, 12);
    expect(curveAt(lorenz([{ weight: 1, count: 0 }, { weight: 1, count: 5 }]), 0.75)).toBeCloseTo(0.5, 12);
  });
  it("ignores units of zero weight", () => {
    expect(gini([{ weight: 0, count: 9 }, { weight: 1, count: 1 }, { weight: 1, count: 1 }])).toBeCloseTo(0, 12);
  });
});

describe("concentration index", () => {
  it("is −0.5 when the poorer of two equal units has all the cameras (curve area 0.75)", () => {
    expect(concentrationIndex([{ weight: 1, count: 1, rank: 10 }, { weight: 1, count: 0, rank: 20 }])).toBeCloseTo(-0.5, 12);
    expect(concentrationIndex([{ weight: 1, count: 0, rank: 10 }, { weight: 1, count: 1, rank: 20 }])).toBeCloseTo(0.5, 12);
  });
  it("equals 2 × the cameras' mean fractional rank − 1", () => {
    const rng = seededRng(42);
    const units = Array.from({ length: 300 }, () => ({ weight: Math.floor(rng.next() * 2000), count: Math.floor(rng.next() * 4), rank: 10000 + 40000 * rng.next() }));
    const r = fractionalRanks(units);
    let s = 0, n = 0;
    units.forEach((u, i) => {
      if (u.weight > 0) {
        s += u.count * r[i];
        n += u.count;
      }
    });
    expect(2 * (s / n) - 1).toBeCloseTo(concentrationIndex(units), 12);
  });
});

describe("giniInOrder (the random-placement envelope's Gini, typed)", () => {
  it("equals gini() to the bit on units in the Lorenz order, ties and empty units included", () => {
    const rng = seededRng(21);
    for (let t = 0; t < 50; t++) {
      const n = 5 + Math.floor(200 * rng.next());
      const w = Float64Array.from({ length: n }, () => 1 + Math.floor(40 * rng.next()));
      const counts = Int32Array.from({ length: n }, () => (rng.next() < 0.4 ? 0 : Math.floor(6 * rng.next())));
      const order = Int32Array.from({ length: n }, (_, k) => k).sort((a, b) => counts[a] / w[a] - counts[b] / w[b] || a - b);
      expect(giniInOrder(w, counts, order)).toBe(gini(Array.from(w, (weight, k) => ({ weight, count: counts[k] }))));
    }
  });
});
