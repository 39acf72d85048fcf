// assertUniqueKeys (layers/layer-result.ts, a hash table of row numbers) against the plain rule,
// written here with a Map: the first row whose id an earlier row has is refused, naming both rows.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertUniqueKeys } from "../layers/layer-result.js";

function firstDuplicate(ids: string[]): [number, number] | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const first = seen.get(ids[i]);
    if (first !== undefined) return [first, i];
    seen.set(ids[i], i);
  }
  return null;
}

describe("unique ids of a layer held as columns", () => {
  it("refuses the first repeated id, naming its row and the first one, as a Map would", () => {
    const id = fc.oneof(fc.constantFrom("a", "b", "", "é", "😀", "10", "1"), fc.string({ maxLength: 3 }), fc.nat({ max: 5000 }).map(String));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const where = (i: number) => String(i + 2);
        const dup = firstDuplicate(ids);
        if (!dup) expect(() => assertUniqueKeys(ids, "cams.csv", where)).not.toThrow();
        else expect(() => assertUniqueKeys(ids, "cams.csv", where)).toThrow(`cams.csv:${dup[1] + 2}: duplicate id "${ids[dup[1]]}" (first at line ${dup[0] + 2})`);
      }),
      { seed: 20261201, numRuns: 500 },
    );
  });

  it("takes a million distinct ids", () => {
    const ids = Array.from({ length: 1_000_000 }, (_, i) => `cam-${i}`);
    expect(() => assertUniqueKeys(ids, "big.csv")).not.toThrow();
    ids.push("cam-999999");
    expect(() => assertUniqueKeys(ids, "big.csv")).toThrow(/duplicate id "cam-999999" \(first at feature 999999\)/);
  });
});
