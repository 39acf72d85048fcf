// Count models by iteratively reweighted least squares (the project's own code, checked against
// statsmodels in test/glm.test.ts). Poisson: log link, var = μ. Negative binomial (NB2): log link,
// var = μ + αμ², α by maximum likelihood, alternating IRLS for β at fixed α with Newton steps for
// α at fixed β until both settle: the joint MLE, as R's MASS::glm.nb. Standard errors are those
// of the IRLS fit at the final α (expected information), again as glm.nb.
import { cholesky, choleskySolve, inverseSpd, weightedNormalEquations, type Matrix } from "./linalg.js";

export interface GlmFit {
  family: "poisson" | "negative_binomial";
  coefficients: number[];
  se: number[];
  covariance: Matrix;
  mu: number[];
  logLik: number;
  deviance: number;
  /** Pearson χ² / (n − p): ≫ 1 means overdispersion relative to the family. */
  pearsonDispersion: number;
  /** NB2 α (var = μ + αμ²); 0 for Poisson. */
  alpha: number;
  iterations: number;
  converged: boolean;
  n: number;
  p: number;
}

const MAX_ITER = 100;

/** IRLS for a log-link model with variance μ + αμ² (α = 0: Poisson). */
function irls(x: number[][], y: number[], alpha: number, start?: number[]): { beta: number[]; mu: number[]; xtwx: Matrix; iterations: number; converged: boolean } {
  let eta: number[] = start ? x.map((r) => dot(r, start)) : y.map((v) => Math.log(v + 0.1));
  let mu = eta.map(Math.exp);
  let beta: number[] = start ?? [];
  let xtwx: Matrix = [];
  let dev = Infinity;
  for (let it = 1; it <= MAX_ITER; it++) {
    const w = mu.map((m) => m / (1 + alpha * m));
    const z = eta.map((e, i) => e + (y[i] - mu[i]) / mu[i]);
    const ne = weightedNormalEquations(x, w, z);
    xtwx = ne.xtwx;
    beta = choleskySolve(cholesky(ne.xtwx), ne.xtwz);
    eta = x.map((r) => dot(r, beta));
    mu = eta.map(Math.exp);
    const d = deviance(y, mu, alpha);
    if (Math.abs(d - dev) <= 1e-12 * (Math.abs(d) + 0.1)) {
      const w2 = mu.map((m) => m / (1 + alpha * m));
      xtwx = weightedNormalEquations(x, w2, z).xtwx;
      return { beta, mu, xtwx, iterations: it, converged: true };
    }
    dev = d;
  }
  return { beta, mu, xtwx, iterations: MAX_ITER, converged: false };
}

export function fitPoisson(x: number[][], y: number[]): GlmFit {
  const r = irls(x, y, 0);
  return finish("poisson", x, y, r, 0);
}

export function fitNegativeBinomial(x: number[][], y: number[]): GlmFit {
  let r = irls(x, y, 0);
  let alpha = 0;
  let iterations = r.iterations;
  for (let k = 0; k < 50; k++) {
    const a = maximiseAlpha(y, r.mu, alpha || 1);
    r = irls(x, y, a, r.beta);
    iterations += r.iterations;
    const done = Math.abs(Math.log(a) - Math.log(alpha || 1e-300)) < 1e-10;
    alpha = a;
    if (done) break;
  }
  return { ...finish("negative_binomial", x, y, r, alpha), iterations };
}

function finish(family: GlmFit["family"], x: number[][], y: number[], r: ReturnType<typeof irls>, alpha: number): GlmFit {
  const covariance = inverseSpd(r.xtwx);
  const n = y.length, p = x[0].length;
  const pearson = y.reduce((s, v, i) => s + (v - r.mu[i]) ** 2 / (r.mu[i] + alpha * r.mu[i] ** 2), 0);
  return {
    family,
    coefficients: r.beta,
    se: covariance.map((row, i) => Math.sqrt(row[i])),
    covariance,
    mu: r.mu,
    logLik: logLik(y, r.mu, alpha),
    deviance: deviance(y, r.mu, alpha),
    pearsonDispersion: pearson / (n - p),
    alpha,
    iterations: r.iterations,
    converged: r.converged,
    n,
    p,
  };
}

/** Log-likelihood; for NB2, Σ log Γ(y+θ)/Γ(θ) is the finite sum Σ_{k<y} log(θ+k) (y integer). */
export function logLik(y: number[], mu: number[], alpha: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i], m = mu[i];
    const lfact = logFactorial(v);
    if (alpha === 0) s += v * Math.log(m) - m - lfact;
    else {
      const th = 1 / alpha;
      let lg = 0;
      for (let k = 0; k < v; k++) lg += Math.log(th + k);
      s += lg - lfact + th * Math.log(th / (th + m)) + (v > 0 ? v * Math.log(m / (th + m)) : 0);
    }
  }
  return s;
}

export function deviance(y: number[], mu: number[], alpha: number): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i], m = mu[i];
    if (alpha === 0) d += 2 * ((v > 0 ? v * Math.log(v / m) : 0) - (v - m));
    else {
      const th = 1 / alpha;
      d += 2 * ((v > 0 ? v * Math.log(v / m) : 0) - (v + th) * Math.log((v + th) / (m + th)));
    }
  }
  return d;
}

/**
 * α maximising the NB2 likelihood at fixed μ. Newton's method on θ = 1/α with the exact score and
 * Hessian (for integer y, ψ(y+θ) − ψ(θ) = Σ_{k<y} 1/(θ+k), as in MASS::theta.ml), started from
 * the previous α; a golden-section search on log α takes over if Newton leaves the domain.
 */
export function maximiseAlpha(y: number[], mu: number[], start: number): number {
  let th = start > 0 && Number.isFinite(start) ? 1 / start : 1;
  for (let it = 0; it < 50; it++) {
    let score = 0, hess = 0;
    for (let i = 0; i < y.length; i++) {
      const v = y[i], m = mu[i];
      let s1 = 0, s2 = 0;
      for (let k = 0; k < v; k++) {
        const d = 1 / (th + k);
        s1 += d;
        s2 += d * d;
      }
      score += s1 + Math.log(th) + 1 - Math.log(th + m) - (v + th) / (th + m);
      hess += -s2 + 1 / th - 2 / (th + m) + (v + th) / (th + m) ** 2;
    }
    if (!(hess < 0)) break;
    const next = th - score / hess;
    if (!(next > 0) || !Number.isFinite(next)) break;
    if (Math.abs(next - th) <= 1e-12 * th) return 1 / next;
    th = next;
  }
  return goldenAlpha(y, mu);
}

function goldenAlpha(y: number[], mu: number[]): number {
  const f = (la: number) => logLik(y, mu, Math.exp(la));
  let a = -12, b = 6;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), d = a + g * (b - a);
  let fc = f(c), fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    if (fc > fd) {
      b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c);
    } else {
      a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

const LOG_FACT: number[] = [0];
function logFactorial(v: number): number {
  for (let k = LOG_FACT.length; k <= v; k++) LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
  return LOG_FACT[v];
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

/** Two-sided normal p-value (erfc by W. J. Cody's rational approximation via Numerical Recipes erfcc, |ε| < 1.2e-7). */
export function normalPValue(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const r = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return Math.min(1, r);
}
