// out/stats/hotspots_cells.{csv,geojson}: Gi* hot spots of cameras per 200 m cell, as a table and
// as cell squares (WGS84) that the render stage maps (pipeline/render/hotspots-map.ts).
import type { Feature } from "geojson";
import { csvText, fixed } from "../core/csv-format.js";
import { transformer } from "../geo/crs.js";
import { geojsonText } from "../geo/write-geojson.js";
import { lattice, within } from "./spatial-grid.js";
import { hotSpots } from "./hotspots.js";
import type { InferenceSettings } from "./inference.js";

export const HOTSPOT_COLUMNS = ["id", "cameras", "gi_z", "p_rank", "p_z_sim", "q_fdr", "class"];

export function hotSpotOutputs(ids: string[], cameras: number[], st: InferenceSettings) {
  const l = lattice(ids);
  const w = within(l, l.size * 1.5, true);
  const h = hotSpots(cameras, w, st.lisa_permutations, st.fdr, st.seed + 500);
  const csv = csvText(HOTSPOT_COLUMNS, ids.map((id, i) => [id, String(cameras[i]), fixed(h[i].z, 4), fixed(h[i].p_rank, 4), fixed(h[i].p, 6), fixed(h[i].q, 6), h[i].cls]));
  const toWgs = transformer("EPSG:3035", "EPSG:4326");
  const r7 = (v: number) => Math.round(v * 1e7) / 1e7;
  const features: Feature[] = ids.map((id, i) => {
    const x0 = l.x[i] - l.size / 2, y0 = l.y[i] - l.size / 2, s = l.size;
    const ring = [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]].map((p) => toWgs(p as [number, number]).map(r7));
    return { type: "Feature", properties: { id, cameras: cameras[i], gi_z: Number(h[i].z.toFixed(4)), q_fdr: Number(h[i].q.toFixed(4)), class: h[i].cls, class_code: h[i].cls === "hot" ? 1 : h[i].cls === "cold" ? -1 : 0 }, geometry: { type: "Polygon", coordinates: [ring] } };
  });
  const count = (c: string) => h.filter((x) => x.cls === c).length;
  return {
    csv,
    geojson: geojsonText(features, "hotspots_cells"),
    summary: {
      method: "Getis–Ord Gi* of cameras per 200 m cell, binary queen weights with the cell itself; conditional permutation per cell, one set of draws shared by all cells as PySAL esda's crand (p from the permutation z, rank p beside it); Benjamini–Hochberg FDR",
      permutations: st.lisa_permutations, fdr: st.fdr, cells: ids.length, hot: count("hot"), cold: count("cold"), not_significant: count("ns"),
      files: ["hotspots_cells.csv", "hotspots_cells.geojson"],
    },
  };
}
