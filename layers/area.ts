// The analysis area: a camera list that covers part of a city is analysed on the districts it
// covers (`--area 75101,75102` or the study's "area"). The city becomes the union of those
// districts, finer districts outside it are left out, and cameras outside it are counted, listed
// (out/layers/outside_area.csv) and kept out of every later stage. Without an area, a camera layer
// that covers only a fraction of the city is refused with the area to set: a city-wide test on
// a partial list would read the missing districts as districts without cameras.
import type { Feature, MultiPolygon, Position } from "geojson";
import { createRequire } from "node:module";
import type PolygonClipping from "polygon-clipping";
import type { MultiPolygon as PcMulti } from "polygon-clipping";
import { InputError } from "../pipeline/core/errors.js";
import type { Study } from "../pipeline/core/study.js";
import { csvText } from "../pipeline/core/csv-format.js";
import { toPlanarShape, shapeArea } from "../pipeline/geo/planar.js";
import { pointInPolygons } from "../pipeline/geo/point-in-polygon.js";
import { polygonsOf } from "../pipeline/geo/validate.js";
import { transformer } from "../pipeline/geo/crs.js";
import { keptCount, type LayerResult } from "./layer-result.js";
import { interiorPoint } from "../pipeline/geo/interior-point.js";

export interface AreaRestriction {
  city: LayerResult;
  /** The districts named by the area, as out/layers/area.geojson. */
  layer: LayerResult;
  /**
   * Keeps the cameras inside the area. `studied`: the layer under test, whose empty districts are
   * noted (a user's list of one district with the next one added to the area would read that
   * district as a district without cameras).
   */
  clipCameras(r: LayerResult, studied?: boolean): void;
  outsideCsv(): string;
}

export function restrictToArea(study: Study, levels: LayerResult[], city: LayerResult): AreaRestriction {
  const codes = study.area!;
  const chosen: Feature[] = [];
  for (const code of codes) {
    const hit = levels.map((l) => l.features.find((f) => String(f.properties!.code) === code)).find((f) => f);
    if (!hit) {
      const sample = levels[0].features.slice(0, 4).map((f) => String(f.properties!.code)).join(", ");
      throw new InputError(study.file, "area", `no district has the code "${code}"`, `give codes of a declared level (e.g. ${sample}; \`contrechamp districts\` lists them)`);
    }
    chosen.push(hit);
  }
  // Required here: the layers stage loads this module for every study, and only an area needs a union.
  const polygonClipping = createRequire(import.meta.url)("polygon-clipping") as typeof PolygonClipping;
  const union = polygonClipping.union(...(chosen.map((f) => polygonsOf(f.geometry) as PcMulti) as [PcMulti, ...PcMulti[]]));
  const areaGeom: MultiPolygon = { type: "MultiPolygon", coordinates: union as Position[][][] };
  const areaShape = toPlanarShape({ type: "Feature", properties: {}, geometry: areaGeom });
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  // A district belongs to the area when the middle of its largest piece does (districts of
  // nested levels share their limits, so a test on the limit itself would be a coin toss).
  for (const level of levels) {
    const before = level.features.length;
    level.features = level.features.filter((f) => {
      const s = toPlanarShape(f);
      const inner = interiorPoint(s.polygons);
      return pointInPolygons(inner[0], inner[1], areaShape.polygons);
    });
    const left = before - level.features.length;
    if (left > 0) level.dropped.push({ reason: "outside the analysis area", count: left });
    if (level.features.length === 0) throw new InputError(study.file, "area", `no ${level.name} district lies inside the area ${codes.join(",")}`, "check the codes");
  }
  const areaCity: LayerResult = {
    ...city,
    features: [{ type: "Feature", properties: { id: "city-1", name: `${city.features[0]?.properties?.name ?? "city"} (area ${codes.join(", ")})` }, geometry: areaGeom }],
    merged: city.read - 1,
    dropped: [],
    notes: [...city.notes, `analysis area: the union of ${codes.join(", ")} replaces the city outline (${(shapeArea(areaShape.polygons) / 1e6).toFixed(2)} km²)`],
  };
  const areaLayer: LayerResult = {
    name: "area",
    features: chosen.map((f) => ({ type: "Feature", properties: { ...f.properties }, geometry: f.geometry })),
    read: chosen.length,
    dropped: [],
    notes: [`districts named by the area: ${codes.join(", ")}`],
    sourceFiles: [],
    source: "the study's analysis area",
  };
  const outside: string[][] = [];
  return {
    city: areaCity,
    layer: areaLayer,
    clipCameras(r: LayerResult, studied = false) {
      const keep: Feature[] = [];
      const kept: Array<[number, number]> = [];
      for (const f of r.features) {
        const [x, y] = toL93((f.geometry as unknown as { coordinates: [number, number] }).coordinates);
        if (pointInPolygons(x, y, areaShape.polygons)) {
          keep.push(f);
          kept.push([x, y]);
        } else {
          const c = (f.geometry as { coordinates: number[] }).coordinates;
          outside.push([r.name, String(f.properties!.id), c[0].toFixed(7), c[1].toFixed(7), String(f.properties!.label ?? "")]);
        }
      }
      const n = r.features.length - keep.length;
      r.features = keep;
      if (n > 0) {
        r.dropped.push({ reason: "outside the analysis area (listed in outside_area.csv)", count: n });
        r.notes.push(`${n} cameras outside the analysis area ${codes.join(",")}: counted, listed in out/layers/outside_area.csv, left out of the analysis`);
      }
      if (keep.length === 0) throw new InputError(r.sourceFiles[0] ?? study.file, undefined, `no camera of the ${r.name} layer lies inside the area ${codes.join(",")}`, "check the area codes against the camera layer");
      if (!studied) return;
      const empty = chosen.filter((f) => {
        const s = toPlanarShape(f).polygons;
        return !kept.some(([x, y]) => pointInPolygons(x, y, s));
      });
      if (empty.length) {
        const named = empty.map((f) => `${f.properties!.code}${f.properties!.name ? ` (${f.properties!.name})` : ""}`).join(", ");
        r.notes.push(`no camera lies in ${named}, named by the analysis area: if the layer does not cover ${empty.length > 1 ? "them" : "it"}, leave ${empty.length > 1 ? "them" : "it"} out of the area, or ${empty.length > 1 ? "they" : "it"} will count as having no camera`);
      }
    },
    outsideCsv: () => csvText(["layer", "id", "lon", "lat", "label"], outside),
  };
}

