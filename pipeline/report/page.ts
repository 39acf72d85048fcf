// Assembles the report page from its sections. Pure: inputs in, one HTML string out, the same
// bytes for the same inputs (no dates, stable orders).
import type { FeatureCollection } from "geojson";
import { esc, notComputed, scriptJson } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import { compareDistricts } from "../stats/compare-districts.js";
import { reportClient, type ClientData } from "./client.js";
import { pageCss } from "./styles.js";
import { INDICATORS, LEVELS } from "./indicators.js";
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
import { reportWords, stripSourcesLead, translateHeadings, type ReportWords } from "./words.js";

const PREFIX: Record<string, string> = { arrondissements: "a", quartiers: "q", iris: "i" };

function clientData(inp: ReportInputs): ClientData {
  const levels: ClientData["levels"] = {};
  for (const { level, title } of LEVELS) {
    const rows = inp.stats[level];
    if (rows) levels[level] = { title, prefix: PREFIX[level], rows: rows.map((r) => [r.code, r.name, ...INDICATORS.map((i) => r.values[i.key])]) };
  }
  const names: Record<string, string> = {};
  for (const [level, fc] of [["arrondissements", inp.layers.arrondissements], ["quartiers", inp.layers.quartiers]] as const) {
    for (const f of (fc as FeatureCollection | undefined)?.features ?? []) names[`${PREFIX[level]}:${f.properties?.code ?? f.properties?.id}`] = String(f.properties?.name ?? "");
  }
  const cameras: ClientData["cameras"] = {};
  for (const f of camerasOf(inp).listed?.features ?? []) {
    const p = f.properties ?? {};
    cameras[String(p.id ?? f.id)] = [String(p.label ?? ""), p.commissioned ?? null, String(p.geocode_method ?? ""), typeof p.geocode_confidence === "number" ? p.geocode_confidence : null, String(p.arrondissement ?? "")];
  }
  return {
    indicators: INDICATORS,
    levels,
    names,
    cameras,
    methods: GEOCODE_METHODS,
  };
}

function tablesSection(inp: ReportInputs, W: ReportWords): string {
  const out = [`<section id="tableaux" aria-labelledby="h-tab"><h2 id="h-tab">${esc(W.tables)}</h2>`];
  if (!Object.keys(inp.stats).length) out.push(notComputed("Indicateurs par arrondissement, quartier et IRIS", "stats/arrondissements.csv", "stats"));
  for (const { level, title } of LEVELS) {
    const rows = inp.stats[level];
    const open = level === "arrondissements" ? " open" : "";
    const print = level === "iris" ? ' data-print="closed"' : "";
    out.push(`<details${open}${print}><summary><h3>${esc(title)}${rows ? ` (${rows.length})` : ""}</h3></summary>`);
    out.push(rows ? districtTable(`t-${level}`, title, rows) : notComputed(title, `stats/${level}.csv`, "stats"));
    out.push("</details>");
  }
  const cams = camerasOf(inp);
  if (cams.listed) {
    const intro = cams.note ? `<p class="missing">${esc(cams.note)}</p>` : "<p>Texte de remplacement des points des cartes, au clavier et pour les lecteurs d'écran.</p>";
    out.push(`<details data-print="closed"><summary><h3>Caméras (${cams.total})</h3></summary>${intro}${cameraTable("t-cameras", cams.listed)}</details>`);
  }
  out.push("</section>");
  return out.join("");
}

function compareSection(inp: ReportInputs, W: ReportWords): string {
  const head = `<section id="comparaison" aria-labelledby="h-cmp"><h2 id="h-cmp">${esc(W.compare)}</h2>`;
  const levels = LEVELS.filter((l) => inp.stats[l.level]);
  if (!levels.length) return head + notComputed("Comparaison des territoires", "stats/arrondissements.csv", "stats") + "</section>";
  const options = levels.map((l) => `<option value="${l.level}">${esc(l.title)}</option>`).join("");
  return (
    head +
    "<p>Les mêmes indicateurs que <code>contrechamp compare</code>, côte à côte, avec le rang de chaque territoire dans son niveau et la valeur de Paris, recalculée à partir des territoires du niveau choisi (totaux, rapports de totaux, moyennes pondérées par les habitants, les ménages ou la surface), par la même fonction que la commande.</p>" +
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
    hypothesisSection(inp.hypothesis, W.lang),
    changeSection(inp.change ?? {}),
    ridershipSection(inp.ridershipMatch, inp.hypothesis, inp.privateCameras),
    geocodingSection(inp.geocoding, inp.layers.cameras, inp.cameraMethods),
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
