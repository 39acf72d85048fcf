// Fits the Poisson and negative-binomial models of cameras per cell and reports rate ratios.
import { fitNegativeBinomial, fitPoisson, normalPValue, type GlmFit } from "./glm.js";
import type { Design } from "./model-design.js";

const Z975 = 1.959963984540054;
const sig = (v: number, d = 6) => (Number.isFinite(v) ? Number(v.toPrecision(d)) : null);

export interface TermResult {
  term: string;
  label: string;
  unit: string;
  coefficient: number | null;
  se: number | null;
  rate_ratio: number | null;
  ci95: [number | null, number | null];
  z: number | null;
  p: number | null;
}

export interface ModelResult {
  family: GlmFit["family"];
  cells_used: number;
  cameras: number;
  converged: boolean;
  iterations: number;
  log_likelihood: number | null;
  aic: number | null;
  deviance: number | null;
  pearson_dispersion: number | null;
  alpha: number | null;
  terms: TermResult[];
}

export function modelResult(fit: GlmFit, d: Design): ModelResult {
  const k = fit.p + (fit.family === "negative_binomial" ? 1 : 0);
  return {
    family: fit.family,
    cells_used: fit.n,
    cameras: d.y.reduce((s, v) => s + v, 0),
    converged: fit.converged,
    iterations: fit.iterations,
    log_likelihood: sig(fit.logLik, 8),
    aic: sig(2 * k - 2 * fit.logLik, 8),
    deviance: sig(fit.deviance, 8),
    pearson_dispersion: sig(fit.pearsonDispersion),
    alpha: fit.family === "negative_binomial" ? sig(fit.alpha) : null,
    terms: fit.coefficients.map((b, i) => {
      const se = fit.se[i];
      return {
        term: d.terms[i].name,
        label: d.terms[i].label,
        unit: d.terms[i].unit,
        coefficient: sig(b),
        se: sig(se),
        rate_ratio: sig(Math.exp(b)),
        ci95: [sig(Math.exp(b - Z975 * se)), sig(Math.exp(b + Z975 * se))],
        z: sig(b / se, 4),
        p: sig(normalPValue(b / se), 3),
      };
    }),
  };
}

export function fitCountModels(d: Design): { poisson: ModelResult; negative_binomial: ModelResult } {
  return { poisson: modelResult(fitPoisson(d.x, d.y), d), negative_binomial: modelResult(fitNegativeBinomial(d.x, d.y), d) };
}
