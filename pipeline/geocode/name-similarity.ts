// Token similarity of two street names, for names that differ by more than spelling rules:
// a missing first name ("avenue Opéra" / "Avenue de l'Opéra" is handled by articles, but
// "rue Jean Fourastie" / "Rue Jean Fourastié" by accents, "rue Bobillot" / "Rue Bobillot" trivially),
// a typo ("Orgues de Frandre"), or a type given differently ("Villa" / "Rue").
import { STREET_TYPES, streetTokens } from "./normalise-street-name.js";

/** Levenshtein distance, capped: we only need to know whether it is 0, 1 or more. */
function editDistanceAtMost1(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function tokenMatch(a: string, b: string): boolean {
  if (a === b) return true;
  // One typo is tolerated in long words only: short words (noms of 4 letters) are too often real differences.
  return a.length >= 6 && b.length >= 6 && editDistanceAtMost1(a, b);
}

/** Dice coefficient over name tokens (types excluded), times 0.8 when both types are given and differ. */
export function nameSimilarity(a: string, b: string): number {
  return tokenSimilarity(streetTokens(a), streetTokens(b));
}

export function tokenSimilarity(ta: string[], tb: string[]): number {
  const typeA = STREET_TYPES.has(ta[0] ?? "") && ta.length > 1 ? ta[0] : undefined;
  const typeB = STREET_TYPES.has(tb[0] ?? "") && tb.length > 1 ? tb[0] : undefined;
  const ca = typeA ? ta.slice(1) : ta;
  const cb = typeB ? tb.slice(1) : tb;
  if (ca.length === 0 || cb.length === 0) return 0;
  const used = new Array<boolean>(cb.length).fill(false);
  let common = 0;
  for (const t of ca) {
    const j = cb.findIndex((u, k) => !used[k] && tokenMatch(t, u));
    if (j >= 0) {
      used[j] = true;
      common++;
    }
  }
  const dice = (2 * common) / (ca.length + cb.length);
  // A bridge is not a port, nor a place a street: a different type costs more than a missing word.
  return typeA && typeB && typeA !== typeB ? dice * 0.8 : dice;
}
