// The flat polygon arrays (geo/flat-polygons.ts FlatPolygons) written out plainly, for the tests of
// every reader that builds them (flattenPolygons, the streaming and the byte readers).
import type { Geometry, Position } from "geojson";

// Written out plainly: every ring's vertices in order without the closing
// one, rings under three vertices left out, a polygon's box over its stored vertices, and the
// sign that makes shells positive (shoelace in the test's own order of terms).
export function flatPolygonsReference(geoms: Array<Geometry | null>) {
  const coords: number[] = [], ringStart = [0], polyRingStart = [0], ringSign: number[] = [], bbox: number[] = [];
  for (const g of geoms) {
    const parts: Position[][][] = g?.type === "Polygon" ? [g.coordinates] : g?.type === "MultiPolygon" ? g.coordinates : [];
    let box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const part of parts) {
      part.forEach((ring, k) => {
        const closed = ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1];
        const open = closed ? ring.slice(0, -1) : ring;
        if (open.length < 3) return;
        let a = 0;
        open.forEach(([x, y], i) => {
          const [nx, ny] = open[(i + 1) % open.length];
          a += x * ny - nx * y;
          coords.push(x, y);
          box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
        });
        ringSign.push((a >= 0) === (k === 0) ? 1 : -1);
        ringStart.push(coords.length / 2);
      });
    }
    polyRingStart.push(ringSign.length);
    bbox.push(...box);
  }
  return { count: geoms.length, coords, ringStart, polyRingStart, ringSign, bbox };
}

