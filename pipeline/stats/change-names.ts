// Do two camera names speak of the same place? The 2012 layer writes "BD SUCHET / RAPHAEL", the
// 2019 list "Boulevard Suchet, avenue Raphaël": after folding case, accents, punctuation, common
// abbreviations, articles and street types, both reduce to the words {suchet, raphael}. The stats
// stage keeps its own small fold (no stage imports another's folder); it only has to say whether
// two names share most of their distinctive words, not to geocode them.

const ABBREVIATIONS: Record<string, string> = {
  st: "saint", ste: "sainte", gal: "general", gen: "general", mal: "marechal", pdt: "president", dr: "docteur",
  cdt: "commandant", fg: "faubourg", fbg: "faubourg", pte: "porte", pt: "pont", nd: "notre dame",
};

// Words that do not tell one place from another: articles, street types (the 2012 layer drops
// "rue", "avenue" and "boulevard" anyway) and the position words of described points.
const STOP = new Set([
  "de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "sur", "en",
  "rue", "r", "avenue", "av", "ave", "boulevard", "bd", "bld", "place", "pl", "quai", "q", "square", "sq",
  "passage", "impasse", "villa", "cours", "allee", "route", "chemin", "esplanade", "promenade", "carrefour",
  "cote", "angle", "face", "niveau", "entree", "sortie", "acces", "abords", "vers", "trottoir", "n", "no",
]);

// An ASCII character that is neither a letter nor a digit: the fold makes it a space.
const SEPARATORS = /[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+/;

/** The distinctive words of a name, folded; empty when the name says nothing. */
export function nameWords(name: string | null | undefined): Set<string>;
/** …or null when none of them is in `among` (no set made: a large layer's names mostly share no word with an earlier list's). */
export function nameWords(name: string | null | undefined, among: Set<string>): Set<string> | null;
export function nameWords(name: string | null | undefined, among?: Set<string>): Set<string> | null {
  if (among && !someWordIn(name, among)) return null;
  const words = new Set<string>();
  if (!name) return words;
  // Folded token by token (split where the fold would put a space anyway: an ASCII character that
  // is not a letter or a digit), each distinct token once: a large layer repeats a few words
  // ("caméra", a street's name) over a million labels. The same words as folding the whole name.
  for (const token of name.split(SEPARATORS)) {
    if (!token) continue;
    for (const w of foldedToken(token)) {
      for (const x of expanded(w)) if (!STOP.has(x)) words.add(x);
    }
  }
  return words;
}

/** A word with its abbreviation expanded, as words ("nd" → notre, dame); own keys only (a label saying "constructor" is a word). */
function expanded(w: string): string[] {
  return (Object.hasOwn(ABBREVIATIONS, w) ? ABBREVIATIONS[w] : w).split(" ");
}

// Per set of words asked about: each token's answer, once (bounded like the folds).
const tokenIn = new WeakMap<Set<string>, Map<string, boolean>>();
function someWordIn(name: string | null | undefined, among: Set<string>): boolean {
  if (!name) return false;
  let known = tokenIn.get(among);
  if (!known) tokenIn.set(among, (known = new Map()));
  for (const token of name.split(SEPARATORS)) {
    if (!token) continue;
    // A token already folded (lower-case letters and digits) that abbreviates nothing is its own
    // one word: answered without the cache (a large layer's numbers would fill it).
    if (FOLDED.test(token) && !Object.hasOwn(ABBREVIATIONS, token)) {
      if (!STOP.has(token) && among.has(token)) return true;
      continue;
    }
    let yes = known.get(token);
    if (yes === undefined) {
      yes = foldedToken(token).some((w) => expanded(w).some((x) => !STOP.has(x) && among.has(x)));
      if (known.size < 100_000) known.set(token, yes);
    }
    if (yes) return true;
  }
  return false;
}

const FOLDED = /^[a-z0-9]+$/;
const folds = new Map<string, string[]>();
/** A token's folded words (a token with accents or other marks may fold to several). */
function foldedToken(token: string): string[] {
  if (FOLDED.test(token)) return [token];
  let f = folds.get(token);
  if (!f) {
    f = token
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/[^a-z0-9]+/g, " ")
      .trim()
      .split(" ")
      .filter((w) => w !== "");
    // Bounded: a layer of unique words (numbers with letters) must not grow it without end.
    if (folds.size < 100_000) folds.set(token, f);
  }
  return f;
}

/** Dice similarity of the two word sets (0 when either is empty: no name, no evidence). */
export function nameSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * Names agree at Dice ≥ 0.5: two crossings named by two streets each agree when they share one
 * street and nothing contradicts it ({suchet, raphael} vs {suchet, raphael, murat} = 0.8; a shared
 * street alone, {suchet, raphael} vs {suchet, lannes}, gives 0.5, which at the distances allowed
 * is the same crossing or the next one along the same street).
 */
export const NAMES_AGREE = 0.5;
