// Administrative districts: arrondissements, quartiers administratifs, IRIS, conseils de quartier.
// Each gets `id` = its INSEE code (or the city's own number for conseils) and plain field names.
import type { Feature } from "geojson";
import { readLayerFile, readOptionsOf } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { fieldName, polygonLayerResult, requiredProp, type LayerResult } from "./layer-result.js";

type Mapper = (f: Feature, i: number, get: (role: string, fallback: string) => string) => Record<string, unknown>;

async function districtLayer(name: string, spec: LayerSpec, map: Mapper): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const features: Feature[] = layer.features.map((f, i) => {
    const get = (role: string, fallback: string) => requiredProp(f, fieldName(spec.fields, role, fallback), spec.file, i);
    return { type: "Feature", properties: map(f, i, get), geometry: f.geometry };
  });
  return polygonLayerResult(name, spec, layer, features, (a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));
}

export function readArrondissements(spec: LayerSpec): Promise<LayerResult> {
  return districtLayer("arrondissements", spec, (_f, _i, get) => {
    const code = get("code", "c_arinsee");
    return { id: code, code, name: get("name", "l_aroff"), number: Number(get("number", "c_ar")) };
  });
}

export function readQuartiers(spec: LayerSpec): Promise<LayerResult> {
  return districtLayer("quartiers", spec, (_f, _i, get) => {
    const code = get("code", "c_quinsee");
    const arr = get("arrondissement", "c_ar");
    return { id: code, code, name: get("name", "l_qu"), number: Number(get("number", "c_qu")), arrondissement: `751${arr.padStart(2, "0")}` };
  });
}

export function readIris(spec: LayerSpec): Promise<LayerResult> {
  return districtLayer("iris", spec, (_f, _i, get) => {
    const code = get("code", "DCOMIRIS");
    return { id: code, code, name: get("name", "NOM_IRIS"), arrondissement: get("arrondissement", "DEPCOM"), type: get("type", "TYP_IRIS") };
  });
}

export function readConseils(spec: LayerSpec): Promise<LayerResult> {
  return districtLayer("conseils", spec, (_f, _i, get) => {
    const code = get("code", "no_consqrt");
    return { id: code, code, name: get("name", "nom_quart"), arrondissement: `751${get("arrondissement", "nar").padStart(2, "0")}` };
  });
}
