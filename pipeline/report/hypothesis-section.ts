// The hypothesis section from out/stats/hypothesis.json: the verdict in plain words (French, the
// English beside it), the count models' rate ratios as a table and a forest chart, the permutation
// envelopes of every statistic under every null, and the caveats; a "not computed" note without it.
import { esc, notComputed } from "./html.js";
import { formatFr } from "../core/format-fr.js";
import { envelopeSvg, forestPlotSvg, statValue } from "./charts.js";
import { hypothesisNames, type Claim, type HypothesisFile, type HypothesisNames, type ModelResult, type NullName, type Statistic } from "./hypothesis-data.js";
import type { ReportStudy } from "./study-terms.js";
import { listFr } from "../core/words-fr.js";
import { GRADE_WORDS } from "../core/grade-words.js";


/** The graded claims: grade, the test that decided it and its p, the estimate it bears on. */
function claimsPart(claims: Claim[] | undefined): string {
  if (!claims?.length) return "";
  const rows = claims.map((c) => {
    const decisive = c.tests.find((t) => t.method === c.decided_by);
    const est = decisive?.estimate ?? null;
    return `<tr data-claim="${esc(c.id)}" data-grade="${esc(c.grade ?? "none")}"><th scope="row">${esc(c.statement.fr)}</th><td><strong>${esc(c.grade ? GRADE_WORDS[c.grade].fr : "non évalué")}</strong></td>` +
      `<td>${esc(c.decided_by_fr ?? c.decided_by ?? c.not_computed ?? "—")}</td><td class="n">${c.p_decisive === null ? "—" : pValue(c.p_decisive)}</td><td class="n">${formatFr(est, 3)}</td></tr>`;
  });
  return "<h3>Affirmations et leur solidité</h3>" +
    "<p>Chaque affirmation est jugée par les seuls tests qui tiennent compte du regroupement des caméras (rotation du semis, déplacement des zones, zones placebo, HAC spatial de Conley, bootstrap par blocs) : <em>tient</em> si tous rejettent au seuil de 5 %, <em>fragile</em> si certains seulement, <em>non établi</em> si aucun. Le test décisif est le plus prudent (plus grand p). Association, pas causalité.</p>" +
    '<div class="scroll" tabindex="0" role="region" aria-label="Affirmations"><table class="plain" id="claims"><caption>Affirmations, note et test décisif</caption>' +
    '<thead><tr><th scope="col">Affirmation</th><th scope="col">Note</th><th scope="col">Test décisif</th><th scope="col">p</th><th scope="col">Estimation</th></tr></thead>' +
    `<tbody>${rows.join("")}</tbody></table></div>`;
}

/** Caveats the study always carries (DESIGN.md), shown before the stats stage has written its own. */
export function standingCaveats(study: Pick<ReportStudy, "zones">): string[] {
  const approximated = study.zones.filter((z) => z.approximated).map((z) => z.short);
  return [
    "Les habitants ne sont pas la population présente le jour : touristes, salariés et passants n'apparaissent pas dans les carreaux INSEE.",
    ...(approximated.length ? [`Les périmètres des ${listFr(approximated)} sont des approximations, faute de géométrie officielle.`] : []),
    "La position des caméras dépend du géocodage : voir la section Géocodage.",
  ];
}

/**
 * The question the study asks, with its declared zones ("… les zones touristiques internationales,
 * autour des gares et dans les zones de sécurité prioritaires …").
 */
export function hypothesisQuestion(study: Pick<ReportStudy, "zones">): string {
  const places = ["dans le centre", ...study.zones.map((z) => `dans les ${z.label} (${z.short})`), "autour des gares"];
  return `Les caméras se concentrent-elles ${listFr(places)}, plutôt que dans les quartiers pauvres en tant que tels ?`;
}

export const pValue = (v: number | null) => (v === null ? "—" : v < 0.001 ? "&lt; 0,001" : formatFr(v, 3));

