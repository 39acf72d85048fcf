// Area-weighted interpolation of the cells' INSEE counts onto districts, with exact cell ∩
// district areas. Each cell's counts are shared in proportion to the areas of its pieces in the
// districts it meets, normalised by the sum of those pieces (not by the full cell area), so a cell
// that overhangs the city limit gives all its residents to the districts it touches: totals are
// conserved exactly. Cells that meet no district are counted and reported.
import type { PolygonIndex } from "../geo/spatial-index.js";
import { bboxOf } from "../geo/planar.js";
import { convexIntersectionArea } from "../geo/overlay.js";
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
  for (const c of cells) {
    if (!fields.some((f) => c.counts[f] !== 0)) continue;
    const [x0, y0, x1, y1] = bboxOf([[c.ring]]);
    const pieces = districts
      .candidates(x0, y0, x1, y1)
      .map((i) => ({ i, a: convexIntersectionArea(districts.shapes[i].polygons, c.ring) }))
      .filter((p) => p.a > 0);
    const total = pieces.reduce((s, p) => s + p.a, 0);
    if (total <= 0) {
      unallocatedCells.push(c.id);
      continue;
    }
    for (const p of pieces) {
      const w = p.a / total;
      const s = sums[p.i];
      for (const f of fields) s[f] += w * c.counts[f];
    }
  }
  return { sums, unallocatedCells };
}
