import { describe, expect, it } from "vitest";
import { seededRng } from "../pipeline/stats/rng.js";

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
