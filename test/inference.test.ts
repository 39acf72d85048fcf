// Inference under spatial dependence against R (MASS::glm.nb, spdep) on the Paris cell design
// (test/fixtures/inference/model_cells.csv, the stats stage's model_cells.csv to 6 decimals).
// Expected values: test/fixtures/inference/ref.json, written by
//   Rscript test/fixtures/inference/ref.R > test/fixtures/inference/ref.json
// and ref_hac.json (the Conley covariance) by ref_hac.R the same way.
// The tests do not need R. Also: the pieces with no R counterpart checked by their definition
// (binomial moments, region mask against the plain point-in-polygon test, graded claims, settings).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { fitNegativeBinomial } from "../pipeline/stats/glm.js";
import { flatten, fitFixedAlpha, withColumn } from "../pipeline/stats/glm-weighted.js";
import { lattice, queen, bands, pairsWithin } from "../pipeline/stats/spatial-grid.js";
import { moranBands, moranTest } from "../pipeline/stats/moran.js";
import { vif, jointWald } from "../pipeline/stats/model-checks.js";
import { conditionalSums, giStar, fdrAdjust, hotSpots } from "../pipeline/stats/hotspots.js";
import { binomial, countsDrawer } from "../pipeline/stats/multinomial.js";
import { seededRng } from "../pipeline/stats/rng.js";
import { grade, type ClaimTest } from "../pipeline/stats/claims.js";
import { jitterReplicateCount } from "../pipeline/stats/hypothesis.js";
import { PartsMask, RegionMask } from "../pipeline/geo/region-mask.js";
import { PolygonIndex } from "../pipeline/geo/spatial-index.js";
import { pointInPolygons } from "../pipeline/geo/point-in-polygon.js";
import { buildDesign } from "../pipeline/stats/model-design.js";
import { safeFit } from "../pipeline/stats/count-model.js";
import { blockBootstrap, conleyCovariance } from "../pipeline/stats/spatial-inference.js";
import type { CellRow } from "../pipeline/stats/inputs.js";

const ref = JSON.parse(readFileSync("test/fixtures/inference/ref.json", "utf8"));
const table = parseCsv(readFileSync("test/fixtures/inference/model_cells.csv", "utf8"), "model_cells.csv", ",");
const names = ["(intercept)", ...table.header.slice(2)];
const ids = table.rows.map((r) => r.cells[0]);
const y = table.rows.map((r) => Number(r.cells[1]));
const x = table.rows.map((r) => [1, ...r.cells.slice(2).map(Number)]);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

