import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseNumberCell } from "../pipeline/geo/read-csv.js";

// The reference is the rule parseNumberCell has always applied (regexes, then Number()); the
// fast path for plain decimals must give the very same double, -0 included.
function reference(cell: string): number {
  const s = cell.trim();
  if (s === "") return NaN;
  const t = /^-?\d+,\d+$/.test(s) ? s.replace(",", ".") : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

describe("parseNumberCell", () => {
  it("agrees with the regex rule on edge cases (by hand)", () => {
    for (const c of ["0", "-0", "5.", ".5", "-.5", "-", ".", "", "123456789012345", "1234567890123456", "99999999999999999999", "0.1", "0.7", "3456789.12", "2,35", " 12 ", "1e5", "+4", "12a", "1.2.3", "--1"]) {
      expect(Object.is(parseNumberCell(c), reference(c)), c).toBe(true);
    }
  });
  it("gives the same double as Number() for any plain decimal (property test)", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{0,12}$/)))
      .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}`);
    fc.assert(fc.property(decimal, (s) => Object.is(parseNumberCell(s), reference(s))), { numRuns: 20000 });
  });
});
