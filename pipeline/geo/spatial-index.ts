// The polygons of a layer as planar shapes (ids, properties, coordinates for the overlays) with
// their point queries answered by the one points-into-polygons engine (point-join.ts over
// flat-polygons.ts): the same R-tree and even-odd test as bench case 2's million points.
import type { Position } from "geojson";
import { flatDistanceToBoundary, flattenPolygons, flatPointInPolygon, type FlatPolygons } from "./flat-polygons.js";
import { firstPolygonContaining, polygonIndex, polygonsContaining, polygonsInBox, type FlatIndex } from "./point-join.js";
import type { PlanarShape } from "./planar.js";

export class PolygonIndex {
  readonly flat: FlatPolygons;
  private readonly index: FlatIndex;

  constructor(readonly shapes: PlanarShape[]) {
    this.flat = flattenPolygons(shapes.map((s) => ({ type: "MultiPolygon", coordinates: s.polygons as Position[][][] })));
    this.index = polygonIndex(this.flat);
  }

  /** Indices of shapes whose bbox meets the box (candidates only), ascending. */
  candidates(x0: number, y0: number, x1: number, y1: number): number[] {
    return polygonsInBox(this.index, x0, y0, x1, y1);
  }

  /** Indices of the shapes that strictly contain the point, in input order. */
  containing(x: number, y: number): number[] {
    return polygonsContaining(this.flat, this.index, x, y);
  }

  /** The first shape containing the point, or -1. */
  first(x: number, y: number): number {
    return firstPolygonContaining(this.flat, this.index, x, y);
  }

  /** Shapes that contain the point or whose boundary lies within `tol` metres of it. */
  within(x: number, y: number, tol: number): number[] {
    return this.candidates(x - tol, y - tol, x + tol, y + tol).filter(
      (p) => flatPointInPolygon(this.flat, p, x, y) || flatDistanceToBoundary(this.flat, p, x, y) <= tol,
    );
  }
}
