// `contrechamp export --format gpkg|parquet`: the study's outputs handed to GIS tools. Reads the
// output folder (--out, default out) and writes <out>/export/<study>.gpkg (every table in one
// GeoPackage, with Carte 1's QGIS styles) or <out>/export/<table>.parquet (GeoParquet, one file per
// table). Nothing is recomputed: the tables are out/'s files, typed per column.
import { join } from "node:path";
import { UsageError } from "./core/errors.js";
import { OutputSet, checkOutputDir } from "./core/output.js";
import { step } from "./core/progress.js";
import type { Study } from "./core/study.js";
import { exportTables } from "./export/columns.js";
import { writeGeoPackage } from "./export/gpkg.js";
import { writeGeoParquet } from "./export/geoparquet.js";
import { carte1Styles } from "./export/qgis-styles.js";
import { renderSettings } from "./render.js";

export const EXPORT_FORMATS = ["gpkg", "parquet"] as const;

/** No wall clock in the files (same inputs, same bytes): SOURCE_DATE_EPOCH if set, else the epoch. */
function timestamp(): string {
  const s = Number(process.env.SOURCE_DATE_EPOCH ?? 0);
  return new Date((Number.isFinite(s) ? s : 0) * 1000).toISOString();
}

export async function runExport(study: Study, outDir: string, format: string | boolean | undefined): Promise<string[]> {
  if (typeof format !== "string" || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`export needs --format ${EXPORT_FORMATS.join("|")} (e.g. contrechamp export --format gpkg)`);
  }
  const dir = join(outDir, "export");
  checkOutputDir(dir);
  step("export: reading out/");
  const tables = exportTables(outDir);
  const out = new OutputSet();
  if (format === "gpkg") {
    const layers = Object.fromEntries(tables.filter((t) => t.geometries).map((t) => [t.name, t.rows.map((r, i) => ({ type: "Feature" as const, properties: r, geometry: t.geometries![i]! }))]));
    const styles = carte1Styles(layers, renderSettings(study).classing, study);
    step("export: GeoPackage");
    out.add(join(dir, `${study.name}.gpkg`), await writeGeoPackage(tables, styles, timestamp()));
  } else {
    for (const t of tables) {
      step(`export: ${t.name}.parquet`);
      out.add(join(dir, `${t.name}.parquet`), writeGeoParquet(t));
    }
  }
  out.commit();
  return out.paths();
}
