// A site's postal code says where it may land: inside its arrondissement, or within `tolerance`
// metres of its limit (bridges, the périphérique and the Seine run along the limits).
import type { Feature } from "geojson";
import { transformer } from "../geo/crs.js";
import { distanceToBoundary, pointInPolygons } from "../geo/point-in-polygon.js";
import { PLANAR_CRS, toPlanarShape, type PlanarShape } from "../geo/planar.js";
import type { Accept } from "./placement.js";

export class ArrondissementConstraint {
  private readonly shapes = new Map<string, PlanarShape>();
  private readonly toL93 = transformer("EPSG:4326", PLANAR_CRS);

  constructor(arrondissements: Feature[], readonly tolerance = 50) {
    for (const f of arrondissements) this.shapes.set(String(f.properties!.code), toPlanarShape(f));
  }

  has(code: string): boolean {
    return this.shapes.has(code);
  }

  /** Metres from the arrondissement (0 inside), Infinity for an unknown code. */
  distance(code: string, lon: number, lat: number): number {
    const s = this.shapes.get(code);
    if (!s) return Infinity;
    const [x, y] = this.toL93([lon, lat]);
    const [x0, y0, x1, y1] = s.bbox;
    if (x < x0 - this.tolerance || x > x1 + this.tolerance || y < y0 - this.tolerance || y > y1 + this.tolerance) {
      return Math.max(x0 - x, x - x1, y0 - y, y - y1);
    }
    return pointInPolygons(x, y, s.polygons) ? 0 : distanceToBoundary(x, y, s.polygons);
  }

  accept(code: string): Accept {
    return (lon, lat) => this.distance(code, lon, lat) <= this.tolerance;
  }
}
