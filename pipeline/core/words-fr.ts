// Small French phrase makers for text built from a study's own words (its level labels, district
// names): a heading's plural, a list with "et". Shared by the stats stage's verdict and the report.

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
