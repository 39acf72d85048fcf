// Everything a point needs to be located, built once from out/layers in Lambert-93: district and
// zone indexes, the city outline, terminals, stations and the centre. The join stage locates the
// cameras with it; the stats stage re-locates jittered cameras with the same code.
import type { Feature } from "geojson";
import { transformer } from "../geo/crs.js";
import { cellId } from "../geo/inspire-grid.js";
import { toPlanarPoint, toPlanarShape, type PlanarShape } from "../geo/planar.js";
import { PolygonIndex } from "../geo/spatial-index.js";
import { countWithin, nearest, type XY } from "../geo/distance.js";
import { EdgeIndex } from "../geo/edge-index.js";
import { readOptionalLayer, readOutLayer } from "../core/out-files.js";
import type { Centre } from "./centre.js";
import type { CrossingJoin, PointJoin } from "../contracts.js";
export type { CrossingJoin, PointJoin } from "../contracts.js";

export const STATION_RADIUS_M = 300;

/** A declared level or zone, indexed in Lambert-93. */
export interface IndexedLayer {
  /** Layer name (out/layers/<layer>.geojson, districts_<layer>.csv, <zone>_area_m2). */
  layer: string;
  /** Property name on joined points: a level's key ("arrondissement"), a zone's layer name. */
  key: string;
  index: PolygonIndex;
}

export interface JoinContext {
  /** Declared levels, coarse to fine. */
  levels: IndexedLayer[];
  /** Declared zones, in declaration order. */
  zones: IndexedLayer[];
  city: PlanarShape;
  /** The city limit's edges, indexed: fast inside tests and distances. */
  cityEdges: EdgeIndex;
  terminals: Array<{ id: string; name: string; xy: XY }>;
  stations: XY[];
  centre: XY;
  centreName: string;
  tolerance: number;
}

export interface ContextDeclaration {
  levels: Array<{ layer: string; key: string }>;
  zones: Array<{ layer: string }>;
  layers: Record<string, unknown>;
}

export function buildContext(outDir: string, centre: Centre, tolerance: number, study: ContextDeclaration): JoinContext {
  const shapes = (name: string) => readOutLayer(outDir, name).map((f) => toPlanarShape(f));
  const cityParts = shapes("city");
  const city: PlanarShape = { id: "city", props: {}, polygons: cityParts.flatMap((s) => s.polygons), bbox: cityParts[0].bbox };
  for (const s of cityParts.slice(1)) {
    city.bbox = [Math.min(city.bbox[0], s.bbox[0]), Math.min(city.bbox[1], s.bbox[1]), Math.max(city.bbox[2], s.bbox[2]), Math.max(city.bbox[3], s.bbox[3])];
  }
  const points = (name: string): Feature[] => readOptionalLayer(outDir, name, study.layers);
  return {
    levels: study.levels.map((l) => ({ layer: l.layer, key: l.key, index: new PolygonIndex(shapes(l.layer)) })),
    zones: study.zones.map((z) => ({ layer: z.layer, key: z.layer, index: new PolygonIndex(shapes(z.layer)) })),
    city,
    cityEdges: new EdgeIndex(city.polygons),
    terminals: points("terminals").map((f) => ({ id: String(f.properties!.id), name: String(f.properties!.name), xy: toPlanarPoint(f) })),
    stations: points("stations").map((f) => toPlanarPoint(f)),
    centre: transformer("EPSG:4326", "EPSG:2154")(centre.lonlat),
    centreName: centre.name,
    tolerance,
  };
}


const toLaea = transformer("EPSG:4326", "EPSG:3035");
const fromL93 = transformer("EPSG:2154", "EPSG:4326");
const idOf = (idx: PolygonIndex, i: number) => (i < 0 ? null : idx.shapes[i].id);
const idsOf = (idx: PolygonIndex, list: number[]) => (list.length ? list.map((i) => idx.shapes[i].id).join(";") : null);

/** `lonlat`, when known, spares a round trip through Lambert-93 for the grid position. */
export function locate(ctx: JoinContext, xy: XY, lonlat?: XY): PointJoin {
  const laea = toLaea(lonlat ?? fromL93(xy));
  const t = nearest(xy, ctx.terminals.map((x) => x.xy));
  const edge = ctx.cityEdges.signedDistance(xy[0], xy[1]);
  const j: Record<string, string | number | boolean | null> = { cell: cellId(laea[0], laea[1], 200) };
  // Finest level first: the order of the joined properties reads from the street upwards.
  for (let k = ctx.levels.length - 1; k >= 0; k--) j[ctx.levels[k].key] = idOf(ctx.levels[k].index, ctx.levels[k].index.first(xy[0], xy[1]));
  for (const z of ctx.zones) j[z.key] = idsOf(z.index, z.index.containing(xy[0], xy[1]));
  for (const z of ctx.zones) j[`${z.key}_tol`] = idsOf(z.index, z.index.within(xy[0], xy[1], ctx.tolerance));
  return {
    ...j,
    in_city: edge >= 0,
    dist_centre_m: round1(Math.hypot(xy[0] - ctx.centre[0], xy[1] - ctx.centre[1])),
    dist_terminal_m: t.index >= 0 ? round1(t.distance) : null,
    nearest_terminal: t.index >= 0 ? ctx.terminals[t.index].id : "",
    dist_edge_m: round1(edge),
    stations_300m: countWithin(xy, ctx.stations, STATION_RADIUS_M),
  } as PointJoin;
}


export function locateCrossing(ctx: JoinContext, xy: XY, lonlat?: XY): CrossingJoin {
  const laea = toLaea(lonlat ?? fromL93(xy));
  const coarsest = ctx.levels[0].index;
  return {
    cell: cellId(laea[0], laea[1], 200),
    in_city: ctx.cityEdges.contains(xy[0], xy[1]),
    district: idOf(coarsest, coarsest.first(xy[0], xy[1])),
    zones: Object.fromEntries(ctx.zones.map((z) => [z.key, idsOf(z.index, z.index.containing(xy[0], xy[1]))])),
    dist_terminal_m: ctx.terminals.length ? round1(nearest(xy, ctx.terminals.map((t) => t.xy)).distance) : null,
  };
}

export const round1 = (v: number) => Math.round(v * 10) / 10;
