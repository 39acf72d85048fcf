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
  coef: [-0.4658235, -0.5772315, -0.1734396, 0.4747181, 0.1440051, -0.08815938, 0.05783186, 0.1133797, 0.02378685, -0.144245, 0.2280975, 0.08901787],
  se: [0.2745283, 0.1195944, 0.04128179, 0.1072037, 0.151816, 0.03855423, 0.0494766, 0.04620343, 0.00575308, 0.02109236, 0.08993649, 0.2289458],
  llf: -2433.83947,
  pearson: 1.1967793,
};
const NB = {
  coef: [-0.4093175, -0.5845512, -0.1839911, 0.484157, 0.1352053, -0.0898484, 0.04168092, 0.1156184, 0.02376611, -0.1477162, 0.2219961, 0.1027155],
  se: [0.2904965, 0.1307539, 0.0453068, 0.1246096, 0.166776, 0.04270477, 0.05380541, 0.05192571, 0.006266623, 0.02355752, 0.09800908, 0.2408078],
  alpha: 0.3129196,
  llf: -2417.53321,
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
