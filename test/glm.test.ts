// The count models against statsmodels on a real extract: every 200 m cell covering Paris with the
// Préfecture's 2012 camera layer (test/fixtures/analysis/model_cells_2012.csv, written by the stats
// stage as out/stats/model_cells.csv). Expected values from
//   /usr/bin/python3 test/fixtures/analysis/statsmodels_reference.py test/fixtures/analysis/model_cells_2012.csv
// (Debian python3-statsmodels; see the script for the exact calls), copied here to 7 digits.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { fitNegativeBinomial, fitPoisson, normalPValue } from "../pipeline/stats/glm.js";

const table = parseCsv(readFileSync("test/fixtures/analysis/model_cells_2012.csv", "utf8"), "model_cells_2012.csv", ",");
const y = table.rows.map((r) => Number(r.cells[1]));
const x = table.rows.map((r) => [1, ...r.cells.slice(2).map(Number)]);

const POISSON = {
  coef: [-0.3348395, -0.5765994, -0.1690491, 0.4485419, 0.1620179, -0.1075776, 0.07814848, 0.2348611, -0.1342360, 0.1753938, 0.06654660],
  se: [0.2723225, 0.1193144, 0.04119956, 0.1070921, 0.1513573, 0.03823891, 0.04924075, 0.03407646, 0.02098423, 0.08914392, 0.2289366],
  llf: -2442.48007,
  pearson: 1.2099194,
};
const NB = {
  coef: [-0.2785225, -0.5797908, -0.1800011, 0.4638778, 0.1608172, -0.1072029, 0.06010318, 0.2437650, -0.1373472, 0.1655633, 0.07420885],
  se: [0.2889092, 0.1308966, 0.04537553, 0.1252171, 0.1665134, 0.04256174, 0.05367332, 0.03840865, 0.02351566, 0.09726348, 0.2411408],
  alpha: 0.3287443,
  llf: -2424.81449,
};

/** Same to `digits` significant digits. */
function sameSig(actual: number[], expected: number[], digits: number) {
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(0.5 * 10 ** (Math.floor(Math.log10(Math.abs(expected[i]))) - digits + 1)));
}

describe("count models (IRLS) against statsmodels", () => {
  it("reads the real extract", () => {
    expect(x.length).toBe(2799);
    expect(y.reduce((s, v) => s + v, 0)).toBe(1363);
  });

  it("Poisson: coefficients, standard errors, log-likelihood, dispersion", () => {
    const f = fitPoisson(x, y);
    expect(f.converged).toBe(true);
    sameSig(f.coefficients, POISSON.coef, 5);
    sameSig(f.se, POISSON.se, 5);
    expect(f.logLik).toBeCloseTo(POISSON.llf, 3);
    expect(f.pearsonDispersion).toBeCloseTo(POISSON.pearson, 5);
  });

  it("negative binomial (NB2): joint ML coefficients and alpha, glm.nb-style standard errors", () => {
    const f = fitNegativeBinomial(x, y);
    expect(f.converged).toBe(true);
    sameSig(f.coefficients, NB.coef, 4);
    sameSig(f.se, NB.se, 4);
    sameSig([f.alpha], [NB.alpha], 4);
    expect(f.logLik).toBeCloseTo(NB.llf, 3);
  });

  it("falls back to Poisson-like fits when the counts are not overdispersed", () => {
    // Equidispersed-or-less counts (y = 0,1,2 cycling with a covariate that explains nothing):
    // the NB2 likelihood grows as α → 0, so α ends near 0 and β equals the Poisson fit.
    const xs = Array.from({ length: 300 }, (_, i) => [1, (i % 7) / 7]);
    const ys = Array.from({ length: 300 }, (_, i) => i % 3);
    const nb = fitNegativeBinomial(xs, ys), po = fitPoisson(xs, ys);
    expect(nb.alpha).toBeLessThan(1e-4);
    sameSig(nb.coefficients, po.coefficients, 3);
  });

  it("normal p-values match scipy.stats.norm.sf(|z|)*2", () => {
    // python3 -c "from scipy.stats import norm; print([2*norm.sf(z) for z in (0.5,1.959964,3.0,5.0)])"
    expect(normalPValue(0.5)).toBeCloseTo(0.6170750774519738, 6);
    expect(normalPValue(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalPValue(3)).toBeCloseTo(0.0026997960632601866, 7);
    expect(normalPValue(-5) / 5.733031437583869e-7).toBeCloseTo(1, 3);
  });
});
