// Classification against an independent reference: test/reference/classify_reference.py (numpy,
// following mapclassify's definitions; Fisher by a plain O(k n²) dynamic programme) on the real
// mean_income of the 1 977 Paris cells (fixture made by test/reference/income_values.py).
// Values printed by `/usr/bin/python3 test/reference/classify_reference.py`, rounded to 1e-6.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classify, classOf, ckmeansEdges, gvf, type ClassMethod } from "../pipeline/stats/classify.js";
import { classLabel, formatFr, labelDecimals } from "../pipeline/render/format-fr.js";

const values: number[] = JSON.parse(readFileSync("test/fixtures/render/income_values.json", "utf8"));

const REF: Record<string, { edges: number[]; gvf: number }> = {
  quantiles5: { edges: [7928.76, 24419.02, 30890.13, 36227.324, 42617.958, 71896.19], gvf: 0.93230212 },
  equal5: { edges: [7928.76, 20722.246, 33515.732, 46309.218, 59102.704, 71896.19], gvf: 0.87539151 },
  fisher5: { edges: [7928.76, 23507.69, 30686.16, 37373.75, 45041.5, 71896.19], gvf: 0.93812777 },
  quantiles6: { edges: [7928.76, 22990.13, 29121.726667, 33459.74, 38221.973333, 43717.22, 71896.19], gvf: 0.94782158 },
  equal6: { edges: [7928.76, 18589.998333, 29251.236667, 39912.475, 50573.713333, 61234.951667, 71896.19], gvf: 0.90843118 },
  fisher6: { edges: [7928.76, 21470.37, 27811.54, 34197.09, 40700.14, 47336.96, 71896.19], gvf: 0.95540528 },
  quantiles7: { edges: [7928.76, 22054.765714, 27660.047143, 31574.378571, 35475.417143, 39515.508571, 44642.25, 71896.19], gvf: 0.95894365 },
  equal7: { edges: [7928.76, 17066.964286, 26205.168571, 35343.372857, 44481.577143, 53619.781429, 62757.985714, 71896.19], gvf: 0.93423791 },
  fisher7: { edges: [7928.76, 19721.94, 25464.02, 30916.62, 36213.71, 41700.48, 47920.0, 71896.19], gvf: 0.9669448 },
  q6: { edges: [7928.76, 17818.866, 26376.46, 33459.74, 40522.43, 49545.246, 71896.19], gvf: 0.94767259 },
  stddev: { edges: [7928.76, 14212.757186, 23909.991785, 43304.460982, 53001.695581, 71896.19], gvf: 0.78660083 }
};

const close = (a: number[], b: number[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
};

describe("classify (real Filosofi cells) vs numpy reference", () => {
  it.each([5, 6, 7])("quantiles, equal intervals and Fisher–Jenks with k = %i", (k) => {
    for (const m of ["quantiles", "equal", "fisher"] as ClassMethod[]) {
      const c = classify(values, { method: m, k });
      close(c.edges, REF[`${m}${k}`].edges);
      expect(c.gvf).toBeCloseTo(REF[`${m}${k}`].gvf, 6);
      expect(c.counts.reduce((s, x) => s + x, 0)).toBe(values.length);
    }
  });

  it("Q6 and standard deviations", () => {
    const q6 = classify(values, { method: "q6" });
    close(q6.edges, REF.q6.edges);
    expect(q6.gvf).toBeCloseTo(REF.q6.gvf, 6);
    const sd = classify(values, { method: "stddev" });
    close(sd.edges, REF.stddev.edges);
    expect(sd.gvf).toBeCloseTo(REF.stddev.gvf, 6);
  });

  it("Fisher–Jenks has the best variance fit of all 6-class methods, as it must (optimal partition)", () => {
    const f = classify(values, { method: "fisher", k: 6 }).gvf;
    for (const m of ["quantiles", "equal", "q6"] as ClassMethod[]) expect(f).toBeGreaterThan(classify(values, { method: m, k: 6 }).gvf);
  });
});

describe("classify by hand", () => {
  it("ckmeans splits obvious clusters (worked by hand)", () => {
    // {1,2,3} {10,11} {20}: any other 3-class split has a larger within-class sum of squares.
    expect(ckmeansEdges([1, 2, 3, 10, 11, 20], 3)).toEqual([1, 10, 20, 20]);
    expect(classify([1, 2, 3, 10, 11, 20], { method: "fisher", k: 3 }).counts).toEqual([3, 2, 1]);
  });

  it("classes are left-closed, the maximum in the last class", () => {
    const edges = [0, 10, 20, 30];
    expect(classOf(0, edges)).toBe(0);
    expect(classOf(9.999, edges)).toBe(0);
    expect(classOf(10, edges)).toBe(1);
    expect(classOf(30, edges)).toBe(2);
  });

  it("user breaks, and GVF by hand", () => {
    const c = classify([1, 2, 3, 4, 100], { method: "user", breaks: [3.5, 500] });
    expect(c.edges).toEqual([1, 3.5, 100]);
    expect(c.counts).toEqual([3, 2]);
    // SDAM: mean 22, Σ(x-22)² = 441+400+361+324+6084 = 7610; SDCM: 2 (1,2,3) + 4608 (4,100) = 4610.
    expect(gvf([1, 2, 3, 4, 100], c.edges)).toBeCloseTo(1 - 4610 / 7610, 12);
  });
});

describe("French labels", () => {
  it("narrow no-break space thousands, decimal comma, unit after a no-break space", () => {
    expect(formatFr(18000)).toBe("18\u202f000");
    expect(formatFr(1234567.891, 2)).toBe("1\u202f234\u202f567,89");
    expect(formatFr(-0.5, 1)).toBe("−0,5");
    expect(classLabel(18000, 22000, "€")).toBe("18\u202f000 – 22\u202f000\u00a0€");
  });

  it("adds decimals only when needed to keep edges apart", () => {
    expect(labelDecimals([7928.76, 22990.13, 71896.19])).toBe(0);
    expect(labelDecimals([0.1, 0.14, 0.2])).toBe(2);
  });
});
