// The Préfecture's own 2012 positions ("FOCH / PRESBOURG", "PONT D'IENA - AMONT",
// "TOUR EIFFEL - PILIER NORD"), matched by name to a 2019 site within its arrondissement.
// Most 2019 sites already existed in 2012, and the 2012 layer names the streets without types.
import { streetTokens } from "./normalise-street-name.js";
import { round3, type Accept, type Placement } from "./placement.js";

export interface PrefecturePoint {
  label: string;
  lon: number;
  lat: number;
}

interface Indexed extends PrefecturePoint {
  parts: string[][];
  tokens: Set<string>;
}

// The 2012 names drop "rue", "avenue", "boulevard" but keep PLACE, PONT, PORTE, QUAI: those stay
// in the comparison so that "Porte de Clichy" does not match "PLACE DE CLICHY".
const OMITTED_TYPES = new Set(["rue", "avenue", "boulevard"]);
// Words of a described point that say where on the site, not which site ("côté rive gauche").
const NOISE = new Set(["cote", "rive", "gauche", "droite", "seine", "en", "niveau", "zone", "acces", "abords", "vers", "trottoir"]);
const nameTokens = (s: string) => streetTokens(s).filter((t) => !OMITTED_TYPES.has(t) && !NOISE.has(t));

export interface PrefectureIndex {
  points: Indexed[];
  /** Word → positions (ascending) of the points whose name has it. */
  byToken: Map<string, number[]>;
}

export function buildPrefectureIndex(points: PrefecturePoint[]): PrefectureIndex {
  const indexed = points.map((p) => {
    const parts = p.label.split(/\s*(?:\/|,|\s-\s)\s*/).map(nameTokens).filter((t) => t.length > 0);
    return { ...p, parts, tokens: new Set(parts.flat()) };
  });
  const byToken = new Map<string, number[]>();
  indexed.forEach((p, i) => {
    for (const t of p.tokens) {
      const list = byToken.get(t);
      if (list) list.push(i);
      else byToken.set(t, [i]);
    }
  });
  return { points: indexed, byToken };
}

/** Points sharing at least one word with the site, in file order (others have Dice 0). */
function candidates(site: Set<string>, idx: PrefectureIndex): Indexed[] {
  const at = new Set<number>();
  for (const t of site) for (const i of idx.byToken.get(t) ?? []) at.add(i);
  return [...at].sort((a, b) => a - b).map((i) => idx.points[i]);
}

/** Share of the 2012 name's parts found in the site's words, and Dice similarity of all words. */
export function prefectureScore(siteTokens: Set<string>, p: { parts: string[][]; tokens: Set<string> }): { matchedParts: number; dice: number } {
  let matchedParts = 0;
  for (const part of p.parts) {
    const hit = part.filter((t) => siteTokens.has(t)).length;
    if (hit / part.length >= 0.5) matchedParts++;
  }
  let common = 0;
  for (const t of p.tokens) if (siteTokens.has(t)) common++;
  const dice = (2 * common) / (siteTokens.size + p.tokens.size || 1);
  return { matchedParts, dice };
}

export function matchPrefecture2012(implantation: string, idx: PrefectureIndex, accept: Accept): Placement | undefined {
  const site = new Set(nameTokens(implantation));
  if (site.size === 0) return undefined;
  let best: { p: Indexed; dice: number } | undefined;
  // Only points sharing a word can reach the Dice threshold; scanning them in file order keeps
  // the first of equally similar points, as a scan of every point would.
  for (const p of candidates(site, idx)) {
    if (p.parts.length === 0) continue;
    const { matchedParts, dice } = prefectureScore(site, p);
    // Every part of a two-part name, or at least two parts of a longer one; a one-part name must
    // be nearly the whole site name ("PLACE VENDOME" for "Place Vendôme").
    const enough = p.parts.length === 1 ? matchedParts === 1 && dice >= 0.65 : matchedParts >= Math.min(2, p.parts.length) && matchedParts / p.parts.length >= 0.5;
    if (!enough || dice < 0.6) continue;
    if (best && dice <= best.dice) continue;
    if (accept(p.lon, p.lat)) best = { p, dice };
  }
  if (!best) return undefined;
  return { lon: best.p.lon, lat: best.p.lat, method: "prefecture_2012", confidence: round3(0.5 + 0.35 * best.dice), detail: `2012 point "${best.p.label}" (similarity ${round3(best.dice)})` };
}
