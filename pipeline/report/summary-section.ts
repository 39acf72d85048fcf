// The opening summary: what was counted (from the layers) and the city-level indices of
// out/stats/summary.json, listed as the stats stage names them.
import { esc, notComputed } from "./html.js";
import { formatFr, formatPercentFr } from "./format-fr.js";
import type { ReportInputs } from "./read-inputs.js";

function value(key: string, v: unknown): string {
  if (typeof v === "number") return /share|rate|pct/.test(key) && Math.abs(v) <= 1 ? formatPercentFr(v, 1) : formatFr(v, Number.isInteger(v) ? 0 : 3);
  if (typeof v === "string" || typeof v === "boolean") return esc(v);
  return `<code>${esc(JSON.stringify(v))}</code>`;
}

export function summarySection(inp: ReportInputs): string {
  const cams = inp.manifest.layers.find((l) => l.layer === "cameras");
  const out = ['<section id="resume" aria-labelledby="h-sum"><h2 id="h-sum">Résumé</h2>'];
  if (cams) {
    const dropped = (cams.dropped ?? []).reduce((s, d) => s + d.count, 0);
    out.push(`<p>${formatFr(cams.kept ?? null, 0)} caméras retenues sur ${formatFr(cams.read ?? null, 0)} lues (${formatFr(dropped, 0)} écartées) — source : ${esc(cams.source ?? "—")}, ${esc(cams.vintage ?? "")}.</p>`);
  }
  if (!inp.summary) out.push(notComputed("Indices à l'échelle de la ville (Gini, concentration, parts en ZTI, ZSP, centre, gares)", "stats/summary.json", "stats"));
  else {
    const items: string[] = [];
    for (const [k, v] of Object.entries(inp.summary)) {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        for (const [k2, v2] of Object.entries(v)) items.push(`<dt>${esc(k)} · ${esc(k2)}</dt><dd>${value(k2, v2)}</dd>`);
      } else items.push(`<dt>${esc(k)}</dt><dd>${value(k, v)}</dd>`);
    }
    out.push(`<dl class="kv">${items.join("")}</dl>`);
  }
  out.push("</section>");
  return out.join("");
}
