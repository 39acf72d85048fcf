// Did cameras come to a zone after it was designated? For each designation date of each declared
// zone: the share of the cameras commissioned before the date that stand in the zone (or the part
// of it the date concerns), the same share for those commissioned on or after it, and the zone's
// share of the city's area. The statistic is the difference of the two shares (after − before).
//
// Two nulls. The deciding one moves and turns the zone at random in the city, cameras and dates
// fixed (change-rotation.ts): it keeps the clustering of cameras AND the clustering of dates (the
// 2012 programme commissioned whole districts at once), so a zone only stands out if no zone of its
// shape would. Permuting the commissioning dates among the dated sites is shown beside it: it keeps
// where cameras stand but assumes dates are exchangeable across the city, which batch roll-outs
// violate, so it is the optimistic test. Grades: holds when both tests give p < 0.05 after a
// Bonferroni correction over the dates tested; fragile when one of them is below 0.05 uncorrected
// but not both corrected; not_established otherwise (or when the difference is not positive).
import type { Grade, TimingTest } from "../contracts.js";
import type { PlanarShape } from "../geo/planar.js";
import { shapeArea } from "../geo/planar.js";
import { PolygonIndex } from "../geo/spatial-index.js";
import { EdgeIndex } from "../geo/edge-index.js";
import { quantile } from "./quantile.js";
import { seededRng, type Rng } from "./rng.js";
import { nameWords } from "./change-names.js";
import { CityMask, movedHits, NoPlacement, placeAtRandom, PointBuckets, type Placement } from "./change-rotation.js";

export interface DatedCamera {
  x: number;
  y: number;
  /** ISO date (YYYY-MM-DD) or null. */
  date: string | null;
}

export interface ZoneForTiming {
  layer: string;
  short: string;
  designated: Array<{ date: string; part?: string; note?: string }>;
  shapes: PlanarShape[];
}

export interface TimingSettings {
  seed: number;
  draws: number;
  /** Fewest dated cameras on each side of the date for a test. */
  minPerSide: number;
}

export const MIN_PER_SIDE = 10;
export const ROTATION_TEST = "zone moved and turned at random in the city (cameras and dates fixed)";
export const PERMUTATION_TEST = "commissioning dates permuted among the dated sites (positions fixed)";