describe("count model with street supply against MASS::glm.nb", () => {
  const fit = fitNegativeBinomial(x, y);
  it("coefficients, standard errors and θ", () => {
    expect(names.slice(1)).toEqual(ref.nb.terms.slice(1));
    fit.coefficients.forEach((b, i) => expect(Math.abs(b - ref.nb.coefficients[i])).toBeLessThan(2e-5));
    fit.se.forEach((s, i) => expect(rel(s, ref.nb.se[i])).toBeLessThan(1e-4));
    expect(rel(1 / fit.alpha, ref.nb.theta)).toBeLessThan(1e-4);
  });

  it("residual Moran's I (queen, row-standardised) and its randomisation z equal spdep::moran.test", () => {
    const l = lattice(ids);
    const r = y.map((v, i) => (v - fit.mu[i]) / Math.sqrt(fit.mu[i] + fit.alpha * fit.mu[i] ** 2));
    const m = moranTest(r, queen(l), 0, 0);
    expect(rel(m.I, ref.moran.I)).toBeLessThan(1e-4);
    expect(rel(m.expected, ref.moran.expected)).toBeLessThan(1e-9);
    expect(rel(m.variance, ref.moran.variance)).toBeLessThan(1e-3);
    expect(rel(m.z, ref.moran.z)).toBeLessThan(1e-3);
    const band = moranTest(r, bands(l, [[300, 600]])[0], 0, 0);
    expect(rel(band.I, ref.moran_band_300_600.I)).toBeLessThan(1e-4);
    expect(rel(band.z, ref.moran_band_300_600.z)).toBeLessThan(1e-3);
    // The correlogram's two-pass version gives the same numbers for every band at once.
    const mb = moranBands(r, { x: l.x, y: l.y, pairs: pairsWithin(l, 600) }, [[0, 300], [300, 600]]);
    expect(rel(mb[0].I, ref.moran.I)).toBeLessThan(1e-4);
    expect(rel(mb[0].z, ref.moran.z)).toBeLessThan(1e-3);
    expect(rel(mb[1].I, ref.moran_band_300_600.I)).toBeLessThan(1e-4);
    expect(rel(mb[1].z, ref.moran_band_300_600.z)).toBeLessThan(1e-3);
  });

  it("permutation p of Moran's I is seeded (same seed, same p) and small for this I", () => {
    const l = lattice(ids);
    const r = y.map((v, i) => (v - fit.mu[i]) / Math.sqrt(fit.mu[i] + fit.alpha * fit.mu[i] ** 2));
    const a = moranTest(r, queen(l), 199, 5), b = moranTest(r, queen(l), 199, 5);
    expect(a.p_permutation).toBe(b.p_permutation);
    expect(a.p_permutation).toBe(1 / 200);
  });

  it("VIF per term equals 1/(1 − R²) from R's lm", () => {
    for (const v of vif(x, names)) expect(rel(v.vif!, ref.vif[v.term])).toBeLessThan(1e-3);
  });

  it("joint Wald of the distance terms equals R's", () => {
    const w = jointWald(fit.coefficients, fit.covariance, names, ["dist_centre_km", "dist_terminal_km", "dist_edge_km"])!;
    expect(rel(w.chi2!, ref.wald_distance.chi2)).toBeLessThan(1e-3);
    expect(w.df).toBe(3);
  });

  it("Conley spatial-HAC standard errors equal R's pair-by-pair sums (ref_hac.R), at two cutoffs", () => {
    const hacRef = JSON.parse(readFileSync("test/fixtures/inference/ref_hac.json", "utf8"));
    const l = lattice(ids);
    for (const cutoff of [1000, 600]) {
      const cov = conleyCovariance(flatten(x, y), fit, l, cutoff)!;
      cov.forEach((row, i) => expect(rel(Math.sqrt(row[i]), hacRef.hac[String(cutoff)].se[i])).toBeLessThan(1e-3));
    }
  });

  it("the fixed-α IRLS (bootstrap, placebo refits) gives glm.ts's β at glm.ts's α", () => {
    const f = fitFixedAlpha(flatten(x, y), fit.alpha)!;
    Array.from(f.beta).forEach((b, i) => expect(Math.abs(b - fit.coefficients[i])).toBeLessThan(1e-6));
  });

  it("a weighted fit equals the fit of the rows repeated as many times as their weight (weight 0: left out)", () => {
    const rng = seededRng(5);
    const w = Float64Array.from(y, () => Math.floor(3 * rng.next()));
    const rows: number[] = [];
    w.forEach((k, i) => { for (let t = 0; t < k; t++) rows.push(i); });
    const a = fitFixedAlpha(flatten(x, y), fit.alpha, fit.coefficients, w)!;
    const b = fitFixedAlpha(flatten(rows.map((i) => x[i]), rows.map((i) => y[i])), fit.alpha, fit.coefficients)!;
    Array.from(a.beta).forEach((v, j) => expect(Math.abs(v - b.beta[j])).toBeLessThan(1e-9 * (1 + Math.abs(v))));
    w.forEach((k, i) => expect(Number.isNaN(a.mu[i])).toBe(k === 0));
  });

  it("block bootstrap: same seed, same intervals; every interval ordered", () => {
    const l = lattice(ids);
    const flat = flatten(x, y);
    const a = blockBootstrap(flat, fit, names, l, 2000, 19, 3), b = blockBootstrap(flat, fit, names, l, 2000, 19, 3);
    expect(a.terms).toEqual(b.terms);
    for (const t of a.terms.slice(1)) expect(t.ci95[0]! <= t.ci95[1]!).toBe(true);
    expect(a.tiles).toBeGreaterThan(30);
  });
});

