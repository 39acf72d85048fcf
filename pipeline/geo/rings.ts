// Ring arithmetic on planar coordinates (lon/lat or metres): signed area, winding, closure,
// and the RFC 7946 winding rule (exterior counter-clockwise, holes clockwise).
import type { Position } from "geojson";

/** Shoelace area; positive when counter-clockwise (y up). */
export function signedRingArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return s / 2;
}

export function isClosed(ring: Position[]): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return ring.length >= 4 && a[0] === b[0] && a[1] === b[1];
}

/** Polygon area (exterior minus holes), whatever the winding. */
export function polygonArea(rings: Position[][]): number {
  let a = 0;
  rings.forEach((r, i) => {
    const s = Math.abs(signedRingArea(r));
    a += i === 0 ? s : -s;
  });
  return a;
}

/** Returns the rings rewound to RFC 7946 and whether anything changed. */
export function rewindPolygon(rings: Position[][]): { rings: Position[][]; changed: boolean } {
  let changed = false;
  const out = rings.map((r, i) => {
    const ccw = signedRingArea(r) > 0;
    const wantCcw = i === 0;
    if (ccw === wantCcw) return r;
    changed = true;
    return [...r].reverse();
  });
  return { rings: out, changed };
}
