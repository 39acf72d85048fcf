// GeoParquet 1.1 (geoparquet.org): one Parquet file per table, written with hyparquet-writer, the
// geometry as WKB in a `geometry` BYTE_ARRAY column and the file-level `geo` metadata that tells
// geopandas, DuckDB, GDAL ≥ 3.8 and Apache Sedona which column holds it, in which CRS
// (OGC:CRS84 lon/lat, as out/layers) and with which geometry types and bounding box.
import { parquetWriteBuffer, type ColumnSource } from "hyparquet-writer";
import { cellValue, type ColumnType, type ExportTable } from "./columns.js";
import { envelope, toWkb } from "./wkb.js";

const PARQUET_TYPE: Record<ColumnType, ColumnSource["type"]> = { integer: "INT32", real: "DOUBLE", text: "STRING", boolean: "BOOLEAN" };

export function geoMetadata(t: ExportTable): Record<string, unknown> | undefined {
  if (!t.geometries) return undefined;
  let box = [Infinity, Infinity, -Infinity, -Infinity];
  const types = new Set<string>();
  for (const g of t.geometries) {
    if (!g) continue;
    types.add(g.type);
    const e = envelope(g);
    box = [Math.min(box[0], e[0]), Math.min(box[1], e[1]), Math.max(box[2], e[2]), Math.max(box[3], e[3])];
  }
  return {
    version: "1.1.0",
    primary_column: "geometry",
    // crs omitted = OGC:CRS84 (longitude, latitude on WGS 84), the spec's default.
    columns: { geometry: { encoding: "WKB", geometry_types: [...types].sort(), ...(Number.isFinite(box[0]) ? { bbox: box } : {}) } },
  };
}

export function writeGeoParquet(t: ExportTable): Uint8Array {
  const cols = t.columns.filter((c) => c.name !== "geometry");
  const columnData: ColumnSource[] = cols.map((c) => ({ name: c.name, type: PARQUET_TYPE[c.type], data: t.rows.map((r) => cellValue(r[c.name], c.type)) as any }));
  const geo = geoMetadata(t);
  if (t.geometries) columnData.push({ name: "geometry", type: "BYTE_ARRAY", data: t.geometries.map((g) => (g ? toWkb(g) : null)) as any });
  const buf = parquetWriteBuffer({
    columnData,
    kvMetadata: geo ? [{ key: "geo", value: JSON.stringify(geo) }] : [],
    createdBy: "contrechamp",
  });
  return new Uint8Array(buf);
}