describe("hot spots against spdep::localG and p.adjust", () => {
  it("Gi* z-values equal localG on include.self binary weights", () => {
    const l = lattice(ids);
    const { start, nb } = queen(l);
    // queen + self, as include.self
    const s2 = new Int32Array(start.length);
    const list: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      s2[i] = list.length;
      list.push(i, ...nb.slice(start[i], start[i + 1]));
    }
    s2[ids.length] = list.length;
    const z = giStar(y, { start: s2, nb: Int32Array.from(list) });
    ref.gi_star.first.forEach((g: number, i: number) => expect(Math.abs(z[i] - g)).toBeLessThan(1e-6));
    expect(Math.abs(Math.max(...z) - ref.gi_star.max)).toBeLessThan(1e-6);
    expect(z.indexOf(Math.max(...z)) + 1).toBe(ref.gi_star.which_max);
    // The classes against R's values: the cell of R's largest Gi* is a hot spot; among the first
    // 50 cells a hot (cold) one has R's Gi* above (below) 0 and one with |Gi*| < 1 is neither.
    const h = hotSpots(y, { start: s2, nb: Int32Array.from(list) }, 99, 0.05, 1);
    expect(h[ref.gi_star.which_max - 1].cls).toBe("hot");
    ref.gi_star.first.forEach((g: number, i: number) => {
      if (h[i].cls === "hot") expect(g).toBeGreaterThan(0);
      if (h[i].cls === "cold") expect(g).toBeLessThan(0);
      if (Math.abs(g) < 1) expect(h[i].cls).toBe("ns");
    });
  });

  it("the shared conditional draws give each cell the exact moments of sampling k − 1 of the other cells without replacement", () => {
    // Finite-population sampling (by hand): n − 1 other values with mean m and variance s² (÷ N),
    // k − 1 drawn: mean v_i + (k − 1) m, variance (k − 1) s² (N − k + 1)/(N − 1).
    const v = Array.from({ length: 60 }, (_, i) => (i * 7) % 11);
    const start = new Int32Array(61), nb: number[] = [];
    for (let i = 0; i < 60; i++) {
      start[i] = nb.length;
      for (let t = 0; t < 1 + (i % 9); t++) nb.push((i + t) % 60);
    }
    start[60] = nb.length;
    const R = 20000;
    const c = conditionalSums(v, { start, nb: Int32Array.from(nb) }, R, 5);
    for (const i of [0, 8, 17, 44, 59]) {
      const k = start[i + 1] - start[i], others = v.filter((_, j) => j !== i), N = others.length;
      const m = others.reduce((a, b) => a + b, 0) / N;
      const s2 = others.reduce((a, b) => a + (b - m) ** 2, 0) / N;
      const sd = Math.sqrt(((k - 1) * s2 * (N - k + 1)) / (N - 1));
      expect(Math.abs(c.mean[i] - (v[i] + (k - 1) * m))).toBeLessThan(4 * (sd / Math.sqrt(R)) + 1e-12);
      if (k > 1) expect(Math.abs(c.sd[i] / sd - 1)).toBeLessThan(0.03);
      else expect(c.sd[i]).toBe(0);
    }
  });

  it("Benjamini–Hochberg equals p.adjust(method = \"BH\")", () => {
    Array.from(fdrAdjust(ref.bh.p)).forEach((q, i) => expect(Math.abs(q - ref.bh.q[i])).toBeLessThan(1e-12));
  });
});

