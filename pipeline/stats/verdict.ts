// The verdict in plain French and English, written from the numbers (never hand-typed): each
// sentence picks its wording from the sign and significance of the result it quotes.
import type { ModelResult } from "./count-model.js";
import type { PermutationReport } from "./hypothesis.js";
import type { Summary } from "./summary.js";

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

export function writeVerdict(summary: Summary, nb: ModelResult, perm: PermutationReport): Verdict {
  const share = (z: string) => summary.shares.find((s) => s.zone === z)!;
  const term = (t: string) => nb.terms.find((x) => x.term === t);
  const test = (nl: keyof PermutationReport["tests"], s: keyof PermutationReport["observed"]) => perm.tests[nl]?.results[s];
  const zti = share("zti"), zsp = share("zsp"), cen = share("central"), ter = share("terminals");
  const ci = summary.concentration.index;
  const ciRes = test("residents", "concentration_index");
  // A rate ratio with its interval, flagged when the interval contains 1.
  const rr = (t: string, fr = false) => {
    const x = term(t);
    if (!x || x.rate_ratio === null) return fr ? "non estimé (terme absent du modèle)" : "not estimated (term not in the model)";
    const ns = x.p! >= 0.05 ? (fr ? ", non significatif" : ", not significant") : "";
    return `${num(x.rate_ratio!, 2, fr)} [${num(x.ci95[0]!, 2, fr)}–${num(x.ci95[1]!, 2, fr)}${ns}]`;
  };
  const maxP = (s: keyof PermutationReport["observed"]) => Math.max(...Object.values(perm.tests).map((t) => t!.results[s].p_two_sided));
  const nNulls = Object.keys(perm.tests).length;
  const en: string[] = [], fr: string[] = [];

  const tol = perm.zone_tolerance_m;
  if (zti.area_share > 0) {
    const p = maxP("share_zti"), held = p < 0.05, more = zti.ratio > 1;
    en.push(`Tourist zones: ${pct(zti.camera_share)} of the ${summary.cameras.total} cameras stand in a ZTI (${pct(zti.camera_share_tolerance!)} within ${tol} m of one), which covers ${pct(zti.area_share)} of the city (${num(zti.ratio, 1)} times its area share); ${held ? `the ${more ? "excess" : "deficit"} is significant against all ${nNulls} nulls` : `not significant against every null`} (largest two-sided ${pv(p)}); count-model rate ratio for a cell inside a ZTI ${rr("zti_share")}.`);
    fr.push(`Zones touristiques : ${pct(zti.camera_share, true)} des ${summary.cameras.total} caméras sont dans une ZTI (${pct(zti.camera_share_tolerance!, true)} à moins de ${tol} m d'une ZTI), qui couvre ${pct(zti.area_share, true)} de la ville (${num(zti.ratio, 1, true)} fois sa part de surface) ; ${held ? `${more ? "l'excès" : "le déficit"} est significatif face aux ${nNulls} hypothèses nulles` : "ce n'est pas significatif face à toutes les hypothèses nulles"} (plus grand p bilatéral ${pv(p, true)}) ; rapport de taux du modèle pour une maille dans une ZTI ${rr("zti_share", true)}.`);
  }

  en.push(`Centre and transport: ${cen.area_share > 0 ? `arrondissements 1–4 hold ${pct(cen.camera_share)} of the cameras for ${pct(cen.area_share)} of the area (×${num(cen.ratio, 1)}). ` : ""}${ter.area_share > 0 ? `The 300 m around the major terminals hold ${pct(ter.camera_share)} for ${pct(ter.area_share)} (×${num(ter.ratio, 1)}). ` : ""}In the model each km from the centre multiplies the expected count by ${rr("dist_centre_km")}, each km from a terminal by ${rr("dist_terminal_km")}, each metro/RER station within 300 m by ${rr("stations_300m")}.`);
  fr.push(`Centre et transports : ${cen.area_share > 0 ? `les arrondissements 1 à 4 ont ${pct(cen.camera_share, true)} des caméras pour ${pct(cen.area_share, true)} de la surface (×${num(cen.ratio, 1, true)}). ` : ""}${ter.area_share > 0 ? `Les 300 m autour des grandes gares en ont ${pct(ter.camera_share, true)} pour ${pct(ter.area_share, true)} (×${num(ter.ratio, 1, true)}). ` : ""}Dans le modèle, chaque km depuis le centre multiplie le nombre attendu par ${rr("dist_centre_km", true)}, chaque km depuis une grande gare par ${rr("dist_terminal_km", true)}, chaque station de métro/RER à moins de 300 m par ${rr("stations_300m", true)}.`);

  const zspU = test("uniform_area", "share_zsp"), zspC = test("street_crossings", "share_zsp"), zspR = test("residents", "share_zsp");
  const vs = (t: typeof zspU, what: string, fr: boolean) => {
    if (!t) return fr ? `pas de test contre ${what}` : `no test against ${what}`;
    if (t.p_two_sided >= 0.05) return `${fr ? "conforme à " : "in line with "}${what} (${pv(t.p_two_sided, fr)})`;
    const more = t.observed > t.null_mean;
    return `${fr ? (more ? "plus qu'avec " : "moins qu'avec ") : more ? "more than under " : "fewer than under "}${what} (${pct(t.null_mean, fr)} expected, ${pv(t.p_two_sided, fr)})`.replace(" expected,", fr ? " attendus," : " expected,");
  };
  const zspMore = zsp.ratio > 1;
  if (zsp.area_share > 0) {
    en.push(`Priority security zones: ${pct(zsp.camera_share)} of the cameras (${pct(zsp.camera_share_tolerance!)} within ${tol} m) for ${pct(zsp.area_share)} of the area (×${num(zsp.ratio, 2)}); ${vs(zspU, "uniform placement", false)}, ${vs(zspC, "placement on street crossings", false)}, ${vs(zspR, "placement proportional to residents", false)}; model rate ratio ${rr("zsp_share")}.`);
    fr.push(`Zones de sécurité prioritaires : ${pct(zsp.camera_share, true)} des caméras (${pct(zsp.camera_share_tolerance!, true)} à moins de ${tol} m) pour ${pct(zsp.area_share, true)} de la surface (×${num(zsp.ratio, 2, true)}) ; ${vs(zspU, "un placement uniforme", true)}, ${vs(zspC, "un placement aux croisements de rues", true)}, ${vs(zspR, "un placement proportionnel aux résidents", true)} ; rapport de taux ${rr("zsp_share", true)}.`);
  }

  const towardRich = ci > 0;
  const inc = term("log_income_c");
  const incSig = inc !== undefined && inc.p !== null && inc.p < 0.05;
  en.push(`Poverty: the concentration index of cameras over residents ranked by income is ${num(ci, 3)} (${towardRich ? "cameras lean towards the better-off residents" : "cameras lean towards the poorer residents"}; placement proportional to residents gives ${num(ciRes!.envelope[0], 3)} to ${num(ciRes!.envelope[2], 3)}, ${pv(ciRes!.p_two_sided)}), and the mean income at camera locations is ${Math.round(perm.observed.mean_income)} € against ${Math.round(summary.mean_income_residents)} € for residents. Once location is held constant (centre, zones, stations, terminals, city limit, residents), the model's income rate ratio per log unit is ${rr("log_income_c")}${incSig ? (inc!.rate_ratio! < 1 ? ": among comparable places, poorer cells have more cameras" : ": among comparable places, richer cells have more cameras") : ""}.`);
  fr.push(`Pauvreté : l'indice de concentration des caméras sur les résidents classés par revenu vaut ${num(ci, 3, true)} (${towardRich ? "les caméras penchent vers les résidents aisés" : "les caméras penchent vers les résidents pauvres"} ; un placement proportionnel aux résidents donne ${num(ciRes!.envelope[0], 3, true)} à ${num(ciRes!.envelope[2], 3, true)}, ${pv(ciRes!.p_two_sided, true)}) et le niveau de vie moyen aux emplacements des caméras est de ${Math.round(perm.observed.mean_income)} € contre ${Math.round(summary.mean_income_residents)} € pour les résidents. À emplacement comparable (centre, zones, stations, gares, limite de la ville, résidents), le rapport de taux du revenu par unité de log est ${rr("log_income_c", true)}${incSig ? (inc!.rate_ratio! < 1 ? " : à lieux comparables, les mailles plus pauvres ont plus de caméras" : " : à lieux comparables, les mailles plus riches ont plus de caméras") : ""}.`);

  const j = perm.jitter.statistics.share_zti.observed_range;
  return {
    en,
    fr,
    caveats_en: [
      "Residents are not the daytime population: tourists, commuters and shoppers, whom the cameras also watch, are not in the INSEE counts.",
      "The ZSP perimeters are approximations built by a documented rule (data/paris/zsp.json), not official geometry.",
      `Geocoding uncertainty: re-running on ${perm.jitter.replicates} jittered copies of the camera positions (σ ${perm.jitter.sigma_m.confidence_1}–${perm.jitter.sigma_m.confidence_0} m by geocode_confidence) moves the ZTI share between ${pct(j[0])} and ${pct(j[1])}; ZTI limits follow street axes, where cameras stand.`,
      "Income is the 2015 Filosofi standard of living of 200 m cells, some imputed by INSEE; cells without residents have no income and are handled by an indicator.",
    ],
    caveats_fr: [
      "Les résidents ne sont pas la population de jour : touristes, navetteurs et clients, que les caméras filment aussi, ne sont pas dans les comptages de l'INSEE.",
      "Les périmètres des ZSP sont des approximations construites par une règle documentée (data/paris/zsp.json), pas une géométrie officielle.",
      `Incertitude du géocodage : sur ${perm.jitter.replicates} copies des positions bruitées (σ ${perm.jitter.sigma_m.confidence_1}–${perm.jitter.sigma_m.confidence_0} m selon geocode_confidence), la part en ZTI varie entre ${pct(j[0], true)} et ${pct(j[1], true)} ; les limites des ZTI suivent l'axe des rues, là où sont les caméras.`,
      "Le revenu est le niveau de vie Filosofi 2015 des carreaux de 200 m, parfois imputé par l'INSEE ; les carreaux sans résidents n'ont pas de revenu et sont traités par une indicatrice.",
    ],
  };
}
