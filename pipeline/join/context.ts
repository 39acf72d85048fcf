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

export const STATION_RADIUS_M = 300;

export interface JoinContext {
  arrondissements: PolygonIndex;
  quartiers: PolygonIndex;
  iris: PolygonIndex;
  zti: PolygonIndex;
  zsp: PolygonIndex;
  city: PlanarShape;
  /** The city limit's edges, indexed: fast inside tests and distances. */
  cityEdges: EdgeIndex;
  terminals: Array<{ id: string; name: string; xy: XY }>;
  stations: XY[];
  centre: XY;
  centreName: string;
  tolerance: number;
}

export function buildContext(outDir: string, centre: Centre, tolerance: number, declared: Record<string, unknown>): JoinContext {
  const optional = new Set(["zti", "zsp", "stations", "terminals"]);
  const read = (name: string) => (optional.has(name) ? readOptionalLayer(outDir, name, declared) : readOutLayer(outDir, name));
  const shapes = (name: string) => read(name).map((f) => toPlanarShape(f));
  const cityParts = shapes("city");
  const city: PlanarShape = { id: "city", props: {}, polygons: cityParts.flatMap((s) => s.polygons), bbox: cityParts[0].bbox };
  for (const s of cityParts.slice(1)) {
    city.bbox = [Math.min(city.bbox[0], s.bbox[0]), Math.min(city.bbox[1], s.bbox[1]), Math.max(city.bbox[2], s.bbox[2]), Math.max(city.bbox[3], s.bbox[3])];
  }
  const points = (name: string): Feature[] => read(name);
  return {
    arrondissements: new PolygonIndex(shapes("arrondissements")),
    quartiers: new PolygonIndex(shapes("quartiers")),
    iris: new PolygonIndex(shapes("iris")),
    zti: new PolygonIndex(shapes("zti")),
    zsp: new PolygonIndex(shapes("zsp")),
    city,
    cityEdges: new EdgeIndex(city.polygons),
    terminals: points("terminals").map((f) => ({ id: String(f.properties!.id), name: String(f.properties!.name), xy: toPlanarPoint(f) })),
    stations: points("stations").map((f) => toPlanarPoint(f)),
    centre: transformer("EPSG:4326", "EPSG:2154")(centre.lonlat),
    centreName: centre.name,
    tolerance,
  };
}

/** What the join adds to a point (camera, crossing): ids of what contains it, distances. */
export interface PointJoin {
  cell: string;
  iris: string | null;
  quartier: string | null;
  arrondissement: string | null;
  zti: string | null;
  zsp: string | null;
  zti_tol: string | null;
  zsp_tol: string | null;
  in_city: boolean;
  dist_centre_m: number;
  /** null when the study has no terminals layer. */
  dist_terminal_m: number | null;
  nearest_terminal: string;
  dist_edge_m: number;
  stations_300m: number;
}

const toLaea = transformer("EPSG:4326", "EPSG:3035");
const fromL93 = transformer("EPSG:2154", "EPSG:4326");

/** `lonlat`, when known, spares a round trip through Lambert-93 for the grid position. */
export function locate(ctx: JoinContext, xy: XY, lonlat?: XY): PointJoin {
  const id = (idx: { shapes: PlanarShape[] }, i: number) => (i < 0 ? null : idx.shapes[i].id);
  const ids = (idx: PolygonIndex, list: number[]) => (list.length ? list.map((i) => idx.shapes[i].id).join(";") : null);
  const laea = toLaea(lonlat ?? fromL93(xy));
  const t = nearest(xy, ctx.terminals.map((x) => x.xy));
  const edge = ctx.cityEdges.signedDistance(xy[0], xy[1]);
  return {
    cell: cellId(laea[0], laea[1], 200),
    iris: id(ctx.iris, ctx.iris.first(xy[0], xy[1])),
    quartier: id(ctx.quartiers, ctx.quartiers.first(xy[0], xy[1])),
    arrondissement: id(ctx.arrondissements, ctx.arrondissements.first(xy[0], xy[1])),
    zti: ids(ctx.zti, ctx.zti.containing(xy[0], xy[1])),
    zsp: ids(ctx.zsp, ctx.zsp.containing(xy[0], xy[1])),
    zti_tol: ids(ctx.zti, ctx.zti.within(xy[0], xy[1], ctx.tolerance)),
    zsp_tol: ids(ctx.zsp, ctx.zsp.within(xy[0], xy[1], ctx.tolerance)),
    in_city: edge >= 0,
    dist_centre_m: round1(Math.hypot(xy[0] - ctx.centre[0], xy[1] - ctx.centre[1])),
    dist_terminal_m: t.index >= 0 ? round1(t.distance) : null,
    nearest_terminal: t.index >= 0 ? ctx.terminals[t.index].id : "",
    dist_edge_m: round1(edge),
    stations_300m: countWithin(xy, ctx.stations, STATION_RADIUS_M),
  };
}

/** What the crossings null model needs: far fewer lookups than a camera's full join. */
export interface CrossingJoin {
  cell: string;
  in_city: boolean;
  arrondissement: string | null;
  zti: string | null;
  zsp: string | null;
  dist_terminal_m: number | null;
}

export function locateCrossing(ctx: JoinContext, xy: XY, lonlat?: XY): CrossingJoin {
  const laea = toLaea(lonlat ?? fromL93(xy));
  const a = ctx.arrondissements.first(xy[0], xy[1]);
  const zti = ctx.zti.containing(xy[0], xy[1]);
  const zsp = ctx.zsp.containing(xy[0], xy[1]);
  return {
    cell: cellId(laea[0], laea[1], 200),
    in_city: ctx.cityEdges.contains(xy[0], xy[1]),
    arrondissement: a < 0 ? null : ctx.arrondissements.shapes[a].id,
    zti: zti.length ? zti.map((i) => ctx.zti.shapes[i].id).join(";") : null,
    zsp: zsp.length ? zsp.map((i) => ctx.zsp.shapes[i].id).join(";") : null,
    dist_terminal_m: ctx.terminals.length ? round1(nearest(xy, ctx.terminals.map((t) => t.xy)).distance) : null,
  };
}

export const round1 = (v: number) => Math.round(v * 10) / 10;