describe("draws by cells", () => {
  it("binomial draws have mean np and variance np(1−p) (inversion and BTRD)", () => {
    for (const [n, p] of [[20, 0.1], [5000, 0.3], [1_000_000, 0.002]] as const) {
      const rng = seededRng(11);
      const R = 20000;
      let s = 0, s2 = 0;
      for (let r = 0; r < R; r++) {
        const k = binomial(n, p, rng);
        s += k;
        s2 += k * k;
      }
      const mean = s / R, variance = s2 / R - mean * mean;
      const sdMean = Math.sqrt((n * p * (1 - p)) / R);
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * sdMean);
      expect(rel(variance, n * p * (1 - p))).toBeLessThan(0.05);
    }
  });

  it("BTRD draws follow the exact binomial distribution (χ² against the pmf by the recursion f(k+1) = f(k)·(n−k)p/((k+1)q))", () => {
    for (const [n, p, seed] of [[200, 0.3, 1], [1000, 0.05, 2], [100_000, 0.4, 3], [70, 0.6, 4]] as const) {
      // The pmf from its mode outwards in log space (no underflow at n = 100,000).
      const q = 1 - p, mode = Math.floor((n + 1) * p);
      const logf = new Float64Array(n + 1);
      for (let k = mode; k < n; k++) logf[k + 1] = logf[k] + Math.log(((n - k) * p) / ((k + 1) * q));
      for (let k = mode; k > 0; k--) logf[k - 1] = logf[k] - Math.log(((n - k + 1) * p) / (k * q));
      const z = logf.reduce((s, v) => s + Math.exp(v), 0);
      const R = 40000, rng = seededRng(seed), seen = new Float64Array(n + 1);
      for (let r = 0; r < R; r++) seen[binomial(n, p, rng)]++;
      // Bins of expected count ≥ 20, the tails pooled into the outermost ones.
      let chi2 = 0, bins = 0, e = 0, o = 0;
      for (let k = 0; k <= n; k++) {
        e += (R * Math.exp(logf[k])) / z;
        o += seen[k];
        if (e >= 20 && (k === n || (R * Math.exp(logf[k + 1])) / z >= 20 || k > mode)) {
          chi2 += (o - e) ** 2 / e;
          bins++;
          e = o = 0;
        }
      }
      if (e > 0) chi2 += (o - e) ** 2 / Math.max(e, 1e-9);
      // 99.9th percentile of χ²(bins − 1) by Wilson–Hilferty.
      const df = bins - 1, crit = df * (1 - 2 / (9 * df) + 3.0902 * Math.sqrt(2 / (9 * df))) ** 3;
      expect(bins, `${n} ${p}`).toBeGreaterThan(5);
      expect(chi2, `${n} ${p}`).toBeLessThan(crit);
    }
  });

  it("multinomial counts always sum to n and follow the weights, by alias or by binomials", () => {
    const w = Float64Array.from([5, 1, 3, 1]);
    for (const n of [3, 10_000]) {
      const draw = countsDrawer(n, w);
      const rng = seededRng(2);
      const out = new Int32Array(4), tot = new Float64Array(4);
      for (let r = 0; r < 4000; r++) {
        draw(rng, out);
        expect(out.reduce((a, b) => a + b, 0)).toBe(n);
        out.forEach((k, i) => (tot[i] += k));
      }
      tot.forEach((t, i) => expect(Math.abs(t / (4000 * n) - w[i] / 10)).toBeLessThan(0.01));
    }
  });

  it("the region mask answers as the plain even-odd test, near edges and holes too", () => {
    const poly = [[[0, 0], [1000, 0], [1000, 800], [600, 800], [500, 300], [400, 800], [0, 800], [0, 0]], [[100, 100], [300, 100], [300, 250], [100, 100]]];
    const m = new RegionMask([poly], 25);
    const rng = seededRng(4);
    for (let k = 0; k < 20000; k++) {
      const px = -50 + 1100 * rng.next(), py = -50 + 900 * rng.next();
      expect(m.contains(px, py)).toBe(pointInPolygons(px, py, [poly]));
    }
  });

  it("a zone of overlapping parts holds a point when any part does (as the polygon index's first feature)", () => {
    const a = [[[0, 0], [600, 0], [600, 600], [0, 600], [0, 0]]], b = [[[400, 400], [1000, 400], [1000, 900], [400, 900], [400, 400]]];
    // Parts off the pixel grid of the first one, far from it, one touching the zone's east and north limits.
    const c = [[[1237.3, 913.1], [1712.9, 1061.6], [1411.2, 1387.5], [1237.3, 913.1]]], d = [[[1062.6, 12.4], [1401.7, 12.4], [1401.7, 262.4], [1062.6, 262.4], [1062.6, 12.4]]];
    const bboxOf = (poly: number[][][]) => [Math.min(...poly[0].map((q) => q[0])), Math.min(...poly[0].map((q) => q[1])), Math.max(...poly[0].map((q) => q[0])), Math.max(...poly[0].map((q) => q[1]))] as [number, number, number, number];
    const shapes = [a, b, c, d].map((poly, i) => ({ id: String(i), props: {}, polygons: [poly], bbox: bboxOf(poly) }));
    const mask = new PartsMask([[a], [b], [c], [d]], 25), index = new PolygonIndex(shapes);
    const rng = seededRng(6);
    let overlap = 0;
    for (let k = 0; k < 40000; k++) {
      const px = -50 + 1800 * rng.next(), py = -50 + 1500 * rng.next();
      expect(mask.contains(px, py)).toBe(index.first(px, py) >= 0);
      if (px > 400 && px < 600 && py > 400 && py < 600) overlap++;
    }
    expect(overlap).toBeGreaterThan(100); // the overlap, where even-odd over both would say "outside", was visited
  });
});

