import { describe, expect, it } from "vitest";
import { seededRng } from "../pipeline/stats/rng.js";

describe("Rng.normal", () => {
  it("draws standard normals (mean 0, variance 1 within sampling error of 200,000 draws)", () => {
    const r = seededRng(7);
    const z = Float64Array.from({ length: 200_000 }, () => r.normal());
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - mean) ** 2, 0) / (z.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.01); // sd of the mean is 0.0022
    expect(Math.abs(v - 1)).toBeLessThan(0.015); // sd of the variance is 0.0032
  });
});

describe("Rng.uniforms", () => {
  it("gives the same numbers in the same order as calls of next(), and leaves the generators in step", () => {
    const one = seededRng(7), bulk = seededRng(7);
    const expected = Array.from({ length: 1 + 1000 + 5 }, () => one.next());
    const got: number[] = [];
    for (const len of [1, 1000, 5]) {
      const u = new Float64Array(len);
      bulk.uniforms(u);
      got.push(...u);
    }
    expect(got).toEqual(expected);
    expect(bulk.next()).toBe(one.next());
    expect(bulk.normal()).toBe(one.normal());
  });
});
