// Placebo zones (issue 11): the cell model's zone term refitted with each moved zone of the
// zone-move null in its place, α fixed at the full fit's. Each refit is a fit of the whole cell
// model, the costliest part of the zone tests. (It stays on the main thread: the helper thread,
// with the bootstrap and the change and timing tests, has as much to do already.)
import type { PlanarShape } from "../geo/planar.js";
import { transformer } from "../geo/crs.js";
import { fitFixedAlpha, withColumn, type FlatDesign } from "./glm-weighted.js";
import type { Lattice } from "./spatial-grid.js";
import { samplePoints, type Move } from "./cluster-nulls.js";
import { compare } from "./permutation.js";

const r6 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6)));

export interface PlaceboZone {
  zone: string;
  /** Column of the zone's share term in the design, −1 when the model has none. */
  term: number;
  /** The zone's features, planar, in the order of each draw's moves. */
  parts: PlanarShape[];
  /** The zone-move null's first draws (as many as refits are asked). */
  moves: Move[][];
}

/** The refits of each zone: how far its rate ratio stands from those of zones of its shape placed at random. */
export function placeboRefits(flat: FlatDesign, alpha: number, coefficients: number[], l: Lattice, zones: PlaceboZone[]): Record<string, unknown> {
  const area = new Float64Array(flat.n).fill(200 * 200);
  // 2154 → 3035 as an affine map fitted at the centre of the model's cells (rounded to the
  // kilometre, so a study's map does not move with a cell more or less): over a city it departs
  // from PROJ by well under a metre, against 200 m cells.
  const t = transformer("EPSG:2154", "EPSG:3035");
  const back = transformer("EPSG:3035", "EPSG:2154");
  const mid = back([(l.c0 + l.cols / 2) * l.size, (l.r0 + l.rows / 2) * l.size]);
  const c0: [number, number] = [Math.round(mid[0] / 1000) * 1000, Math.round(mid[1] / 1000) * 1000];
  const o = t(c0), ex = t([c0[0] + 1000, c0[1]]), ey = t([c0[0], c0[1] + 1000]);
  const out: Record<string, unknown> = {};
  for (const mv of zones) {
    const j = mv.term;
    if (j < 0) {
      out[mv.zone] = { not_computed: `the ${mv.zone} term is not in the model` };
      continue;
    }
    const parts = mv.parts.map((s) => samplePoints(s, 400));
    const betas: number[] = [];
    let swapped: FlatDesign | undefined;
    const share = new Float64Array(flat.n);
    for (const moves of mv.moves) {
      share.fill(0);
      moves.forEach((m, k) => {
        const c = Math.cos(m.theta), sn = Math.sin(m.theta);
        for (const p of parts[k].pts) {
          // Moved point (2154), then the affine map to 3035, then the lattice cell.
          const dx = p[0] - m.from[0], dy = p[1] - m.from[1];
          const qx = m.to[0] + c * dx - sn * dy, qy = m.to[1] + sn * dx + c * dy;
          const ex3 = (qx - c0[0]) / 1000, ey3 = (qy - c0[1]) / 1000;
          const X = o[0] + ex3 * (ex[0] - o[0]) + ey3 * (ey[0] - o[0]), Y = o[1] + ex3 * (ex[1] - o[1]) + ey3 * (ey[1] - o[1]);
          const col = Math.floor(X / l.size) - l.c0, row = Math.floor(Y / l.size) - l.r0;
          if (col < 0 || row < 0 || col >= l.cols || row >= l.rows) continue;
          const i = l.grid[col + row * l.cols];
          if (i >= 0) share[i] = Math.min(1, share[i] + parts[k].areaEach / area[i]);
        }
      });
      // The last refit's design, done with, is rewritten for this one.
      swapped = withColumn(flat, j, share, swapped);
      const f = fitFixedAlpha(swapped, alpha, coefficients);
      if (f && f.converged) betas.push(f.beta[j]);
    }
    const cmp = compare(coefficients[j], betas);
    out[mv.zone] = { refits: betas.length, observed_rate_ratio: r6(Math.exp(coefficients[j])), placebo_rate_ratio_median: r6(Math.exp(cmp.envelope[1])), placebo_rate_ratio_95: [r6(Math.exp(cmp.envelope[0])), r6(Math.exp(cmp.envelope[2]))], p_two_sided: r6(cmp.p_two_sided) };
  }
  return out;
}
