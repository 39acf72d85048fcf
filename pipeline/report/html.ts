// Escaping for text and attribute values, and for JSON placed inside a <script> element.

export function esc(s: unknown): string {
  return String(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** JSON that cannot close its <script> element early ("</script>" or "<!--" inside a string). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Every "not computed" note of the page: what is missing, then why (`whyHtml`, already escaped). */
export function notComputedBecause(what: string, whyHtml: string): string {
  return `<p class="missing" role="note"><strong>Non calculé.</strong> ${esc(what)} : ${whyHtml}.</p>`;
}

/** What needs a layer the study does not declare: no stage can make it. */
export function notDeclared(what: string, layer: string): string {
  return notComputedBecause(what, `l'étude ne déclare pas de couche <code>${esc(layer)}</code> (l'ajouter aux <code>layers</code> du fichier d'étude pour l'obtenir)`);
}

/** What an earlier stage writes, when its file is absent. */
export function notComputed(what: string, file: string, stage: string): string {
  return notComputedBecause(what, `le fichier <code>${esc(file)}</code> est absent (lancer l'étape <code>${esc(stage)}</code>, par exemple <code>make ${esc(stage)}</code>)`);
}
