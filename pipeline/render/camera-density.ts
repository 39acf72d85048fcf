// Cameras as density when there are too many to draw one by one. Past a threshold (5,000 by
// default, study.settings.render.density_threshold), an A4 map's dots merge into a black mass
// (50,000 Paris cameras: the city is solid ink) and the SVG grows by ~110 bytes a camera (22 MB at
// 200,000). Above it, a map draws the number of cameras per 200 m INSPIRE cell (EPSG:3035, the
// grid of the income cells under Carte 1, so a reader can compare a cell's cameras with its
// income) as a veil whose opacity rises with the count, in quintile classes of the occupied
// cells; the legend gives the threshold, the method and the classes. Cost and file size grow
// with occupied cells, not with cameras.
import type { Polygon, Position } from "geojson";
import { transformer } from "../geo/crs.js";
import { cellRing } from "../geo/inspire-grid.js";
import { quantile } from "../stats/quantile.js";
import { DEFAULT_DENSITY_THRESHOLD } from "../core/study.js";
import type { LegendEntry } from "./legend.js";
import type { MapFrame } from "./map-frame.js";
import { INK } from "./palettes.js";
import { group, n, type Group, type Item } from "./scene.js";
import { strings, type Strings } from "./strings.js";
import type { CameraList } from "./read-inputs.js";
import { cameraPositions, forEachPoint, pick, rowsTakenFrom } from "./camera-list.js";

/** Above this many cameras, maps draw density instead of dots (README, Maps). */
export const DENSITY_CELL_M = 200;
const OPACITY = [0.22, 0.38, 0.54, 0.7, 0.86];
// Over the income cells (Carte 1, the atlas), a veil and the income colours under it merge into
// one grey in print (same grid, so a veiled cell is only a darker cell): there the classes are
// squares centred in their cells, their side this share of the cell's, solid and outlined in
// white, so size, not tone, carries the count and the income stays readable around them.
const SQUARE = [0.28, 0.4, 0.52, 0.64, 0.76];
const SQUARE_HALO = 0.12;

/** What a map needs to decide and to say it: the threshold and the map's words. */
export interface DensityRule {
  densityThreshold: number;
  S: Strings;
}

export const DEFAULT_DENSITY: DensityRule = { densityThreshold: DEFAULT_DENSITY_THRESHOLD, S: strings("fr") };

export function drawsDensity(cameras: CameraList, rule: DensityRule = DEFAULT_DENSITY): boolean {
  return cameras.length > rule.densityThreshold;
}

export interface DensityCells {
  /** South-west corners (EPSG:3035) and counts of the occupied cells, in cell order (row, then column). */
  x: Float64Array;
  y: Float64Array;
  count: Uint32Array;
  /** Lower bounds of the classes (the first is 1); class i is [breaks[i] ; breaks[i+1][. */
  breaks: number[];
}

// Every map of a run draws the same camera layer (and an atlas draws it twenty times): counted once.
const counted = new WeakMap<CameraList, DensityCells>();

