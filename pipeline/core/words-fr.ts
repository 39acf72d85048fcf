// Small phrase makers for text built from a study's own words (its level labels, district names):
// a heading's plural, a list with "et", the central districts. Shared by the stats stage's verdict
// and the report, so both name the same things the same way.

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a et b", "a, b et c" (`and`: "and" for English). */
export const listFr = (items: string[], and = "et") => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`);

/**
 * The French plural of a label: each word up to the first preposition or article ("bureau de
 * vote" → "bureaux de vote"), acronyms ("IRIS") and words ending in s, x or z kept.
 */
export function pluralFr(label: string): string {
  let head = true;
  return label
    .split(" ")
    .map((w) => {
      if (!head) return w;
      if (/^(de|du|des|d'.*|la|le|les|l'.*|et|à|au|aux|en|sur)$/i.test(w)) {
        head = false;
        return w;
      }
      if (w === w.toUpperCase() || /[sxz]$/i.test(w)) return w;
      if (/(eau|au|eu)$/i.test(w)) return `${w}x`;
      if (/al$/i.test(w) && !/^(bal|carnaval|festival|récital|régal|chacal)$/i.test(w)) return `${w.slice(0, -2)}aux`;
      return `${w}s`;
    })
    .join(" ");
}

/**
 * The study's central districts (settings.central_districts, codes of the coarsest level) as
 * sentences name them: by their names in that level's table (`names`, code → name), else by code;
 * `labelFr`, the level's French label. "les arrondissements du centre (Louvre, Bourse, Temple et
 * Hôtel-de-Ville)"; in English "the central districts (…)".
 */
export function centralDistrictWords(labelFr: string, codes: string[], names: Map<string, string>): { en: string; fr: string } {
  const named = codes.map((c) => names.get(c) || c);
  return {
    en: `the central districts (${listFr(named, "and")})`,
    fr: `les ${named.length > 1 ? pluralFr(labelFr) : labelFr} du centre (${listFr(named)})`,
  };
}
