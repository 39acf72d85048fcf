// The change section: what the matching of the 2012 layer with the studied sites found
// (out/stats/change.json), how it agrees with the commissioning dates it did not use, the timing
// tests against the zones' designation dates with their grades, and change per district
// (out/stats/change_<level>.csv). Absent or not computed → the reason, never a failure.
import type { ChangeDistrictRow, ChangeReport } from "../contracts.js";
import { esc, notComputed } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import { parseCsv } from "../geo/read-csv.js";
import type { DistrictRow } from "./district-table.js";
import { GRADE_WORDS } from "../core/grade-words.js";
import { methodFr } from "../stats/method-names.js";

export interface ChangeInputs {
  report?: ChangeReport;
  /** change_<level>.csv of the first level, with the level's title and the district names. */
  districts?: { title: string; rows: ChangeDistrictRow[]; names: Map<string, string> };
}

// The tests' names as the stats stage writes them (English), in the page's French.
const testFr = methodFr;
const th = (labels: string[]) => `<thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join("")}</tr></thead>`;
const table = (id: string, caption: string, head: string[], rows: string[]) =>
  `<div class="scroll" tabindex="0" role="region" aria-label="${esc(caption)}"><table class="plain" id="${id}"><caption>${esc(caption)}</caption>${th(head)}<tbody>${rows.join("")}</tbody></table></div>`;
const td = (v: string) => `<td class="n">${v}</td>`;
const p3 = (v: number | undefined) => (v === undefined ? "—" : formatFr(v, 3));

export function parseChangeDistricts(text: string, file: string): ChangeDistrictRow[] {
  const t = parseCsv(text, file, ",");
  const col = (h: string) => t.header.indexOf(h);
  return t.rows.map((r) => ({
    code: r.cells[col("code")], cameras_2012: Number(r.cells[col("cameras_2012")]), cameras_2019: Number(r.cells[col("cameras_2019")]),
    kept: Number(r.cells[col("kept")]), new: Number(r.cells[col("new")]), gone: Number(r.cells[col("gone")]),
  }));
}

export function districtNames(rows: DistrictRow[] | undefined): Map<string, string> {
  return new Map((rows ?? []).map((r) => [r.code, r.name]));
}

function byYear(r: ChangeReport): string {
  const years = new Map<string, { n: number; kept: number; fresh: number }>();
  for (const m of r.commissioned_by_month ?? []) {
    const y = years.get(m.month.slice(0, 4)) ?? { n: 0, kept: 0, fresh: 0 };
    y.n += m.cameras;
    y.kept += m.kept ?? 0;
    y.fresh += m.new ?? 0;
    years.set(m.month.slice(0, 4), y);
  }
  const rows = [...years].map(([y, v]) => `<tr><th scope="row">${y}</th>${td(formatFr(v.n, 0))}${td(formatFr(v.kept, 0))}${td(formatFr(v.fresh, 0))}${td(formatPercentFr(v.kept / v.n, 0))}</tr>`);
  return "<p>Contrôle : l'appariement n'utilise pas les dates de mise en service. Si la couche 2012 date bien de fin 2012, les sites mis en service avant doivent y être, ceux d'après non.</p>" +
    table("change-years", "Sites datés par année de mise en service : déjà dans la couche 2012 ou nouveaux", ["Année", "Sites datés", "Déjà en 2012", "Nouveaux", "Part déjà en 2012"], rows);
}

function zoneShares(r: ChangeReport): string {
  const z = r.zone_shares ?? [];
  if (!z.length) return "";
  const rows = z.map((x) => `<tr><th scope="row">${esc(x.short)}</th>${td(`${formatPercentFr(x.kept_share, 1)} (${formatFr(x.kept_in_zone, 0)}/${formatFr(x.kept, 0)})`)}${td(`${formatPercentFr(x.new_share, 1)} (${formatFr(x.new_in_zone, 0)}/${formatFr(x.new, 0)})`)}</tr>`);
  return table("change-zones", "Part des sites dans chaque zone : présents en 2012 ou nouveaux (description, sans test ; le test est la chronologie ci-dessous)", ["Zone", "Présents en 2012", "Nouveaux"], rows);
}

