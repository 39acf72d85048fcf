// The maps: the render stage's SVGs inlined when they exist (Carte 1 first), then a district map
// drawn here for each of the first two declared levels (Paris: arrondissements, quartiers), shaded
// by cameras per km² when the stats exist.
import { esc, notComputed } from "./html.js";
import { formatFr } from "../core/format-fr.js";
import { colourOf, legendHtml, NO_DATA, quantileBreaks } from "./choropleth.js";
import { districtMapSvg } from "./district-map.js";
import { keySvgBody, svgBody } from "./inline-svg.js";
import type { ReportInputs } from "./read-inputs.js";
import { camerasOf } from "./camera-summary.js";
import { reportWords, type ReportWords } from "./words.js";
import { placeOf, type ReportLevel } from "./study-terms.js";

/**
 * Render-stage maps stop being inlined past this many bytes, so the page stays under 10 MB and
 * loads in under 2 s (bench/report-load.ts: 3 MB of SVG, 33 000 paths, loaded in about 1.3 s on a
 * busy 2-core machine; 6 MB took 2.3 s).
 */
export const INLINE_MAP_BUDGET = 3_000_000;

function tooltipKeys(inp: ReportInputs): (id: string) => string | undefined {
  const keys = new Map<string, string>();
  for (const f of camerasOf(inp).listed?.features ?? []) keys.set(String(f.properties?.id ?? f.id), `c:${f.properties?.id ?? f.id}`);
  for (const { layer, prefix } of inp.study.levels) {
    for (const f of inp.districts[layer]?.features ?? []) keys.set(String(f.properties?.code ?? f.id), `${prefix}:${f.properties?.code ?? f.id}`);
  }
  // The render stage's proportional symbols are "symbol-<district code>" (cameras-arrondissements).
  return (id) => keys.get(id) ?? (id.startsWith("symbol-") && !keys.get(id.slice(7))?.startsWith("c:") ? keys.get(id.slice(7)) : undefined);
}

function renderedMaps(inp: ReportInputs, W: ReportWords): string {
  if (!inp.maps.length) return notComputed("Carte 1 et cartes compagnes de l'étape render", "maps/carte1.svg", "render");
  const keyOf = tooltipKeys(inp);
  const out: string[] = [];
  let used = 0;
  for (const m of inp.maps) {
    const b = svgBody(m.svg);
    if (!b.ok) {
      out.push(`<p class="missing">${esc(W.notInlined(m.title ?? m.name))} : ${esc(b.why)}.</p>`);
      continue;
    }
    // Keying only lengthens the body: a body already over the budget is not worth keying.
    const r = used + b.svg.length > INLINE_MAP_BUDGET ? undefined : keySvgBody(b.svg, `m-${m.name}-`, keyOf);
    if (!r?.ok || used + r.svg.length > INLINE_MAP_BUDGET) {
      out.push(`<p class="missing">${esc(W.tooBig(m.title ?? m.name))}</p>`);
      continue;
    }
    used += r.svg.length;
    // The caption is the map's own caption file (title, methods), not a file name.
    const cap = m.caption ? m.caption.trim().split("\n").filter((l) => l.trim() !== "") : [m.title ?? m.name];
    const body = cap.slice(1).map((l) => `<span class="cap-line">${esc(l)}</span>`).join(" ");
    out.push(`<figure class="rendered-map" role="group" aria-label="${esc(cap[0])}">${r.svg}<figcaption><strong>${esc(cap[0])}</strong>${body ? ` ${body}` : ""}${r.keyed > 0 ? ` ${esc(W.mapCaption)}` : ""}</figcaption></figure>`);
  }
  return out.join("");
}

/** `over`: the coarser level whose limits are drawn over this one's districts. */
function districtFigure(inp: ReportInputs, level: ReportLevel, over: ReportLevel | undefined): string {
  const { layer, prefix, title } = level;
  const fc = inp.districts[layer];
  if (!fc) return notComputed(title, `layers/${layer}.geojson`, "layers");
  const rows = inp.stats[layer];
  const where = placeOf(inp.study.place);
  const density = new Map<string, number | null>((rows ?? []).map((r) => [r.code, r.values.cameras_per_km2]));
  const vals = [...density.values()].filter((v): v is number => v !== null);
  const breaks = quantileBreaks(vals);
  const cams = camerasOf(inp);
  const nCam = cams.total;
  const dots = cams.dots ? `${formatFr(nCam, 0)} caméras en points` : `${formatFr(nCam, 0)} caméras, trop nombreuses pour des points (la teinte les compte)`;
  const description = rows
    ? `${fc.features.length} ${level.plural} ${where}, teintés selon le nombre de caméras par km² en ${breaks.length} classes par quantiles (de ${formatFr(Math.min(...vals), 1)} à ${formatFr(Math.max(...vals), 1)}), et ${dots}. Les valeurs sont dans le tableau « ${title} ».`
    : `${fc.features.length} ${level.plural} ${where} et ${dots} ; statistiques non calculées.`;
  const svg = districtMapSvg(fc, cams.dots, {
    keyPrefix: prefix,
    title: `Caméras et ${level.plural} ${where}`,
    description,
    fill: (code) => (rows ? colourOf(density.get(code) ?? null, breaks) : NO_DATA),
    outlines: over ? inp.districts[over.layer] : undefined,
    numbers: !over,
  });
  const legend = rows ? legendHtml("Caméras par km²", breaks, Math.min(...vals), 1) : notComputed("Caméras par km² (teinte des territoires)", `stats/${layer}.csv`, "stats");
  return `<figure class="district">${svg}<figcaption>${esc(title)} — survoler, toucher ou parcourir au clavier (Tab) les territoires pour leurs indicateurs${cams.dots ? " ; survoler une caméra pour son libellé" : ""}.</figcaption>${legend}</figure>`;
}

export function mapsSection(inp: ReportInputs, W: ReportWords = reportWords("fr")): string {
  return [
    `<section id="cartes" aria-labelledby="h-maps"><h2 id="h-maps">${esc(W.maps)}</h2>`,
    renderedMaps(inp, W),
    '<div class="maps">',
    ...inp.study.levels.slice(0, 2).map((level, k) => districtFigure(inp, level, k ? inp.study.levels[0] : undefined)),
    "</div></section>",
  ].join("");
}
