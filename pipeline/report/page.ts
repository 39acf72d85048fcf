// Assembles the report page from its sections. Pure: inputs in, one HTML string out, the same
// bytes for the same inputs (no dates, stable orders).
import { esc, notComputed, scriptJson } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import { compareDistricts } from "../stats/compare-districts.js";
import { reportClient, type ClientData } from "./client.js";
import { pageCss } from "./styles.js";
import { cameraTable, districtTable } from "./tables.js";
import { GEOCODE_METHODS, geocodingSection } from "./geocoding-section.js";
import { hypothesisSection } from "./hypothesis-section.js";
import { provenanceSection, type StudyInfo } from "./provenance.js";
import { mapsSection } from "./maps-section.js";
import { summarySection } from "./summary-section.js";
import { ridershipSection } from "./ridership-section.js";
import { changeSection } from "./change-section.js";
import type { ReportInputs } from "./read-inputs.js";
import { camerasOf } from "./camera-summary.js";
import { placeOf } from "./study-terms.js";
import { capitalise, listFr } from "../core/words-fr.js";
import { reportWords, stripSourcesLead, translateHeadings, type ReportWords } from "./words.js";

function clientData(inp: ReportInputs): ClientData {
  const { levels: declared, indicators } = inp.study;
  const levels: ClientData["levels"] = {};
  for (const { layer, title, prefix } of declared) {
    const rows = inp.stats[layer];
    if (rows) levels[layer] = { title, prefix, rows: rows.map((r) => [r.code, r.name, ...indicators.map((i) => r.values[i.key])]) };
  }
  const names: Record<string, string> = {};
  for (const { layer, prefix } of declared) {
    for (const f of inp.districts[layer]?.features ?? []) names[`${prefix}:${f.properties?.code ?? f.properties?.id}`] = String(f.properties?.name ?? "");
  }
  const district = declared[0];
  const cameras: ClientData["cameras"] = {};
  for (const f of camerasOf(inp).listed?.features ?? []) {
    const p = f.properties ?? {};
    cameras[String(p.id ?? f.id)] = [String(p.label ?? ""), p.commissioned ?? null, String(p.geocode_method ?? ""), typeof p.geocode_confidence === "number" ? p.geocode_confidence : null, String(p[district.key] ?? "")];
  }
  return {
    indicators,
    levels,
    district: district.label,
    place: capitalise(inp.study.place),
    names,
    cameras,
    methods: GEOCODE_METHODS,
  };
}

function tablesSection(inp: ReportInputs, W: ReportWords): string {
  const out = [`<section id="tableaux" aria-labelledby="h-tab"><h2 id="h-tab">${esc(W.tables)}</h2>`];
  const declared = inp.study.levels;
  if (!Object.keys(inp.stats).length) out.push(notComputed(`Indicateurs par ${listFr(declared.map((l) => l.label))}`, `stats/${declared[0].layer}.csv`, "stats"));
  declared.forEach(({ layer, title }, k) => {
    const rows = inp.stats[layer];
    // The coarsest level open; past the second, long tables stay closed in print.
    const open = k === 0 ? " open" : "";
    const print = k >= 2 ? ' data-print="closed"' : "";
    out.push(`<details${open}${print}><summary><h3>${esc(title)}${rows ? ` (${rows.length})` : ""}</h3></summary>`);
    out.push(rows ? districtTable(`t-${layer}`, title, rows, inp.study.indicators) : notComputed(title, `stats/${layer}.csv`, "stats"));
    out.push("</details>");
  });
  const cams = camerasOf(inp);
  if (cams.listed) {
    const intro = cams.note ? `<p class="missing">${esc(cams.note)}</p>` : "<p>Texte de remplacement des points des cartes, au clavier et pour les lecteurs d'écran.</p>";
    out.push(`<details data-print="closed"><summary><h3>Caméras (${cams.total})</h3></summary>${intro}${cameraTable("t-cameras", cams.listed, declared[0])}</details>`);
  }
  out.push("</section>");
  return out.join("");
}