describe("a model that cannot be fitted is a note, not a crash", () => {
  const cell = (i: number, cameras: number, zone: number): CellRow => ({
    id: `CRS3035RES200mN${2880000 + 200 * (i % 10)}E${3750000 + 200 * Math.floor(i / 10)}`, lon: 0, lat: 0, area_m2: 40000, city_area_m2: 40000,
    zone_area_m2: { z1: zone, z2: 2 * zone }, inhabited: false, imputed: false, Ind: 0, Men: 0, Men_pauv: 0, Ind_snv: 0, mean_income: null,
    dist_centre_m: 100 * i, dist_terminal_m: NaN, dist_edge_m: 50 * (i % 7), stations_300m: 0, ridership_300m: NaN, crossings: 0, cameras,
  });
  const cells = Array.from({ length: 60 }, (_, i) => cell(i, (i * 7) % 5, i % 3 === 0 ? 40000 : 0));
  const available = { income: false, crossings: false, stations: false, terminals: false, ridership: false };

  it("a zone term collinear with another is dropped with the reason; absent layers say 'not computed'", () => {
    const d = buildDesign({ cells, zones: ["z1", "z2"], available });
    expect(d.names).toContain("z1_share");
    expect(d.names).not.toContain("z2_share");
    expect(d.dropped.find((x) => x.term === "z2_share")?.reason).toMatch(/collinear/);
    expect(d.dropped.find((x) => x.term === "log_income_c")?.reason).toBe("not computed: the study has no income layer");
    expect(d.dropped.find((x) => x.term === "stations_300m")?.reason).toMatch(/no stations layer/);
    expect(safeFit("negative_binomial", d).fit).not.toBeNull();
  });

  it("too few cameras: the model is not fitted, with the reason", () => {
    const few = cells.map((c, i) => ({ ...c, cameras: i < 3 ? 1 : 0 }));
    const r = safeFit("negative_binomial", buildDesign({ cells: few, zones: ["z1"], available }));
    expect(r.fit).toBeNull();
    expect(r.reason).toMatch(/too few cameras \(3\)/);
  });
});

describe("grading", () => {
  const t = (p: number | null, clustering: ClaimTest["clustering"] = "kept", method = "m"): ClaimTest => ({ method: `${method}${p}`, clustering, p });
  it("holds only when every clustering-aware test rejects; decided by the largest p; tests ignoring clustering do not count", () => {
    expect(grade([t(0.01), t(0.03), t(0.9, "ignored")])).toEqual({ grade: "holds", decided_by: "m0.03", p: 0.03 });
    expect(grade([t(0.01), t(0.2), t(0.001, "ignored")])).toEqual({ grade: "fragile", decided_by: "m0.2", p: 0.2 });
    expect(grade([t(0.06), t(0.4)])).toEqual({ grade: "not_established", decided_by: "m0.4", p: 0.4 });
    expect(grade([t(0.001, "ignored"), t(null)]).grade).toBeNull();
  });
});

