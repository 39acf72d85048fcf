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

/** Term ids of pipeline/stats/model-design.ts; an unknown term keeps the stats stage's English label. */
export const TERM_LABELS: Record<string, { label: string; unit: string }> = {
  "(intercept)": { label: "Constante", unit: "" },
  log_income_c: { label: "Log du niveau de vie (centré)", unit: "+1 unité de log (revenu ×2,72)" },
  dist_centre_km: { label: "Distance au centre", unit: "par km" },
  zti_share: { label: "Carreau en ZTI", unit: "entier vs hors ZTI" },
  zsp_share: { label: "Carreau en ZSP", unit: "entier vs hors ZSP" },
  dist_terminal_km: { label: "Distance à la grande gare la plus proche", unit: "par km" },
  dist_edge_km: { label: "Distance à la limite de Paris", unit: "par km" },
  stations_300m: { label: "Stations de métro/RER à moins de 300 m", unit: "par station" },
  log_ridership_300m: { label: "Log (1 + entrées annuelles des stations à moins de 300 m)", unit: "+1 unité de log (entrées ×2,72)" },
  log_residents_c: { label: "Log des habitants (centré)", unit: "+1 unité de log" },
  uninhabited: { label: "Carreau sans habitants", unit: "vs habité" },
  city_share: { label: "Part du carreau dans Paris", unit: "entier vs rien" },
  log_crossings: { label: "Offre de rues : log(1 + croisements OSM du carreau)", unit: "+1 unité de log" },
  ridership_300m: { label: "Log(1 + entrées en station à moins de 300 m)", unit: "+1 unité de log" },
};

export const termLabel = (t: TermResult) => TERM_LABELS[t.term]?.label ?? t.label;
export const termUnit = (t: TermResult) => TERM_LABELS[t.term]?.unit ?? t.unit;

export const STATISTIC_LABELS: Record<Statistic, { label: string; kind: "share" | "index" | "euros" }> = {
  share_zti: { label: "Part des caméras en ZTI", kind: "share" },
  share_zsp: { label: "Part des caméras en ZSP", kind: "share" },
  concentration_index: { label: "Indice de concentration selon le niveau de vie", kind: "index" },
  mean_income: { label: "Niveau de vie moyen à l'emplacement des caméras (€/an)", kind: "euros" },
};

export const NULL_LABELS_FR: Record<NullName, string> = {
  uniform_area: "uniforme sur la surface de Paris",
  residents: "proportionnel aux habitants",
  street_crossings: "aux croisements de rues",
};