function compareSection(inp: ReportInputs, W: ReportWords): string {
  const head = `<section id="comparaison" aria-labelledby="h-cmp"><h2 id="h-cmp">${esc(W.compare)}</h2>`;
  const levels = inp.study.levels.filter((l) => inp.stats[l.layer]);
  if (!levels.length) return head + notComputed("Comparaison des territoires", `stats/${inp.study.levels[0].layer}.csv`, "stats") + "</section>";
  const options = levels.map((l) => `<option value="${l.layer}">${esc(l.title)}</option>`).join("");
  return (
    head +
    `<p>Les mêmes indicateurs que <code>contrechamp compare</code>, côte à côte, avec le rang de chaque territoire dans son niveau et la valeur ${esc(placeOf(inp.study.place))}, recalculée à partir des territoires du niveau choisi (totaux, rapports de totaux, moyennes pondérées par les habitants, les ménages ou la surface), par la même fonction que la commande.</p>` +
    '<form id="cmp-form"><label>Niveau <select id="cmp-level">' + options + "</select></label> " +
    '<label>Territoire (code ou nom) <input id="cmp-input" list="cmp-choices" autocomplete="off"></label><datalist id="cmp-choices"></datalist> ' +
    '<button type="submit" id="cmp-add">Ajouter</button></form>' +
    '<ul id="cmp-list" aria-label="Territoires choisis"></ul><p id="cmp-msg" role="status"></p><div id="cmp-result" aria-live="polite"></div></section>'
  );
}

export interface PageInput {
  inputs: ReportInputs;
  study: StudyInfo;
  title: string;
  subtitle?: string;
  sourcesLine: string;
  version: string;
  /** Language of the headings and captions (study.lang or --lang). */
  lang?: "fr" | "en";
}

export function reportPage(p: PageInput): string {
  const inp = p.inputs;
  const W = reportWords(p.lang);
  const nav = (Object.keys(W.nav) as Array<keyof ReportWords["nav"]>).map((id) => `<li><a href="#${id}">${esc(W.nav[id])}</a></li>`).join("");
  const script = [formatFr, formatPercentFr, compareDistricts, reportClient].map((f) => f.toString()).join("\n");
  return [
    `<!DOCTYPE html>\n<html lang="${W.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    // No network and no file access: everything below is inline.
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:\">",
    `<title>${esc(p.title)}</title><style>${pageCss()}</style></head><body>`,
    `<a class="skip" href="#contenu">${esc(W.skip)}</a>`,
    `<header class="top"><h1>${esc(p.title)}</h1>${p.subtitle ? `<p class="subtitle">${esc(p.subtitle)}</p>` : ""}`,
    `<nav class="toc" aria-label="${esc(W.toc)}"><ul>${nav}</ul></nav></header>`,
    '<main id="contenu">',
    summarySection(inp),
    mapsSection(inp, W),
    hypothesisSection(inp.hypothesis, inp.study, W.lang),
    changeSection(inp.change ?? {}),
    ridershipSection(inp.ridershipMatch, inp.hypothesis, inp.privateCameras, inp.study),
    geocodingSection(inp.geocoding, inp.layers.cameras, inp.cameraMethods, inp.study.layers.includes("camera_sites") && !inp.study.layers.includes("cameras")),
    tablesSection(inp, W),
    compareSection(inp, W),
    provenanceSection(inp, p.study, p.version),
    "</main>",
    `<footer><p>${esc(W.sources)}${W.lang === "fr" ? "\u00a0:" : ":"} ${esc(stripSourcesLead(p.sourcesLine))}</p><p>${esc(W.producedBy(p.version))}</p></footer>`,
    '<div id="cc-tip" role="tooltip" hidden></div>',
    `<script type="application/json" id="cc-data">${scriptJson(clientData(inp))}</script>`,
    `<script>"use strict";\n${script}\nreportClient(JSON.parse(document.getElementById("cc-data").textContent), { formatFr: formatFr, formatPercentFr: formatPercentFr, compareDistricts: compareDistricts });\n</script>`,
    "</body></html>\n",
  ].join("\n").replace(/<main id="contenu">[\s\S]*<\/main>/, (m) => translateHeadings(m, W));
}
