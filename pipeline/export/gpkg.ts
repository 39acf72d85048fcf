// A GeoPackage (OGC 12-128r18, version 1.3) written with sql.js (SQLite compiled to WebAssembly: no
// native build, works offline): the required metadata tables, one feature table per layer (EPSG:4326,
// as in out/layers), attribute tables for geometry-less tables, and QGIS's `layer_styles` table so
// the layers open with Carte 1's symbology.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Database } from "sql.js";
import { cellValue, type ExportTable } from "./columns.js";
import { envelope, geometryTypeName, gpkgGeometry } from "./wkb.js";

const require = createRequire(import.meta.url);
const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';
const SQL_TYPE = { integer: "INTEGER", real: "DOUBLE", text: "TEXT", boolean: "BOOLEAN" } as const;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function openDatabase(): Promise<Database> {
  const initSqlJs = require("sql.js") as (o: { locateFile: (f: string) => string }) => Promise<{ Database: new () => Database }>;
  const dist = dirname(require.resolve("sql.js"));
  const SQL = await initSqlJs({ locateFile: (f) => join(dist, f) });
  return new SQL.Database();
}

export async function writeGeoPackage(tables: ExportTable[], styles: Record<string, string>, timestamp: string): Promise<Uint8Array> {
  const db = await openDatabase();
  try {
    db.run("PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;"); // "GPKG", 1.3.0
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const srs = db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)");
    srs.run(["Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"]);
    srs.run(["Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"]);
    srs.run(["WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"]);
    srs.free();
    db.run("BEGIN");
    for (const t of tables) writeTable(db, t, timestamp);
    writeStyles(db, tables, styles, timestamp);
    db.run("COMMIT");
    return db.export();
  } finally {
    db.close();
  }
}

function writeTable(db: Database, t: ExportTable, timestamp: string): void {
  const cols = t.columns.filter((c) => c.name.toLowerCase() !== "fid" && c.name.toLowerCase() !== "geom");
  const defs = ["fid INTEGER PRIMARY KEY AUTOINCREMENT", ...(t.geometries ? [`geom ${geometryTypeName(t.geometries)}`] : []), ...cols.map((c) => `${q(c.name)} ${SQL_TYPE[c.type]}`)];
  db.run(`CREATE TABLE ${q(t.name)} (${defs.join(", ")})`);
  let box = [Infinity, Infinity, -Infinity, -Infinity];
  const typeName = t.geometries ? geometryTypeName(t.geometries) : "";
  const names = [...(t.geometries ? ["geom"] : []), ...cols.map((c) => q(c.name))];
  const ins = db.prepare(`INSERT INTO ${q(t.name)} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`);
  t.rows.forEach((r, i) => {
    const values: Array<string | number | Uint8Array | null> = [];
    if (t.geometries) {
      const g = t.geometries[i];
      if (g) {
        const e = envelope(g);
        box = [Math.min(box[0], e[0]), Math.min(box[1], e[1]), Math.max(box[2], e[2]), Math.max(box[3], e[3])];
      }
      // A layer declared MULTIPOLYGON holds only MultiPolygons (GeoPackage req. 32): promote the rest.
      const promoted = g && g.type === "Polygon" && typeName === "MULTIPOLYGON" ? { type: "MultiPolygon" as const, coordinates: [g.coordinates] } : g;
      values.push(promoted ? gpkgGeometry(promoted, 4326) : null);
    }
    for (const c of cols) {
      const v = cellValue(r[c.name], c.type);
      values.push(typeof v === "boolean" ? Number(v) : v);
    }
    ins.run(values);
  });
  ins.free();
  const spatial = Boolean(t.geometries) && Number.isFinite(box[0]);
  db.run("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
    t.name, t.geometries ? "features" : "attributes", t.name, t.description, timestamp,
    spatial ? box[0] : null, spatial ? box[1] : null, spatial ? box[2] : null, spatial ? box[3] : null, t.geometries ? 4326 : null,
  ]);
  if (t.geometries) db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", [t.name, typeName]);
}

/** QGIS's own table (created by QGIS when a style is saved to a GeoPackage), same columns. */
function writeStyles(db: Database, tables: ExportTable[], styles: Record<string, string>, timestamp: string): void {
  db.run(`CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT CURRENT_TIMESTAMP)`);
  const ins = db.prepare("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, 'contrechamp', NULL, ?)");
  for (const t of tables) {
    const s = styles[t.name];
    if (s && t.geometries) ins.run([t.name, `carte1 ${t.name}`, s, "Carte 1 symbology (contrechamp render stage)", timestamp]);
  }
  ins.free();
  db.run("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?)", [timestamp]);
}
