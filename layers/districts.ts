// District layers (any declared level, and the conseils a zone rule may build from): each
// feature gets `id` = `code` (its official code), a `name`, and `number`/`type` when the study
// maps them. Which coarser district a finer one belongs to is the join's job (by area), not a
// property of the source.
import type { Feature } from "geojson";
import { readLayerFile } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { InputError } from "../pipeline/core/errors.js";
import { polygonLayerResult, requiredProp, type LayerResult } from "./layer-result.js";

/** Column names tried, in order, when the study maps no `code` / `name` field. */
const CODE_GUESSES = ["code", "id", "insee", "code_insee", "codgeo"];
const NAME_GUESSES = ["name", "nom", "libelle", "label", "lib"];

function guess(features: Feature[], wanted: string[]): string | undefined {
  const keys = Object.keys(features[0]?.properties ?? {});
  for (const w of wanted) {
    const k = keys.find((x) => x.toLowerCase() === w);
    if (k) return k;
  }
  return undefined;
}

export async function readDistricts(name: string, spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, { format: spec.format, crs: spec.crs });
  const codeField = spec.fields?.code ?? guess(layer.features, CODE_GUESSES);
  const nameField = spec.fields?.name ?? guess(layer.features, NAME_GUESSES);
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
  const result = polygonLayerResult(name, spec, layer, features, (a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));
  if (!spec.fields?.code) result.notes.push(`codes from the "${codeField}" column`);
  if (!spec.fields?.name) result.notes.push(nameField ? `names from the "${nameField}" column` : "no name column: districts named by their code");
  return result;
}
