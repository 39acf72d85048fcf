// Files that hold several layers (a GeoPackage's feature tables, a zip's shapefiles): the one the
// study names in `options.layer` (or FILE:LAYER on the command line), else the only one.
import { InputError } from "../core/errors.js";
import { oneLine } from "./one-line.js";

export function chooseLayer(file: string, names: string[], wanted: string | undefined, kind: string): string {
  if (names.length === 0) throw new InputError(file, undefined, `no ${kind} in the file`, "give a file with at least one vector layer");
  const list = names.map((n) => `"${oneLine(n)}"`).join(", ");
  if (wanted !== undefined) {
    const hit = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (!hit) throw new InputError(file, undefined, `no ${kind} named "${oneLine(wanted)}" (the file has ${list})`, "set options.layer in the study file, or FILE:LAYER on the command line, to one of them");
    return hit;
  }
  if (names.length > 1) {
    throw new InputError(file, undefined, `${names.length} ${kind}s (${list}) and none chosen`, `set options.layer in the study file, or pass FILE:LAYER (e.g. ${file.split("/").pop()}:${oneLine(names[0])})`);
  }
  return names[0];
}
