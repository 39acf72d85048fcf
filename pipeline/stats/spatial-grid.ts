// The 200 m cells as a lattice: their positions from the INSPIRE id (south-west corner in
// EPSG:3035, metres), queen contiguity (the 8 surrounding cells), and neighbour pairs within a
// distance, found through the grid itself (no spatial index needed).

export interface Lattice {
  /** Cell centres, EPSG:3035 metres. */
  x: Float64Array;
  y: Float64Array;
  size: number;
  /** Cell index by (col − c0) + (row − r0)·cols over the cells' bounding box, −1 where none. */
  grid: Int32Array;
  c0: number;
  r0: number;
  cols: number;
  rows: number;
  col: Int32Array;
  row: Int32Array;
}

const ID = /^CRS3035RES(\d+)mN(\d+)E(\d+)$/;

export function lattice(ids: string[]): Lattice {
  const n = ids.length;
  const x = new Float64Array(n), y = new Float64Array(n), col = new Int32Array(n), row = new Int32Array(n);
  let size = 200;
  ids.forEach((id, i) => {
    const m = ID.exec(id);
    if (!m) throw new Error(`cell id ${id} is not an INSPIRE grid id`);
    size = Number(m[1]);
    const north = Number(m[2]), east = Number(m[3]);
    x[i] = east + size / 2;
    y[i] = north + size / 2;
    col[i] = Math.round(east / size);
    row[i] = Math.round(north / size);
  });
  let c0 = Infinity, r0 = Infinity, c1 = -Infinity, r1 = -Infinity;
  for (let i = 0; i < n; i++) {
    c0 = Math.min(c0, col[i]); c1 = Math.max(c1, col[i]); r0 = Math.min(r0, row[i]); r1 = Math.max(r1, row[i]);
  }
  const cols = n ? c1 - c0 + 1 : 0, rows = n ? r1 - r0 + 1 : 0;
  const grid = new Int32Array(cols * rows).fill(-1);
  for (let i = 0; i < n; i++) grid[col[i] - c0 + (row[i] - r0) * cols] = i;
  return { x, y, size, grid, c0, r0, cols, rows, col, row };
}

/** Index of the lattice cell containing the point (EPSG:3035 metres), −1 if none: cellId's floor rule without its string. */
export function cellAt(l: Lattice, x: number, y: number): number {
  const col = Math.floor(x / l.size) - l.c0, row = Math.floor(y / l.size) - l.r0;
  return col < 0 || row < 0 || col >= l.cols || row >= l.rows ? -1 : l.grid[col + row * l.cols];
}

/** Queen neighbours of every cell among the lattice's cells (CSR: start offsets and indices). */
export function queen(l: Lattice): { start: Int32Array; nb: Int32Array } {
  return within(l, l.size * 1.5, false);
}

/** Neighbours at centre distance in (lo, hi] metres, CSR, excluding the cell itself unless self. */
export function within(l: Lattice, hi: number, self: boolean, lo = 0): { start: Int32Array; nb: Int32Array } {
  const n = l.x.length;
  const reach = Math.ceil(hi / l.size);
  const start = new Int32Array(n + 1);
  // A typed buffer that doubles when full: the 2.5 km band lists over a million pairs.
  let nb = new Int32Array(Math.max(16, n * 8));
  let len = 0;
  const hi2 = hi * hi, lo2 = lo * lo;
  for (let i = 0; i < n; i++) {
    start[i] = len;
    forEachNearCell(l, i, reach, (j) => {
      if (j === i) {
        if (!self) return;
      } else {
        const dx = l.x[i] - l.x[j], dy = l.y[i] - l.y[j];
        const d2 = dx * dx + dy * dy;
        if (!(d2 > lo2 && d2 <= hi2)) return;
      }
      if (len === nb.length) {
        const bigger = new Int32Array(nb.length * 2);
        bigger.set(nb);
        nb = bigger;
      }
      nb[len++] = j;
    });
  }
  start[n] = len;
  return { start, nb: nb.slice(0, len) };
}

/** Neighbour lists for each distance band [lo, hi), in one pass over the largest reach. */
export function bands(l: Lattice, edges: Array<[number, number]>): Array<{ start: Int32Array; nb: Int32Array }> {
  const n = l.x.length;
  const hi = Math.max(...edges.map((e) => e[1]));
  const all = within(l, hi, false);
  return edges.map(([lo, up]) => {
    const start = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      start[i] = list.length;
      for (let t = all.start[i]; t < all.start[i + 1]; t++) {
        const j = all.nb[t];
        const d = Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]);
        if (d > lo && d <= up) list.push(j);
      }
    }
    start[n] = list.length;
    return { start, nb: Int32Array.from(list) };
  });
}

/** Calls visit(i, j, distance) for every ordered pair of distinct cells within `hi` metres. */
export function pairsWithin(l: Lattice, hi: number): (visit: (i: number, j: number, d: number) => void) => void {
  const reach = Math.ceil(hi / l.size);
  const hi2 = hi * hi;
  return (visit) => {
    for (let i = 0; i < l.x.length; i++)
      forEachNearCell(l, i, reach, (j) => {
        if (j === i) return;
        const dx = l.x[i] - l.x[j], dy = l.y[i] - l.y[j];
        const d2 = dx * dx + dy * dy;
        if (d2 <= hi2) visit(i, j, Math.sqrt(d2));
      });
  };
}

/** The cells within `reach` grid steps of cell i (itself included), row by row: the one neighbour walk. */
function forEachNearCell(l: Lattice, i: number, reach: number, fn: (j: number) => void): void {
  for (let dr = -reach; dr <= reach; dr++) {
    const r = l.row[i] + dr - l.r0;
    if (r < 0 || r >= l.rows) continue;
    for (let dc = -reach; dc <= reach; dc++) {
      const c = l.col[i] + dc - l.c0;
      if (c < 0 || c >= l.cols) continue;
      const j = l.grid[c + r * l.cols];
      if (j >= 0) fn(j);
    }
  }
}
