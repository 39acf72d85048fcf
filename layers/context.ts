// Context layers: the city outline, the Seine, the two Bois, stations (one point per station),
// the major railway terminals.
import type { Feature, Point } from "geojson";
import { readLayerFile, readOptionsOf, type ReadLayer } from "../pipeline/geo/read-layer.js";
import { transformer } from "../pipeline/geo/crs.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { assertUniqueIds, fieldName, normalisePolygons, requiredProp, type LayerResult } from "./layer-result.js";

/** `layer`: what the reader read and dropped (null or empty geometries), for the manifest. */
function result(name: string, spec: LayerSpec, layer: Pick<ReadLayer, "read" | "dropped">, features: Feature[], sourceFiles: string[], notes: string[] = []): LayerResult {
  return { name, features, read: layer.read, dropped: [...layer.dropped], notes, sourceFiles, source: spec.source, vintage: spec.vintage, licence: spec.licence };
}

/** Polygon context layers (city, seine, bois): one id per feature, name kept. */
export async function readAreaLayer(name: "city" | "river" | "woods", spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const nameField = fieldName(spec.fields, "name", name === "city" ? "nom" : "name");
  const features: Feature[] = layer.features.map((f, i) => ({
    type: "Feature",
    properties: { id: `${name}-${i + 1}`, name: String(f.properties?.[nameField] ?? name) },
    geometry: f.geometry,
  }));
  normalisePolygons(features, spec.file);
  return result(name, spec, layer, features, layer.sourceFiles, layer.notes);
}

/**
 * The IDFM file has one point per (station, line). A station is its stop area (`id_ref_zdc`);
 * its point is the mean of its lines' points in Lambert-93 (they lie within ~100 m).
 */
export async function readStations(spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const idField = fieldName(spec.fields, "id", "id_ref_zdc");
  const nameField = fieldName(spec.fields, "name", "nom_zdc");
  const modeField = fieldName(spec.fields, "mode", "mode");
  const lineField = fieldName(spec.fields, "line", "res_com");
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const toWgs = transformer("EPSG:2154", "EPSG:4326");
  const groups = new Map<string, { name: string; xs: number[]; ys: number[]; modes: Set<string>; lines: Set<string> }>();
  layer.features.forEach((f, i) => {
    const id = requiredProp(f, idField, spec.file, i);
    const [x, y] = toL93((f.geometry as Point).coordinates as [number, number]);
    const g = groups.get(id) ?? { name: requiredProp(f, nameField, spec.file, i), xs: [], ys: [], modes: new Set(), lines: new Set() };
    g.xs.push(x);
    g.ys.push(y);
    g.modes.add(String(f.properties?.[modeField] ?? ""));
    g.lines.add(String(f.properties?.[lineField] ?? ""));
    groups.set(id, g);
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const features: Feature[] = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, g]) => ({
      type: "Feature",
      properties: { id: `station-${id}`, name: g.name, modes: [...g.modes].sort(), lines: [...g.lines].sort() },
      geometry: { type: "Point", coordinates: toWgs([mean(g.xs), mean(g.ys)]) },
    }));
  const r = result("stations", spec, layer, features, layer.sourceFiles, [
    `${layer.features.length} station-line points grouped into ${features.length} stations by ${idField}`,
  ]);
  r.merged = layer.features.length - features.length;
  return r;
}

export async function readTerminals(spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const nameField = fieldName(spec.fields, "name", "name");
  const features: Feature[] = layer.features.map((f, i) => {
    const name = requiredProp(f, nameField, spec.file, i);
    const slug = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return { type: "Feature", properties: { id: `terminal-${slug}`, name }, geometry: f.geometry };
  });
  assertUniqueIds(features, spec.file);
  features.sort((a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));
  return result("terminals", spec, layer, features, layer.sourceFiles, layer.notes);
}

/**
 * Street crossings (OSM), one point per crossing: the null model "cameras stand where streets
 * meet" of the stats stage draws from them. Ids follow the file's row order, so they are stable.
 */
export async function readCrossings(spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const width = String(layer.features.length).length;
  const features: Feature[] = layer.features.map((f, i) => {
    const p = f.properties ?? {};
    const streets = [p.nom1, p.nom2].filter((s) => typeof s === "string" && s !== "");
    return {
      type: "Feature",
      properties: { id: `crossing-${String(i + 1).padStart(width, "0")}`, name: streets.join(" / ") },
      geometry: f.geometry,
    };
  });
  return result("crossings", spec, layer, features, layer.sourceFiles, layer.notes);
}
