// The report's "flows" section: station ridership (how the operator's rows were placed, its
// caveats, what the count model says of it) and the crowdsourced private cameras against the
// study's. Reads layers/ridership_match.json, stats/hypothesis.json and stats/private_cameras.json;
// what is absent becomes a "not computed" note.
import { esc, notComputed, notDeclared } from "./html.js";
import type { ReportStudy } from "./study-terms.js";
import { capitalise } from "../core/words-fr.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import type { RidershipMatchReport } from "../contracts.js";
import type { HypothesisFile } from "./hypothesis-data.js";

/** out/stats/private_cameras.json, as the report reads it (pipeline/stats/private-cameras-inputs.ts). */
export interface PrivateCamerasFile {
  label: { fr: string; en: string };
  high_ridership: { threshold_entries: number; stations: number } | string;
  rows: Array<{ group: string; label: string; cameras: number; in_city: number; central_share: number | null; zone_shares: Record<string, number | null>; near_high_ridership_share: number | null; near_any_station_share: number | null; median_ridership_300m: number | null }>;
  coverage: { districts: number; districts_with_any: number; top3_share: number };
  why_no_test: string;
}

export const CAVEATS_FR =
  "Ce sont des entrées (validations à l'entrée du réseau), pas des sorties ni des passants ; du seul réseau RATP (Métro et partie RATP des RER A et B : ni Transilien, ni partie SNCF des RER B, C, D et E, ni tramway ni bus) ; " +
  "les correspondances à l'intérieur d'une station ne sont pas comptées, si bien que les grands pôles (Châtelet, gares) sont sous-estimés par rapport à leur fréquentation réelle.";

const GROUPS_FR: Record<string, string> = {
  crowdsourced_private: "Relevé bénévole : caméras privées",
  crowdsourced_public: "Relevé bénévole : caméras publiques",
  crowdsourced_all: "Relevé bénévole : toutes",
  study_cameras: "Caméras de la couche étudiée",
  city_area: "Part de la surface de la ville",
};

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatPercentFr(v, 1));
const millions = (v: number) => `${formatFr(v / 1e6, 1)}\u202fM`;

function matchPart(m: RidershipMatchReport): string {
  const unmatched = m.unmatched.length
    ? `<p>Lignes non placées (${m.unmatched.length}) : ${m.unmatched.map((u) => `${esc(u.station)} (${esc(u.network)}, ligne ${u.line} du fichier, ${formatFr(u.entries, 0)} entrées : ${esc(u.reason)})`).join(" ; ")}.</p>`
    : "<p>Aucune ligne du fichier n'est restée sans station.</p>";
  return (
    `<p class="lede">Entrées annuelles ${m.year ?? ""} du réseau ferré RATP : ${formatFr(m.rows_matched, 0)} lignes sur ${formatFr(m.rows, 0)} placées sur une station (gares IDFM), soit ${formatPercentFr(m.entries_placed_share, 2)} des ${millions(m.entries)} d'entrées. ` +
    `${m.by_method.name} par le nom normalisé (casse, accents, tirets, apostrophes, « -RER »), ${m.by_method["name+lines"]} homonymes départagés par le réseau et les lignes, ${m.by_method.alias} par la table d'alias documentée (<code>flows/aliases.csv</code>). ` +
    `Le détail est dans <code>layers/ridership_match.json</code>.</p>` +
    (m.year_note ? `<p class="note">Année : ${esc(m.year_note)}.</p>` : "") +
    unmatched +
    `<p class="note">${esc(CAVEATS_FR)}</p><p>Cartes : <code>maps/ridership.svg</code> (entrées par station, caméras par-dessus) et <code>maps/private-cameras.svg</code> (relevé bénévole), avec leurs PNG et PDF.</p>`
  );
}

