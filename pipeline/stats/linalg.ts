// Small dense linear algebra for the count models (p ≈ 12): Cholesky factorisation of a
// symmetric positive-definite matrix, solves and the inverse (the coefficient covariance).

export type Matrix = number[][];

export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const l: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) throw new Error(`matrix not positive definite at column ${i} (collinear covariates?)`);
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

export function choleskySolve(l: Matrix, b: number[]): number[] {
  const n = l.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

export function inverseSpd(a: Matrix): Matrix {
  const l = cholesky(a);
  const n = a.length;
  const cols = Array.from({ length: n }, (_, j) => choleskySolve(l, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
}

/** X'WX and X'Wz for rows x_i with weights w_i. */
export function weightedNormalEquations(x: number[][], w: number[], z: number[]): { xtwx: Matrix; xtwz: number[] } {
  const p = x[0].length;
  const xtwx: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xtwz = new Array<number>(p).fill(0);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i], wi = w[i];
    for (let a = 0; a < p; a++) {
      const v = wi * xi[a];
      xtwz[a] += v * z[i];
      for (let b = 0; b <= a; b++) xtwx[a][b] += v * xi[b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) xtwx[a][b] = xtwx[b][a];
  return { xtwx, xtwz };
}
