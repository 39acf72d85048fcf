// The 200 m cells as a lattice: their positions from the INSPIRE id (south-west corner in
// EPSG:3035, metres), queen contiguity (the 8 surrounding cells), and neighbour pairs within a
// distance, found through the grid itself (no spatial index needed).

export interface Lattice {
  /** Cell centres, EPSG:3035 metres. */
  x: Float64Array;
  y: Float64Array;
  size: number;
  /** Cell index by "col,row". */
  at: Map<string, number>;
  col: Int32Array;
  row: Int32Array;
}

const ID = /^CRS3035RES(\d+)mN(\d+)E(\d+)$/;

export function lattice(ids: string[]): Lattice {
  const n = ids.length;
  const x = new Float64Array(n), y = new Float64Array(n), col = new Int32Array(n), row = new Int32Array(n);
  let size = 200;
  const at = new Map<string, number>();
  ids.forEach((id, i) => {
    const m = ID.exec(id);
    if (!m) throw new Error(`cell id ${id} is not an INSPIRE grid id`);
    size = Number(m[1]);
    const north = Number(m[2]), east = Number(m[3]);
    x[i] = east + size / 2;
    y[i] = north + size / 2;
    col[i] = Math.round(east / size);
    row[i] = Math.round(north / size);
    at.set(`${col[i]},${row[i]}`, i);
  });
  return { x, y, size, at, col, row };
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
  const list: number[] = [];
  for (let i = 0; i < n; i++) {
    start[i] = list.length;
    for (let dr = -reach; dr <= reach; dr++)
      for (let dc = -reach; dc <= reach; dc++) {
        const j = l.at.get(`${l.col[i] + dc},${l.row[i] + dr}`);
        if (j === undefined || (j === i && !self)) continue;
        const d = Math.hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]);
        if ((d > lo && d <= hi) || (j === i && self)) list.push(j);
      }
  }
  start[n] = list.length;
  return { start, nb: Int32Array.from(list) };
}
