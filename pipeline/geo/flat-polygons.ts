// Polygons packed into typed arrays: one Float64Array of coordinates and offset tables, so a join
// over 100,000 polygons touches a few contiguous buffers instead of millions of small JS arrays
// (and memory grows with the vertices kept, not with GeoJSON object overhead).
import type { Geometry, Position } from "geojson";
import { rayCrosses, segmentDistance } from "./point-in-polygon.js";

export interface FlatPolygons {
  /** Number of polygons (features); a MultiPolygon is one polygon with several parts. */
  count: number;
  /** x0, y0, x1, y1, … for every ring vertex; rings are stored without the closing vertex. */
  coords: Float64Array;
  /** Vertex offset of ring r is ringStart[r]; ringStart[rings] = total vertices. */
  ringStart: Uint32Array;
  /** Rings of polygon p are polyRingStart[p] .. polyRingStart[p + 1] - 1. */
  polyRingStart: Uint32Array;
  /**
   * +1 or -1 per ring so that sign × signed area is + for outer rings and − for holes, whatever
   * the input winding (RFC 7946 asks for counter-clockwise shells, shapefiles use clockwise).
   */
  ringSign: Float64Array;
  /** minX, minY, maxX, maxY per polygon. */
  bbox: Float64Array;
}

/** Grows typed arrays as features arrive (a streaming reader keeps only this). */
export class FlatPolygonBuilder {
  private coords = new Float64Array(1 << 16);
  private nCoords = 0;
  private ringStart: number[] = [0];
  private polyRingStart: number[] = [0];
  private ringSign: number[] = [];
  private bbox: number[] = [];

  get count(): number {
    return this.polyRingStart.length - 1;
  }

  /** Adds one polygon from a Polygon or MultiPolygon geometry (anything else: an empty polygon). */
  add(g: Geometry | null): void {
    const parts: Position[][][] = g?.type === "Polygon" ? [g.coordinates] : g?.type === "MultiPolygon" ? g.coordinates : [];
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const part of parts) {
      part.forEach((ring, k) => {
        let n = ring.length;
        if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n--;
        if (n < 3) return;
        this.reserve(2 * n);
        let area2 = 0;
        for (let i = 0; i < n; i++) {
          const x = ring[i][0], y = ring[i][1];
          const nx = ring[(i + 1) % n][0], ny = ring[(i + 1) % n][1];
          area2 += x * ny - nx * y;
          this.coords[this.nCoords++] = x;
          this.coords[this.nCoords++] = y;
          if (x < x0) x0 = x;
          if (y < y0) y0 = y;
          if (x > x1) x1 = x;
          if (y > y1) y1 = y;
        }
        const outer = k === 0 ? 1 : -1;
        this.ringSign.push(area2 >= 0 ? outer : -outer);
        this.ringStart.push(this.nCoords / 2);
      });
    }
    this.polyRingStart.push(this.ringSign.length);
    this.bbox.push(x0, y0, x1, y1);
  }

  finish(): FlatPolygons {
    return {
      count: this.count,
      coords: this.coords.slice(0, this.nCoords),
      ringStart: Uint32Array.from(this.ringStart),
      polyRingStart: Uint32Array.from(this.polyRingStart),
      ringSign: Float64Array.from(this.ringSign),
      bbox: Float64Array.from(this.bbox),
    };
  }

  private reserve(more: number): void {
    if (this.nCoords + more <= this.coords.length) return;
    let size = this.coords.length * 2;
    while (size < this.nCoords + more) size *= 2;
    const next = new Float64Array(size);
    next.set(this.coords.subarray(0, this.nCoords));
    this.coords = next;
  }
}

export function flattenPolygons(geometries: Array<Geometry | null>): FlatPolygons {
  const b = new FlatPolygonBuilder();
  for (const g of geometries) b.add(g);
  return b.finish();
}

/** Even-odd test over all rings of polygon p (parts of a MultiPolygon must not overlap). */
export function flatPointInPolygon(fp: FlatPolygons, p: number, x: number, y: number): boolean {
  const { coords, ringStart, polyRingStart } = fp;
  let inside = false;
  for (let r = polyRingStart[p]; r < polyRingStart[p + 1]; r++) {
    const a = ringStart[r], b = ringStart[r + 1];
    for (let i = a, j = b - 1; i < b; j = i++) {
      const yi = coords[2 * i + 1], yj = coords[2 * j + 1];
      if (yi > y !== yj > y && rayCrosses(x, y, coords[2 * i], yi, coords[2 * j], yj)) inside = !inside;
    }
  }
  return inside;
}

/** Area of polygon p (outer rings minus holes), in squared coordinate units. */
export function flatPolygonArea(fp: FlatPolygons, p: number): number {
  let total = 0;
  for (let r = fp.polyRingStart[p]; r < fp.polyRingStart[p + 1]; r++) {
    const a = fp.ringStart[r], b = fp.ringStart[r + 1];
    // Relative to the ring's first vertex, so projected coordinates in the millions keep precision.
    const ox = fp.coords[2 * a], oy = fp.coords[2 * a + 1];
    let area2 = 0;
    for (let i = a, j = b - 1; i < b; j = i++) {
      area2 += (fp.coords[2 * j] - ox) * (fp.coords[2 * i + 1] - oy) - (fp.coords[2 * i] - ox) * (fp.coords[2 * j + 1] - oy);
    }
    total += (fp.ringSign[r] * area2) / 2;
  }
  return total;
}

/** Distance from a point to the nearest edge of polygon p (edges walked as in the input rings). */
export function flatDistanceToBoundary(fp: FlatPolygons, p: number, x: number, y: number): number {
  const c = fp.coords;
  let best = Infinity;
  for (let r = fp.polyRingStart[p]; r < fp.polyRingStart[p + 1]; r++) {
    const a = fp.ringStart[r], b = fp.ringStart[r + 1];
    for (let i = a; i < b; i++) {
      const j = i + 1 === b ? a : i + 1;
      const d = segmentDistance(x, y, c[2 * i], c[2 * i + 1], c[2 * j], c[2 * j + 1]);
      if (d < best) best = d;
    }
  }
  return best;
}
