// The verdict's sentence per claim (stats/verdict.ts claimSentences), for the timing claim that the
// change analysis grades: its French sentence and the report's table name the deciding test in
// French (one translation table, stats/method-names.ts), and its English sentence reads as one.
import { describe, expect, it } from "vitest";
import { claimSentences } from "../pipeline/stats/verdict.js";
import { timingAsClaim } from "../pipeline/stats/claims.js";
import { ROTATION_TEST } from "../pipeline/stats/change-timing.js";
import type { Claim } from "../pipeline/contracts.js";

const timing: Claim = {
  id: "timing",
  grade: "fragile",
  decided_by: `${ROTATION_TEST} — ZSP (19e), 2013-02-14`,
  statement: { en: "A zone gained cameras after its designation", fr: "Une zone a gagné des caméras après sa désignation" },
  numbers: { tests: [{ p_rotation: 0.021, p_adjusted: 0.105 }, { p_rotation: 0.233, p_adjusted: 1 }] },
};

describe("the timing claim in the verdict", () => {
  const claim = timingAsClaim(timing);
  const { en, fr } = claimSentences([claim]);

  it("names its deciding test in French in the French sentence and the report's column", () => {
    expect(claim.decided_by_fr).toBe("zone déplacée et tournée au hasard dans la ville (caméras et dates fixes) — ZSP (19e), 2013-02-14");
    expect(fr[0]).toContain("test décisif : zone déplacée et tournée au hasard");
    expect(fr[0]).not.toMatch(/moved|turned|random/);
    // The smallest adjusted p over the dates tested (Bonferroni), in French notation.
    expect(fr[0]).toContain("p = 0,105");
  });

  it("reads as one English sentence: 'This is an association …', one full stop", () => {
    expect(en[0]).toMatch(/\. This is an association in time between/);
    expect(en[0].endsWith("left out.")).toBe(true);
    expect(en[0]).not.toContain("..");
  });
});
