// District layers (any declared level, and the conseils a zone rule may build from): each
// feature gets `id` = `code` (its official code), a `name`, and `number`/`type` when the study
// maps them. Which coarser district a finer one belongs to is the join's job (by area), not a
// property of the source.
import type { Feature } from "geojson";
import { readLayerFile, readOptionsOf } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { InputError } from "../pipeline/core/errors.js";
import { polygonLayerResult, requiredProp, type LayerResult, guessColumn } from "./layer-result.js";

/** Column names tried, in order, when the study maps no `code` / `name` field. */
const CODE_GUESSES = ["code", "id", "insee", "code_insee", "codgeo"];
const NAME_GUESSES = ["name", "nom", "libelle", "label", "lib"];


export async function readDistricts(name: string, spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const codeField = spec.fields?.code ?? guessColumn(layer.features, CODE_GUESSES);
  const nameField = spec.fields?.name ?? guessColumn(layer.features, NAME_GUESSES);
  if (!codeField) {
    const have = Object.keys(layer.features[0]?.properties ?? {}).filter((k) => k !== "__line").join(", ");
    throw new InputError(spec.file, undefined, `no district code column (fields: ${have})`, `map one in the study: "${name}": { "fields": { "code": "COLUMN" } }`);
  }
  const features: Feature[] = layer.features.map((f, i) => {
    const code = requiredProp(f, codeField, spec.file, i);
    const p: Record<string, unknown> = { id: code, code, name: nameField ? String(f.properties?.[nameField] ?? "") : code };
    if (spec.fields?.number) p.number = Number(requiredProp(f, spec.fields.number, spec.file, i));
    if (spec.fields?.type) p.type = requiredProp(f, spec.fields.type, spec.file, i);
    return { type: "Feature", properties: p, geometry: f.geometry };
  });
  const { merged, notes } = mergeSplitDistricts(features, spec.file);
  const result = polygonLayerResult(name, spec, layer, merged, (a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));
  result.merged = features.length - merged.length;
  result.notes.push(...notes);
  if (!spec.fields?.code) result.notes.push(`codes from the "${codeField}" column`);
  if (!spec.fields?.name) result.notes.push(nameField ? `names from the "${nameField}" column` : "no name column: districts named by their code");
  return result;
}

/**
 * One district given as several features (an island, a part across a river, an export that
 * splits multipolygons) is one district: its parts are merged into a MultiPolygon, with a note,
 * so that it is never counted twice. Parts with different names are two districts sharing a
 * code by mistake: refused, naming the code.
 */
export function mergeSplitDistricts(features: Feature[], file: string): { merged: Feature[]; notes: string[] } {
  const byCode = new Map<string, number[]>();
  features.forEach((f, i) => byCode.set(String(f.properties!.id), [...(byCode.get(String(f.properties!.id)) ?? []), i]));
  const notes: string[] = [];
  const merged: Feature[] = [];
  for (const [code, idx] of byCode) {
    const first = features[idx[0]];
    if (idx.length === 1) {
      merged.push(first);
      continue;
    }
    const names = new Set(idx.map((i) => String(features[i].properties!.name)));
    if (names.size > 1) {
      throw new InputError(file, `feature ${idx[1]}`, `district code "${code}" is used by ${idx.length} features with different names (${[...names].join(", ")})`, "give each district its own code, or the same name to the parts of one district");
    }
    const polygons = idx.flatMap((i) => {
      const g = features[i].geometry as { type: string; coordinates: unknown };
      if (g.type === "Polygon") return [g.coordinates];
      if (g.type === "MultiPolygon") return g.coordinates as unknown[];
      throw new InputError(file, `feature ${i}`, `expected polygons, found ${g.type}`, "give a polygon layer");
    });
    merged.push({ type: "Feature", properties: first.properties, geometry: { type: "MultiPolygon", coordinates: polygons as never } });
    notes.push(`district ${code} came as ${idx.length} features (features ${idx.join(", ")}): merged into one`);
  }
  return { merged, notes };
}
