// What every matcher returns, and the one rule they share: a site may only land in its declared
// arrondissement (or within a tolerance of its limit). Matchers get that rule as `accept`.
export type GeocodeMethod =
  | "crossing_exact"
  | "crossing_fuzzy"
  | "street_lines"
  | "address"
  | "prefecture_2012"
  | "place"
  | "street_centre";

export interface Placement {
  lon: number;
  lat: number;
  method: GeocodeMethod;
  /** In [0, 1]: how sure the method is that this is the site, not how precise the point is. */
  confidence: number;
  /** What matched, for the report ("Rue de Rivoli × Rue Saint-Denis"). */
  detail: string;
}

/** Whether a WGS84 point may hold the site. */
export type Accept = (lon: number, lat: number) => boolean;

export const round3 = (v: number) => Math.round(v * 1000) / 1000;