function timing(r: ChangeReport): string {
  const t = r.timing;
  if (!t.computed) return `<p class="missing" role="note"><strong>Non calculé.</strong> Chronologie des zones : ${esc(t.reason_fr ?? t.reason)}.</p>`;
  const rows = t.tests.map((x) =>
    `<tr data-grade="${x.grade}"><th scope="row">${esc(x.zone_short)}${x.part ? ` ${esc(x.part)}` : ""}</th><td>${esc(x.date)}</td>` +
    td(`${formatPercentFr(x.before.share, 1)} (${formatFr(x.before.in_zone, 0)}/${formatFr(x.before.cameras, 0)})`) +
    td(`${formatPercentFr(x.after.share, 1)} (${formatFr(x.after.in_zone, 0)}/${formatFr(x.after.cameras, 0)})`) +
    td(formatPercentFr(x.area_share, 1)) + td(p3(x.rotation?.p_upper)) + td(p3(x.date_permutation?.p_upper)) + `<td>${esc(x.tested ? GRADE_WORDS[x.grade].fr : `non testé : ${x.reason_fr ?? x.reason}`)}</td></tr>`);
  return "<h3>Les caméras sont-elles venues après la désignation des zones ?</h3>" +
    `<p>${esc(r.claim.statement.fr)}</p><p>Verdict : <strong>${esc(GRADE_WORDS[r.claim.grade].fr)}</strong> (décidé par : ${esc(testFr(r.claim.decided_by))}).</p>` +
    table("change-timing", "Part des caméras dans la zone selon leur mise en service avant ou après la date de désignation", ["Zone", "Date", "Avant", "Après", "Part de la surface", "p (zone déplacée)", "p (dates permutées)", "Verdict"], rows) +
    "<p>Le test décisif déplace et tourne la zone au hasard dans la ville, caméras et dates fixes : il garde le regroupement des caméras et des dates. Permuter les dates entre sites suppose que les dates ne se regroupent pas dans l'espace ; il est montré à côté. Correction de Bonferroni sur le nombre de dates testées.</p>" +
    `<ul class="caveats">${t.caveats.fr.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`;
}

function districts(d: NonNullable<ChangeInputs["districts"]>): string {
  const rows = d.rows.map((r) => `<tr><th scope="row">${esc(d.names.get(r.code) ?? r.code)} <code>${esc(r.code)}</code></th>${[r.cameras_2012, r.cameras_2019, r.kept, r.new, r.gone].map((v) => td(formatFr(v, 0))).join("")}</tr>`);
  return table("change-districts", `Changement par ${d.title}`, ["Territoire", "Caméras 2012", "Sites 2019", "Présents aux deux", "Nouveaux", "Disparus"], rows);
}

export function changeSection(c: ChangeInputs): string {
  const head = '<section id="changement" aria-labelledby="h-chg"><h2 id="h-chg">Ce qui a changé depuis 2012</h2>';
  const r = c.report;
  if (!r) return head + notComputed("Changement depuis la couche 2012", "stats/change.json", "stats") + "</section>";
  if (!r.computed || !r.counts) return head + `<p class="missing" role="note"><strong>Non calculé.</strong> Appariement avec la couche 2012 : ${esc(r.reason)}.</p>` + timing(r) + "</section>";
  const k = r.counts;
  const sens = (r.sensitivity ?? []).map((s) => `<tr><th scope="row">× ${formatFr(s.threshold_scale, 1)}</th>${td(formatFr(s.kept, 0))}${td(formatFr(s.new, 0))}${td(formatFr(s.removed, 0))}</tr>`);
  const t = (r.rule as { threshold_m?: { confidence_1: number; confidence_0: number } } | undefined)?.threshold_m;
  return head +
    `<p>Sur ${formatFr(k.sites_placed, 0)} sites placés de la liste étudiée et ${formatFr(k.earlier_in_city, 0)} caméras de la couche 2012 dans la ville ` +
    `(${formatFr(k.earlier_outside_city, 0)} autres juste hors de la ville, comptées à part) : <strong>${formatFr(k.kept, 0)}</strong> présentes aux deux, ` +
    `<strong>${formatFr(k.new, 0)}</strong> nouvelles, <strong>${formatFr(k.removed, 0)}</strong> disparues. ` +
    `Parmi les présentes, ${formatFr(k.kept_positioned_from_earlier_layer, 0)} ont été placées par le géocodeur sur le point 2012 lui-même : elles ne prouvent pas la stabilité ; ${formatFr(k.kept_independent, 0)} sont appariées indépendamment. ` +
    (k.kept_distance_m ? `Écart médian entre les deux positions ${formatFr(k.kept_distance_m.median, 1)}\u202fm (95e centile ${formatFr(k.kept_distance_m.p95, 1)}\u202fm).` : "") + "</p>" +
    `<p>Règle : même caméra si les deux points sont à moins d'un seuil tiré du modèle d'erreur de position du projet${t ? ` (${formatFr(t.confidence_1, 0)}\u202fm pour un site sûr à ${formatFr(t.confidence_0, 0)}\u202fm pour le moins sûr)` : ""}, noms concordants d'abord, appariement un à un par distance croissante.</p>` +
    table("change-sensitivity", "Sensibilité au seuil", ["Seuil", "Présentes", "Nouvelles", "Disparues"], sens) +
    zoneShares(r) + byYear(r) + timing(r) + (c.districts ? districts(c.districts) : "") + "</section>";
}
