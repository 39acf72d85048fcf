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
  /** Why the model was not fitted (too few cameras, a singular design), when it was not. */
  not_fitted?: string;
}

/** Fewer cameras than this, or than twice the terms, and the model says so instead of fitting. */
export const MIN_CAMERAS = 10;

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

function notFitted(family: GlmFit["family"], d: Design, reason: string): ModelResult {
  return {
    family, cells_used: d.y.length, cameras: d.y.reduce((s, v) => s + v, 0), converged: false, iterations: 0,
    log_likelihood: null, aic: null, deviance: null, pearson_dispersion: null, alpha: null, terms: [], not_fitted: reason,
  };
}

/** Fits the model, or says why it cannot (never throws on data: a bad design is a note). */
export function safeFit(family: GlmFit["family"], d: Design): { fit: GlmFit | null; reason: string | null } {
  const cameras = d.y.reduce((s, v) => s + v, 0);
  if (cameras < Math.max(MIN_CAMERAS, 2 * d.names.length)) return { fit: null, reason: `too few cameras (${cameras}) for ${d.names.length} terms` };
  try {
    const fit = family === "poisson" ? fitPoisson(d.x, d.y) : fitNegativeBinomial(d.x, d.y);
    if (!fit.coefficients.every(Number.isFinite) || !fit.se.every(Number.isFinite)) return { fit: null, reason: "the fit did not give finite estimates" };
    return { fit, reason: null };
  } catch (e) {
    return { fit: null, reason: `the design is singular at the fit (${(e as Error).message})` };
  }
}

export function fitCountModels(d: Design): { poisson: ModelResult; negative_binomial: ModelResult; nbFit: GlmFit | null } {
  const po = safeFit("poisson", d), nb = safeFit("negative_binomial", d);
  return {
    poisson: po.fit ? modelResult(po.fit, d) : notFitted("poisson", d, po.reason!),
    negative_binomial: nb.fit ? modelResult(nb.fit, d) : notFitted("negative_binomial", d, nb.reason!),
    nbFit: nb.fit,
  };
}