function modelPart(h: HypothesisFile | undefined): string {
  const t = h?.models?.negative_binomial?.terms?.find((x) => x.term === "log_ridership_300m");
  if (!t) return notComputed("Effet de la fréquentation dans le modèle de comptage", "stats/hypothesis.json", "stats");
  const claim = ((h as unknown as { verdict?: { claims?: Array<{ id: string; grade: string; decided_by?: string }> } }).verdict?.claims ?? []).find((c) => c.id === "ridership");
  const grade = claim ? ` Verdict : <strong>${esc(claim.grade)}</strong>${claim.decided_by ? ` (décidé par ${esc(claim.decided_by)})` : ""}.` : " Le verdict de <code>stats/hypothesis.json</code> ne contient pas de revendication <code>ridership</code> : elle n'est pas notée ici.";
  return (
    `<p>Dans le modèle binomial négatif des caméras par carreau de 200 m, chaque unité de log(1 + entrées des stations à moins de 300 m du centre du carreau) — soit des entrées multipliées par 2,72 — multiplie le nombre attendu de caméras par ` +
    `<strong>${formatFr(t.rate_ratio, 3)}</strong> [${formatFr(t.ci95[0], 3)}–${formatFr(t.ci95[1], 3)}], à côté du nombre de stations, p = ${formatFr(t.p, 3)}. ` +
    `Un carreau près d'une station de 10 millions d'entrées attend ainsi ×${formatFr(t.rate_ratio === null ? null : Math.pow(t.rate_ratio, Math.log1p(1e7)), 2)} caméras par rapport à un carreau sans station, toutes choses égales par ailleurs (intervalle calculé comme si les carreaux étaient indépendants : voir la section Hypothèse).${grade}</p>`
  );
}

function privatePart(p: PrivateCamerasFile | undefined, study: Pick<ReportStudy, "zones" | "layers">): string {
  if (!p) return study.layers.includes("private_cameras") ? notComputed("Caméras privées relevées par des bénévoles", "stats/private_cameras.json", "stats") : notDeclared("Caméras privées relevées par des bénévoles", "private_cameras");
  const zones = Object.keys(p.rows[0]?.zone_shares ?? {});
  const short = (z: string) => study.zones.find((d) => d.layer === z)?.short ?? z.toUpperCase();
  const head = ["Groupe", "Caméras (dans la ville)", "Centre", ...zones.map((z) => `Zone ${short(z)}`), "Près d'une station très fréquentée", "Près d'une station", "Entrées à 300 m (médiane)"];
  const rows = p.rows.map((r) =>
    `<tr><th scope="row">${esc(GROUPS_FR[r.group] ?? r.label)}</th><td class="n">${r.group === "city_area" ? "—" : `${formatFr(r.cameras, 0)} (${formatFr(r.in_city, 0)})`}</td><td class="n">${pct(r.central_share)}</td>` +
    zones.map((z) => `<td class="n">${pct(r.zone_shares[z])}</td>`).join("") +
    `<td class="n">${pct(r.near_high_ridership_share)}</td><td class="n">${pct(r.near_any_station_share)}</td><td class="n">${r.median_ridership_300m === null ? "—" : millions(r.median_ridership_300m)}</td></tr>`);
  const high = typeof p.high_ridership === "string" ? esc(p.high_ridership) : `les ${p.high_ridership.stations} stations de la ville au-dessus du 9e décile des entrées (≥ ${millions(p.high_ridership.threshold_entries)}), à moins de 300 m`;
  return (
    `<h3>Caméras privées</h3><p><strong>${esc(capitalise(p.label.fr))}.</strong> Les parts sont celles des caméras situées dans la ville ; « très fréquentée » : ${high}. ` +
    `Le relevé a des points dans ${p.coverage.districts_with_any} territoires sur ${p.coverage.districts}, dont ${formatPercentFr(p.coverage.top3_share, 0)} dans trois : aucun test n'est fait, car il mesurerait les trajets des bénévoles plus que l'emplacement des caméras.</p>` +
    '<div class="scroll" tabindex="0" role="region" aria-label="Caméras privées"><table class="plain" id="private-cameras">' +
    "<caption>Où se trouvent les caméras privées relevées par des bénévoles, comparées à la couche étudiée et à la surface</caption>" +
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`
  );
}

export function ridershipSection(match: RidershipMatchReport | undefined, hypothesis: HypothesisFile | undefined, privateCams: PrivateCamerasFile | undefined, study: Pick<ReportStudy, "zones" | "layers">): string {
  const out = ['<section id="flux" aria-labelledby="h-flux"><h2 id="h-flux">Flux de voyageurs et caméras privées</h2>'];
  const what = "Fréquentation des stations (la couche ridership de l'étude)";
  out.push(match ? matchPart(match) + modelPart(hypothesis) : study.layers.includes("ridership") ? notComputed(what, "layers/ridership_match.json", "layers") : notDeclared(what, "ridership"));
  out.push(privatePart(privateCams, study));
  out.push("</section>");
  return out.join("");
}
