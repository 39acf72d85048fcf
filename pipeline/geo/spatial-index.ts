// A static R-tree (flatbush) over polygon bounding boxes, refined by an exact point-in-polygon
// test: the bbox query keeps the exact test to the two or three shapes that can contain a point.
import Flatbush from "flatbush";
import { distanceToBoundary, pointInPolygons } from "./point-in-polygon.js";
import type { PlanarShape } from "./planar.js";

export class PolygonIndex {
  private readonly tree: Flatbush;

  constructor(readonly shapes: PlanarShape[]) {
    this.tree = new Flatbush(Math.max(shapes.length, 1));
    for (const s of shapes) this.tree.add(s.bbox[0], s.bbox[1], s.bbox[2], s.bbox[3]);
    if (shapes.length === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  /** Indices of shapes whose bbox meets the box (candidates only). */
  candidates(x0: number, y0: number, x1: number, y1: number): number[] {
    if (this.shapes.length === 0) return [];
    return this.tree.search(x0, y0, x1, y1).sort((a, b) => a - b);
  }

  /** Indices of the shapes that strictly contain the point, in input order. */
  containing(x: number, y: number): number[] {
    return this.candidates(x, y, x, y).filter((i) => pointInPolygons(x, y, this.shapes[i].polygons));
  }

  /** The first shape containing the point, or -1. */
  first(x: number, y: number): number {
    const c = this.containing(x, y);
    return c.length ? c[0] : -1;
  }

  /** Shapes that contain the point or whose boundary lies within `tol` metres of it. */
  within(x: number, y: number, tol: number): number[] {
    return this.candidates(x - tol, y - tol, x + tol, y + tol).filter(
      (i) => pointInPolygons(x, y, this.shapes[i].polygons) || distanceToBoundary(x, y, this.shapes[i].polygons) <= tol,
    );
  }
}
