// The INSEE/INSPIRE grid: ids `CRS3035RES{size}mN{y}E{x}` name the south-west corner of a square
// cell in EPSG:3035 (ETRS89-LAEA), where the cells are exact squares. Membership is arithmetic:
// a cell is floor(x / size), floor(y / size), so no index and no polygon test is needed, however
// many cells the grid has (one point, as for a camera, or a million, as in bench case 3).
import type { Position } from "geojson";

export interface GridCell {
  size: number;
  /** South-west corner, EPSG:3035 metres. */
  x: number;
  y: number;
}

const ID = /^CRS3035RES(\d+)mN(\d+)E(\d+)$/;

export function parseCellId(id: string): GridCell | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  const size = Number(m[1]);
  const y = Number(m[2]);
  const x = Number(m[3]);
  if (size <= 0 || x % size !== 0 || y % size !== 0) return undefined;
  return { size, x, y };
}

export function cellId(x: number, y: number, size = 200): string {
  const cx = Math.floor(x / size) * size;
  const cy = Math.floor(y / size) * size;
  return `CRS3035RES${size}mN${cy}E${cx}`;
}

/** The closed ring of the cell, counter-clockwise from the south-west corner (EPSG:3035). */
export function cellRing(c: GridCell): Position[] {
  const { x, y, size: s } = c;
  return [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
}

/** A rectangular window of the grid, aligned on cell edges (EPSG:3035 metres). */
export interface GridWindow {
  size: number;
  /** South-west corner of the window, a multiple of size. */
  x0: number;
  y0: number;
  cols: number;
  rows: number;
}

/** The smallest grid-aligned window covering [minX, maxX] × [minY, maxY]. */
export function gridWindow(minX: number, minY: number, maxX: number, maxY: number, size = 200): GridWindow {
  const x0 = Math.floor(minX / size) * size;
  const y0 = Math.floor(minY / size) * size;
  return { size, x0, y0, cols: Math.floor((maxX - x0) / size) + 1, rows: Math.floor((maxY - y0) / size) + 1 };
}

/** Cell index (row × cols + col) of each point, -1 when outside the window or not finite. */
export function pointsToCells(xs: Float64Array, ys: Float64Array, w: GridWindow): Int32Array {
  if (w.cols * w.rows > 2 ** 31 - 1) throw new RangeError("grid window too large for 32-bit cell indices");
  const out = new Int32Array(xs.length);
  const { size, x0, y0, cols, rows } = w;
  for (let i = 0; i < xs.length; i++) {
    const c = Math.floor((xs[i] - x0) / size);
    const r = Math.floor((ys[i] - y0) / size);
    out[i] = c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1;
  }
  return out;
}

export interface CellCounts {
  /** Occupied cell indices, ascending. */
  cells: Int32Array;
  counts: Uint32Array;
  /** Points outside the window (counted, not dropped silently). */
  outside: number;
}

/** Points per occupied cell; a sort keeps memory proportional to the points, not the grid. */
export function countPerCell(cellOfPoint: Int32Array): CellCounts {
  const sorted = cellOfPoint.slice().sort();
  let start = 0;
  while (start < sorted.length && sorted[start] < 0) start++;
  let distinct = 0;
  for (let i = start; i < sorted.length; i++) if (i === start || sorted[i] !== sorted[i - 1]) distinct++;
  const cells = new Int32Array(distinct);
  const counts = new Uint32Array(distinct);
  let k = -1;
  for (let i = start; i < sorted.length; i++) {
    if (i === start || sorted[i] !== sorted[i - 1]) cells[++k] = sorted[i];
    counts[k]++;
  }
  return { cells, counts, outside: start };
}

/** The INSPIRE id (`CRS3035RES200mN…E…`) of a cell index of the window. */
export function cellIdOfIndex(index: number, w: GridWindow): string {
  const r = Math.floor(index / w.cols);
  const c = index - r * w.cols;
  return cellId(w.x0 + c * w.size, w.y0 + r * w.size, w.size);
}
