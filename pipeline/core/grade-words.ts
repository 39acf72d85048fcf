// The words for a claim's grade, in each language: the verdict, hypothesis.md, the report and the
// terminal summary all say the same word for the same grade.
import type { Grade } from "../contracts.js";

export const GRADE_WORDS: Record<Grade, { en: string; fr: string }> = {
  holds: { en: "holds", fr: "tient" },
  fragile: { en: "fragile", fr: "fragile" },
  not_established: { en: "not established", fr: "non établi" },
};

/** The grade's word in `lang` (French for "fr", English otherwise); unknown grades as written. */
export function gradeWord(grade: string, lang: string): string {
  const w = GRADE_WORDS[grade as Grade];
  return w ? (lang === "fr" ? w.fr : w.en) : grade.replace(/_/g, " ");
}
