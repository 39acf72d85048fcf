// Station ridership around a place: the annual entries at every station within 300 m of a cell's
// centre or of a camera, summed. Pure: features in, numbers out. The stations are the ridership
// layer's points (one per operator row, two at a station served by Métro and RER), wherever they
// stand: a station just beyond the city limit still brings people to the cells along it.
import type { Feature } from "geojson";
import { toPlanarPoint } from "../geo/planar.js";
import type { XY } from "../geo/distance.js";
import type { PolygonIndex } from "../geo/spatial-index.js";
import type { RidershipJoinSummary } from "../contracts.js";

export const RIDERSHIP_RADIUS_M = 300;

export interface StationEntries {
  xy: XY;
  entries: number;
  station: string;
}

export function stationEntries(ridership: Feature[]): StationEntries[] {
  return ridership.map((f) => ({ xy: toPlanarPoint(f), entries: Number(f.properties!.entries), station: String(f.properties!.station ?? f.properties!.id) }));
}

/** Σ entries of the stations within `radius` metres of p (boundary included, as countWithin). */
export function entriesWithin(p: XY, stations: StationEntries[], radius = RIDERSHIP_RADIUS_M): number {
  const r2 = radius * radius;
  let sum = 0;
  for (const s of stations) {
    const dx = p[0] - s.xy[0], dy = p[1] - s.xy[1];
    if (dx * dx + dy * dy <= r2) sum += s.entries;
  }
  return sum;
}

/** Σ entries of the stations standing in each district (its first containing shape), by code. */
export function entriesByDistrict(stations: StationEntries[], idx: PolygonIndex): Map<string, number> {
  const out = new Map<string, number>(idx.shapes.map((s) => [s.id, 0]));
  for (const s of stations) {
    const i = idx.first(s.xy[0], s.xy[1]);
    if (i >= 0) out.set(idx.shapes[i].id, out.get(idx.shapes[i].id)! + s.entries);
  }
  return out;
}

export function ridershipSummary(stations: StationEntries[], inCity: (xy: XY) => boolean, year: number | null): RidershipJoinSummary {
  return {
    stations: new Set(stations.map((s) => s.station)).size,
    entries: stations.reduce((a, s) => a + s.entries, 0),
    entries_in_city: stations.filter((s) => inCity(s.xy)).reduce((a, s) => a + s.entries, 0),
    radius_m: RIDERSHIP_RADIUS_M,
    year,
  };
}