/** The smallest two-sided p that `draws` permutations can give is 2/(draws + 1): say "≤" there. */
const permP = (p: number, draws: number) => (p <= 2 / (draws + 1) + 1e-9 ? `p ≤ ${formatFr(p, 3)}` : `p = ${formatFr(p, 3)}`);

function fitLine(m: ModelResult): string {
  return `${formatFr(m.cells_used, 0)} carreaux, ${formatFr(m.cameras, 0)} caméras, log-vraisemblance ${formatFr(m.log_likelihood, 1)}, AIC ${formatFr(m.aic, 1)}, ` +
    `dispersion de Pearson ${formatFr(m.pearson_dispersion, 2)}${m.alpha !== null ? `, α = ${formatFr(m.alpha, 3)}` : ""}${m.converged ? "" : " — <strong>n'a pas convergé</strong>"}`;
}

function modelPart(h: HypothesisFile, names: HypothesisNames, place: string): string {
  const nb = h.models.negative_binomial;
  if (nb.not_fitted) return `<h3>Modèle de comptage des caméras par carreau de 200 m</h3><p class="missing">Modèle non ajusté : ${esc(nb.not_fitted)}.</p>`;
  const po = h.models.poisson;
  const poByTerm = new Map(po.terms.map((t) => [t.term, t]));
  const ci = (c: [number | null, number | null]) => `${formatFr(c[0], 2)} – ${formatFr(c[1], 2)}`;
  const rows = nb.terms.map((t) => {
    const p = poByTerm.get(t.term);
    return `<tr data-term="${esc(t.term)}"><th scope="row">${esc(names.term(t))}</th><td>${esc(names.unit(t))}</td><td class="n"><strong>${formatFr(t.rate_ratio, 2)}</strong></td><td class="n">${ci(t.ci95)}</td><td class="n">${pValue(t.p)}</td>` +
      `<td class="n">${formatFr(p?.rate_ratio, 2)}</td><td class="n">${p ? ci(p.ci95) : "—"}</td><td class="n">${pValue(p?.p ?? null)}</td></tr>`;
  });
  const d = h.design.cells;
  return [
    "<h3>Modèle de comptage des caméras par carreau de 200 m</h3>",
    `<p>Chaque carreau INSPIRE de 200 m qui touche ${esc(place)} (${formatFr(d.used, 0)} : ${formatFr(d.inhabited, 0)} habités, ${formatFr(d.uninhabited, 0)} sans habitants). ` +
      "Un rapport de taux multiplie le nombre attendu de caméras ; au-dessus de 1, plus de caméras. Intervalles de Wald à 95 %.</p>",
    `<p class="note">Binomiale négative (NB2) : ${fitLine(nb)}.<br>Poisson : ${fitLine(po)}.</p>`,
    forestPlotSvg(names, nb, po),
    '<div class="scroll" tabindex="0" role="region" aria-label="Rapports de taux"><table class="plain" id="rate-ratios"><caption>Rapports de taux (IC à 95 %)</caption>',
    '<thead><tr><th scope="col" rowspan="2">Variable</th><th scope="col" rowspan="2">Unité</th><th scope="colgroup" colspan="3">Binomiale négative</th><th scope="colgroup" colspan="3">Poisson</th></tr>',
    '<tr><th scope="col">Rapport</th><th scope="col">IC 95 %</th><th scope="col">p</th><th scope="col">Rapport</th><th scope="col">IC 95 %</th><th scope="col">p</th></tr></thead>',
    `<tbody>${rows.join("")}</tbody></table></div>`,
  ].join("");
}

