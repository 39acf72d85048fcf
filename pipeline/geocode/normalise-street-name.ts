// French street names to comparable keys. The Préfecture's list, OSM, the BAN, the Ville de Paris
// `voie` file and the 2012 Préfecture layer all spell the same street differently
// ("Bd St-Michel", "BOULEVARD SAINT MICHEL", "boulevard Saint-Michel"), so every source goes
// through the same fold: case, accents, punctuation, abbreviations, articles.

/** Abbreviation → full word (after folding). Street types and the honorifics of Paris names. */
const ABBREVIATIONS: Record<string, string> = {
  av: "avenue", ave: "avenue", bd: "boulevard", bld: "boulevard", boul: "boulevard", bvd: "boulevard",
  r: "rue", pl: "place", q: "quai", qu: "quai", sq: "square", pas: "passage", pass: "passage", imp: "impasse",
  vla: "villa", crs: "cours", all: "allee", rte: "route", chem: "chemin", pt: "pont", pte: "porte", prt: "porte",
  prom: "promenade", esp: "esplanade", espl: "esplanade", car: "carrefour", carr: "carrefour", rpt: "rond point",
  parv: "parvis", gal: "general", gen: "general", gl: "general", mal: "marechal", mar: "marechal", pdt: "president",
  pres: "president", dr: "docteur", doct: "docteur", prof: "professeur", cdt: "commandant", cmdt: "commandant",
  col: "colonel", cap: "capitaine", lt: "lieutenant", st: "saint", ste: "sainte", sts: "saints", fg: "faubourg",
  fbg: "faubourg", faub: "faubourg", n: "notre", nd: "notre dame", j: "jean",
};

/** Words that carry no identity: dropped from keys ("rue de la Paix" ~ "rue Paix"). */
const ARTICLES = new Set(["de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux"]);

/** Street-type words: kept in the full key, removed from the core key. */
export const STREET_TYPES = new Set([
  "rue", "avenue", "boulevard", "place", "quai", "pont", "porte", "square", "passage", "impasse", "villa", "cours",
  "allee", "port", "route", "chemin", "sentier", "cite", "rond", "point", "carrefour", "esplanade", "promenade",
  "passerelle", "galerie", "chaussee", "voie", "parvis", "hameau", "cour", "ruelle", "placette", "jardin", "terrasse",
]);

const MONTHS = new Set(["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]);
// "Rue du 4 Septembre" (list) vs "Rue du Quatre-Septembre" (OSM, BAN): dates in street names are spelled out.
const NUMBER_WORDS = ["", "premier", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
  "treize", "quatorze", "quinze", "seize", "dix sept", "dix huit", "dix neuf", "vingt", "vingt et un", "vingt deux",
  "vingt trois", "vingt quatre", "vingt cinq", "vingt six", "vingt sept", "vingt huit", "vingt neuf", "trente", "trente et un"];

/** Lower case, no accents or ligatures, punctuation to single spaces. */
export function foldText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// The same few thousand street names come back tens of thousands of times (158k BAN rows name
// ~6,000 streets; every crossing names two), so each distinct spelling is folded once. The fold is
// pure, so the memo cannot change a result; callers get a copy they may modify.
const tokenMemo = new Map<string, readonly string[]>();
const keyMemo = new Map<string, string>();

/** Folded tokens with abbreviations expanded, articles dropped and spelled-out dates. */
export function streetTokens(s: string): string[] {
  let t = tokenMemo.get(s);
  if (!t) {
    t = foldTokens(s);
    tokenMemo.set(s, t);
  }
  return t.slice();
}

function foldTokens(s: string): string[] {
  const raw = foldText(s).split(" ").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i];
    if (t === "1er" || t === "1e") t = "1";
    if (/^\d+$/.test(t) && MONTHS.has(raw[i + 1] ?? "") && Number(t) <= 31) {
      out.push(...NUMBER_WORDS[Number(t)].split(" "));
      continue;
    }
    const full = ABBREVIATIONS[t];
    // One-letter abbreviations only stand for a type at the start ("R. de Rivoli", not "Jean R.").
    if (full && (t.length > 1 || i === 0)) out.push(...full.split(" "));
    else if (!ARTICLES.has(t)) out.push(t);
  }
  return out;
}

/** The full key: type and name ("boulevard saint michel"). */
export function normaliseStreetName(s: string): string {
  let k = keyMemo.get(s);
  if (k === undefined) {
    k = streetTokens(s).join(" ");
    keyMemo.set(s, k);
  }
  return k;
}

/** The key without its leading street type ("saint michel"): the 2012 layer often omits types. */
export function coreTokens(s: string): string[] {
  const t = streetTokens(s);
  let i = 0;
  while (i < t.length - 1 && STREET_TYPES.has(t[i])) i++;
  return t.slice(i);
}

export function streetType(s: string): string | undefined {
  const t = streetTokens(s)[0];
  return t && STREET_TYPES.has(t) ? t : undefined;
}
