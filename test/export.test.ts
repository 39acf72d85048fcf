// `contrechamp export` read back by tools other than the writer. Expected values come from Debian's
// GDAL (ogrinfo, validate_gpkg.py) and geopandas on the exported GeoPackage, recorded with the
// script that made them (test/fixtures/export/reference.py → reference.json); the test itself needs
// no Python: it reads the GeoPackage with sql.js and the GeoParquet files with hyparquet (a reader
// independent of hyparquet-writer's encoder paths: it decodes the file's own thrift metadata), and
// runs ogrinfo live only where GDAL is installed. The study's camera layer is pinned to the 2012
// shapefile, as in join-stats.test.ts, so the counts do not move with the camera list.
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { runCli, tempDir } from "./helpers.js";

const require = createRequire(import.meta.url);
const wkx = require("wkx");
const ref = JSON.parse(readFileSync("test/fixtures/export/reference.json", "utf8"));
const PIN = ["--layer", "cameras=data/paris/cameras/Camera_Pref.shp", "--crs", "EPSG:4326"];
const OGR_TYPE: Record<string, string> = { Point: "POINT", Polygon: "POLYGON", "Multi Polygon": "MULTIPOLYGON", "Line String": "LINESTRING", "Multi Line String": "MULTILINESTRING" };
let out = "";
let db: any;

/** GeoPackage geometry blob → WKT (header per OGC 12-128r18 §2.1.3, WKB by wkx). */
function blobWkt(b: Uint8Array): string {
  const buf = Buffer.from(b);
  expect(buf.toString("ascii", 0, 2)).toBe("GP");
  const envelopeBytes = [0, 32, 48, 48, 64][(buf[3] >> 1) & 7];
  return wkx.Geometry.parse(buf.subarray(8 + envelopeBytes)).toWkt();
}

