// GeoPackage (.gpkg): an SQLite file read with sql.js (SQLite compiled to WASM, no native build).
// The feature tables are listed in gpkg_contents, their geometry column in gpkg_geometry_columns,
// and their CRS in gpkg_spatial_ref_sys (by EPSG code when the organisation is EPSG, else by WKT).
import { readFileSync } from "node:fs";
import initSqlJs, { type Database, type SqlValue } from "sql.js";
import type { Feature } from "geojson";
import { InputError } from "../core/errors.js";
import { crsFromWkt, parseCrsName, type CrsCode } from "./crs.js";
import { decodeGpkgGeometry } from "./gpkg-geometry.js";
import { GeometryDecodeError } from "./well-known.js";
import { assertSizeWithinLimit } from "./input-limits.js";
import { chooseLayer } from "./choose-layer.js";
import { oneLine } from "./one-line.js";

export interface ParsedGpkg {
  layer: string;
  features: Feature[];
  /** Rows with a null or empty geometry (not in `features`). */
  emptyGeometries: number;
  /** Undefined for srs_id 0 / -1, GeoPackage's "undefined" systems: the user must say. */
  crs?: CrsCode;
  notes: string[];
}

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

const SQLITE_MAGIC = "SQLite format 3\0";
const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): Array<Record<string, SqlValue>> {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    const out: Array<Record<string, SqlValue>> = [];
    while (st.step()) out.push(st.getAsObject());
    return out;
  } finally {
    st.free();
  }
}

export async function readGpkg(file: string, layerOption?: string): Promise<ParsedGpkg> {
  assertSizeWithinLimit(file);
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new InputError(file, undefined, "the file is empty", "give a GeoPackage written by QGIS, GDAL or another GIS");
  if (bytes.length < 100 || bytes.subarray(0, 16).toString("latin1") !== SQLITE_MAGIC) {
    throw new InputError(file, undefined, "not a GeoPackage (no SQLite header)", "give a .gpkg written by QGIS, GDAL or another GIS, or rename the file to its real type");
  }
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  let db: Database | undefined;
  let where: string | undefined;
  try {
    db = new SQL.Database(bytes);
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name IN ('gpkg_contents','gpkg_geometry_columns','gpkg_spatial_ref_sys')");
    const have = new Set((tables[0]?.values ?? []).map((v) => String(v[0])));
    for (const t of ["gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"]) {
      if (!have.has(t)) throw new InputError(file, undefined, `an SQLite file but not a GeoPackage (no ${t} table)`, "export the layer as GeoPackage from QGIS or with ogr2ogr -f GPKG");
    }
    const layers = rows(db, "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name").map((r) => String(r.table_name));
    const layer = chooseLayer(file, layers, layerOption, "feature table");
    where = oneLine(layer);
    const gc = rows(db, "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [layer])[0];
    if (!gc) throw new InputError(file, layer, "the layer has no entry in gpkg_geometry_columns", "export the layer again with ogr2ogr -f GPKG");
    const geomColumn = String(gc.column_name);
    const srsId = Number(gc.srs_id);
    const crs = crsOf(db, srsId, file, layer);
    const info = rows(db, `PRAGMA table_info(${quoteId(layer)})`);
    if (info.length === 0) throw new InputError(file, layer, "gpkg_contents names a table that is not in the file", "export the layer again with ogr2ogr -f GPKG");
    // The integer primary key is GeoPackage's feature id (GDAL's FID), not an attribute.
    const pk = info.find((c) => Number(c.pk) === 1 && /^integer$/i.test(String(c.type)))?.name as string | undefined;
    if (!info.some((c) => c.name === geomColumn)) throw new InputError(file, layer, `the geometry column "${geomColumn}" is not in the table`, "export the layer again with ogr2ogr -f GPKG");
    const notes: string[] = [`GeoPackage layer "${layer}"`];
    const features: Feature[] = [];
    let empty = 0;
    const blobColumns = new Set<string>();
    const st = db.prepare(`SELECT * FROM ${quoteId(layer)}${pk ? ` ORDER BY ${quoteId(pk)}` : ""}`);
    try {
      let n = 0;
      while (st.step()) {
        n++;
        const row = st.getAsObject();
        const fid = pk ? String(row[pk]) : String(n);
        where = `${oneLine(layer)}:fid ${oneLine(fid)}`;
        const blob = row[geomColumn];
        let geometry = null;
        if (blob instanceof Uint8Array) {
          const g = decodeGpkgGeometry(blob);
          // 0 and -1 are GeoPackage's "undefined" systems: some writers leave them in the blobs.
          if (g.geometry && g.srsId !== srsId && g.srsId !== 0 && g.srsId !== -1) {
            throw new InputError(file, where, `the geometry's srs_id ${g.srsId} differs from the layer's ${srsId}`, "reproject the layer to one coordinate system");
          }
          geometry = g.geometry;
        } else if (blob !== null) {
          throw new InputError(file, where, `the geometry column holds a ${typeof blob}, not a GeoPackage geometry`, "export the layer again with ogr2ogr -f GPKG");
        }
        if (!geometry) {
          empty++;
          continue;
        }
        const properties: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) {
          if (k === geomColumn || k === pk) continue;
          if (v instanceof Uint8Array) blobColumns.add(k);
          else properties[k] = v;
        }
        features.push({ type: "Feature", properties, geometry });
      }
    } finally {
      st.free();
    }
    if (blobColumns.size) notes.push(`binary columns not carried: ${[...blobColumns].join(", ")}`);
    return { layer, features, emptyGeometries: empty, crs, notes };
  } catch (e) {
    if (e instanceof InputError) throw e;
    const what = e instanceof GeometryDecodeError ? e.message : `cannot read the GeoPackage: ${oneLine((e as Error).message, 120)}`;
    throw new InputError(file, where, what, e instanceof GeometryDecodeError ? "fix or remove that feature, or export the layer again" : "the file may be truncated or corrupt: copy or export it again");
  } finally {
    db?.close();
  }
}

function crsOf(db: Database, srsId: number, file: string, layer: string): CrsCode | undefined {
  if (srsId === 0 || srsId === -1) return undefined;
  const r = rows(db, "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?", [srsId])[0];
  if (!r) throw new InputError(file, layer, `srs_id ${srsId} is not in gpkg_spatial_ref_sys`, "export the layer again, or pass --crs EPSG:n");
  const org = String(r.organization ?? "").toUpperCase();
  const byCode = org === "EPSG" ? parseCrsName(`EPSG:${r.organization_coordsys_id}`) : undefined;
  const crs = byCode ?? crsFromWkt(String(r.definition ?? ""));
  if (!crs) {
    throw new InputError(file, layer, `unknown coordinate system ${org || "srs"}:${r.organization_coordsys_id} (srs_id ${srsId})`, "reproject to EPSG:4326, 2154, 3035, 27572 or 3857 (ogr2ogr -t_srs), or pass --crs");
  }
  return crs;
}
