// The INSEE/INSPIRE grid: ids `CRS3035RES{size}mN{y}E{x}` name the south-west corner of a square
// cell in EPSG:3035 (ETRS89-LAEA), where the cells are exact squares. Membership is arithmetic.
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