describe("settings.inference is validated by the study schema", () => {
  it("an unknown key or an out-of-range value is an InputError naming the key", async () => {
    const { loadStudy } = await import("../pipeline/core/study.js");
    const { InputError } = await import("../pipeline/core/errors.js");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "inference-settings-"));
    const study = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
    const write = (inference: unknown) => {
      const s = { ...study, layers: Object.fromEntries(Object.entries(study.layers).map(([k, v]: [string, any]) => [k, { ...v, file: join(process.cwd(), "data/paris", v.file), ...(v.options ? { options: Object.fromEntries(Object.entries(v.options).map(([o, x]) => [o, ["stations", "aliases"].includes(o) ? join(process.cwd(), "data/paris", x as string) : x])) } : {}) }])), settings: { ...study.settings, inference } };
      const f = join(dir, "study.json");
      writeFileSync(f, JSON.stringify(s, null, 2));
      return f;
    };
    expect(() => loadStudy(write({ rotations: 99, block_sizes_m: [1000] }))).not.toThrow();
    expect(() => loadStudy(write({ rotation: 99 }))).toThrow(InputError);
    expect(() => loadStudy(write({ rotation: 99 }))).toThrow(/unknown key "rotation".*did you mean "rotations"/);
    expect(() => loadStudy(write({ hac_cutoff_m: 50 }))).toThrow(/hac_cutoff_m/);
    expect(() => loadStudy(write({ fdr: 0.9 }))).toThrow(/fdr/);
  });
});

describe("geocoding jitter with very many cameras", () => {
  it("keeps the replicates asked up to the draw budget, then fewer but never under the floor nor over what was asked (by hand)", () => {
    expect(jitterReplicateCount(1371, 99)).toBe(99);
    expect(jitterReplicateCount(100_000, 99)).toBe(99); // 9.9 million draws
    expect(jitterReplicateCount(200_000, 99)).toBe(50);
    expect(jitterReplicateCount(1_000_000, 99)).toBe(10);
    expect(jitterReplicateCount(5_000_000, 99)).toBe(9);
    expect(jitterReplicateCount(5_000_000, 5)).toBe(5);
  });
});

describe("withColumn (the placebo refits' designs)", () => {
  it("fits to the same bits as a design built afresh with that column, zeros in and out of the column", () => {
    const rng = seededRng(11);
    const n = 400, p = 5;
    const x = Array.from({ length: n }, () => [1, ...Array.from({ length: p - 1 }, () => (rng.next() < 0.5 ? 0 : rng.next()))]);
    const y = x.map((r) => Math.floor(3 * rng.next() * (1 + r[1])));
    const base = flatten(x, y);
    const first = fitFixedAlpha(base, 0.7)!;
    let reused: ReturnType<typeof withColumn> | undefined;
    for (const j of [1, 2, p - 1, p - 1, 1]) {
      // Half the new column's entries zero, some where the old one had a value and the reverse.
      const values = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : rng.next()));
      const fresh = flatten(x.map((r, i) => r.map((v, k) => (k === j ? values[i] : v))), y);
      const swapped = withColumn(base, j, values);
      // Rewritten in place from the previous design (as the placebo refits do): the same design.
      reused = withColumn(base, j, values, reused);
      for (const d of [swapped, reused]) {
        expect(Array.from(d.x)).toEqual(Array.from(fresh.x));
        const a = fitFixedAlpha(d, 0.7, first.beta)!, b = fitFixedAlpha(fresh, 0.7, first.beta)!;
        expect(Array.from(a.beta)).toEqual(Array.from(b.beta));
        expect(a.iterations).toBe(b.iterations);
      }
    }
    // The base design is untouched.
    expect(Array.from(base.x)).toEqual(Array.from(flatten(x, y).x));
  });
});