/** "2014-01" → "2014-01-01", "2014" → "2014-01-01": a date known to the month starts it. */
export function dayOf(date: string): string {
  const [y, m = "01", d = "01"] = date.split("-");
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** The zone's features a designation's `part` names (most shared words), or all of them. */
export function partFeatures(part: string | undefined, shapes: PlanarShape[]): number[] {
  const all = shapes.map((_, i) => i);
  if (!part) return all;
  const words = nameWords(part);
  const score = shapes.map((s) => [...nameWords(String(s.props.name ?? s.id))].filter((w) => words.has(w)).length);
  const best = Math.max(0, ...score);
  return best === 0 ? all : all.filter((i) => score[i] === best);
}

function difference(inZone: Uint8Array, after: Uint8Array): { nb: number; na: number; ib: number; ia: number; d: number } {
  let nb = 0, na = 0, ib = 0, ia = 0;
  for (let i = 0; i < inZone.length; i++) {
    if (after[i]) { na++; ia += inZone[i]; } else { nb++; ib += inZone[i]; }
  }
  return { nb, na, ib, ia, d: ia / na - ib / nb };
}

const pUpper = (obs: number, nulls: Float64Array) => {
  let ge = 0;
  for (const v of nulls) if (v >= obs - 1e-12) ge++;
  return (1 + ge) / (nulls.length + 1);
};
const envelope = (v: Float64Array): [number, number, number] => {
  const s = Float64Array.from(v).sort();
  return [r6(quantile(s, 0.025)), r6(quantile(s, 0.5)), r6(quantile(s, 0.975))];
};

export function timingTests(cameras: DatedCamera[], zones: ZoneForTiming[], city: PlanarShape[], st: TimingSettings): TimingTest[] {
  // The city's edges indexed: each placement tests every vertex of the moved feature against them.
  const edges = new EdgeIndex(city.flatMap((c) => c.polygons));
  const cityArea = city.reduce((s, c) => s + shapeArea(c.polygons), 0);
  const box = city.reduce<[number, number, number, number]>((b, c) => [Math.min(b[0], c.bbox[0]), Math.min(b[1], c.bbox[1]), Math.max(b[2], c.bbox[2]), Math.max(b[3], c.bbox[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  const cityIndex = new CityMask(edges, box);
  const dated = cameras.filter((c) => c.date !== null);
  const points = new PointBuckets(Float64Array.from(dated, (c) => c.x), Float64Array.from(dated, (c) => c.y));
  const undated = cameras.filter((c) => c.date === null);
  const tests: TimingTest[] = [];
  let seq = 0;
  for (const zone of zones) {
    for (const des of zone.designated) {
      seq++;
      const which = partFeatures(des.part, zone.shapes);
      const shapes = which.map((i) => zone.shapes[i]);
      const index = new PolygonIndex(shapes);
      const inside = (x: number, y: number) => index.first(x, y) >= 0;
      const day = dayOf(des.date);
      const after = Uint8Array.from(dated, (c) => (c.date! >= day ? 1 : 0));
      const inZone = Uint8Array.from(dated, (c) => (inside(c.x, c.y) ? 1 : 0));
      const o = difference(inZone, after);
      const t: TimingTest = {
        zone: zone.layer, zone_short: zone.short, date: des.date, part: des.part ?? null, features: shapes.map((s) => s.id),
        area_share: r6(shapes.reduce((s, x) => s + shapeArea(x.polygons), 0) / cityArea),
        dated: dated.length, undated: undated.length, undated_in_zone: undated.filter((c) => inside(c.x, c.y)).length,
        before: { cameras: o.nb, in_zone: o.ib, share: r6(o.ib / o.nb) },
        after: { cameras: o.na, in_zone: o.ia, share: r6(o.ia / o.na) },
        difference: r6(o.d), tested: false, grade: "not_established", decided_by: "",
      };
      if (o.nb < st.minPerSide || o.na < st.minPerSide) {
        t.reason = `too few dated cameras on one side of the date (${o.nb} before, ${o.na} after; ${st.minPerSide} needed)`;
        t.reason_fr = `trop peu de caméras datées d'un côté de la date (${o.nb} avant, ${o.na} après ; ${st.minPerSide} nécessaires)`;
        t.decided_by = "too few cameras";
        tests.push(t);
        continue;
      }
      const rng = seededRng(st.seed + 7001 * seq);
      const rot = new Float64Array(st.draws);
      // The difference of a draw needs only how many of the zone's cameras are dated after the
      // date (the totals before and after are fixed): the same integers as difference(), so the
      // same numbers, without a pass over every camera per draw.
      const share = (inAfter: number, inZoneAll: number) => inAfter / o.na - (inZoneAll - inAfter) / o.nb;
      const mark = new Int32Array(dated.length), hits = new Int32Array(dated.length);
      let rejected = 0;
      try {
        for (let k = 0; k < st.draws; k++) {
          const placements: Placement[] = shapes.map((s) => {
            const r = placeAtRandom(s, cityIndex, box, rng);
            rejected += r.rejected;
            return r.placement;
          });
          const h = movedHits(shapes, placements, points, mark, k + 1, hits);
          let ia = 0;
          for (let q = 0; q < h; q++) ia += after[hits[q]];
          rot[k] = share(ia, h);
        }
      } catch (e) {
        // Without the clustering-preserving null there is no grade to give: said, not failed.
        if (!(e instanceof NoPlacement)) throw e;
        t.reason = e.message;
        t.reason_fr = e.messageFr;
        t.decided_by = "no clustering-preserving test possible";
        tests.push(t);
        continue;
      }
      t.tested = true;
      const zoneIdx = Int32Array.from(Array.from(inZone).flatMap((v, i) => (v ? [i] : [])));
      const perm = permutedAfter(after, zoneIdx, st.draws, rng).map((ia) => share(ia, zoneIdx.length));
      t.rotation = { draws: st.draws, p_upper: r6(pUpper(o.d, rot)), envelope: envelope(rot), rejected_placements: rejected };
      t.date_permutation = { draws: st.draws, p_upper: r6(pUpper(o.d, perm)), envelope: envelope(perm) };
      tests.push(t);
    }
  }
  gradeTests(tests);
  return tests;
}

/**
 * For each of `draws` permutations of the dates (Fisher–Yates, each permutation going on from the
 * last, its uniforms drawn in bulk: the same stream as one next() per swap), how many of the
 * zone's cameras (`zoneIdx`) are dated after. A function of its own so that V8 optimises the swap
 * loop alone: inside timingTests it ran several times slower.
 */
function permutedAfter(after: Uint8Array, zoneIdx: Int32Array, draws: number, rng: Rng): Float64Array {
  const out = new Float64Array(draws);
  const shuffled = Uint8Array.from(after);
  const u = new Float64Array(Math.max(0, shuffled.length - 1));
  for (let k = 0; k < draws; k++) {
    rng.uniforms(u);
    for (let i = shuffled.length - 1, q = 0; i > 0; i--, q++) {
      const j = Math.floor(u[q] * (i + 1));
      const tmp = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = tmp;
    }
    let ia = 0;
    for (let q = 0; q < zoneIdx.length; q++) ia += shuffled[zoneIdx[q]];
    out[k] = ia;
  }
  return out;
}

/** Grades every tested date, Bonferroni over the number of dates tested. */
export function gradeTests(tests: TimingTest[]): void {
  const m = tests.filter((t) => t.tested).length;
  for (const t of tests) {
    if (!t.tested) continue;
    const pr = t.rotation!.p_upper, pp = t.date_permutation!.p_upper;
    t.p_adjusted = r6(Math.min(1, Math.max(pr, pp) * m));
    const weaker = pr >= pp ? ROTATION_TEST : PERMUTATION_TEST;
    let grade: Grade = "not_established";
    if (t.difference <= 0) t.decided_by = "observed difference (no more cameras in the zone after the date than before)";
    else if (Math.max(pr, pp) * m < 0.05) { grade = "holds"; t.decided_by = `${weaker}, Bonferroni over ${m} dates`; }
    else if (Math.min(pr, pp) < 0.05) { grade = "fragile"; t.decided_by = weaker; }
    else t.decided_by = weaker;
    t.grade = grade;
  }
}

const r6 = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v);
