// SYNTHETIC camera lists for the scale cases (study_200k_cameras, study_1m_cameras): seeded,
// written to a temporary folder, never to the repository and never mistaken for data. Every row's
// label says "synthétique" and the file name says "synthetic". Positions mimic a real network's
// clustering so the density maps and the join see realistic loads: 70 % of points are a real
// camera of the study (out/layers/cameras.geojson) moved by a normal error of σ = 150 m, 30 % are
// uniform over the city (rejection sampling against the city outline, exact even-odd test).
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Feature, Position } from "geojson";
import { readOutGeojson } from "../pipeline/core/out-files.js";
import { transformer } from "../pipeline/geo/crs.js";
import { flattenPolygons, flatPointInPolygon } from "../pipeline/geo/flat-polygons.js";
import { seededRng } from "../pipeline/stats/rng.js";

export const SYNTHETIC_SEED = 20261130;

/** Writes `n` synthetic cameras as CSV `id,lon,lat,label` (WGS84, 7 decimals). */
export function writeSyntheticCameras(layersDir: string, file: string, n: number, seed = SYNTHETIC_SEED): void {
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const toLonLat = transformer("EPSG:2154", "EPSG:4326");
  const read = (name: string): Feature[] => readOutGeojson(join(layersDir, `${name}.geojson`), "layers");
  const city = read("city").map((f) => {
    const parts: Position[][][] = f.geometry.type === "Polygon" ? [f.geometry.coordinates as Position[][]] : (f.geometry as any).coordinates;
    return { type: "MultiPolygon" as const, coordinates: parts.map((rings) => rings.map((r) => r.map((p) => toL93([p[0], p[1]])))) };
  });
  const fp = flattenPolygons([{ type: "MultiPolygon", coordinates: city.flatMap((g) => g.coordinates) }]);
  const [x0, y0, x1, y1] = fp.bbox;
  const seeds = read("cameras").map((f) => toL93((f.geometry as any).coordinates));
  const rand = seededRng(seed);
  const fd = openSync(file, "w");
  let buf = "id,lon,lat,label\n";
  for (let i = 0; i < n; i++) {
    let x: number, y: number;
    if (seeds.length && rand.next() < 0.7) {
      const s = seeds[Math.floor(rand.next() * seeds.length)];
      x = s[0] + 150 * rand.normal();
      y = s[1] + 150 * rand.normal();
    } else {
      do {
        x = x0 + rand.next() * (x1 - x0);
        y = y0 + rand.next() * (y1 - y0);
      } while (!flatPointInPolygon(fp, 0, x, y));
    }
    const [lon, lat] = toLonLat([x, y]);
    buf += `syn-${String(i + 1).padStart(7, "0")},${lon.toFixed(7)},${lat.toFixed(7)},caméra synthétique ${i + 1}\n`;
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = "";
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

// `node dist/bench/synthetic-cameras.js <out/layers> <file.csv> <n>`: the same file by hand.
if (process.argv[1] && /synthetic-cameras\.js$/.test(process.argv[1])) {
  const [layers, file, n] = process.argv.slice(2);
  writeSyntheticCameras(layers, file, Number(n));
}
