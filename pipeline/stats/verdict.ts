// The verdict in plain French and English, written from the numbers (never hand-typed): each
// sentence picks its wording from the sign and significance of the result it quotes.
import type { ModelResult } from "./count-model.js";
import type { PermutationReport } from "./hypothesis.js";
import type { Summary } from "./summary.js";
import type { Claim } from "./claims.js";
import { methodFr } from "./method-names.js";
import type { ZoneDecl } from "../core/study.js";
import { capitalise } from "../core/words-fr.js";
import { GRADE_WORDS } from "../core/grade-words.js";

export interface Verdict {
  en: string[];
  fr: string[];
  caveats_en: string[];
  caveats_fr: string[];
}

const pct = (v: number, fr = false) => `${(100 * v).toFixed(1)}${fr ? " %" : "%"}`.replace(".", fr ? "," : ".");
const num = (v: number, d: number, fr = false) => (fr ? v.toFixed(d).replace(".", ",") : v.toFixed(d));
const pv = (p: number, fr = false) => {
  const v = fr ? p.toFixed(3).replace(".", ",") : p.toFixed(3);
  return p <= 0.002 ? `p ≤ ${v}` : `p = ${v}`;
};


/** One sentence per graded claim: the grade, the test that decided it, its p. */
export function claimSentences(claims: Claim[]): { en: string[]; fr: string[] } {
  const en: string[] = [], fr: string[] = [];
  for (const c of claims) {
    if (!c.grade) {
      en.push(`${c.statement.en}: not graded (${c.not_computed}).`);
      fr.push(`${c.statement.fr} : non évalué (${c.not_computed}).`);
      continue;
    }
    const p = c.p_decisive === null ? "" : `, ${pv(c.p_decisive)}`;
    en.push(`${c.statement.en}: ${GRADE_WORDS[c.grade].en} (decided by ${c.decided_by}${p}). This is ${c.is_not}.`);
    const pf = c.p_decisive === null ? "" : `, ${pv(c.p_decisive, true)}`;
    fr.push(`${c.statement.fr} : ${GRADE_WORDS[c.grade].fr} (test décisif : ${methodFr(c.decided_by ?? "")}${pf}). Association, pas causalité.`);
  }
  return { en, fr };
}