function permutationPart(h: HypothesisFile, names: HypothesisNames): string {
  const perm = h.permutation;
  const out = [
    "<h3>Tests de permutation</h3>",
    `<p>${formatFr(perm.draws, 0)} tirages (graine ${perm.seed}) de ${formatFr(perm.cameras, 0)} caméras sous chaque hypothèse nulle. ` +
      "Bande : 2,5 % à 97,5 % des tirages, trait : médiane ; ligne rouge : valeur observée. p bilatéral.</p>",
  ];
  if (perm.nulls_not_run.length) out.push(`<p class="missing">Hypothèses nulles non testées : ${perm.nulls_not_run.map((n: NullName) => esc(names.null(n))).join(", ")}.</p>`);
  const nulls = Object.keys(perm.tests) as NullName[];
  for (const stat of Object.keys(perm.observed) as Statistic[]) {
    const rows = nulls.filter((n) => perm.tests[n]?.results[stat]).map((n) => ({ null: n, r: perm.tests[n]!.results[stat] }));
    const ps = rows.map((x) => `placement ${esc(names.null(x.null))} ${statValue(stat, x.r.null_mean)} (${permP(x.r.p_two_sided, perm.draws)})`).join(" ; ");
    out.push(`<figure class="perm" data-stat="${esc(stat)}"><figcaption><strong>${esc(names.statistic(stat))}</strong> : observé ${statValue(stat, perm.observed[stat])} ; attendu sous chaque hypothèse nulle : ${ps}.</figcaption>${envelopeSvg(names, stat, perm.observed[stat], rows)}</figure>`);
  }
  return out.join("");
}

export function hypothesisSection(h: HypothesisFile | undefined, study: Pick<ReportStudy, "place" | "zones">, lang: "fr" | "en" = "fr"): string {
  const out = ['<section id="hypothese" aria-labelledby="h-hyp"><h2 id="h-hyp">L\'hypothèse</h2>'];
  out.push(`<p class="lede">${esc(hypothesisQuestion(study))}</p>`);
  if (!h) {
    out.push(notComputed("Verdict, rapports de taux et tests de permutation", "stats/hypothesis.json", "stats"));
    out.push(`<h3>Réserves</h3><ul>${standingCaveats(study).map((c) => `<li>${esc(c)}</li>`).join("")}</ul></section>`);
    return out.join("");
  }
  const v = h.verdict;
  // The report's language first, the other one click away.
  const fr = `<ul lang="fr">${v.fr.map((s) => `<li>${esc(frenchNumbers(s))}</li>`).join("")}</ul>`;
  const en = `<ul lang="en" class="en">${v.en.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>`;
  out.push('<div class="verdict" id="verdict"><h3>Verdict</h3>');
  out.push(lang === "en" ? `${en}<details lang="fr"><summary>En français</summary>${fr}</details></div>` : `${fr}<details lang="en"><summary>In English</summary>${en}</details></div>`);
  out.push(claimsPart(h.claims));
  const names = hypothesisNames(study);
  out.push(modelPart(h, names, study.place));
  out.push(permutationPart(h, names));
  const cfr = `<ul id="caveats" lang="fr">${v.caveats_fr.map((c) => `<li>${esc(frenchNumbers(c))}</li>`).join("")}</ul>`;
  const cen = `<ul lang="en" class="en">${v.caveats_en.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`;
  out.push(lang === "en" ? `<h3>Réserves</h3>${cen}<details lang="fr"><summary>En français</summary>${cfr}</details>` : `<h3>Réserves</h3>${cfr}<details lang="en"><summary>Caveats in English</summary>${cen}</details>`);
  out.push("</section>");
  return out.join("");
}

/**
 * French typography for numbers the stats stage wrote raw into its French sentences ("33868 €",
 * "0.42"): thousands with a narrow no-break space, decimal comma. Years (1900–2099 alone) and
 * codes inside words are left alone.
 */
export function frenchNumbers(s: string): string {
  return s.replace(/(?<![\w.,\u202f])(\d+)(?:\.(\d+))?(?![\w])/g, (m, int: string, dec: string | undefined, offset: number, all: string) => {
    const n = Number(int);
    const year = !dec && int.length === 4 && n >= 1900 && n <= 2099 && !/^\s*€/.test(all.slice(offset + m.length));
    if (year) return m;
    const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") : int;
    return dec ? `${grouped},${dec}` : grouped;
  });
}