/** Coordinates of a WKT, as numbers: compares WKT from geopandas (shapely) with wkx's spelling. */
const coords = (wkt: string) => (wkt.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

beforeAll(async () => {
  out = tempDir();
  for (const stage of ["layers", "join", "stats"]) {
    const r = runCli([stage, "--out", out, ...PIN]);
    if (r.code !== 0) throw new Error(`${stage} failed: ${r.stderr}`);
  }
  for (const format of ["gpkg", "parquet"]) {
    const r = runCli(["export", "--format", format, "--out", out, ...PIN]);
    if (r.code !== 0) throw new Error(`export ${format} failed: ${r.stderr}`);
  }
  const initSqlJs = require("sql.js");
  const SQL = await initSqlJs({ locateFile: (f: string) => join(dirname(require.resolve("sql.js")), f) });
  db = new SQL.Database(readFileSync(join(out, "export", "paris.gpkg")));
}, 300_000);

const one = (sql: string, params: unknown[] = []) => {
  const st = db.prepare(sql);
  st.bind(params);
  st.step();
  const row = st.get();
  st.free();
  return row;
};

describe("GeoPackage", () => {
  it("holds the tables GDAL and geopandas found, with their counts and geometry types", () => {
    const names = db.exec("SELECT table_name FROM gpkg_contents ORDER BY table_name")[0].values.map((r: string[]) => r[0]);
    expect(names).toEqual(Object.keys(ref.layers).sort());
    for (const [name, e] of Object.entries<any>(ref.layers)) {
      expect(one(`SELECT count(*) FROM "${name}"`)[0], name).toBe(e.gpd_rows);
      if (e.ogr_count !== null && e.ogr_count !== undefined) expect(e.ogr_count, `${name}: ogrinfo and geopandas agree`).toBe(e.gpd_rows);
      const gc = one("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [name]);
      if (e.ogr_geometry && e.ogr_geometry !== "None") {
        expect(gc[0], name).toBe(OGR_TYPE[e.ogr_geometry]);
        expect(gc[1]).toBe(4326);
      }
    }
  });

  it("stores each first geometry as geopandas read it, and the district statistics", () => {
    for (const [name, e] of Object.entries<any>(ref.layers)) {
      if (!e.gpd_first_wkt) continue;
      const wkt = blobWkt(one(`SELECT geom FROM "${name}" ORDER BY fid LIMIT 1`)[0]);
      const mine = coords(wkt), theirs = coords(e.gpd_first_wkt);
      // The recorded WKT is cut at 200 characters: compare the numbers it has.
      theirs.slice(0, -1).forEach((v, i) => expect(mine[i], `${name} coordinate ${i}`).toBeCloseTo(v, 7));
    }
    expect(one('SELECT sum(cameras) FROM "stats_arrondissements"')[0]).toBe(ref.layers.stats_arrondissements.gpd_cameras_sum);
  });

  it("carries Carte 1's QGIS styles", () => {
    const styled = db.exec("SELECT f_table_name FROM layer_styles ORDER BY f_table_name")[0].values.map((r: string[]) => r[0]);
    expect(styled).toEqual(ref.layers.layer_styles.styled_tables);
    const qml = one("SELECT styleQML FROM layer_styles WHERE f_table_name = 'income_cells'")[0] as string;
    expect(qml.match(/<range /g)?.length).toBe(ref.layers.layer_styles.income_ranges);
    expect(qml).toContain('attr="mean_income"');
  });

  it("passed GDAL's validator when the fixture was made, and opens in ogrinfo here when GDAL is installed", () => {
    expect(ref.validate_gpkg.exit).toBe(0);
    if (spawnSync("sh", ["-c", "command -v ogrinfo"]).status !== 0) return;
    const r = spawnSync("ogrinfo", ["-so", "-al", "-q", join(out, "export", "paris.gpkg")], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const counts = Object.fromEntries([...r.stdout.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    for (const [name, e] of Object.entries<any>(ref.layers)) if (e.ogr_count != null) expect(counts[name], name).toBe(e.ogr_count);
  });
});

describe("GeoParquet", () => {
  it("one file per table, rows and bounding boxes as in the GeoPackage, geo metadata per GeoParquet 1.1", async () => {
    const files = readdirSync(join(out, "export")).filter((f) => f.endsWith(".parquet")).sort();
    expect(files.map((f) => f.replace(".parquet", ""))).toEqual(Object.keys(ref.layers).filter((n) => n !== "layer_styles").sort());
    for (const f of files) {
      const name = f.replace(".parquet", "");
      const e = ref.layers[name];
      const bytes = readFileSync(join(out, "export", f));
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const meta = parquetMetadata(file);
      expect(Number(meta.num_rows), name).toBe(e.gpd_rows);
      const geo = meta.key_value_metadata?.find((kv) => kv.key === "geo");
      if (!e.gpd_bounds) continue;
      const g = JSON.parse(geo!.value!);
      expect(g.primary_column).toBe("geometry");
      expect(g.columns.geometry.encoding).toBe("WKB");
      g.columns.geometry.bbox.forEach((v: number, i: number) => expect(v).toBeCloseTo(e.gpd_bounds[i], 6));
      const rows = await parquetReadObjects({ file, rowStart: 0, rowEnd: 1 });
      // hyparquet decodes a GeoParquet WKB column to GeoJSON itself (its own WKB decoder, not wkx).
      const mine = coords(JSON.stringify(rows[0].geometry.coordinates));
      // The GeoPackage promotes Polygon to MultiPolygon in a mixed layer (its req. 32); GeoParquet keeps each as read.
      expect(e.gpd_first_wkt.split(" ")[0]).toContain(rows[0].geometry.type.toUpperCase());
      coords(e.gpd_first_wkt).slice(0, -1).forEach((v, i) => expect(mine[i], `${name} coordinate ${i}`).toBeCloseTo(v, 7));
    }
  });

  it("writes the same bytes twice (no clock in the files)", () => {
    const before = readFileSync(join(out, "export", "stats_iris.parquet"));
    const gpkg = readFileSync(join(out, "export", "paris.gpkg"));
    for (const format of ["gpkg", "parquet"]) expect(runCli(["export", "--format", format, "--out", out, ...PIN]).code).toBe(0);
    expect(readFileSync(join(out, "export", "stats_iris.parquet")).equals(before)).toBe(true);
    expect(readFileSync(join(out, "export", "paris.gpkg")).equals(gpkg)).toBe(true);
  });

  it("refuses an unknown format with a usage error", () => {
    const r = runCli(["export", "--format", "shp", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/export needs --format gpkg\|parquet/);
    expect(existsSync(join(out, "export", "paris.gpkg"))).toBe(true);
  });
});
