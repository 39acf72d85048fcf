// Sites at street crossings, placed on the OSM crossing points (croisements_rues_paris.csv):
// first by exact normalised names, then by token similarity of the names.
import { NameIndex, type KeyMatch } from "./name-index.js";
import { normaliseStreetName } from "./normalise-street-name.js";
import { round3, type Accept, type Placement } from "./placement.js";

export interface CrossingRow {
  nom1: string;
  nom2: string;
  lon: number;
  lat: number;
}

export interface CrossingIndex {
  names: NameIndex<string>;
  /** "keyA|keyB" (sorted) → points in file order. */
  pairs: Map<string, CrossingRow[]>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function buildCrossingIndex(rows: CrossingRow[]): CrossingIndex {
  const names = new NameIndex<string>();
  const pairs = new Map<string, CrossingRow[]>();
  for (const r of rows) {
    names.add(r.nom1, r.nom1);
    names.add(r.nom2, r.nom2);
    // A name just added is its own first exact key (exactKeys' first match): its normalised
    // form, "" when it normalises to nothing and was not added.
    const ka = normaliseStreetName(r.nom1);
    const kb = normaliseStreetName(r.nom2);
    if (!ka || !kb || ka === kb) continue;
    const k = pairKey(ka, kb);
    const list = pairs.get(k) ?? [];
    list.push(r);
    pairs.set(k, list);
  }
  return { names, pairs };
}

/** Street pairs in the order the list names them: (1,2), (1,3), (2,3)… */
function streetPairs(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  return out;
}

function firstAccepted(points: CrossingRow[], accept: Accept): CrossingRow | undefined {
  // Dual carriageways give several points for one pair; the file's first one inside the
  // arrondissement is kept (they lie within a few tens of metres of each other).
  return points.find((p) => accept(p.lon, p.lat));
}

export function matchCrossingExact(streets: string[], idx: CrossingIndex, accept: Accept): Placement | undefined {
  const keys = streets.map((s) => idx.names.exactKeys(s));
  for (const [i, j] of streetPairs(streets.length)) {
    for (const a of keys[i]) {
      for (const b of keys[j]) {
        const p = firstAccepted(idx.pairs.get(pairKey(a.key, b.key)) ?? [], accept);
        if (p) return { lon: p.lon, lat: p.lat, method: "crossing_exact", confidence: 0.95, detail: `${p.nom1} × ${p.nom2}` };
      }
    }
  }
  return undefined;
}

/** Candidate names per street: exact first, then similar names, at most `limit`. */
export function candidateKeys(names: NameIndex<unknown>, street: string, threshold: number, limit = 8): KeyMatch[] {
  const exact = names.exactKeys(street);
  const fuzzy = names.fuzzyKeys(street, threshold).filter((m) => !exact.some((e) => e.key === m.key));
  return [...exact, ...fuzzy].slice(0, limit);
}

export function matchCrossingFuzzy(streets: string[], idx: CrossingIndex, accept: Accept, threshold = 0.6): Placement | undefined {
  const keys = streets.map((s) => candidateKeys(idx.names, s, threshold));
  let best: { p: CrossingRow; score: number } | undefined;
  for (const [i, j] of streetPairs(streets.length)) {
    for (const a of keys[i]) {
      for (const b of keys[j]) {
        if (a.key === b.key) continue;
        const score = Math.min(a.score, b.score);
        if (best && score <= best.score) continue;
        const p = firstAccepted(idx.pairs.get(pairKey(a.key, b.key)) ?? [], accept);
        if (p) best = { p, score };
      }
    }
  }
  if (!best) return undefined;
  const { p, score } = best;
  return { lon: p.lon, lat: p.lat, method: "crossing_fuzzy", confidence: round3(0.5 + 0.4 * score), detail: `${p.nom1} × ${p.nom2} (similarity ${round3(score)})` };
}