/** `central`: how the sentences name the central districts (core/words-fr.ts centralDistrictWords). */
export function writeVerdict(summary: Summary, nb: ModelResult, perm: PermutationReport, zones: ZoneDecl[] = [], claims: Claim[] = [], central: { en: string; fr: string } = { en: "the central districts", fr: "les territoires du centre" }): Verdict {
  const share = (z: string) => summary.shares.find((s) => s.zone === z);
  const term = (t: string) => nb.terms.find((x) => x.term === t);
  const test = (nl: keyof PermutationReport["tests"], s: string) => perm.tests[nl]?.results[s];
  const cen = share("central") ?? { area_share: 0, camera_share: 0, ratio: 0 }, ter = share("terminals") ?? { area_share: 0, camera_share: 0, ratio: 0 };
  const ci = summary.concentration.index;
  const ciRes = test("residents", "concentration_index");
  // A rate ratio with its interval, flagged when the interval contains 1.
  const rr = (t: string, fr = false) => {
    const x = term(t);
    if (!x || x.rate_ratio === null) return fr ? "non estimé (terme absent du modèle)" : "not estimated (term not in the model)";
    const ns = x.p! >= 0.05 ? (fr ? ", non significatif" : ", not significant") : "";
    return `${num(x.rate_ratio!, 2, fr)} [${num(x.ci95[0]!, 2, fr)}–${num(x.ci95[1]!, 2, fr)}${ns}]`;
  };
  const maxP = (s: string) => Math.max(...Object.values(perm.tests).map((t) => t!.results[s].p_two_sided));
  const nNulls = Object.keys(perm.tests).length;
  const en: string[] = [], fr: string[] = [];

  const tol = perm.zone_tolerance_m;
  for (const zd of zones) {
    const z = share(zd.layer);
    if (!z || !(z.area_share > 0)) continue;
    const stat = `share_${zd.layer}`;
    const p = maxP(stat), held = p < 0.05, more = z.ratio > 1;
    en.push(`${capitalise(zd.label.en)} (${zd.short}): ${pct(z.camera_share)} of the ${summary.cameras.total} cameras stand in one (${pct(z.camera_share_tolerance ?? z.camera_share)} within ${tol} m), which cover ${pct(z.area_share)} of the city (×${num(z.ratio, 2)} its area share); against the ${nNulls} nulls that place cameras independently (ignoring their clustering) ${held ? `the ${more ? "excess" : "deficit"} is significant` : "it is not significant against every one"} (largest two-sided ${pv(p)}); count-model rate ratio for a cell inside one ${rr(`${zd.layer}_share`)}.`);
    fr.push(`${capitalise(zd.label.fr)} (${zd.short}) : ${pct(z.camera_share, true)} des ${summary.cameras.total} caméras y sont (${pct(z.camera_share_tolerance ?? z.camera_share, true)} à moins de ${tol} m), pour ${pct(z.area_share, true)} de la surface (×${num(z.ratio, 2, true)}) ; face aux ${nNulls} hypothèses nulles qui placent les caméras indépendamment (sans tenir compte de leur regroupement), ${held ? `${more ? "l'excès" : "le déficit"} est significatif` : "ce n'est pas significatif face à toutes"} (plus grand p bilatéral ${pv(p, true)}) ; rapport de taux du modèle pour un carreau entièrement dedans ${rr(`${zd.layer}_share`, true)}.`);
  }

  en.push(`Centre and transport: ${cen.area_share > 0 ? `${central.en} hold ${pct(cen.camera_share)} of the cameras for ${pct(cen.area_share)} of the area (×${num(cen.ratio, 1)}). ` : ""}${ter.area_share > 0 ? `The 300 m around the major terminals hold ${pct(ter.camera_share)} for ${pct(ter.area_share)} (×${num(ter.ratio, 1)}). ` : ""}In the model each km from the centre multiplies the expected count by ${rr("dist_centre_km")}, each km from a terminal by ${rr("dist_terminal_km")}, each metro/RER station within 300 m by ${rr("stations_300m")}.`);
  fr.push(`Centre et transports : ${cen.area_share > 0 ? `${central.fr} ont ${pct(cen.camera_share, true)} des caméras pour ${pct(cen.area_share, true)} de la surface (×${num(cen.ratio, 1, true)}). ` : ""}${ter.area_share > 0 ? `Les 300 m autour des grandes gares en ont ${pct(ter.camera_share, true)} pour ${pct(ter.area_share, true)} (×${num(ter.ratio, 1, true)}). ` : ""}Dans le modèle, chaque km depuis le centre multiplie le nombre attendu par ${rr("dist_centre_km", true)}, chaque km depuis une grande gare par ${rr("dist_terminal_km", true)}, chaque station de métro/RER à moins de 300 m par ${rr("stations_300m", true)}.`);

  const income = summary.concentration.not_computed === undefined && ciRes !== undefined;
  const towardRich = ci > 0;
  const inc = term("log_income_c");
  const incSig = inc !== undefined && inc.p !== null && inc.p < 0.05;
  if (income) en.push(`Poverty: the concentration index of cameras over residents ranked by income is ${num(ci, 3)} (${towardRich ? "cameras lean towards the better-off residents" : "cameras lean towards the poorer residents"}; placement proportional to residents gives ${num(ciRes!.envelope[0], 3)} to ${num(ciRes!.envelope[2], 3)}, ${pv(ciRes!.p_two_sided)}), and the mean income at camera locations is ${Math.round(perm.observed.mean_income)} € against ${Math.round(summary.mean_income_residents ?? NaN)} € for residents. Once location is held constant (centre, zones, stations, terminals, city limit, residents), the model's income rate ratio per log unit is ${rr("log_income_c")}${incSig ? (inc!.rate_ratio! < 1 ? ": among comparable places, poorer cells have more cameras" : ": among comparable places, richer cells have more cameras") : ""}.`);
  if (income) fr.push(`Pauvreté : l'indice de concentration des caméras sur les résidents classés par revenu vaut ${num(ci, 3, true)} (${towardRich ? "les caméras penchent vers les résidents aisés" : "les caméras penchent vers les résidents pauvres"} ; un placement proportionnel aux résidents donne ${num(ciRes!.envelope[0], 3, true)} à ${num(ciRes!.envelope[2], 3, true)}, ${pv(ciRes!.p_two_sided, true)}) et le niveau de vie moyen aux emplacements des caméras est de ${Math.round(perm.observed.mean_income)} € contre ${Math.round(summary.mean_income_residents ?? NaN)} € pour les résidents. À emplacement comparable (centre, zones, stations, gares, limite de la ville, résidents), le rapport de taux du revenu par unité de log est ${rr("log_income_c", true)}${incSig ? (inc!.rate_ratio! < 1 ? " : à lieux comparables, les mailles plus pauvres ont plus de caméras" : " : à lieux comparables, les mailles plus riches ont plus de caméras") : ""}.`);

  const graded = claimSentences(claims);
  en.push(...graded.en);
  fr.push(...graded.fr);
  const z0 = zones[0]?.layer;
  const j = z0 ? perm.jitter.statistics[`share_${z0}`].observed_range : [NaN, NaN];
  const approx = zones.filter((z) => z.approximated);
  return {
    en,
    fr,
    caveats_en: [
      "Residents are not the daytime population: tourists, commuters and shoppers, whom the cameras also watch, are not in the INSEE counts.",
      ...approx.map((z) => `The ${z.short} perimeters are approximations built by a documented rule, not official geometry.`),
      ...(z0 ? [`Geocoding uncertainty: re-running on ${perm.jitter.replicates} jittered copies of the camera positions (σ ${perm.jitter.sigma_m.confidence_1}–${perm.jitter.sigma_m.confidence_0} m by geocode_confidence) moves the ${zones[0].short} share between ${pct(j[0])} and ${pct(j[1])}; zone limits often follow street axes, where cameras stand.`] : []),
      "Cameras cluster: tests that place cameras or treat cells independently are too confident; each claim is graded by the tests that keep the clustering (rotation, zone moves, placebo zones, spatial-HAC, block bootstrap).",
      "Income is the 2015 Filosofi standard of living of 200 m cells, some imputed by INSEE; cells without residents have no income and are handled by an indicator.",
    ],
    caveats_fr: [
      "Les résidents ne sont pas la population de jour : touristes, navetteurs et clients, que les caméras filment aussi, ne sont pas dans les comptages de l'INSEE.",
      ...approx.map((z) => `Les périmètres des ${z.short} sont des approximations construites par une règle documentée, pas une géométrie officielle.`),
      ...(z0 ? [`Incertitude du géocodage : sur ${perm.jitter.replicates} copies des positions bruitées (σ ${perm.jitter.sigma_m.confidence_1}–${perm.jitter.sigma_m.confidence_0} m selon geocode_confidence), la part en ${zones[0].short} varie entre ${pct(j[0], true)} et ${pct(j[1], true)} ; les limites des zones suivent souvent l'axe des rues, là où sont les caméras.`] : []),
      "Les caméras se regroupent : les tests qui les placent ou traitent les carreaux indépendamment sont trop confiants ; chaque affirmation est jugée par les tests qui gardent ce regroupement (rotation, déplacement des zones, zones placebo, HAC spatial, bootstrap par blocs).",
      "Le revenu est le niveau de vie Filosofi 2015 des carreaux de 200 m, parfois imputé par l'INSEE ; les carreaux sans résidents n'ont pas de revenu et sont traités par une indicatrice.",
    ],
  };
}
