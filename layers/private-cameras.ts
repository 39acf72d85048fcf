// The `private_cameras` layer: a crowdsourced map of cameras spotted by volunteers
// (sous-surveillance.net, Paris, ≤ 2012), private (shops, banks, transport operators) and public
// alike, with who operates each. A volunteer survey of part of the city, not a census: it is
// drawn and tabulated beside the Préfecture's list, never tested as if it were complete.
import type { Feature } from "geojson";
import { readLayerFile } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { InputError } from "../pipeline/core/errors.js";
import { assertUniqueIds, fieldName, type LayerResult } from "./layer-result.js";

export type OpType = "private" | "public" | "unknown";

/** The file's operator type, folded: anything but private/public (often empty) is "unknown". */
export function opTypeOf(v: unknown): OpType {
  const s = String(v ?? "").trim().toLowerCase();
  return s === "private" || s === "privé" || s === "prive" ? "private" : s === "public" ? "public" : "unknown";
}

export async function readPrivateCameras(spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, { format: spec.format, crs: spec.crs });
  const idF = fieldName(spec.fields, "id", "id");
  const labelF = fieldName(spec.fields, "label", "title");
  const typeF = fieldName(spec.fields, "op_type", "op_type");
  const opF = fieldName(spec.fields, "operator", "op_name");
  const features: Feature[] = [];
  layer.features.forEach((f, i) => {
    const p = f.properties ?? {};
    if (f.geometry?.type !== "Point") {
      // Only points can be cameras; a line or polygon here is a wrong file, not a camera to skip.
      throw new InputError(spec.file, `feature ${i}`, `expected a point, found ${f.geometry?.type ?? "no geometry"}`, "give one point per camera");
    }
    const raw = p[idF];
    const id = raw === undefined || raw === null || raw === "" ? `${i + 1}` : String(raw);
    features.push({
      type: "Feature",
      properties: {
        id: `crowd-${id}`,
        source: "crowdsourced",
        label: String(p[labelF] ?? ""),
        op_type: opTypeOf(p[typeF]),
        operator: String(p[opF] ?? "").trim(),
        apparence: p.apparence ?? null,
      },
      geometry: f.geometry,
    });
  });
  assertUniqueIds(features, spec.file);
  features.sort((a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id), "en", { numeric: true }));
  const count = (t: OpType) => features.filter((f) => f.properties!.op_type === t).length;
  return {
    name: "private_cameras",
    features,
    read: layer.features.length,
    dropped: [],
    notes: [...layer.notes, `operator type: ${count("private")} private, ${count("public")} public, ${count("unknown")} not stated`],
    sourceFiles: layer.sourceFiles,
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  };
}
