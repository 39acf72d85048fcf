// The report's headings, navigation and captions in French and English (study.lang or
// `--lang`), beside the maps' strings (pipeline/render/strings.ts). The body text of the
// sections stays French for now; the verdict has both languages in hypothesis.json.
export type ReportLang = "fr" | "en";

export interface ReportWords {
  lang: ReportLang;
  skip: string;
  toc: string;
  nav: Record<"resume" | "cartes" | "hypothese" | "changement" | "geocodage" | "tableaux" | "comparaison" | "provenance", string>;
  maps: string;
  tables: string;
  compare: string;
  sources: string;
  producedBy(version: string): string;
  mapCaption: string;
  notInlined(name: string): string;
  tooBig(name: string): string;
}

const FR: ReportWords = {
  lang: "fr",
  skip: "Aller au contenu",
  toc: "Sommaire",
  nav: { resume: "Résumé", cartes: "Cartes", hypothese: "Hypothèse", changement: "Depuis 2012", geocodage: "Géocodage", tableaux: "Tableaux", comparaison: "Comparer", provenance: "Provenance" },
  maps: "Cartes",
  tables: "Tableaux par territoire",
  compare: "Comparer des territoires",
  sources: "Sources",
  producedBy: (v) => `Page produite par contrechamp ${v} ; autonome, elle ne charge rien du réseau.`,
  mapCaption: "Survoler ou parcourir au clavier (Tab) les points et territoires pour leurs valeurs ; les tableaux ci-dessous les donnent toutes.",
  notInlined: (n) => `La carte « ${n} » n'est pas intégrée`,
  tooBig: (n) => `La carte « ${n} » n'est pas intégrée pour garder la page légère ; elle est avec les autres cartes (SVG, PNG, PDF).`,
};

const EN: ReportWords = {
  lang: "en",
  skip: "Skip to content",
  toc: "Contents",
  nav: { resume: "Summary", cartes: "Maps", hypothese: "Hypothesis", changement: "Since 2012", geocodage: "Geocoding", tableaux: "Tables", comparaison: "Compare", provenance: "Provenance" },
  maps: "Maps",
  tables: "Tables by district",
  compare: "Compare districts",
  sources: "Sources",
  producedBy: (v) => `Page made by contrechamp ${v}; self-contained, it loads nothing from the network.`,
  mapCaption: "Hover or tab through points and districts for their values; the tables below give them all.",
  notInlined: (n) => `The map “${n}” is not inlined`,
  tooBig: (n) => `The map “${n}” is not inlined, to keep the page light; it is with the other maps (SVG, PNG, PDF).`,
};

export function reportWords(lang: unknown): ReportWords {
  return lang === "en" ? EN : FR;
}

/** The study's sources line without its own "Sources :" lead (the footer prints one). */
export function stripSourcesLead(line: string): string {
  return line.replace(/^\s*(sources?|données|data)\s*:\s*/i, "");
}

/** English for the French headings the sections write (applied to <h2>/<h3> when lang is "en"). */
export const HEADINGS_EN: Record<string, string> = {
  "Résumé": "Summary",
  "Géocodage des caméras": "Geocoding the cameras",
  "L'hypothèse": "The hypothesis",
  "Modèle de comptage des caméras par carreau de 200 m": "Count model of cameras per 200 m cell",
  "Tests de permutation": "Permutation tests",
  "Réserves": "Caveats",
  "Provenance": "Provenance",
  "Fichiers lus pour cette page": "Files read for this page",
  "Où sont les caméras : zones de l'hypothèse": "Where the cameras are: the hypothesis's zones",
  "Concentration": "Concentration",
  "Caméras et revenus des habitants": "Cameras and residents' income",
  "Arrondissements": "Arrondissements",
  "Quartiers administratifs": "Quartiers",
};

export function translateHeadings(html: string, W: ReportWords): string {
  if (W.lang !== "en") return html;
  return html.replace(/(<h[23][^>]*>)([^<]+)(<\/h[23]>|\s\()/g, (m, open: string, text: string, close: string) => {
    const key = text.trim().replace(/&#39;|&apos;/g, "'");
    return HEADINGS_EN[key] ? `${open}${HEADINGS_EN[key]}${close}` : m;
  });
}
