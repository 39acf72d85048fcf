// Provenance: the study file and contrechamp version, every source with vintage, licence, file
// hashes and feature counts (from out/layers/manifest.json), and the
// sha256 of every file this page was built from.
import { esc } from "./html.js";
import { formatFr } from "../core/format-fr.js";
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

export function provenanceSection(inp: ReportInputs, study: StudyInfo, version: string): string {
  const settings = Object.entries(study.settings).map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(JSON.stringify(v))}</code></dd>`).join("");
  const files = inp.read.map((f) => `<tr><td><code>${esc(f.path)}</code></td><td class="n">${formatFr(f.bytes, 0)}</td><td><code class="hash">${esc(f.sha256)}</code></td></tr>`).join("");
  return [
    '<section id="provenance" aria-labelledby="h-prov"><h2 id="h-prov">Provenance</h2>',
    `<dl class="kv"><dt>Version</dt><dd>contrechamp ${esc(version)}</dd><dt>Fichier d'étude</dt><dd><code>${esc(study.path)}</code> — ${esc(study.title)}<br><code class="hash">sha256 ${esc(study.sha256)}</code></dd>${settings}</dl>`,
    layersTable(inp.manifest),
    '<h3>Fichiers lus pour cette page</h3><div class="scroll" tabindex="0" role="region" aria-label="Fichiers lus"><table class="plain"><thead><tr><th scope="col">Fichier (sous out/)</th><th scope="col">Octets</th><th scope="col">sha256</th></tr></thead>',
    `<tbody>${files}</tbody></table></div></section>`,
  ].join("");
}
