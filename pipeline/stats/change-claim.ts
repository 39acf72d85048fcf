// The `timing` claim of the verdict, from the timing tests: the best-graded designation date sets
// the grade (the tests are already corrected for their number), and the statement quotes its
// numbers. Pure, so the stats stage or the lead can append it to hypothesis.json's `claims`.
import type { Claim, Grade, TimingReport, TimingTest } from "../contracts.js";

const RANK: Record<Grade, number> = { holds: 2, fragile: 1, not_established: 0 };
const pct = (v: number, fr: boolean) => `${(100 * v).toFixed(1)}${fr ? " %" : "%"}`.replace(".", fr ? "," : ".");
const p3 = (v: number, fr: boolean) => (fr ? v.toFixed(3).replace(".", ",") : v.toFixed(3));

export function timingClaim(timing: TimingReport): Claim {
  const base = { id: "timing" };
  if (!timing.computed) {
    return {
      ...base, grade: "not_established", decided_by: "not computed",
      statement: { en: `Not computed: ${timing.reason}.`, fr: `Non calculé : ${timing.reason_fr ?? timing.reason}.` },
      numbers: { computed: false, reason: timing.reason },
    };
  }
  const tested = timing.tests.filter((t) => t.tested);
  if (tested.length === 0) {
    return {
      ...base, grade: "not_established", decided_by: "no designation date could be tested",
      statement: {
        en: `No designation date could be tested: ${timing.tests.map((t) => `${t.zone_short} ${t.date}: ${t.reason}`).join("; ")}.`,
        fr: `Aucune date de désignation n'a pu être testée : ${timing.tests.map((t) => `${t.zone_short} ${t.date} : ${t.reason_fr ?? t.reason}`).join(" ; ")}.`,
      },
      numbers: { tests: timing.tests.map(summary) },
    };
  }
  // Best grade first; among equals the smallest corrected p, then declaration order.
  const best = [...tested].sort((a, b) => RANK[b.grade] - RANK[a.grade] || a.p_adjusted! - b.p_adjusted!)[0];
  const where = (t: TimingTest) => `${t.zone_short}${t.part ? ` (${t.part})` : ""}, ${t.date}`;
  const line = (t: TimingTest, fr: boolean) =>
    fr
      ? `${where(t)} : ${pct(t.after.share, true)} des caméras mises en service après la date y sont, contre ${pct(t.before.share, true)} de celles d'avant, pour ${pct(t.area_share, true)} de la surface (p = ${p3(t.rotation!.p_upper, true)} zone déplacée, ${p3(t.date_permutation!.p_upper, true)} dates permutées)`
      : `${where(t)}: ${pct(t.after.share, false)} of the cameras commissioned after the date stand there against ${pct(t.before.share, false)} of those before, for ${pct(t.area_share, false)} of the area (p = ${p3(t.rotation!.p_upper, false)} zone moved, ${p3(t.date_permutation!.p_upper, false)} dates permuted)`;
  const verdict: Record<Grade, [string, string]> = {
    holds: ["Cameras came to a zone after its designation more than a zone of the same shape elsewhere would show", "Les caméras sont venues dans une zone après sa désignation plus qu'une zone de même forme ailleurs ne le montrerait"],
    fragile: ["A zone gained cameras after its designation, but not beyond what a zone of the same shape elsewhere shows once clustering is kept", "Une zone a gagné des caméras après sa désignation, mais pas au-delà de ce que montre une zone de même forme ailleurs quand on garde le regroupement"],
    not_established: ["No zone is shown to have gained cameras after its designation", "Aucune zone ne gagne nettement de caméras après sa désignation"],
  };
  return {
    ...base,
    grade: best.grade,
    decided_by: `${best.decided_by} — ${where(best)}`,
    statement: {
      en: `${verdict[best.grade][0]}. ${tested.map((t) => line(t, false)).join("; ")}. A commissioning date may be a replacement; association in time, not cause.`,
      fr: `${verdict[best.grade][1]}. ${tested.map((t) => line(t, true)).join(" ; ")}. Une date de mise en service peut être un remplacement ; association dans le temps, pas cause.`,
    },
    numbers: { deciding_test: { zone: best.zone, date: best.date, part: best.part }, tests: timing.tests.map(summary) },
  };
}

function summary(t: TimingTest) {
  return {
    zone: t.zone, date: t.date, part: t.part, area_share: t.area_share, before_share: t.before.share, after_share: t.after.share,
    before_cameras: t.before.cameras, after_cameras: t.after.cameras, difference: t.difference,
    p_rotation: t.rotation?.p_upper ?? null, p_date_permutation: t.date_permutation?.p_upper ?? null, p_adjusted: t.p_adjusted ?? null, grade: t.grade,
  };
}
