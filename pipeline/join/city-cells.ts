// The 200 m INSPIRE cells that cover the city, inhabited or not: the count model's units.
// Cells are squares in EPSG:3035; their corners are projected to Lambert-93 (a conformal map,
// so the quadrilateral stays convex and counter-clockwise) and clipped exactly against the city
// and the zone unions.
import type { Feature, Position } from "geojson";
import { transformer } from "../geo/crs.js";
import { cellIdOfIndex, cellRing, gridWindow, parseCellId } from "../geo/inspire-grid.js";
import { convexIntersectionArea, polygonsNear } from "../geo/overlay.js";
import { bboxOf } from "../geo/planar.js";
import { polygonArea } from "../geo/rings.js";
import { countWithin, nearest } from "../geo/distance.js";
import { round1, STATION_RADIUS_M, type JoinContext } from "./context.js";
import type { CellMeasures } from "../contracts.js";

/** INSEE count columns: summed by interpolation (all Ind*, Men*, Log* columns). */
export const COUNT_FIELD = /^(Ind|Men|Log)(_|$)/;

export type { CellMeasures } from "../contracts.js";

export interface CityCell extends CellMeasures {
  /** The cell square in Lambert-93 (closed ring, counter-clockwise). */
  ring: Position[];
  centre: [number, number];
  /** Zone layer → area of the zones' union inside the cell (m²). */
  zoneArea: Record<string, number>;
  /** INSEE counts (0 for cells absent from the file). */
  counts: Record<string, number>;
  dist_terminal_m: number | null;
}

export interface CellBuild {
  cells: CityCell[];
  /** Inhabited cells of the INSEE file that do not meet the city (kept, reported). */
  incomeOutsideCity: number;
  countFields: string[];
}

/** `zoneUnions`: each declared zone layer's polygons dissolved, by layer name. */
export function buildCityCells(ctx: JoinContext, incomeCells: Feature[], zoneUnions: Record<string, Position[][][]>): CellBuild {
  const from3035 = transformer("EPSG:3035", "EPSG:2154");
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const countFields = incomeCells.length ? Object.keys(incomeCells[0].properties!).filter((k) => COUNT_FIELD.test(k)).sort() : [];
  const income = new Map(incomeCells.map((f) => [String(f.properties!.id), f.properties!]));
  // The city's bbox in EPSG:3035 (from its projected outline), snapped out to the 200 m grid.
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of ctx.city.polygons) for (const r of p) for (const q of r) {
    const [x, y] = toLaea([q[0], q[1]]);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const w = gridWindow(x0, y0, x1, y1, 200);
  const ids = Array.from({ length: w.cols * w.rows }, (_, k) => cellIdOfIndex(k, w));
  const wanted = new Set(ids);
  let incomeOutsideCity = 0;
  for (const id of income.keys()) if (!wanted.has(id)) { ids.push(id); wanted.add(id); }
  const cells: CityCell[] = [];
  for (const id of ids) {
    const g = parseCellId(id)!;
    const ring = cellRing(g).map((p) => from3035([p[0], p[1]]) as Position);
    const [bx0, by0, bx1, by1] = bboxOf([[ring]]);
    // Most cells lie wholly inside or outside: only those the limit crosses need clipping.
    const cityArea = ctx.cityEdges.touches(bx0, by0, bx1, by1)
      ? convexIntersectionArea(ctx.city.polygons, ring)
      : ctx.cityEdges.contains((bx0 + bx1) / 2, (by0 + by1) / 2) ? polygonArea([ring]) : 0;
    const props = income.get(id);
    if (cityArea <= 0 && !props) continue;
    if (cityArea <= 0) incomeOutsideCity++;
    const centre = from3035([g.x + 100, g.y + 100]);
    const ind = Number(props?.Ind ?? 0);
    const counts: Record<string, number> = {};
    for (const k of countFields) counts[k] = Number(props?.[k] ?? 0) || 0;
    cells.push({
      id,
      ring,
      centre,
      area_m2: polygonArea([ring]),
      city_area_m2: cityArea,
      zoneArea: Object.fromEntries(Object.entries(zoneUnions).map(([z, u]) => [z, convexIntersectionArea(polygonsNear(u, [bx0, by0, bx1, by1]), ring)])),
      inhabited: ind > 0,
      imputed: props?.I_est_cr === 1 || props?.imputed === true,
      mean_income: ind > 0 && props?.Ind_snv != null ? Number(props.Ind_snv) / ind : null,
      counts,
      dist_centre_m: round1(Math.hypot(centre[0] - ctx.centre[0], centre[1] - ctx.centre[1])),
      dist_terminal_m: ctx.terminals.length ? round1(nearest(centre, ctx.terminals.map((t) => t.xy)).distance) : null,
      dist_edge_m: round1(ctx.cityEdges.signedDistance(centre[0], centre[1])),
      stations_300m: countWithin(centre, ctx.stations, STATION_RADIUS_M),
    });
  }
  cells.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { cells, incomeOutsideCity, countFields };
}

