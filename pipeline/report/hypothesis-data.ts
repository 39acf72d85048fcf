// The shape of out/stats/hypothesis.json as the stats stage writes it (pipeline/stats.ts), typed by
// the stats modules themselves so a renamed key breaks the build rather than the page, and the
// French names the report gives to its model terms, statistics and nulls.
import type { ModelResult, TermResult } from "../stats/count-model.js";
import type { NullName, PermutationReport } from "../stats/hypothesis.js";
import type { Design } from "../stats/model-design.js";
import type { Statistic } from "../stats/permutation.js";
import type { Verdict } from "../stats/verdict.js";
import type { Claim } from "../stats/claims.js";
import type { InferenceReport } from "../stats/inference.js";
import { placeOf, type ReportStudy } from "./study-terms.js";

export interface HypothesisFile {
  verdict: Verdict;
  models: { poisson: ModelResult; negative_binomial: ModelResult };
  permutation: PermutationReport;
  design: { cells: Design["cells"]; centring: Design["centring"]; terms: string[]; dropped: Design["dropped"] };
  /** Graded claims (absent from files written before the inference step). */
  claims?: Claim[];
  inference?: InferenceReport;
}

export type { Claim };

export type { ModelResult, TermResult, NullName, Statistic };

/**
 * French names of the model terms of pipeline/stats/model-design.ts (the declared zones' terms and
 * the place's name come from the study: hypothesisNames); an unknown term keeps the stats stage's
 * English label.
 */
function termLabels(place: string): Record<string, { label: string; unit: string }> {
  return {
    "(intercept)": { label: "Constante", unit: "" },
    log_income_c: { label: "Log du niveau de vie (centré)", unit: "+1 unité de log (revenu ×2,72)" },
    dist_centre_km: { label: "Distance au centre", unit: "par km" },
    dist_terminal_km: { label: "Distance à la grande gare la plus proche", unit: "par km" },
    dist_edge_km: { label: `Distance à la limite ${placeOf(place)}`, unit: "par km" },
    stations_300m: { label: "Stations de métro/RER à moins de 300 m", unit: "par station" },
    log_ridership_300m: { label: "Log (1 + entrées annuelles des stations à moins de 300 m)", unit: "+1 unité de log (entrées ×2,72)" },
    log_residents_c: { label: "Log des habitants (centré)", unit: "+1 unité de log" },
    uninhabited: { label: "Carreau sans habitants", unit: "vs habité" },
    city_share: { label: `Part du carreau dans ${place}`, unit: "entier vs rien" },
    log_crossings: { label: "Offre de rues : log(1 + croisements OSM du carreau)", unit: "+1 unité de log" },
    ridership_300m: { label: "Log(1 + entrées en station à moins de 300 m)", unit: "+1 unité de log" },
  };
}

/** Kind of a permutation statistic, for its number format: the zones' `share_<zone>` are shares. */
export function statisticKind(stat: Statistic): "share" | "index" | "euros" {
  return stat === "concentration_index" ? "index" : stat === "mean_income" ? "euros" : "share";
}

/** How the hypothesis section and its charts name terms, statistics and nulls, for one study. */
export interface HypothesisNames {
  term(t: TermResult): string;
  unit(t: TermResult): string;
  statistic(stat: Statistic): string;
  null(n: NullName): string;
}

export function hypothesisNames(study: Pick<ReportStudy, "place" | "zones">): HypothesisNames {
  const terms = termLabels(study.place);
  for (const z of study.zones) terms[`${z.layer}_share`] = { label: `Carreau en ${z.short}`, unit: `entier vs hors ${z.short}` };
  const statistics: Record<string, string> = {
    concentration_index: "Indice de concentration selon le niveau de vie",
    mean_income: "Niveau de vie moyen à l'emplacement des caméras (€/an)",
    ...Object.fromEntries(study.zones.map((z) => [`share_${z.layer}`, `Part des caméras en ${z.short}`])),
  };
  const nulls: Record<string, string> = {
    uniform_area: `uniforme sur la surface ${placeOf(study.place)}`,
    residents: "proportionnel aux habitants",
    street_crossings: "aux croisements de rues",
  };
  return {
    term: (t) => terms[t.term]?.label ?? t.label,
    unit: (t) => terms[t.term]?.unit ?? t.unit,
    statistic: (stat) => statistics[stat] ?? stat,
    null: (n) => nulls[n] ?? n,
  };
}
