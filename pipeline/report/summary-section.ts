// The opening summary: what was counted (from the layers manifest) and the city-level indices of
// out/stats/summary.json, in sentences and small tables a reader can cite. Keys are those the
// stats stage writes (pipeline/stats/summary.ts, typed by its Summary), nothing else.
import type { Summary } from "../stats/summary.js";
import { esc, notComputed, notComputedBecause } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import type { ReportInputs } from "./read-inputs.js";
import { placeOf, zoneName, type ReportStudy } from "./study-terms.js";
import { capitalise, centralDistrictWords, listFr } from "../core/words-fr.js";

/**
 * French names of the rows of summary.shares, by their `zone` id: the declared zones, the central
 * districts (named from the coarsest level's table when it is read) and the stations' surroundings;
 * an unknown id keeps the stats stage's label.
 */
export function zoneLabels(study: ReportStudy, coarsest: Array<{ code: string; name: string }> | undefined): Record<string, string> {
  const names = new Map((coarsest ?? []).map((r) => [r.code, r.name]));
  return {
    ...Object.fromEntries(study.zones.map((z) => [z.layer, zoneName(z)])),
    // The verdict's words for them (stats stage), capitalised for a row head.
    central: capitalise(centralDistrictWords(study.levels[0].label, study.central, names).fr),
    terminals: "300 m autour des grandes gares",
  };
}

/** The Gini rows: 200 m cells, then the finest declared level (summary.json keys area_iris… whatever it is called). */
function giniRows(study: ReportStudy): Array<{ key: keyof Summary["gini"]; label: string; weight: string }> {
  const finest = study.levels[study.levels.length - 1].title;
  return [
    { key: "area_cells", label: "Carreaux de 200 m", weight: `surface dans ${study.place}` },
    { key: "residents_cells", label: "Carreaux de 200 m habités", weight: "habitants" },
    { key: "area_iris", label: finest, weight: "surface" },
    { key: "residents_iris", label: `${finest} habités`, weight: "habitants" },
  ];
}

const int = (v: number | null | undefined) => formatFr(v, 0);
const th = (labels: string[]) => `<thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join("")}</tr></thead>`;

function camerasPart(s: Summary, study: ReportStudy): string {
  const c = s.cameras;
  return `<p class="lede"><strong>${int(c.total)} caméras</strong> étudiées : ${int(c.in_city)} dans les limites ${esc(placeOf(study.place))} ` +
    `(${int(c.outside_every_district)} hors de tout ${esc(study.levels[0].label)}) ; ${int(c.in_inhabited_cells)} ` +
    "dans un carreau INSEE habité, les seules qui entrent dans les indices de revenu.</p>";
}

function giniPart(s: Summary, study: ReportStudy): string {
  const rows = giniRows(study).filter((r) => s.gini?.[r.key]).map((r) => {
    const g = s.gini[r.key]!;
    return `<tr><th scope="row">${r.label}</th><td>${r.weight}</td><td class="n">${int(g.units)}</td><td class="n">${int(g.cameras)}</td><td class="n"><strong>${formatFr(g.gini, 3)}</strong></td></tr>`;
  });
  return '<table class="plain" id="sum-gini"><caption>Indice de Gini des caméras (0 = réparties comme la surface ou les habitants, 1 = toutes dans une seule unité)</caption>' +
    th(["Unité", "Pondération", "Unités", "Caméras", "Gini"]) + `<tbody>${rows.join("")}</tbody></table>`;
}

function concentrationPart(s: Summary): string {
  const c = s.concentration;
  // A study without income cells: the stats stage says so instead of computing the index.
  if (c.not_computed) return `<p class="missing">Indice de concentration selon le niveau de vie non calculé : l'étude n'a pas de couche de revenus.</p>`;
  const lean = c.index > 0 ? "vers les résidents aisés" : c.index < 0 ? "vers les résidents modestes" : "ni vers les uns ni vers les autres";
  const deciles = c.deciles.map((d) => `<td class="n">${formatPercentFr(d.camera_share, 1)}</td>`).join("");
  const gap = s.mean_income_at_cameras / s.mean_income_residents - 1;
  return `<p>Indice de concentration des caméras selon le niveau de vie des habitants : <strong id="sum-ci">${formatFr(c.index, 3)}</strong> ` +
    `(de −1 à 1 ; 0 = caméras réparties comme les habitants ; ici, elles penchent ${lean}), sur ${int(c.cells)} carreaux habités ` +
    `et ${int(c.cameras)} caméras.</p>` +
    '<div class="scroll" tabindex="0" role="region" aria-label="Caméras par décile de niveau de vie"><table class="plain" id="sum-deciles"><caption>Part des caméras par décile d\'habitants classés par niveau de vie (D1 = les 10 % les plus modestes ; 10 % chacun si les caméras suivaient les habitants)</caption>' +
    th(c.deciles.map((d) => `D${d.decile}`)) + `<tbody><tr>${deciles}</tr></tbody></table></div>` +
    `<p>Niveau de vie moyen à l'emplacement des caméras : <strong id="sum-income-cam">${int(s.mean_income_at_cameras)}\u202f€/an</strong> ` +
    `par personne, contre <strong id="sum-income-res">${int(s.mean_income_residents)}\u202f€/an</strong> pour l'ensemble des habitants ` +
    `(${gap >= 0 ? "+" : ""}${formatPercentFr(gap, 1)}).</p>`;
}

