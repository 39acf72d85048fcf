// Described points ("PSG — Parc des Princes", "Pont Mirabeau aval — Seine", "Léo Lagrange")
// placed on a gazetteer of named places: green spaces, sports facilities, stations, and the
// squares, bridges, ports and places of the Ville de Paris street file.
import { NameIndex } from "./name-index.js";
import { candidateKeys } from "./match-crossing.js";
import { foldText, streetTokens } from "./normalise-street-name.js";
import { round3, type Accept, type Placement } from "./placement.js";

export interface NamedPlace {
  name: string;
  kind: "green_space" | "facility" | "station" | "way";
  lon: number;
  lat: number;
}

export function buildPlaceIndex(places: NamedPlace[]): NameIndex<NamedPlace> {
  const idx = new NameIndex<NamedPlace>();
  for (const p of places) idx.add(p.name, p);
  return idx;
}

// Words that say where on a place the camera is, not which place it is.
const QUALIFIERS = /\b(amont|aval|en|rive|droite|gauche|nord|sud|est|ouest|seine|cote|niveau|zone|acces|abords|entree|pointe|toiture|toit|trottoir|devant|face|voie)\b/g;

export function placeQuery(segment: string): string {
  return foldText(segment).replace(QUALIFIERS, " ").replace(/\s+/g, " ").trim();
}

// A bridge, port or gate names a precise spot: "Porte de Passy" must not land on the station "Passy".
const KEPT_TYPES = new Set(["porte", "pont", "port", "passerelle"]);
// Words that name no place by themselves ("Passerelle de l'Avre — Paris — Seine").
const TOO_VAGUE = new Set(["seine", "paris"]);

export function tooVague(name: string): boolean {
  const words = streetTokens(name);
  return words.length === 0 || (words.length === 1 && TOO_VAGUE.has(words[0]));
}

export function matchPlace(segments: string[], idx: NameIndex<NamedPlace>, accept: Accept, threshold = 0.8): Placement | undefined {
  let best: { p: NamedPlace; score: number } | undefined;
  // The name as written first, then without its qualifiers: "Place des Combattants en Afrique du
  // Nord" must keep its "Nord", "Pont Mirabeau aval" must lose its "aval".
  for (const q of [...segments, ...segments.map(placeQuery)]) {
    const words = streetTokens(q);
    if (tooVague(q)) continue;
    const kept = KEPT_TYPES.has(words[0]) ? words[0] : undefined;
    // A one-word name ("Batignolles") is a neighbourhood more than a spot: less sure.
    const vagueness = words.length < 2 ? 0.7 : 1;
    for (const k of candidateKeys(idx, q, threshold, 4)) {
      if (kept && !k.key.split(" ").includes(kept)) continue;
      const score = k.score * vagueness;
      if (best && score <= best.score) continue;
      const p = idx.get(k.key).find((x) => accept(x.lon, x.lat));
      if (p) best = { p, score };
    }
  }
  if (!best) return undefined;
  return { lon: best.p.lon, lat: best.p.lat, method: "place", confidence: round3(0.6 * best.score), detail: `${best.p.kind} "${best.p.name}" (similarity ${round3(best.score)})` };
}
