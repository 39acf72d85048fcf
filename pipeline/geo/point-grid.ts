// Points bucketed into a regular grid by one counting sort: the index a one-off join of many
// points uses to find the points in each polygon's box. It asks three arrays of one number per
// point (order, x, y in cell order) where a packed R-tree over points asks four boxes' worth and
// a sort, and a box query walks cells, not a tree. A point lies in a box exactly when the plain
// inclusive comparisons say so; the cells only narrow which points are compared, and since
// floor((x - x0) / width) never decreases as x grows, a point in the box is in one of the cells
// the box's corners fall in. Points with a coordinate not finite are in no cell (no box holds them).

export interface PointGrid {
  x0: number;
  y0: number;
  cellWidth: number;
  cellHeight: number;
  nx: number;
  ny: number;
  /** Points of cell c (row-major, c = cy * nx + cx) are entries cellStart[c] .. cellStart[c + 1] - 1. */
  cellStart: Int32Array;
  /** Entry t is point order[t], at (x[t], y[t]). */
  order: Int32Array;
  x: Float64Array;
  y: Float64Array;
}

/** A grid of about pointsPerCell points a cell over the box of the finite points. */
export function pointGrid(xs: Float64Array, ys: Float64Array, pointsPerCell = 4): PointGrid {
  const n = xs.length;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, finite = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    finite++;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (finite === 0) x0 = y0 = x1 = y1 = 0;
  // Square-ish cells: nx × ny ≈ finite / pointsPerCell, in the box's proportions.
  const w = x1 - x0 || 1, h = y1 - y0 || 1;
  const cells = Math.max(1, Math.min(1 << 24, Math.ceil(finite / pointsPerCell)));
  const nx = Math.max(1, Math.min(cells, Math.round(Math.sqrt((cells * w) / h))));
  const ny = Math.max(1, Math.ceil(cells / nx));
  const cellWidth = w / nx, cellHeight = h / ny;
  const grid = { x0, y0, cellWidth, cellHeight, nx, ny } as PointGrid;
  // Counting sort: cell of each point, points per cell, then each point to its place.
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(nx * ny + 1);
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (!(Number.isFinite(x) && Number.isFinite(y))) {
      cellOf[i] = -1;
      continue;
    }
    const c = cellY(grid, y) * nx + cellX(grid, x);
    cellOf[i] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const order = new Int32Array(finite), gx = new Float64Array(finite), gy = new Float64Array(finite);
  const fill = cellStart.slice(0, nx * ny);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i];
    if (c < 0) continue;
    const t = fill[c]++;
    order[t] = i;
    gx[t] = xs[i];
    gy[t] = ys[i];
  }
  grid.cellStart = cellStart;
  grid.order = order;
  grid.x = gx;
  grid.y = gy;
  return grid;
}

/**
 * Each point in the box [x0, x1] × [y0, y1] (bounds inclusive, as a packed R-tree's search)
 * handed to `fn` as its entry t: point g.order[t], at (g.x[t], g.y[t]). Entries come cell by cell.
 */
export function forEachInBox(g: PointGrid, x0: number, y0: number, x1: number, y1: number, fn: (t: number) => void): void {
  if (!(x0 <= x1 && y0 <= y1)) return;
  const { x, y, cellStart, nx } = g;
  const cx0 = cellX(g, x0), cx1 = cellX(g, x1), cy1 = cellY(g, y1);
  for (let cy = cellY(g, y0); cy <= cy1; cy++) {
    // The cells of one row are contiguous entries.
    for (let t = cellStart[cy * nx + cx0], end = cellStart[cy * nx + cx1 + 1]; t < end; t++) {
      if (x[t] >= x0 && x[t] <= x1 && y[t] >= y0 && y[t] <= y1) fn(t);
    }
  }
}

/** Column of x, clamped to the grid (a query box may reach beyond it). */
export function cellX(g: PointGrid, x: number): number {
  const c = Math.floor((x - g.x0) / g.cellWidth);
  return c < 0 ? 0 : c >= g.nx ? g.nx - 1 : c;
}

export function cellY(g: PointGrid, y: number): number {
  const c = Math.floor((y - g.y0) / g.cellHeight);
  return c < 0 ? 0 : c >= g.ny ? g.ny - 1 : c;
}
