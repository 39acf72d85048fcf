// Provenance: the study file and contrechamp version, every source with vintage, licence, file
// hashes and feature counts (from out/layers/manifest.json), the geocoding accuracy, and the
// sha256 of every file this page was built from.
import type { FeatureCollection } from "geojson";
import { esc, notComputed } from "./html.js";
import { formatFr, formatPercentFr } from "./format-fr.js";
import { GEOCODE_METHODS } from "./tables.js";
import type { ReportInputs } from "./read-inputs.js";

export interface StudyInfo {
  path: string;
  title: string;
  sha256: string;
  settings: Record<string, unknown>;
}

function layersTable(m: ReportInputs["manifest"]): string {
  const rows = m.layers.map((l) => {
    const dropped = (l.dropped ?? []).map((d) => `${formatFr(d.count, 0)} (${esc(d.reason)})`).join("<br>") || "0";
    const inputs = (l.inputs ?? []).map((i) => `<code>${esc(i.path)}</code><br><code class="hash">sha256 ${esc(i.sha256)}</code>, ${formatFr(i.bytes, 0)} octets`).join("<br>");
    const notes = (l.notes ?? []).map((n) => `<li>${esc(n)}</li>`).join("");
    return `<tr><th scope="row">${esc(l.layer)}</th><td>${esc(l.source ?? "—")}</td><td>${esc(l.vintage ?? "—")}</td><td>${esc(l.licence ?? "—")}</td>` +
      `<td class="n">${formatFr(l.read ?? null, 0)}</td><td class="n">${formatFr(l.kept ?? null, 0)}</td><td>${dropped}</td><td class="n">${formatFr(l.merged ?? null, 0)}</td>` +
      `<td class="files">${inputs}</td><td>${notes ? `<ul>${notes}</ul>` : ""}</td></tr>`;
  });
  return '<div class="scroll" tabindex="0" role="region" aria-label="Sources"><table class="plain provenance"><caption>Sources et décomptes (lus, gardés, écartés, fusionnés ; imputations et approximations en notes)</caption>' +
    "<thead><tr><th scope=\"col\">Couche</th><th scope=\"col\">Source</th><th scope=\"col\">Millésime</th><th scope=\"col\">Licence</th><th scope=\"col\">Lus</th><th scope=\"col\">Gardés</th><th scope=\"col\">Écartés</th><th scope=\"col\">Fusionnés</th><th scope=\"col\">Fichiers</th><th scope=\"col\">Notes</th></tr></thead>" +
    `<tbody>${rows.join("")}</tbody></table></div>`;
}

function accuracyValue(key: string, v: unknown): string {
  if (typeof v !== "number") return esc(typeof v === "object" ? JSON.stringify(v) : v);
  if (/share|within|rate|pct/.test(key)) return formatPercentFr(v, 1);
  if (/_m$|distance|median|p95/.test(key)) return `${formatFr(v, 1)} m`;
  return formatFr(v, Number.isInteger(v) ? 0 : 2);
}

function geocodingPart(geocoding: Record<string, unknown> | undefined, cameras: FeatureCollection | undefined): string {
  const out = ["<h3>Géocodage des caméras</h3>"];
  let counts = (geocoding?.counts ?? geocoding?.methods ?? geocoding?.by_method) as Record<string, number> | undefined;
  if (!counts && cameras) {
    counts = {};
    for (const f of cameras.features) {
      const m = String(f.properties?.geocode_method ?? "inconnu");
      counts[m] = (counts[m] ?? 0) + 1;
    }
  }
  if (counts) {
    const rows = Object.keys(counts).sort().map((k) => `<tr><th scope="row">${esc(GEOCODE_METHODS[k] ?? k)} <code>${esc(k)}</code></th><td class="n">${formatFr(Number(counts![k]), 0)}</td></tr>`);
    out.push(`<table class="plain"><caption>Caméras par méthode de placement${geocoding ? "" : " (décompte de out/layers/cameras.geojson)"}</caption><tbody>${rows.join("")}</tbody></table>`);
  }
  const acc = geocoding?.accuracy as Record<string, unknown> | undefined;
  if (acc && typeof acc === "object") {
    const items = Object.keys(acc).map((k) => `<dt>${esc(k)}</dt><dd>${accuracyValue(k, acc[k])}</dd>`);
    out.push(`<dl class="kv">${items.join("")}</dl>`);
  } else out.push(notComputed("Précision du géocodage (distances médiane et p95, part à moins de 30 et 100 m)", "stats/geocoding.json", "geocode"));
  return out.join("");
}

export function provenanceSection(inp: ReportInputs, study: StudyInfo, version: string): string {
  const settings = Object.entries(study.settings).map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(JSON.stringify(v))}</code></dd>`).join("");
  const files = inp.read.map((f) => `<tr><td><code>${esc(f.path)}</code></td><td class="n">${formatFr(f.bytes, 0)}</td><td><code class="hash">${esc(f.sha256)}</code></td></tr>`).join("");
  return [
    '<section id="provenance" aria-labelledby="h-prov"><h2 id="h-prov">Provenance</h2>',
    `<dl class="kv"><dt>Version</dt><dd>contrechamp ${esc(version)}</dd><dt>Fichier d'étude</dt><dd><code>${esc(study.path)}</code> — ${esc(study.title)}<br><code class="hash">sha256 ${esc(study.sha256)}</code></dd>${settings}</dl>`,
    layersTable(inp.manifest),
    geocodingPart(inp.geocoding, inp.layers.cameras),
    '<h3>Fichiers lus pour cette page</h3><div class="scroll" tabindex="0" role="region" aria-label="Fichiers lus"><table class="plain"><thead><tr><th scope="col">Fichier (sous out/)</th><th scope="col">Octets</th><th scope="col">sha256</th></tr></thead>',
    `<tbody>${files}</tbody></table></div></section>`,
  ].join("");
}
