// Distance from each geocoded site to the nearest point of the Préfecture's own 2012 layer, by
// method. Why: the strict reference (data.csv) only holds exact crossing matches, so it cannot
// judge the address, place, street-line or street-centre steps; the 2012 layer was geolocated by
// the Préfecture itself, independently of our matchers. It is an agreement, not an accuracy:
// about 165 sites are newer than 2012 and have no 2012 point, and a site placed *from* a 2012
// point (method prefecture_2012) agrees by construction.
import { accuracyReport, type AccuracyReport } from "./accuracy.js";
import { nearest } from "../geo/distance.js";
import type { XY } from "../geo/crs.js";

/** Per-method distance summaries; `sites` and `points` in Lambert-93 metres. */
export function agreementWith2012(sites: Array<{ method: string; xy: XY }>, points: XY[], methodOrder: string[]): Record<string, AccuracyReport> {
  const per: Record<string, number[]> = {};
  if (points.length === 0) return {};
  for (const s of sites) (per[s.method] ??= []).push(nearest(s.xy, points).distance);
  const out: Record<string, AccuracyReport> = {};
  for (const m of methodOrder) if (per[m]) out[m] = accuracyReport(per[m], 0);
  return out;
}
