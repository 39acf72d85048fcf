// The report's headings, navigation and captions in French and English (study.lang or
// `--lang`), beside the maps' strings (pipeline/render/strings.ts). The body text of the
// sections stays French for now; the verdict has both languages in hypothesis.json.
export type ReportLang = "fr" | "en";

export interface ReportWords {
  lang: ReportLang;
  skip: string;
  toc: string;
  nav: Record<"resume" | "cartes" | "hypothese" | "geocodage" | "tableaux" | "comparaison" | "provenance", string>;
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
  nav: { resume: "Résumé", cartes: "Cartes", hypothese: "Hypothèse", geocodage: "Géocodage", tableaux: "Tableaux", comparaison: "Comparer", provenance: "Provenance" },
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
  nav: { resume: "Summary", cartes: "Maps", hypothese: "Hypothesis", geocodage: "Geocoding", tableaux: "Tables", comparaison: "Compare", provenance: "Provenance" },
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
