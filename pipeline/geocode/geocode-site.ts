// The cascade: each site tries the matchers from the most to the least certain and keeps the
// first that places it inside its arrondissement. A site no matcher places gets a reason.
import type { NameIndex } from "./name-index.js";
import type { Site } from "./parse-site.js";
import type { Accept, Placement } from "./placement.js";
import { matchCrossingExact, matchCrossingFuzzy, type CrossingIndex } from "./match-crossing.js";
import { matchAddress, type AddressPoint } from "./match-address.js";
import { matchPrefecture2012, type buildPrefectureIndex } from "./match-prefecture-2012.js";
import { matchPlace, placeQuery, tooVague, type NamedPlace } from "./match-place.js";
import { matchStreetCentre, matchStreetLines, type StreetLine, type ToWgs } from "./street-lines.js";

export interface Gazetteers {
  crossings: CrossingIndex;
  addresses: NameIndex<AddressPoint>;
  streets: NameIndex<StreetLine>;
  prefecture: ReturnType<typeof buildPrefectureIndex>;
  places: NameIndex<NamedPlace>;
  toWgs: ToWgs;
}

export type SiteResult = { placed: Placement } | { placed: null; reason: string };

export function geocodeSite(site: Site, g: Gazetteers, accept: Accept, explain?: (p: Placement) => string): SiteResult {
  const tried: string[] = [];
  const attempt = (name: string, f: () => Placement | undefined) => {
    tried.push(name);
    return f();
  };
  const steps: Array<[string, () => Placement | undefined]> = [];
  if (site.address) steps.push(["BAN address", () => matchAddress(site.address!, site.postalCode, g.addresses, accept)]);
  if (site.streets.length >= 2) {
    steps.push(["exact crossing", () => matchCrossingExact(site.streets, g.crossings, accept)]);
    steps.push(["fuzzy crossing", () => matchCrossingFuzzy(site.streets, g.crossings, accept)]);
    steps.push(["street centre lines", () => matchStreetLines(site.streets, g.streets, accept, g.toWgs)]);
  }
  steps.push(["2012 Préfecture point", () => matchPrefecture2012(site.implantation, g.prefecture, accept)]);
  steps.push(["named place", () => matchPlace([site.implantation, ...site.segments], g.places, accept)]);
  const named = site.streets.length ? site.streets : site.segments;
  const alone = [...named, ...named.map(placeQuery)].filter((n) => n && !tooVague(n));
  steps.push(["street centre", () => matchStreetCentre(alone, g.streets, accept, g.toWgs)]);
  for (const [name, f] of steps) {
    const p = attempt(name, f);
    if (p) return { placed: p };
  }
  let reason = `nothing found inside ${site.arrondissement} (or within the tolerance) by: ${tried.join(", ")}`;
  // Say what the cascade would have found without the postal-code rule: a reviewer can judge it.
  if (explain) {
    const loose = geocodeSite(site, g, () => true);
    if (loose.placed) reason += `; without that rule: ${loose.placed.method} ${loose.placed.detail}, ${explain(loose.placed)}`;
  }
  return { placed: null, reason };
}
