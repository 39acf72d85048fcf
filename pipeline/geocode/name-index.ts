// Items (crossing points, addresses, street lines) indexed by normalised street name, so a
// lookup costs one hash probe, or for fuzzy lookups a scan of the names sharing a token: never
// a scan of every row.
import { normaliseStreetName, streetTokens, STREET_TYPES } from "./normalise-street-name.js";
import { tokenSimilarity } from "./name-similarity.js";
import { renamedTo } from "./renamed-streets.js";

export interface KeyMatch {
  key: string;
  score: number;
}

export class NameIndex<T> {
  private readonly byKey = new Map<string, T[]>();
  private readonly tokens = new Map<string, string[]>();
  private readonly byToken = new Map<string, string[]>();

  add(name: string, item: T): void {
    const key = normaliseStreetName(name);
    if (!key) return;
    let list = this.byKey.get(key);
    if (!list) {
      list = [];
      this.byKey.set(key, list);
      const toks = streetTokens(name);
      this.tokens.set(key, toks);
      for (const t of new Set(toks.filter((x) => !STREET_TYPES.has(x)).map(stem))) {
        const keys = this.byToken.get(t) ?? [];
        keys.push(key);
        this.byToken.set(t, keys);
      }
    }
    list.push(item);
  }

  get(key: string): T[] {
    return this.byKey.get(key) ?? [];
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The exact key (and its 2024 name if renamed) with score 1, or nothing. */
  exactKeys(name: string): KeyMatch[] {
    const keys: KeyMatch[] = [];
    for (const k of candidatesNames(name)) if (this.byKey.has(k) && !keys.some((m) => m.key === k)) keys.push({ key: k, score: 1 });
    return keys;
  }

  /** Keys scoring at least `threshold` by token similarity, best first (ties by key, for stable output). */
  fuzzyKeys(name: string, threshold: number): KeyMatch[] {
    const out = new Map<string, number>();
    for (const variant of candidatesNames(name)) {
      const toks = variant.split(" ");
      const seen = new Set<string>();
      for (const t of toks) {
        for (const key of this.byToken.get(stem(t)) ?? []) {
          if (seen.has(key)) continue;
          seen.add(key);
          const s = tokenSimilarity(toks, this.tokens.get(key)!);
          if (s >= threshold && s > (out.get(key) ?? 0)) out.set(key, s);
        }
      }
    }
    return [...out].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** Names are found by the first letters of a word, so a typo further on ("Capucine") still finds them. */
const stem = (t: string) => t.slice(0, 4);

/** The name's key, then the key of its current name when the street was renamed. */
function candidatesNames(name: string): string[] {
  const key = normaliseStreetName(name);
  const renamed = renamedTo(key);
  return renamed ? [key, renamed] : [key];
}
