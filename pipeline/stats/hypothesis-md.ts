// out/stats/hypothesis.md: the verdict, the model tables and the permutation tests, readable.
import type { ModelResult } from "./count-model.js";
import type { PermutationReport } from "./hypothesis.js";
import type { Claim } from "./claims.js";
import type { InferenceReport } from "./inference.js";
import type { Design } from "./model-design.js";
import type { Verdict } from "./verdict.js";
import { GRADE_WORDS } from "../core/grade-words.js";

const f = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? "–" : v.toFixed(d));

function modelTable(m: ModelResult): string[] {
  if (m.not_fitted) return [`**${m.family}**: not fitted (${m.not_fitted}).`, ""];
  const rows = m.terms.map((t) => `| ${t.label} | ${t.unit} | ${f(t.rate_ratio)} | ${f(t.ci95[0])} – ${f(t.ci95[1])} | ${t.p === null ? "–" : t.p < 0.001 ? "< 0.001" : t.p.toFixed(3)} |`);
  return [
    `**${m.family === "poisson" ? "Poisson" : "Negative binomial (NB2)"}** — ${m.cells_used} cells, ${m.cameras} cameras, log-likelihood ${f(m.log_likelihood, 1)}, AIC ${f(m.aic, 1)}, Pearson dispersion ${f(m.pearson_dispersion)}${m.alpha !== null ? `, α = ${f(m.alpha)}` : ""}${m.converged ? "" : " (**did not converge**)"}.`,
    "",
    "| term | unit | rate ratio | 95% interval | p |",
    "|---|---|---:|---:|---:|",
    ...rows,
    "",
  ];
}


function claimTable(claims: Claim[]): string[] {
  const out = ["## Claims / Affirmations", "", "Graded by the tests that keep the cameras' clustering: holds = all reject at 5 %, fragile = some do, not established = none does. / Jugées par les tests qui gardent le regroupement des caméras.", "", "| claim | grade | note | decided by | p |", "|---|---|---|---|---:|"];
  for (const c of claims) out.push(`| \`${c.id}\` ${c.statement.en} | ${c.grade ?? "–"} | ${c.grade ? GRADE_WORDS[c.grade].fr : c.not_computed ?? ""} | ${c.decided_by ?? "–"} | ${f(c.p_decisive)} |`);
  out.push("");
  for (const c of claims) {
    if (!c.tests.length) continue;
    out.push(`### \`${c.id}\``, "", `${c.statement.en} / ${c.statement.fr}. Is not: ${c.is_not}.`, "", "| test | clustering | estimate | 95% interval | p |", "|---|---|---:|---:|---:|");
    for (const t of c.tests) out.push(`| ${t.method} | ${t.clustering} | ${f(t.estimate ?? null, 4)} | ${t.ci95 ? `${f(t.ci95[0])} – ${f(t.ci95[1])}` : "–"} | ${f(t.p)} |`);
    out.push("");
  }
  return out;
}

function inferenceLines(inf: InferenceReport): string[] {
  const m = inf.model;
  const out = ["## Spatial dependence", ""];
  if ("not_computed" in m) return [...out, `Not computed: ${m.not_computed}.`, ""];
  const r = m.residual_moran;
  out.push(`Residual Moran's I (${r.residuals}; ${r.weights}): I = ${f(r.I, 4)} (expected ${f(r.expected, 5)}, z = ${f(r.z_randomisation, 2)}, permutation p = ${f(r.p_permutation)} over ${r.permutations}).`, "");
  out.push("| band (m) | I | z |", "|---|---:|---:|", ...r.correlogram.map((b) => `| ${b.from_m}–${b.to_m} | ${f(b.I, 4)} | ${f(b.z, 2)} |`), "");
  out.push("VIF: " + m.vif.map((v) => `${v.term} ${f(v.vif, 2)}`).join(", ") + ".", "");
  const jw = m.joint_wald_distance;
  if (jw.model_based) out.push(`Distance terms jointly (${jw.model_based.terms.join(", ")}): χ² = ${f(jw.model_based.chi2, 1)} on ${jw.model_based.df} df, p = ${f(jw.model_based.p)}; with the HAC covariance χ² = ${f(jw.hac?.chi2 ?? null, 1)}, p = ${f(jw.hac?.p ?? null)}.`, "");
  return out;
}

