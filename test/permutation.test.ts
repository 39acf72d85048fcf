// Seeded RNG, alias sampling and the permutation p-values. p-values and quantiles by hand and
// against R (quantile type 7: quantile(1:9, c(.025,.5,.975)) = 1.2, 5, 8.8).
import { describe, expect, it } from "vitest";
import { seededRng } from "../pipeline/stats/rng.js";
import { aliasTable, drawAlias } from "../pipeline/stats/alias.js";
import { compare, simulateNull } from "../pipeline/stats/permutation.js";
import { sigmaFor } from "../pipeline/stats/jitter.js";

describe("seeded RNG", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = seededRng(20190201), b = seededRng(20190201), c = seededRng(20190202);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it("is uniform and its normals standard (100,000 draws: mean within 4 standard errors)", () => {
    const r = seededRng(1);
    let s = 0, z = 0, z2 = 0;
    for (let i = 0; i < 100000; i++) {
      s += r.next();
      const v = r.normal();
      z += v;
      z2 += v * v;
    }
    expect(Math.abs(s / 1e5 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / 1e5));
    expect(Math.abs(z / 1e5)).toBeLessThan(4 / Math.sqrt(1e5));
    expect(Math.abs(z2 / 1e5 - 1)).toBeLessThan(4 * Math.sqrt(2 / 1e5));
  });
});

describe("alias sampling", () => {
  it("draws in proportion to the weights (chi-square, 3 df, below the 0.999 quantile 16.27)", () => {
    const w = [1, 2, 3, 4];
    const t = aliasTable(w);
    const rng = seededRng(3);
    const n = 100000;
    const k = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) k[drawAlias(t, rng)]++;
    const chi = k.reduce((s, v, i) => s + (v - (n * w[i]) / 10) ** 2 / ((n * w[i]) / 10), 0);
    expect(chi).toBeLessThan(16.27);
  });
  it("never draws a zero-weight site", () => {
    const t = aliasTable([0, 5, 0, 1]);
    const rng = seededRng(4);
    for (let i = 0; i < 10000; i++) expect([1, 3]).toContain(drawAlias(t, rng));
  });
});

describe("p-values and envelopes", () => {
  it("counts the observed value as one of the draws", () => {
    const r = compare(9, Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // ≥ 9: one draw → (1+1)/10; ≤ 9: nine → 10/10; two-sided = 2 × 0.2.
    expect(r.p_greater).toBeCloseTo(0.2, 12);
    expect(r.p_less).toBeCloseTo(1, 12);
    expect(r.p_two_sided).toBeCloseTo(0.4, 12);
    expect(r.envelope[0]).toBeCloseTo(1.2, 12);
    expect(r.envelope[1]).toBeCloseTo(5, 12);
    expect(r.envelope[2]).toBeCloseTo(8.8, 12);
    expect(compare(100, Float64Array.from([1, 2, 3])).p_greater).toBeCloseTo(0.25, 12);
  });
  it("simulates a null whose expected shares are known: ZTI share 3/4 when only the weight-3 site is in a ZTI", () => {
    const sites = [
      { weight: 1, pZone: [0, 0.5], rank: 0.25, income: 10 },
      { weight: 3, pZone: [1, 0], rank: 0.75, income: 30 },
    ];
    // 1,000 cameras on 2 sites: counts by conditional binomials; 1 camera: by the alias method.
    const d = simulateNull(sites, ["zti", "zsp"], true, 1000, 200, 9);
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(d.share_zti)).toBeCloseTo(0.75, 2);
    expect(mean(d.share_zsp)).toBeCloseTo(0.125, 2);
    expect(mean(d.mean_income)).toBeCloseTo(25, 0);
    // Same seed, same draws.
    expect(simulateNull(sites, ["zti", "zsp"], true, 1000, 200, 9).share_zti).toEqual(d.share_zti);
    const one = simulateNull(sites, ["zti", "zsp"], true, 1, 4000, 9);
    expect(mean(one.share_zti)).toBeCloseTo(0.75, 1);
  });
  it("sets the jitter by geocode confidence", () => {
    const s = { replicates: 1, sigmaAtFull: 15, sigmaAtZero: 100, seed: 1 };
    expect(sigmaFor(1, s)).toBe(15);
    expect(sigmaFor(0, s)).toBe(100);
    expect(sigmaFor(0.5, s)).toBe(57.5);
    expect(sigmaFor(null, s)).toBe(15);
  });
});
