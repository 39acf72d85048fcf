import { describe, expect, it } from "vitest";
import { countsCsv } from "../bench/count-csv.js";

describe("the points_in_polygons case's counts file", () => {
  it("is the plain lines joined: header, then pid,count for every non-zero count", () => {
    const counts = Uint32Array.from([0, 1, 0, 10, 99, 100, 0, 4294967295, 7, 1234567]);
    const big = new Uint32Array(123457);
    big[0] = 3;
    big[9] = 10;
    big[123456] = 1000000;
    for (const c of [counts, big, new Uint32Array(0), new Uint32Array(5)]) {
      const lines = ["pid,count"];
      for (let p = 0; p < c.length; p++) if (c[p]) lines.push(`${p},${c[p]}`);
      expect(countsCsv(c).toString("latin1")).toBe(lines.join("\n") + "\n");
    }
  });
});
