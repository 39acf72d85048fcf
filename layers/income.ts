// INSEE Filosofi 200 m cells. The square is rebuilt from the cell id in EPSG:3035, where it is
// exact, rather than read from the file's WKT (a Lambert-93 approximation of it).
import type { Feature, Polygon } from "geojson";
import { InputError } from "../pipeline/core/errors.js";
import { transformer } from "../pipeline/geo/crs.js";
import { cellRing, parseCellId } from "../pipeline/geo/inspire-grid.js";
import { columnIndex, parseCsv, parseNumberCell } from "../pipeline/geo/read-csv.js";
import { readText } from "../pipeline/geo/read-layer.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { fieldName, type LayerResult } from "./layer-result.js";

/** Text columns of the Filosofi file; every other column is a number. */
const TEXT_FIELDS = new Set(["IdINSPIRE", "Id_carr1km", "Id_carr_n", "Id_car2010", "Depcom", "DEP", "Groupe"]);
/** Not carried over: the pandas index and the WKT the square replaces. */
const SKIPPED = new Set(["", "geometry"]);
/** Counts that can never be negative: a negative one is a corrupt row. */
const NON_NEGATIVE = /^(Ind|Men|Log|Ind_snv)/;

export async function readIncomeCells(spec: LayerSpec): Promise<LayerResult> {
  const file = spec.file;
  const table = parseCsv(readText(file), file);
  const idCol = fieldName(spec.fields, "id", "IdINSPIRE");
  const idIdx = columnIndex(table, file, [idCol], "cell id");
  const indIdx = columnIndex(table, file, [fieldName(spec.fields, "residents", "Ind")], "residents (Ind)");
  const snvIdx = columnIndex(table, file, [fieldName(spec.fields, "income_sum", "Ind_snv")], "summed standard of living (Ind_snv)");
  const toWgs = transformer("EPSG:3035", "EPSG:4326");
  const seen = new Set<string>();
  const features: Feature<Polygon>[] = table.rows.map(({ line, cells }) => {
    const id = cells[idIdx].trim();
    const cell = parseCellId(id);
    if (!cell) {
      throw new InputError(file, `${line}`, `malformed 200 m cell id "${id}"`, "ids look like CRS3035RES200mN2893400E3763200 (south-west corner in EPSG:3035)");
    }
    if (seen.has(id)) throw new InputError(file, `${line}`, `duplicate cell id "${id}"`, "each cell must appear once");
    seen.add(id);
    const properties: Record<string, unknown> = { id };
    table.header.forEach((h, i) => {
      if (SKIPPED.has(h) || i === idIdx) return;
      if (TEXT_FIELDS.has(h)) {
        properties[h] = cells[i];
        return;
      }
      const v = parseNumberCell(cells[i]);
      if (cells[i].trim() !== "" && !Number.isFinite(v)) {
        throw new InputError(file, `${line}`, `${h} = "${cells[i]}" is not a number`, "fix the value or leave the cell empty");
      }
      if (v < 0 && NON_NEGATIVE.test(h)) throw new InputError(file, `${line}`, `${h} = ${v} is negative`, "counts and income sums cannot be negative: check the row");
      properties[h] = Number.isFinite(v) ? v : null;
    });
    const ind = parseNumberCell(cells[indIdx]);
    const snv = parseNumberCell(cells[snvIdx]);
    properties.mean_income = ind > 0 && Number.isFinite(snv) ? round(snv / ind, 2) : null;
    properties.imputed = properties.I_est_cr === 1;
    const ring = cellRing(cell).map((p) => toWgs([p[0], p[1]]));
    return { type: "Feature", properties, geometry: { type: "Polygon", coordinates: [ring] } };
  });
  features.sort((a, b) => String(a.properties!.id).localeCompare(String(b.properties!.id)));
  const imputed = features.filter((f) => f.properties!.imputed).length;
  return {
    name: "income_cells",
    features,
    read: table.rows.length,
    dropped: [],
    notes: [`${imputed} cells imputed by INSEE for statistical secrecy (I_est_cr = 1)`],
    sourceFiles: [file],
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  };
}

function round(v: number, d: number): number {
  const k = 10 ** d;
  return Math.round(v * k) / k;
}
