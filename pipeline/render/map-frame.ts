// Where the map sits on the page: WGS84 features go to Lambert-93 metres (the project's
// transformer), then d3's geoIdentity maps metres to page millimetres. geoIdentity keeps d3-geo
// planar, so no spherical winding trap (a ring in the "wrong" order filling the whole globe).
import { geoIdentity, geoPath, type GeoPath, type GeoPermissibleObjects } from "d3-geo";
import type { Feature, Geometry, Position } from "geojson";
import { transformer, type XY } from "../geo/crs.js";

export type Box = [[number, number], [number, number]];

export interface MapFrame {
  box: Box;
  /** Page millimetres per ground metre. */
  scale: number;
  /** True when a page point lies in the map box (zoomed maps drop points outside it). */
  inside(p: XY): boolean;
  /** WGS84 lon/lat → page mm. */
  point(lonlat: Position): XY;
  /** Lambert-93 metres (toL93's, geometryToL93's) → page mm: for points projected once and placed in several frames. */
  pointL93(xy: XY): XY;
  /** SVG path data (page mm, 0.01 mm precision) of a WGS84 geometry. */
  path(g: Geometry): string;
  /** The planar path generator over Lambert-93 geometries, for page areas and centroids. */
  planar: GeoPath;
  /** A WGS84 geometry in Lambert-93, ready for `planar`. */
  planarGeometry(g: Geometry): GeoPermissibleObjects;
}

export const toL93 = transformer("EPSG:4326", "EPSG:2154");

// Every map of a run draws the same layer geometries (city, districts, Seine, zones, cells):
// each is projected once and the result shared. Nothing writes to either geometry.
const projected = new WeakMap<Geometry, Geometry>();

export function geometryToL93(g: Geometry): Geometry {
  let out = projected.get(g);
  if (!out) {
    out = projectGeometry(g);
    projected.set(g, out);
  }
  return out;
}

function projectGeometry(g: Geometry): Geometry {
  const map = (c: any): any => (typeof c[0] === "number" ? toL93(c as XY) : c.map(map));
  if (g.type === "GeometryCollection") return { type: "GeometryCollection", geometries: g.geometries.map(geometryToL93) };
  return { ...g, coordinates: map((g as any).coordinates) } as Geometry;
}

/** Fits `extent` (WGS84 features) into the page box; `clip` cuts drawing at the box (zoomed maps). */
export function mapFrame(extent: Feature[], box: Box, opts: { clip?: boolean; fit?: Box } = {}): MapFrame {
  const fc = { type: "FeatureCollection" as const, features: extent.map((f) => ({ ...f, geometry: geometryToL93(f.geometry) })) };
  // `fit` (inside `box`) leaves room around the drawn extent, e.g. for a legend in a corner.
  const proj = geoIdentity().reflectY(true).fitExtent(opts.fit ?? box, fc as GeoPermissibleObjects);
  if (opts.clip) proj.clipExtent(box);
  const planar = geoPath(proj).digits(2);
  return {
    box,
    scale: proj.scale(),
    inside: (p) => p[0] >= box[0][0] && p[0] <= box[1][0] && p[1] >= box[0][1] && p[1] <= box[1][1],
    point: (p) => proj(toL93([p[0], p[1]])) as XY,
    pointL93: (p) => proj(p) as XY,
    path: (g) => planar(geometryToL93(g) as GeoPermissibleObjects) ?? "",
    planar,
    planarGeometry: (g) => geometryToL93(g) as GeoPermissibleObjects,
  };
}
