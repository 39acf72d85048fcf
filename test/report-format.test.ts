// French number formatting the page and its script share. Expected strings are written by hand
// from the French typographic rules (U+202F narrow no-break space between thousands, decimal
// comma, U+2212 minus, no-break space before %). The comparison is tested in compare.test.ts.
import { describe, expect, it } from "vitest";
import { formatFr, formatPercentFr } from "../pipeline/core/format-fr.js";

const N = "\u202f";

describe("formatFr", () => {
  it("groups thousands with a narrow no-break space and uses a decimal comma", () => {
    expect(formatFr(1234567.891, 2)).toBe(`1${N}234${N}567,89`);
    expect(formatFr(999, 0)).toBe("999");
    expect(formatFr(1000, 0)).toBe(`1${N}000`);
    expect(formatFr(0.5, 1)).toBe("0,5");
    expect(formatFr(12.345, 0)).toBe("12");
  });
  it("writes a true minus sign, and no minus for a value that rounds to zero", () => {
    expect(formatFr(-1234.5, 1)).toBe(`\u22121${N}234,5`);
    expect(formatFr(-0.0004, 2)).toBe("0,00");
  });
  it("shows a dash for values that do not exist", () => {
    expect(formatFr(null, 1)).toBe("—");
    expect(formatFr(undefined, 1)).toBe("—");
    expect(formatFr(NaN, 1)).toBe("—");
    expect(formatFr(Infinity, 1)).toBe("—");
  });
  it("formats shares as percentages", () => {
    expect(formatPercentFr(0.1234, 1)).toBe(`12,3${N}%`);
    expect(formatPercentFr(1, 0)).toBe(`100${N}%`);
    expect(formatPercentFr(null, 1)).toBe("—");
  });
});