/** Cameras counted per 200 m cell, and quantile classes (quintiles) of the occupied cells' counts. */
export function densityCells(cameras: CameraList): DensityCells {
  const hit = counted.get(cameras);
  if (hit) return hit;
  const s = DENSITY_CELL_M;
  const counts = new Map<number, number>();
  const cells = cellKeys(cameras);
  for (let i = 0; i < cells.length; i++) counts.set(cells[i], (counts.get(cells[i]) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const out: DensityCells = { x: new Float64Array(keys.length), y: new Float64Array(keys.length), count: new Uint32Array(keys.length), breaks: [] };
  keys.forEach((k, i) => {
    out.y[i] = Math.floor(k / 67108864) * s;
    out.x[i] = (k % 67108864) * s;
    out.count[i] = counts.get(k)!;
  });
  const sorted = Float64Array.from(out.count).sort();
  // Counts are integers: a break is the smallest count at or above the quantile (1e-9 absorbs
  // floating error such as 4 × 0.8 = 3.2000000000000002).
  const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => Math.ceil(quantile(sorted, q) - 1e-9));
  out.breaks = [...new Set([1, ...cuts.filter((c) => c > 1)])].sort((a, b) => a - b);
  counted.set(cameras, out);
  return out;
}

const cellsOf = new WeakMap<CameraList, Float64Array>();

/**
 * Each camera's cell, key row × 2^26 + column of the cell in a 13,400 km square (exact in a
 * double, sortable). Rows taken from a layer (the change map's kept and new cameras) read the
 * layer's keys: a million cameras are projected once per run, not once per map that splits them.
 */
function cellKeys(cameras: CameraList): Float64Array {
  let keys = cellsOf.get(cameras);
  if (keys) return keys;
  const from = rowsTakenFrom(cameras);
  if (from) {
    const all = cellKeys(from.layer);
    keys = pick(all, from.idx);
  } else {
    const toLaea = transformer("EPSG:4326", "EPSG:3035");
    const s = DENSITY_CELL_M;
    const out = new Float64Array(cameras.length);
    forEachPoint(cameras, (lon, lat, i) => {
      const [x, y] = toLaea([lon, lat]);
      out[i] = Math.floor(y / s) * 67108864 + Math.floor(x / s);
    });
    keys = out;
  }
  cellsOf.set(cameras, keys);
  return keys;
}

export function densityClass(breaks: number[], count: number): number {
  let c = 0;
  while (c + 1 < breaks.length && count >= breaks[c + 1]) c++;
  return c;
}

const toLonLat = transformer("EPSG:3035", "EPSG:4326");

/**
 * The density layer, one group per class (Inkscape can restyle a class at once): a veil over
 * each cell, or with `squares` (maps drawn over the income cells) a square centred in it.
 */
export function cameraDensity(frame: MapFrame, cameras: CameraList, id = "cameras", fill: string = INK.camera, rule: DensityRule = DEFAULT_DENSITY, squares = false): Group {
  const d = densityCells(cameras);
  const S = rule.S;
  const k = d.breaks.length;
  const classes: Item[][] = d.breaks.map(() => []);
  for (let i = 0; i < d.count.length; i++) {
    const c = densityClass(d.breaks, d.count[i]);
    const side = squares ? squareOf(c, k) * DENSITY_CELL_M : DENSITY_CELL_M;
    const off = (DENSITY_CELL_M - side) / 2;
    const ring = cellRing({ x: d.x[i] + off, y: d.y[i] + off, size: side }).map((p) => toLonLat([p[0], p[1]]));
    const g: Polygon = { type: "Polygon", coordinates: [ring] };
    const path = frame.path(g);
    if (path) classes[c].push({ kind: "path", d: path, title: S.cameraDensity.cell(S.dec(d.count[i])) });
  }
  const items = classes.map((it, c) => group(`${id}-density-${c}`, it, { style: squares ? squareStyle(fill) : { fill, fillOpacity: opacityOf(c, k), stroke: "none" } }));
  return group(id, items, { label: S.cameraDensity.layer(S.dec(DENSITY_CELL_M)) });
}

/** Class c of k's step in a ramp (first step for the first class, last for the last). */
const stepOf = (ramp: readonly number[], c: number, k: number) => ramp[Math.round((c * (ramp.length - 1)) / Math.max(1, k - 1))];
const squareOf = (c: number, k: number) => stepOf(SQUARE, c, k);
const squareStyle = (fill: string) => ({ fill, stroke: "#ffffff", strokeWidth: SQUARE_HALO, strokeUnder: true });

/**
 * What a camera layer covers on the page, for the layout to keep its blocks clear of: each
 * camera drawn as a dot, or a 3 × 3 lattice over each density cell (corners, edge midpoints,
 * centre: 100 m apart, about 2 mm on an A4 map of Paris, so a block kept 1.5 mm clear of the
 * points cannot reach far into a cell) — a few thousand cells, not a million points.
 */
export function occupiedBy(cameras: CameraList, rule: DensityRule = DEFAULT_DENSITY): Position[] {
  if (!drawsDensity(cameras, rule)) return cameraPositions(cameras);
  // The same lattice for every map that asks (Carte 1, the change map): built once per layer.
  const hit = lattices.get(cameras);
  if (hit) return hit;
  const d = densityCells(cameras);
  const out: Position[] = [];
  const h = DENSITY_CELL_M / 2;
  for (let i = 0; i < d.count.length; i++) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out.push(toLonLat([d.x[i] + a * h, d.y[i] + b * h]));
  lattices.set(cameras, out);
  return out;
}
const lattices = new WeakMap<CameraList, Position[]>();

const opacityOf = (c: number, k: number) => stepOf(OPACITY, c, k);

/**
 * Legend entries of a camera layer drawn by cameraPoints: `dots()` (the map's own entries for the
 * dots, built only when drawn) up to the threshold; above it a note naming the layer, its count, the threshold and the
 * method, then one swatch per class, highest first.
 */
export function cameraLayerLegend(cameras: CameraList, what: string, dots: () => LegendEntry[], opts: { rule?: DensityRule; fill?: string; id?: string; squares?: MapFrame } = {}): LegendEntry[] {
  const rule = opts.rule ?? DEFAULT_DENSITY;
  if (!drawsDensity(cameras, rule)) return dots();
  const S = rule.S;
  const fill = opts.fill ?? INK.camera;
  const id = opts.id ?? "legend-camera";
  const d = densityCells(cameras);
  const entries: LegendEntry[] = [
    { kind: "note", text: S.cameraDensity.note(what, S.dec(cameras.length), S.dec(rule.densityThreshold), S.dec(DENSITY_CELL_M), S.dec(d.count.length)) + (opts.squares ? ` ${S.cameraDensity.squares}` : "") },
  ];
  // Squares in the legend at the map's size (mm per metre of the frame the legend is drawn for).
  const cellMm = opts.squares ? DENSITY_CELL_M * opts.squares.scale : 0;
  const max = d.count.reduce((m, v) => Math.max(m, v), 0);
  for (let c = d.breaks.length - 1; c >= 0; c--) {
    const lo = d.breaks[c], hi = c + 1 < d.breaks.length ? d.breaks[c + 1] - 1 : max;
    const label = S.cameraDensity.perCell(S.dec(lo), lo === hi ? null : S.dec(hi), hi > 1);
    if (opts.squares) {
      const h = (squareOf(c, d.breaks.length) * cellMm) / 2;
      entries.push({ kind: "symbol", id: `${id}-density-${c}`, label, path: (x, y) => `M${n(x - h)},${n(y - h)}H${n(x + h)}V${n(y + h)}H${n(x - h)}Z`, style: squareStyle(fill) });
    } else entries.push({ kind: "fill", id: `${id}-density-${c}`, label, style: { fill, fillOpacity: opacityOf(c, d.breaks.length) } });
  }
  return entries;
}
