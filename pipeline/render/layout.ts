// Where things go on a map page. The legend sections, the scale bar, the north arrow and an
// inset are measured blocks; the map is the city (or zoom) fitted into a box. Three layouts are
// tried — blocks in the empty corners of the map box, a side column, a band under the map — and
// the one that draws the map largest without any block touching the drawn area wins.
import type { XY } from "../geo/crs.js";
import type { Block } from "./legend.js";
import type { Box } from "./map-frame.js";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the map draws, in page mm: polygon rings (even-odd) and free points. */
export interface Shape {
  rings: XY[][];
  points: XY[];
  /** The map fills its box (zoomed, clipped maps): no corner is empty. */
  full?: boolean;
}

export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function inRect(p: XY, r: Rect): boolean {
  return p[0] >= r.x && p[0] <= r.x + r.w && p[1] >= r.y && p[1] <= r.y + r.h;
}

function inRings(p: XY, rings: XY[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) !== o(a, b, d) && o(c, d, a) !== o(c, d, b);
}

/** True when the rectangle touches the drawn shape. */
export function hitsShape(r: Rect, s: Shape): boolean {
  if (s.full) return true;
  if (s.points.some((p) => inRect(p, r))) return true;
  const corners: XY[] = [[r.x, r.y], [r.x + r.w, r.y], [r.x + r.w, r.y + r.h], [r.x, r.y + r.h]];
  if (corners.some((c) => inRings(c, s.rings))) return true;
  for (const ring of s.rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      if (inRect(a, r)) return true;
      const b = ring[(i + 1) % ring.length];
      // Cheap reject before the exact test.
      if (Math.max(a[0], b[0]) < r.x || Math.min(a[0], b[0]) > r.x + r.w || Math.max(a[1], b[1]) < r.y || Math.min(a[1], b[1]) > r.y + r.h) continue;
      for (let k = 0; k < 4; k++) if (segmentsCross(a, b, corners[k], corners[(k + 1) % 4])) return true;
    }
  }
  return false;
}

export type Corner = "tl" | "tr" | "bl" | "br";

export interface Placement {
  block: Block;
  rect: Rect;
}

/**
 * Puts each block in a corner of `box`, stacked away from the corner, clear of the shape by
 * `pad` mm and of earlier blocks. Returns null when a required block finds no room.
 */
export function placeInCorners(box: Box, blocks: Array<Block & { optional?: boolean; corners?: Corner[] }>, shape: Shape, taken: Rect[] = [], pad = 1.5): Placement[] | null {
  const [[x0, y0], [x1, y1]] = box;
  const used: Record<Corner, number> = { tl: 0, tr: 0, bl: 0, br: 0 };
  const out: Placement[] = [];
  const busy = [...taken];
  for (const b of blocks) {
    let done = false;
    for (const c of b.corners ?? (["tl", "tr", "bl", "br"] as Corner[])) {
      const x = c === "tl" || c === "bl" ? x0 : x1 - b.w;
      const y = c === "tl" || c === "tr" ? y0 + used[c] : y1 - used[c] - b.h;
      const r = { x, y, w: b.w, h: b.h };
      if (y < y0 - 0.01 || y + b.h > y1 + 0.01 || x < x0 - 0.01 || x + b.w > x1 + 0.01) continue;
      const padded = { x: x - pad, y: y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad };
      if (hitsShape(padded, shape) || busy.some((t) => overlaps(padded, t))) continue;
      used[c] += b.h + 2.5;
      busy.push(r);
      out.push({ block: b, rect: r });
      done = true;
      break;
    }
    if (!done && !b.optional) return null;
  }
  return out;
}

/** Blocks packed into columns of `colW` (shortest column first); returns rects and the height. */
export function packColumns(blocks: Block[], x: number, y: number, width: number, colW: number, gap = 4): { placements: Placement[]; height: number } {
  const n = Math.max(1, Math.floor((width + gap) / (colW + gap)));
  const heights = new Array(n).fill(0);
  const placements: Placement[] = [];
  for (const b of blocks) {
    let c = 0;
    for (let i = 1; i < n; i++) if (heights[i] < heights[c] - 0.01) c = i;
    placements.push({ block: b, rect: { x: x + c * (colW + gap), y: y + heights[c], w: b.w, h: b.h } });
    heights[c] += b.h + 2.5;
  }
  return { placements, height: Math.max(0, ...heights.map((h) => h - 2.5)) };
}
