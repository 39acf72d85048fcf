// Area-weighted interpolation of the cells' INSEE counts onto districts, with exact cell ∩
// district areas from the one cells-onto-polygons engine (geo/cells-onto-polygons.ts, the one
// bench case 4 measures). It works in EPSG:3035, where INSEE's cells are exact squares and areas
// are true (LAEA is equal-area): the districts are reprojected there, the cells stay as defined.
// Each cell's counts are shared in proportion to the areas of its pieces in the districts it
// meets, normalised by the sum of those pieces (not by the full cell area), so a cell that
// overhangs the city limit gives all its residents to the districts it touches: totals are
// conserved exactly. Cells that meet no district are counted and reported.
import type { Position } from "geojson";
import { transformer } from "../geo/crs.js";
import { forEachCellPiece } from "../geo/cells-onto-polygons.js";
import { flattenPolygons } from "../geo/flat-polygons.js";
import { parseCellId } from "../geo/inspire-grid.js";
import type { PolygonIndex } from "../geo/spatial-index.js";
import type { CityCell } from "./city-cells.js";

export interface Interpolated {
  /** Per district (index order of the PolygonIndex): field → interpolated sum. */
  sums: Array<Record<string, number>>;
  /** Cells with residents that met no district (their counts are in no district). */
  unallocatedCells: string[];
}

export function interpolateCounts(cells: CityCell[], districts: PolygonIndex, fields: string[]): Interpolated {
  const sums = districts.shapes.map(() => Object.fromEntries(fields.map((f) => [f, 0])) as Record<string, number>);
  const unallocatedCells: string[] = [];
  const live = cells.filter((c) => fields.some((f) => c.counts[f] !== 0));
  const grid = live.map((c) => parseCellId(c.id)!);
  const toLaea = transformer("EPSG:2154", "EPSG:3035");
  const fp = flattenPolygons(districts.shapes.map((s) => ({ type: "MultiPolygon", coordinates: s.polygons.map((rings) => rings.map((r) => r.map((q) => toLaea([q[0], q[1]]) as Position))) })));
  // Pieces arrive polygon by polygon, so each cell's list is in district order, as the sums need.
  const pieces: Array<Array<[number, number]>> = live.map(() => []);
  const size = grid.length ? grid[0].size : 200;
  forEachCellPiece({ size, xs: Float64Array.from(grid, (g) => g.x), ys: Float64Array.from(grid, (g) => g.y) }, fp, (p, c, a) => pieces[c].push([p, a]));
  live.forEach((c, k) => {
    const total = pieces[k].reduce((s, [, a]) => s + a, 0);
    if (total <= 0) {
      unallocatedCells.push(c.id);
      return;
    }
    for (const [p, a] of pieces[k]) {
      const w = a / total;
      const s = sums[p];
      for (const f of fields) s[f] += w * c.counts[f];
    }
  });
  return { sums, unallocatedCells };
}
