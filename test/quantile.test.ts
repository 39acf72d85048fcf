import { describe, expect, it } from "vitest";
import { quantile } from "../pipeline/stats/quantile.js";

describe("quantile (type 7)", () => {
  it("matches R: quantile(1:9, c(.025, .5, .975)) = 1.2, 5, 8.8", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(quantile(x, 0.025)).toBeCloseTo(1.2, 12);
    expect(quantile(x, 0.5)).toBe(5);
    expect(quantile(x, 0.975)).toBeCloseTo(8.8, 12);
  });
  it("handles the ends, one value and none", () => {
    expect(quantile([3, 7], 0)).toBe(3);
    expect(quantile([3, 7], 1)).toBe(7);
    expect(quantile([4], 0.95)).toBe(4);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
