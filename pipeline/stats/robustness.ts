// Robustness of the zone and income findings: the count model at each district level (NB2 with
// an offset log area, so rate ratios read as densities), the camera/area ratio of each zone
// polygon, and each zone's camera share with its limits moved by ±tolerance (cameras within the
// tolerance outside, or inside but farther than it from the limit).
import type { Feature } from "geojson";
import { toPlanarShape, shapeArea } from "../geo/planar.js";
import { PolygonIndex } from "../geo/spatial-index.js";
import { PartsMask } from "../geo/region-mask.js";
import { flatDistanceToBoundary } from "../geo/flat-polygons.js";
import { fisherInformation, flatten, fitNb, invertSpd } from "./glm-weighted.js";
import { normalPValue } from "./glm.js";
import type { DistrictStats } from "./district-table.js";
import type { StatsInputs } from "./inputs.js";
import type { CodedColumn } from "../contracts.js";
import { NOT_COMPUTED } from "./inputs.js";

const Z = 1.959963984540054;
const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);
/** A district model needs at least this many districts (arrondissements: 20, too few). */
export const MIN_DISTRICTS = 40;

export function districtModel(rows: DistrictStats[], zones: string[], income: boolean) {
  const used = rows.filter((r) => r.area_km2 > 0 && (!income || ((r.population ?? 0) > 0 && (r.mean_income ?? 0) > 0)));
  if (used.length < MIN_DISTRICTS) return { not_computed: `${used.length} districts: too few for a model (at least ${MIN_DISTRICTS})` };
  const li = income ? used.reduce((s, r) => s + Math.log(r.mean_income!), 0) / used.length : 0;
  const ld = income ? used.reduce((s, r) => s + Math.log(r.population! / r.area_km2), 0) / used.length : 0;
  const names = ["(intercept)", ...(income ? ["log_income_c", "log_density_c"] : []), ...zones.map((z) => `${z}_area_share`)];
  const x = used.map((r) => [1, ...(income ? [Math.log(r.mean_income!) - li, Math.log(r.population! / r.area_km2) - ld] : []), ...zones.map((z) => Number(r[`${z}_area_share`]))]);
  // Drop constant zone columns (a zone absent from every district of the level).
  const keep = names.map((_, j) => j === 0 || x.some((row) => row[j] !== x[0][j]));
  const kn = names.filter((_, j) => keep[j]);
  const kx = x.map((row) => row.filter((_, j) => keep[j]));
  const d = flatten(kx, used.map((r) => r.cameras), used.map((r) => Math.log(r.area_km2)));
  const f = fitNb(d);
  const cov = f ? invertSpd(fisherInformation(d, f.alpha, f.fit.mu), d.p) : null;
  if (!f || !cov) return { not_computed: "the district model could not be fitted (singular design)" };
  return {
    districts: used.length,
    dropped_districts: rows.length - used.length,
    offset: "log area (km²)",
    alpha: r6(f.alpha),
    intervals: "Wald 95 % (districts independent)",
    terms: kn.map((t, j) => {
      const b = f.fit.beta[j], se = Math.sqrt(cov[j * d.p + j]);
      return { term: t, rate_ratio: r6(Math.exp(b)), ci95: [r6(Math.exp(b - Z * se)), r6(Math.exp(b + Z * se))], p: r6(normalPValue(b / se)) };
    }),
  };
}

export function zoneRobustness(inputs: StatsInputs, zoneFeatures: Record<string, Feature[]>, tolerance: number) {
  const n = inputs.cameras.n;
  const cityArea = inputs.report.areas_m2.city;
  const { x: px, y: py } = inputs.cameras.planar;
  return Object.fromEntries(inputs.zones.map((z) => {
    const members = membersPerValue(inputs.cameras.table.zones[z], n);
    const shapes = (zoneFeatures[z] ?? []).map((f) => toPlanarShape(f));
    const idx = new PolygonIndex(shapes);
    const perPolygon = shapes.map((s) => {
      const k = members.reduce((t, m) => t + (m.ids.includes(s.id) ? m.count : 0), 0);
      const a = shapeArea(s.polygons);
      return { id: s.id, name: String(s.props.name ?? ""), cameras: k, camera_share: r6(k / n), area_share: r6(a / cityArea), ratio: r6(k / n / (a / cityArea)) };
    });
    let inner = 0, at = 0, outer = 0;
    // A camera farther than the tolerance from every polygon edge (the mask's clear radius, in
    // pixels no edge crosses) is inside all three limits or outside all three: only the others,
    // near an edge, are measured against the polygons.
    const mask = new PartsMask(shapes.map((sh) => sh.polygons));
    for (let i = 0; i < n; i++) {
      const x = px[i], y = py[i];
      if (mask.clearRadius(x, y) > tolerance) {
        if (mask.contains(x, y)) { at++; outer++; inner++; }
        continue;
      }
      const inside = idx.containing(x, y);
      if (inside.length) {
        at++;
        outer++;
        if (inside.every((p) => flatDistanceToBoundary(idx.flat, p, x, y) > tolerance)) inner++;
      } else if (idx.within(x, y, tolerance).length) outer++;
    }
    const perimeter = shapes.reduce((s, sh) => s + sh.polygons.reduce((t, poly) => t + poly.reduce((u, ring) => u + ring.slice(1).reduce((v, q, i) => v + Math.hypot(q[0] - ring[i][0], q[1] - ring[i][1]), 0), 0), 0), 0);
    const area = shapes.reduce((s, sh) => s + shapeArea(sh.polygons), 0);
    const row = (k: number, a: number) => ({ cameras: k, camera_share: r6(k / n), area_share_approx: r6(a / cityArea), ratio: r6(k / n / (a / cityArea)) });
    return [z, {
      per_polygon: perPolygon,
      limits_moved_m: tolerance,
      area_note: "areas at ±tolerance are first-order (area ± perimeter × tolerance)",
      inward: row(inner, area - perimeter * tolerance),
      as_drawn: row(at, area),
      outward: row(outer, area + perimeter * tolerance),
    }];
  }));
}

export function robustness(inputs: StatsInputs, tables: Record<string, DistrictStats[]>, zoneFeatures: Record<string, Feature[]>) {
  return {
    district_models: Object.fromEntries(inputs.levels.map((l) => [l.layer, districtModel(tables[l.layer], inputs.zones, inputs.available.income)])),
    zones: zoneRobustness(inputs, zoneFeatures, inputs.report.zone_tolerance_m ?? 10),
    income_note: inputs.available.income ? undefined : NOT_COMPUTED.income,
  };
}

/** Each distinct zone membership ("a;b", or "" for none) with its polygon ids and how many cameras have it. */
function membersPerValue(c: CodedColumn<unknown>, n: number): Array<{ ids: string[]; count: number }> {
  const counts = new Float64Array(c.values.length + 1);
  for (let i = 0; i < n; i++) counts[c.codes[i] >= 0 ? c.codes[i] : c.values.length]++;
  const text = [...c.values.map((v) => String(v ?? "")), ""];
  return text.map((t, k) => ({ ids: t.split(";"), count: counts[k] }));
}
