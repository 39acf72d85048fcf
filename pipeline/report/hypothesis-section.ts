// The hypothesis section: verdict in plain words, rate ratios with intervals, permutation
// envelopes and caveats, from out/stats/hypothesis.json; a "not computed" note without it.
import { esc, notComputed } from "./html.js";
import { formatFr } from "./format-fr.js";
import { envelopeSvg, forestPlotSvg } from "./charts.js";
import { readHypothesis } from "./hypothesis-data.js";

/** Caveats the study always carries (DESIGN.md), shown even before the stats stage has run. */
export const STANDING_CAVEATS = [
  "Les habitants ne sont pas la population présente le jour : touristes, salariés et passants n'apparaissent pas dans les carreaux INSEE.",
  "Les périmètres des ZSP sont des approximations (unions de conseils de quartier et d'IRIS), faute de géométrie officielle.",
  "La position des caméras dépend du géocodage : voir la précision mesurée dans la section Provenance.",
];

/** Counts as integers, statistics with three decimals. */
const auto = (v: number | null) => formatFr(v, v !== null && Number.isInteger(v) ? 0 : 3);
const p = (v: number | null) => (v === null ? "—" : v < 0.001 ? "< 0,001" : formatFr(v, 3));

export function hypothesisSection(raw: Record<string, unknown> | undefined): string {
  const out = ['<section id="hypothese" aria-labelledby="h-hyp"><h2 id="h-hyp">L\'hypothèse</h2>'];
  out.push("<p class=\"lede\">Les caméras se concentrent-elles dans le centre, les zones touristiques, autour des gares et dans la ZSP Barbès – Goutte d'Or – La Chapelle – Château Rouge, plutôt que dans les quartiers pauvres en tant que tels ?</p>");
  if (!raw) {
    out.push(notComputed("Verdict, rapports de taux et tests de permutation", "stats/hypothesis.json", "stats"));
  } else {
    const h = readHypothesis(raw);
    if (typeof raw.fixture === "string") out.push(`<p class="missing" role="note"><strong>Attention :</strong> ${esc(raw.fixture)}</p>`);
    out.push(`<div class="verdict"><h3>Verdict</h3><p lang="fr">${esc(h.verdictFr || "—")}</p>${h.verdictEn ? `<p lang="en" class="en">${esc(h.verdictEn)}</p>` : ""}</div>`);
    out.push(`<h3>Modèle de comptage${h.model ? ` : ${esc(h.model)}` : ""}</h3>`);
    if (h.rateRatios.length) {
      out.push(forestPlotSvg(h.rateRatios));
      out.push('<table class="plain"><caption>Rapports de taux (IC à 95 %)</caption><thead><tr><th scope="col">Variable</th><th scope="col">Rapport de taux</th><th scope="col">IC 95 %</th><th scope="col">p</th></tr></thead><tbody>');
      for (const r of h.rateRatios) {
        out.push(`<tr><th scope="row">${esc(r.label)}</th><td class="n">${formatFr(r.rr, 3)}</td><td class="n">${formatFr(r.low, 3)} – ${formatFr(r.high, 3)}</td><td class="n">${p(r.p)}</td></tr>`);
      }
      out.push("</tbody></table>");
    } else out.push('<p class="missing">Aucun rapport de taux dans <code>stats/hypothesis.json</code>.</p>');
    out.push("<h3>Tests de permutation</h3>");
    if (!h.permutations.length) out.push('<p class="missing">Aucun test de permutation dans <code>stats/hypothesis.json</code>.</p>');
    for (const t of h.permutations) {
      out.push(`<figure class="perm"><figcaption><strong>${esc(t.label)}</strong>${t.statistic ? ` — ${esc(t.statistic)}` : ""} : observé ${auto(t.observed)}, enveloppe à 95 % ${auto(t.low)} – ${auto(t.high)}, p = ${p(t.p)}${t.draws ? `, ${formatFr(t.draws, 0)} tirages` : ""}.</figcaption>${envelopeSvg(t)}</figure>`);
    }
    if (h.caveats.length) out.push(`<h3>Réserves du calcul</h3><ul>${h.caveats.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`);
  }
  out.push(`<h3>Réserves permanentes</h3><ul>${STANDING_CAVEATS.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`);
  out.push("</section>");
  return out.join("");
}
