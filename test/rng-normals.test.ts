import { describe, expect, it } from "vitest";
import { seededRng } from "../pipeline/stats/rng.js";

describe("Rng.normals", () => {
  it("gives the same numbers in the same order as calls of normal(), spare carried across calls", () => {
    const one = seededRng(42), bulk = seededRng(42);
    const expected = Array.from({ length: 1 + 6 + 3 + 4 }, () => one.normal());
    // odd, even and odd lengths: a spare is left pending and consumed by the next fill
    const got: number[] = [];
    for (const len of [1, 6, 3, 4]) {
      const z = new Float64Array(len);
      bulk.normals(z);
      got.push(...z);
    }
    expect(got).toEqual(expected);
    // and the generators stay in step afterwards
    expect(bulk.normal()).toBe(one.normal());
    expect(bulk.next()).toBe(one.next());
  });
  it("draws standard normals (mean 0, variance 1 within sampling error of 200,000 draws)", () => {
    const z = new Float64Array(200_000);
    seededRng(7).normals(z);
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
