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
  const sorted = sortCellIndices(cellOfPoint);
  const start = cellOfPoint.length - sorted.length;
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const cells = new Int32Array(distinct);
  const counts = new Uint32Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) cells[++k] = sorted[i];
    counts[k]++;
  }
  return { cells, counts, outside: start };
}

/**
 * The non-negative indices, ascending (the -1s of points outside are left out). Two counting
 * passes of 16 bits (LSD radix sort): linear, and several times faster than a comparison sort
 * of a million cells.
 */
export function sortCellIndices(cellOfPoint: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < cellOfPoint.length; i++) if (cellOfPoint[i] >= 0) n++;
  let a = new Int32Array(n);
  for (let i = 0, j = 0; i < cellOfPoint.length; i++) if (cellOfPoint[i] >= 0) a[j++] = cellOfPoint[i];
  let b = new Int32Array(n);
  const count = new Uint32Array(1 << 16);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(a[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) b[count[(a[i] >>> shift) & 0xffff]++] = a[i];
    [a, b] = [b, a];
  }
  return a;
}

/** The INSPIRE id (`CRS3035RES200mN…E…`) of a cell index of the window. */
export function cellIdOfIndex(index: number, w: GridWindow): string {
  const r = Math.floor(index / w.cols);
  const c = index - r * w.cols;
  return cellId(w.x0 + c * w.size, w.y0 + r * w.size, w.size);
}

/**
 * `IdINSPIRE,count` lines of the occupied cells, in cell order, handed over as byte chunks of
 * about `chunkBytes`: a million ids written digit by digit into a buffer cost no string at all.
 * Ids are the same text as cellIdOfIndex.
 */
export function writeCellCounts(counts: CellCounts, w: GridWindow, write: (chunk: Buffer) => void, chunkBytes = 1 << 20): void {
  const prefix = Buffer.from(`CRS3035RES${w.size}mN`, "latin1");
  const buf = Buffer.allocUnsafe(chunkBytes + 256);
  let pos = 0;
  const num = (v: number) => {
    if (Number.isInteger(v) && v >= 0 && v <= 0x7fffffff) {
      // 32-bit integer arithmetic: every grid coordinate in metres and every count fits.
      let digits = 1;
      for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
      for (let k = pos + digits - 1; k >= pos; k--) {
        const q = (v / 10) | 0;
        buf[k] = 48 + v - q * 10;
        v = q;
      }
      pos += digits;
    } else pos += buf.write(String(v), pos, "latin1");
  };
  for (let k = 0; k < counts.cells.length; k++) {
    const index = counts.cells[k];
    const r = Math.floor(index / w.cols);
    const c = index - r * w.cols;
    pos += prefix.copy(buf, pos);
    num(w.y0 + r * w.size);
    buf[pos++] = 69; // E
    num(w.x0 + c * w.size);
    buf[pos++] = 44; // ,
    num(counts.counts[k]);
    buf[pos++] = 10;
    if (pos >= chunkBytes) {
      write(Buffer.from(buf.subarray(0, pos)));
      pos = 0;
    }
  }
  if (pos > 0) write(Buffer.from(buf.subarray(0, pos)));
}
