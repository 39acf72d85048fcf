// Ville de Paris centre lines (voie.geojson) in Lambert-93: where two named streets meet when OSM
// has no crossing point for them, and the middle of a street named alone.
import type { Position } from "geojson";
import { NameIndex } from "./name-index.js";
import { candidateKeys } from "./match-crossing.js";
import { round3, type Accept, type Placement } from "./placement.js";

export interface StreetLine {
  name: string;
  /** Parts of the centre line, Lambert-93 metres. */
  parts: Position[][];
}

export type ToWgs = (xy: [number, number]) => [number, number];

/**
 * A street line whose parts are reprojected the first time a lookup reads them: a study's file
 * holds every street of the city (Paris: ~6,000 lines, 5 MB) and the sites name a few hundred.
 * `project` is applied to the same points in the same order as an eager copy would be.
 */
export function lazyStreetLine(name: string, parts: Position[][], project: (p: [number, number]) => Position): StreetLine {
  let projected: Position[][] | undefined;
  return {
    name,
    get parts() {
      return (projected ??= parts.map((part) => part.map((q) => project([q[0], q[1]]))));
    },
  };
}

export function buildStreetIndex(lines: StreetLine[]): NameIndex<StreetLine> {
  const idx = new NameIndex<StreetLine>();
  for (const l of lines) idx.add(l.name, l);
  return idx;
}

interface Closest {
  d: number;
  x: number;
  y: number;
}

function closestOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): [number, number] {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return [ax + t * dx, ay + t * dy];
}

/** Closest approach of two segments: 0 at their intersection, else the best of the 4 end-to-segment cases. */
export function segmentApproach(a: Position, b: Position, c: Position, d: Position): Closest {
  const r = [b[0] - a[0], b[1] - a[1]], s = [d[0] - c[0], d[1] - c[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (den !== 0) {
    const t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den;
    const u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return { d: 0, x: a[0] + t * r[0], y: a[1] + t * r[1] };
  }
  let best: Closest = { d: Infinity, x: 0, y: 0 };
  const tryPoint = (p: Position, q0: Position, q1: Position) => {
    const [qx, qy] = closestOnSegment(p[0], p[1], q0[0], q0[1], q1[0], q1[1]);
    const dd = Math.hypot(p[0] - qx, p[1] - qy);
    if (dd < best.d) best = { d: dd, x: (p[0] + qx) / 2, y: (p[1] + qy) / 2 };
  };
  tryPoint(a, c, d);
  tryPoint(b, c, d);
  tryPoint(c, a, b);
  tryPoint(d, a, b);
  return best;
}

export function lineApproach(l1: StreetLine, l2: StreetLine): Closest {
  let best: Closest = { d: Infinity, x: 0, y: 0 };
  for (const p of l1.parts) for (let i = 0; i + 1 < p.length; i++) {
    for (const q of l2.parts) for (let j = 0; j + 1 < q.length; j++) {
      const c = segmentApproach(p[i], p[i + 1], q[j], q[j + 1]);
      if (c.d < best.d) best = c;
    }
  }
  return best;
}

/** Two named streets whose centre lines meet (or pass within `maxGap` m) inside the arrondissement. */
export function matchStreetLines(streets: string[], idx: NameIndex<StreetLine>, accept: Accept, toWgs: ToWgs, maxGap = 25): Placement | undefined {
  const keys = streets.map((s) => candidateKeys(idx, s, 0.75, 3));
  let best: { lon: number; lat: number; score: number; d: number; detail: string } | undefined;
  for (let i = 0; i < streets.length; i++) for (let j = i + 1; j < streets.length; j++) {
    for (const a of keys[i]) for (const b of keys[j]) {
      if (a.key === b.key) continue;
      const score = Math.min(a.score, b.score);
      for (const la of idx.get(a.key)) for (const lb of idx.get(b.key)) {
        const c = lineApproach(la, lb);
        if (c.d > maxGap) continue;
        const [lon, lat] = toWgs([c.x, c.y]);
        if (!accept(lon, lat)) continue;
        if (!best || score > best.score || (score === best.score && c.d < best.d)) best = { lon, lat, score, d: c.d, detail: `${la.name} × ${lb.name} (gap ${Math.round(c.d)} m)` };
      }
    }
  }
  if (!best) return undefined;
  return { lon: best.lon, lat: best.lat, method: "street_lines", confidence: round3(0.75 * best.score * (1 - best.d / (4 * maxGap))), detail: best.detail };
}

/** The point halfway along a line (by length), or the accepted vertex nearest to it. */
export function lineMidpoint(line: StreetLine, accept: Accept, toWgs: ToWgs): [number, number] | undefined {
  const segs: Array<[Position, Position, number]> = [];
  let total = 0;
  for (const p of line.parts) for (let i = 0; i + 1 < p.length; i++) {
    const len = Math.hypot(p[i + 1][0] - p[i][0], p[i + 1][1] - p[i][1]);
    segs.push([p[i], p[i + 1], len]);
    total += len;
  }
  let rest = total / 2;
  let mid: [number, number] | undefined;
  for (const [a, b, len] of segs) {
    if (rest <= len) {
      const t = len === 0 ? 0 : rest / len;
      mid = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      break;
    }
    rest -= len;
  }
  if (!mid) return undefined;
  const m = toWgs(mid);
  if (accept(m[0], m[1])) return m;
  // A street running through several arrondissements: its middle may be in another one.
  let bestV: [number, number] | undefined;
  let bestD = Infinity;
  for (const p of line.parts) for (const v of p) {
    const d = Math.hypot(v[0] - mid[0], v[1] - mid[1]);
    if (d >= bestD) continue;
    const w = toWgs([v[0], v[1]]);
    if (accept(w[0], w[1])) {
      bestD = d;
      bestV = w;
    }
  }
  return bestV;
}

/** A street named alone: the middle of its centre line, with low confidence (it may be anywhere along it). */
export function matchStreetCentre(names: string[], idx: NameIndex<StreetLine>, accept: Accept, toWgs: ToWgs): Placement | undefined {
  for (const name of names) {
    for (const k of candidateKeys(idx, name, 0.8, 3)) {
      for (const line of idx.get(k.key)) {
        const m = lineMidpoint(line, accept, toWgs);
        if (m) return { lon: m[0], lat: m[1], method: "street_centre", confidence: round3(0.3 * k.score), detail: `middle of ${line.name}` };
      }
    }
  }
  return undefined;
}