export function hypothesisMarkdown(v: Verdict, models: { poisson: ModelResult; negative_binomial: ModelResult }, perm: PermutationReport, design: Design, outsideCells: number, claims: Claim[] = [], inf?: InferenceReport): string {
  const lines = [
    "# Who do the cameras watch? — hypothesis test",
    "",
    `Camera layer: ${perm.cameras} cameras (source: ${perm.camera_sources.join(", ")}).`,
    "",
    ...claimTable(claims),
    "## Verdict",
    "",
    ...v.en.map((s) => `- ${s}`),
    "",
    "Caveats:",
    ...v.caveats_en.map((s) => `- ${s}`),
    "",
    "## Verdict (français)",
    "",
    ...v.fr.map((s) => `- ${s}`),
    "",
    "Limites :",
    ...v.caveats_fr.map((s) => `- ${s}`),
    "",
    "## Count model of cameras per 200 m cell",
    "",
    `Every 200 m INSPIRE cell covering the city (${design.cells.used} cells: ${design.cells.inhabited} inhabited, ${design.cells.uninhabited} without residents${design.cells.dropped ? `, ${design.cells.dropped} dropped for missing income` : ""}). ` +
      "Cells without residents keep income and residents at the inhabited mean (centred 0) and get the indicator `uninhabited`. " +
      "The share of the cell inside the city is a covariate, not an offset: périphérique cameras stand just beyond the limit. " +
      "Rate ratios multiply the expected number of cameras; intervals are Wald 95%. Design matrix: `model_cells.csv`." +
      (outsideCells ? ` ${outsideCells} camera(s) stand in cells that do not meet the city and are outside the model (listed in out/joined/report.json).` : ""),
    "",
    ...modelTable(models.negative_binomial),
    ...modelTable(models.poisson),
    ...(inf ? inferenceLines(inf) : []),
    "## Permutation tests",
    "",
    `Ignoring clustering: ${perm.clustering}. ${perm.draws} seeded draws (seed ${perm.seed}) of ${perm.cameras} cameras under each null; ${perm.cameras_with_income} cameras stand in inhabited cells and enter the income statistics. ` +
      "p is two-sided, (1 + #as extreme)/(draws + 1), doubled from the smaller tail. Envelope = 2.5 % and 97.5 % of the null draws.",
    "",
    "| null | statistic | observed | null mean | envelope 95% | p |",
    "|---|---|---:|---:|---:|---:|",
  ];
  for (const [, t] of Object.entries(perm.tests)) {
    if (!t) continue;
    for (const s of Object.keys(t.results)) {
      const r = t.results[s];
      const d = s === "mean_income" ? 0 : 4;
      lines.push(`| ${t.null} | ${s} | ${f(r.observed, d)} | ${f(r.null_mean, d)} | ${f(r.envelope[0], d)} – ${f(r.envelope[2], d)} | ${f(r.p_two_sided)} |`);
    }
  }
  if (perm.nulls_not_run.length) lines.push("", `Not run (no sites in this study): ${perm.nulls_not_run.join(", ")}.`);
  if (design.dropped.length) lines.splice(lines.indexOf("## Permutation tests"), 0, `Terms left out of the model: ${design.dropped.map((d) => `${d.term} (${d.reason})`).join("; ")}.`, "");
  lines.push("", "## Geocoding uncertainty", "", `${perm.jitter.replicates} replicates${"reduced" in perm.jitter ? ` (${perm.jitter.replicates_asked} asked: ${perm.jitter.reduced})` : ""}, σ = ${perm.jitter.sigma_m.confidence_1} m at geocode_confidence 1 to ${perm.jitter.sigma_m.confidence_0} m at 0.`, "", "| statistic | observed range | largest p (uniform / residents / crossings) |", "|---|---:|---:|");
  for (const s of Object.keys(perm.jitter.statistics)) {
    const j = perm.jitter.statistics[s];
    const d = s === "mean_income" ? 0 : 4;
    lines.push(`| ${s} | ${f(j.observed_range[0], d)} – ${f(j.observed_range[1], d)} | ${f(j.p.uniform_area?.p_two_sided_max ?? null)} / ${f(j.p.residents?.p_two_sided_max ?? null)} / ${f(j.p.street_crossings?.p_two_sided_max ?? null)} |`);
  }
  return lines.join("\n") + "\n";
}