/**
 * Without an area: refuse a camera layer whose cameras sit in a small part of the city. The
 * districts holding 95 % of the cameras must cover at least 40 % of the city's area, or the user
 * is asked to set the area (or to say `--area all` to analyse the whole city anyway).
 */
export function checkCoverage(study: Study, cams: LayerResult, districts: LayerResult): void {
  if (study.areaAll || districts.features.length < 4) return;
  const key = study.levels[0].key;
  const count = new Map<string, number>();
  // A layer held as columns (layers/camera-columns.ts) is counted on its codes, not made into features.
  const pts = cams.points;
  const cameras = keptCount(cams);
  if (pts) for (let i = 0; i < pts.n; i++) count.set(pts.codes[pts.district[i]], (count.get(pts.codes[pts.district[i]]) ?? 0) + 1);
  else for (const f of cams.features) count.set(String(f.properties![key]), (count.get(String(f.properties![key])) ?? 0) + 1);
  const areas = new Map(districts.features.map((f) => [String(f.properties!.code), Math.abs(shapeArea(toPlanarShape(f).polygons))]));
  const total = [...areas.values()].reduce((a, b) => a + b, 0);
  const order = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  let held = 0, covered = 0;
  const core: string[] = [];
  for (const [code, k] of order) {
    if (held >= 0.95 * cameras) break;
    held += k;
    covered += areas.get(code) ?? 0;
    core.push(code);
  }
  if (covered / total >= 0.4) return;
  const spec = study.layers.cameras;
  throw new InputError(
    spec.user ? spec.file : study.file,
    undefined,
    `the cameras cover only part of the study area: 95 % of them lie in ${core.length} of ${districts.features.length} ${study.levels[0].layer} (${Math.round((100 * covered) / total)} % of its area)`,
    `set the analysis area, e.g. --area ${core.sort().join(",")} (or "area" in the study), or pass --area all to test the whole city anyway`,
  );
}
