// Reads out/stats/hypothesis.json into the shape the report draws. The stats stage owns that file;
// this reader accepts the few spellings a count-model summary naturally takes (rate_ratio or rr,
// ci_low/ci_high or ci: [lo, hi], envelope as [lo, hi] or {low, high}) so a renamed key degrades
// to "—" in one cell instead of breaking the page.

export interface RateRatio {
  term: string;
  label: string;
  rr: number | null;
  low: number | null;
  high: number | null;
  p: number | null;
}

export interface PermutationTest {
  name: string;
  label: string;
  statistic: string;
  observed: number | null;
  low: number | null;
  high: number | null;
  p: number | null;
  draws: number | null;
  /** Optional curve (e.g. cumulative share of cameras by decile) with its envelope. */
  curve: Array<{ x: number; observed: number; low: number; high: number }>;
}

export interface Hypothesis {
  verdictFr: string;
  verdictEn: string;
  model: string;
  rateRatios: RateRatio[];
  permutations: PermutationTest[];
  caveats: string[];
}

const num = (...vs: unknown[]): number | null => {
  for (const v of vs) if (typeof v === "number" && Number.isFinite(v)) return v;
  return null;
};
const str = (...vs: unknown[]): string => {
  for (const v of vs) if (typeof v === "string" && v.trim()) return v;
  return "";
};
const pair = (v: any): [number | null, number | null] =>
  Array.isArray(v) ? [num(v[0]), num(v[1])] : v && typeof v === "object" ? [num(v.low, v.lower, v.lo), num(v.high, v.upper, v.hi)] : [null, null];

export function readHypothesis(h: any): Hypothesis {
  const verdict = h?.verdict;
  const model = h?.model ?? {};
  const rrList: any[] = h?.rate_ratios ?? model.rate_ratios ?? model.terms ?? [];
  const permList: any[] = h?.permutations ?? h?.permutation_tests ?? [];
  const caveats = h?.caveats;
  return {
    verdictFr: str(verdict?.fr, h?.verdict_fr, typeof verdict === "string" ? verdict : ""),
    verdictEn: str(verdict?.en, h?.verdict_en),
    model: str(model.description, model.family, h?.model_description),
    rateRatios: (Array.isArray(rrList) ? rrList : []).map((r) => {
      const [cl, ch] = pair(r.ci ?? r.ci95);
      return {
        term: str(r.term, r.name, r.variable),
        label: str(r.label_fr, r.label, r.term, r.name),
        rr: num(r.rate_ratio, r.rr, r.irr, r.estimate),
        low: num(r.ci_low, r.lower, r.low, cl),
        high: num(r.ci_high, r.upper, r.high, ch),
        p: num(r.p_value, r.p),
      };
    }),
    permutations: (Array.isArray(permList) ? permList : []).map((t) => {
      const [el, eh] = pair(t.envelope);
      const curve = Array.isArray(t.curve) ? t.curve.filter((c: any) => [c?.x, c?.observed, c?.low, c?.high].every((v) => typeof v === "number")) : [];
      return {
        name: str(t.null, t.name, t.id),
        label: str(t.label_fr, t.label, t.null, t.name),
        statistic: str(t.statistic_fr, t.statistic),
        observed: num(t.observed),
        low: num(t.envelope_low, t.p025, el),
        high: num(t.envelope_high, t.p975, eh),
        p: num(t.p_value, t.p),
        draws: num(t.draws, t.n_draws, t.permutations),
        curve,
      };
    }),
    caveats: Array.isArray(caveats) ? caveats.filter((c) => typeof c === "string") : Array.isArray(caveats?.fr) ? caveats.fr : [],
  };
}
