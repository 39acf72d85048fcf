// Residual autocorrelation of the cell model: Moran's I of the NB fit's Pearson residuals on queen
// contiguity (with its permutation test) and its correlogram by distance band. It needs only the
// counts, the fit's μ and α and the grid, so the stats stage runs it on its helper thread.
import { pairsWithin, queen, type Lattice } from "./spatial-grid.js";
import { moranBands, moranTest } from "./moran.js";

const r6 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6)));

export const CORRELOGRAM_BANDS_M: Array<[number, number]> = [[0, 300], [300, 600], [600, 900], [900, 1200], [1200, 1500], [1500, 2000], [2000, 2500]];

export function residualMoran(y: number[], mu: number[], alpha: number, l: Lattice, permutations: number, seed: number) {
  const pearson = y.map((v, i) => (v - mu[i]) / Math.sqrt(mu[i] + alpha * mu[i] ** 2));
  const m = moranTest(pearson, queen(l), permutations, seed);
  const edges = CORRELOGRAM_BANDS_M;
  const mb = moranBands(pearson, { x: l.x, y: l.y, pairs: pairsWithin(l, edges[edges.length - 1][1]) }, edges);
  return {
    residuals: "Pearson residuals of the negative binomial model", weights: "queen contiguity on the 200 m grid, row-standardised",
    I: r6(m.I), expected: r6(m.expected), z_randomisation: r6(m.z), p_permutation: r6(m.p_permutation), permutations: m.permutations, cells: m.cells,
    correlogram: edges.map(([lo, hi], k) => ({ from_m: lo, to_m: hi, I: r6(mb[k].I), z: r6(mb[k].z) })),
  };
}
