// Synthetic, seeded inputs for the scale cases, written to a temporary folder (never the repo).
// Shapes are real: the Paris IRIS from the layers stage, projected, optionally scaled, and tiled
// side by side until the wanted count is reached; points and grid cells are seeded random.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import type { Position } from "geojson";
import { transformer, type CrsCode } from "../pipeline/geo/crs.js";
import { cellId } from "../pipeline/geo/inspire-grid.js";
import { seededRng } from "../pipeline/stats/rng.js";

type Shape = Position[][][];

/** Buffered line writer: the inputs are tens of megabytes, written in 4 MB pieces. */
class Lines {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(file: string) {
    this.fd = openSync(file, "w");
  }
  line(s: string): void {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join("\n") + "\n");
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The IRIS shapes of a layers output folder, projected to crs. */
export function irisShapes(layersDir: string, crs: CrsCode): Shape[] {
  const fc = JSON.parse(readFileSync(`${layersDir}/iris.geojson`, "utf8"));
  const t = transformer("EPSG:4326", crs);
  return fc.features.map((f: any) => {
    const parts: Shape = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    return parts.map((rings) => rings.map((ring) => ring.map((p) => t([p[0], p[1]]))));
  });
}

export interface Tiled {
  count: number;
  /** Bounding box of every tile, for scattering points over the tiled area. */
  tiles: Array<[number, number, number, number]>;
  extent: [number, number, number, number];
}

/**
 * Writes `count` polygons: the shapes scaled by `scale` about their south-west corner, moved so
 * that corner sits at `origin`, repeated in rows of `perRow` tiles with `gap` metres between
 * tiles (tiles never overlap). GeoJSON with a crs member, and optionally id + WKT as TSV for
 * PostGIS's COPY. Property `pid` = the polygon's 0-based position in the file.
 */
export function writeTiledPolygons(
  shapes: Shape[],
  opt: { count: number; scale: number; origin: [number, number]; perRow: number; gap: number; crs: CrsCode; geojson: string; wkt?: string },
): Tiled {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const s of shapes) for (const part of s) for (const ring of part) for (const p of ring) {
    x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]);
  }
  const w = (x1 - x0) * opt.scale, h = (y1 - y0) * opt.scale;
  const gj = new Lines(opt.geojson);
  const wkt = opt.wkt ? new Lines(opt.wkt) : undefined;
  gj.line(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:${opt.crs.replace(":", "::")}"}},"features":[`);
  const tiles: Tiled["tiles"] = [];
  let pid = 0;
  for (let tile = 0; pid < opt.count; tile++) {
    const ox = opt.origin[0] + (tile % opt.perRow) * (w + opt.gap);
    const oy = opt.origin[1] + Math.floor(tile / opt.perRow) * (h + opt.gap);
    tiles.push([ox, oy, ox + w, oy + h]);
    for (const s of shapes) {
      if (pid >= opt.count) break;
      const parts = s.map((rings) => rings.map((ring) => ring.map((p) => [r2(ox + (p[0] - x0) * opt.scale), r2(oy + (p[1] - y0) * opt.scale)])));
      gj.line(`${pid ? "," : ""}{"type":"Feature","properties":{"pid":${pid}},"geometry":{"type":"MultiPolygon","coordinates":${JSON.stringify(parts)}}}`);
      wkt?.line(`${pid}\tMULTIPOLYGON(${parts.map((rings) => `(${rings.map((ring) => `(${ring.map((p) => `${p[0]} ${p[1]}`).join(",")})`).join(",")})`).join(",")})`);
      pid++;
    }
  }
  gj.line("]}");
  gj.close();
  wkt?.close();
  const ex: Tiled["extent"] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const t of tiles) {
    ex[0] = Math.min(ex[0], t[0]); ex[1] = Math.min(ex[1], t[1]); ex[2] = Math.max(ex[2], t[2]); ex[3] = Math.max(ex[3], t[3]);
  }
  return { count: pid, tiles, extent: ex };
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** n seeded points, each uniform over a random tile's box (so most land in polygons). CSV id,x,y. */
export function writePoints(file: string, n: number, seed: number, boxes: Array<[number, number, number, number]>): void {
  const rand = seededRng(seed).next;
  const out = new Lines(file);
  out.line("id,x,y");
  for (let i = 0; i < n; i++) {
    const b = boxes[Math.floor(rand() * boxes.length)];
    out.line(`${i},${r2(b[0] + rand() * (b[2] - b[0]))},${r2(b[1] + rand() * (b[3] - b[1]))}`);
  }
  out.close();
}

/**
 * Exactly n distinct 200 m cells drawn at random (seeded) from the window, written in id order
 * like INSEE's files: IdINSPIRE,Ind,Ind_snv (residents, summed standard of living).
 */
export function writeCells(file: string, n: number, seed: number, window: { x0: number; y0: number; cols: number; rows: number; size: number }): { ind: number; indSnv: number } {
  const rand = seededRng(seed).next;
  const total = window.cols * window.rows;
  if (n > total) throw new Error("more cells asked than the window holds");
  const pool = new Int32Array(total);
  for (let i = 0; i < total; i++) pool[i] = i;
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (total - i));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  const chosen = pool.slice(0, n).sort();
  const out = new Lines(file);
  out.line("IdINSPIRE,Ind,Ind_snv");
  let ind = 0, indSnv = 0;
  for (const k of chosen) {
    const r = Math.floor(k / window.cols), c = k - r * window.cols;
    const people = 1 + Math.floor(rand() * 300);
    const snv = Math.round(people * (12000 + rand() * 30000) * 10) / 10;
    ind += people;
    indSnv += snv;
    out.line(`${cellId(window.x0 + c * window.size, window.y0 + r * window.size, window.size)},${people},${snv}`);
  }
  out.close();
  return { ind, indSnv };
}