function sharesPart(s: Summary, toleranceM: number | undefined, study: ReportStudy, labels: Record<string, string>): string {
  // A study with no zone, no central districts and no terminals: nothing to set against the area.
  if (!s.shares.length) return notComputedBecause("Parts des caméras et de la surface", "l'étude ne déclare ni zone, ni territoires du centre (<code>settings.central_districts</code>), ni grandes gares (couche <code>terminals</code>)");
  const tol = s.shares.some((r) => r.cameras_tolerance !== undefined);
  const rows = s.shares.map((r) => {
    const near = tol ? `<td class="n">${r.cameras_tolerance === undefined ? "—" : `${int(r.cameras_tolerance)} (${formatPercentFr(r.camera_share_tolerance, 1)})`}</td>` : "";
    return `<tr data-zone="${esc(r.zone)}"><th scope="row">${esc(labels[r.zone] ?? r.label)}</th><td class="n">${int(r.cameras)}</td><td class="n">${formatPercentFr(r.camera_share, 1)}</td>` +
      `<td class="n">${formatFr(r.area_km2, 2)}</td><td class="n">${formatPercentFr(r.area_share, 1)}</td><td class="n"><strong>×${formatFr(r.ratio, 2)}</strong></td>${near}</tr>`;
  });
  const heads = ["Zone", "Caméras", "Part des caméras", "Surface (km²)", "Part de la surface", "Rapport des parts"];
  if (tol) heads.push(`Caméras à moins de ${toleranceM === undefined ? "la tolérance" : `${formatFr(toleranceM, 0)}\u202fm`} de la zone`);
  return '<div class="scroll" tabindex="0" role="region" aria-label="Parts des caméras et de la surface"><table class="plain" id="sum-shares">' +
    `<caption>Part des ${int(s.cameras.total)} caméras et part de la surface ${esc(placeOf(study.place))} (rapport &gt; 1 : plus de caméras que la surface n'en prévoit)</caption>` +
    th(heads) + `<tbody>${rows.join("")}</tbody></table></div>`;
}

/** The camera layer's declared source and vintage, or what the user can add to credit it. */
function sourceOf(cams: { source?: string; vintage?: string }): string {
  if (!cams.source) return `source non déclarée (--source, --vintage ou "source" dans le fichier d'étude)${cams.vintage ? `, ${cams.vintage}` : ""}`;
  return `${cams.source}${cams.vintage ? `, ${cams.vintage}` : ""}`;
}

export function summarySection(inp: ReportInputs): string {
  const cams = inp.manifest.layers.find((l) => l.layer === "cameras");
  const out = ['<section id="resume" aria-labelledby="h-sum"><h2 id="h-sum">Résumé</h2>'];
  const s = inp.summary;
  if (!s) {
    if (cams) out.push(`<p>${int(cams.kept ?? null)} caméras dans la couche (${esc(sourceOf(cams))}).</p>`);
    out.push(notComputed(`Indices à l'échelle de la ville (Gini, concentration, parts ${listFr([...inp.study.zones.map((z) => `en ${z.short}`), "au centre", "près des gares"])})`, "stats/summary.json", "stats"));
  } else {
    out.push(camerasPart(s, inp.study));
    if (cams) out.push(`<p class="note">Couche des caméras : ${esc(sourceOf(cams))}.</p>`);
    out.push("<h3>Où sont les caméras : zones de l'hypothèse</h3>", sharesPart(s, inp.hypothesis?.permutation?.zone_tolerance_m, inp.study, zoneLabels(inp.study, inp.stats[inp.study.levels[0].layer])));
    out.push("<h3>Concentration</h3>", giniPart(s, inp.study));
    out.push("<h3>Caméras et revenus des habitants</h3>", concentrationPart(s));
  }
  out.push("</section>");
  return out.join("");
}
