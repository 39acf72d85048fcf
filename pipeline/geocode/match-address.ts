// Postal addresses of the list ("15-17, avenue Simon Bolivar") placed on the Base Adresse
// Nationale, indexed by normalised street name so each lookup touches one street's numbers.
import { NameIndex } from "./name-index.js";
import { candidateKeys } from "./match-crossing.js";
import type { PostalAddress } from "./parse-site.js";
import { round3, type Accept, type Placement } from "./placement.js";

export interface AddressPoint {
  street: string;
  number: number;
  /** Repetition index: "" for the plain number, "b" bis, "t" ter… */
  rep: string;
  postalCode: string;
  lon: number;
  lat: number;
}

export function buildAddressIndex(points: AddressPoint[]): NameIndex<AddressPoint> {
  const idx = new NameIndex<AddressPoint>();
  for (const p of points) idx.add(p.street, p);
  return idx;
}

const REP: Record<string, string> = { bis: "b", ter: "t", quater: "q" };

function numberPoint(list: AddressPoint[], n: number, suffix: string, accept: Accept): AddressPoint | undefined {
  const ok = list.filter((p) => p.number === n && accept(p.lon, p.lat));
  // The plain number is the default: BAN rows with a `rep` are the bis/ter buildings next door.
  return ok.find((p) => p.rep === (REP[suffix] ?? "")) ?? ok.find((p) => p.rep === "") ?? ok[0];
}

export function matchAddress(addr: PostalAddress, postalCode: string, idx: NameIndex<AddressPoint>, accept: Accept): Placement | undefined {
  for (const k of candidateKeys(idx, addr.street, 0.8, 4)) {
    const all = idx.get(k.key).filter((p) => p.postalCode === postalCode || accept(p.lon, p.lat));
    if (all.length === 0) continue;
    const from = numberPoint(all, addr.number, addr.suffix, accept);
    const to = addr.to !== undefined ? numberPoint(all, addr.to, "", accept) : undefined;
    const name = all[0].street;
    const nameFactor = k.score;
    if (from && to) {
      return { lon: (from.lon + to.lon) / 2, lat: (from.lat + to.lat) / 2, method: "address", confidence: round3(0.85 * nameFactor), detail: `${addr.number}-${addr.to} ${name} (BAN, middle of the range)` };
    }
    const hit = from ?? to;
    if (hit) return { lon: hit.lon, lat: hit.lat, method: "address", confidence: round3(0.9 * nameFactor), detail: `${hit.number}${hit.rep} ${name} (BAN)` };
    // The number is missing from the BAN (demolished, merged): the nearest number on the same side.
    const sameSide = all.filter((p) => p.number % 2 === addr.number % 2 && Math.abs(p.number - addr.number) <= 10 && accept(p.lon, p.lat));
    sameSide.sort((a, b) => Math.abs(a.number - addr.number) - Math.abs(b.number - addr.number) || a.number - b.number || (a.rep < b.rep ? -1 : 1));
    const near = sameSide[0];
    if (near) return { lon: near.lon, lat: near.lat, method: "address", confidence: round3(0.6 * nameFactor), detail: `${near.number}${near.rep} ${name} (BAN, nearest number to ${addr.number})` };
  }
  return undefined;
}
