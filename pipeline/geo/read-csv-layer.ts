// A CSV/TSV layer: points from a coordinate pair (lon/lat, longitude/latitude, x/y), or any
// geometry from a geometry column — WKT as QGIS and ogr2ogr export it (WKT, geometry, the_geom,
// geom; EWKT's SRID=n; prefix names the CRS) or a GeoJSON geometry object. A pair wins when both
// are present (the files this tool read before geometry columns keep their meaning).
import type { Feature, Geometry } from "geojson";
import { InputError } from "../core/errors.js";
import { parseCrsName, type CrsCode } from "./crs.js";
import { columnIndex, coordinateCells, CsvRowReader, noDelimiterError, type CsvTable } from "./read-csv.js";
import { GeometryDecodeError, geometryFromWkt } from "./well-known.js";
import { isEmptyGeometry } from "./empty-geometry.js";
import { parseGeoJSON } from "./read-geojson.js";

export interface CsvLayer {
  features: Feature[];
  /** Rows whose geometry cell is empty or an EMPTY geometry (not in `features`). */
  emptyGeometries: number;
  crs: CrsCode;
  notes: string[];
}

const COORD_PAIRS: Array<[string[], string[], CrsCode | undefined]> = [
  [["lon", "lng", "long"], ["lat"], "EPSG:4326"],
  [["longitude"], ["latitude"], "EPSG:4326"],
  [["x", "coord_x", "x_l93"], ["y", "coord_y", "y_l93"], undefined],
];

export const GEOMETRY_COLUMNS = ["wkt", "geometry", "the_geom", "geom", "wkt_geom", "geojson"];

/** The detected coordinate pair of a header (no mapped columns): its columns and the CRS it implies. */
export function detectedPair(header: string[]): { xi: number; yi: number; implied: CrsCode | undefined } | undefined {
  const lower = header.map((h) => h.toLowerCase());
  for (const [xs, ys, c] of COORD_PAIRS) {
    const a = lower.findIndex((h) => xs.includes(h));
    const b = lower.findIndex((h) => ys.includes(h));
    if (a >= 0 && b >= 0) return { xi: a, yi: b, implied: c };
  }
  return undefined;
}

export function readCsvTable(table: CsvTable, file: string, opt: { x?: string; y?: string }, explicit: CrsCode | undefined, notes: string[]): CsvLayer {
  let xi = -1;
  let yi = -1;
  let implied: CrsCode | undefined;
  if (opt.x && opt.y) {
    xi = columnIndex(table, file, [opt.x], "x");
    yi = columnIndex(table, file, [opt.y], "y");
  } else {
    const pair = detectedPair(table.header);
    if (pair) ({ xi, yi, implied } = pair);
    const lower = table.header.map((h) => h.toLowerCase());
    if (xi < 0) {
      const gi = lower.findIndex((h) => GEOMETRY_COLUMNS.includes(h.trim()));
      if (gi >= 0) return geometryColumnLayer(table, file, gi, explicit, notes);
    }
  }
  if (xi < 0 && table.header.length === 1) throw noDelimiterError(file, table.header[0]);
  if (xi < 0 || yi < 0) {
    throw new InputError(file, "1", `no coordinate columns (looked for lon/lat, longitude/latitude, x/y, or a WKT/geometry column; found ${table.header.join(", ")})`, "rename the coordinate columns or geocode the file first");
  }
  const crs = explicit ?? implied;
  if (!crs) throw new InputError(file, undefined, "x/y columns but no CRS to read them in", "pass --crs EPSG:n (e.g. EPSG:2154 for Lambert-93)");
  const points = new PairRows(table.header, xi, yi, file);
  for (const r of table.rows) points.add(r.cells, r.line);
  return points.layer(crs, notes);
}

/** Point features from the rows of a coordinate-pair CSV, one row at a time. */
class PairRows {
  readonly features: Feature[] = [];
  private decimalCommas = 0;
  constructor(
    private readonly header: string[],
    private readonly xi: number,
    private readonly yi: number,
    private readonly file: string,
  ) {}

  add(cells: string[], line: number): void {
    const { header, xi, yi } = this;
    const [x, y] = coordinateCells(cells, xi, yi, line, this.file);
    // Only a cell with a comma can hold a decimal comma (the regex is the count's rule).
    if ((cells[xi].includes(",") && /\d,\d/.test(cells[xi])) || (cells[yi].includes(",") && /\d,\d/.test(cells[yi]))) this.decimalCommas++;
    const properties: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) if (i !== xi && i !== yi) properties[header[i]] = cells[i] ?? "";
    properties.__line = String(line);
    this.features.push({ type: "Feature", properties, geometry: { type: "Point", coordinates: [x, y] } });
  }

  layer(crs: CrsCode, notes: string[]): CsvLayer {
    if (this.decimalCommas) notes.push(`${this.decimalCommas} rows with decimal commas in their coordinates, read as decimal points`);
    return { features: this.features, emptyGeometries: 0, crs, notes };
  }
}

function geometryColumnLayer(table: CsvTable, file: string, gi: number, explicit: CrsCode | undefined, notes: string[]): CsvLayer {
  const column = table.header[gi];
  const features: Feature[] = [];
  const srids = new Set<string>();
  let empty = 0;
  let json = 0;
  for (const r of table.rows) {
    const cell = (r.cells[gi] ?? "").trim();
    let geometry: Geometry | null = null;
    if (cell.startsWith("{")) {
      geometry = geoJsonCell(cell, file, r.line, column);
      json++;
    } else if (cell !== "") {
      const srid = /^SRID=(\d+);/i.exec(cell);
      if (srid) srids.add(srid[1]);
      try {
        geometry = geometryFromWkt(cell);
      } catch (e) {
        if (e instanceof GeometryDecodeError) throw new InputError(file, `${r.line}`, e.message, `write the "${column}" column as WKT (e.g. POINT (2.35 48.85)) or a GeoJSON geometry`);
        throw e;
      }
    }
    if (isEmptyGeometry(geometry)) {
      empty++;
      continue;
    }
    const properties: Record<string, string> = {};
    table.header.forEach((h, i) => {
      if (i !== gi) properties[h] = r.cells[i] ?? "";
    });
    properties.__line = String(r.line);
    features.push({ type: "Feature", properties, geometry: geometry! });
  }
  notes.push(`geometry from the "${column}" column (${json ? "GeoJSON" : "WKT"})`);
  if (srids.size > 1) throw new InputError(file, undefined, `the "${column}" column mixes SRIDs ${[...srids].join(", ")}`, "reproject every row to one CRS");
  let crs = explicit;
  if (!crs && srids.size === 1) {
    const s = [...srids][0];
    crs = parseCrsName(`EPSG:${s}`);
    if (!crs) throw new InputError(file, undefined, `unknown CRS SRID=${s} in the "${column}" column`, "reproject to EPSG:4326, 2154, 3035, 27572 or 3857, or pass --crs");
  }
  if (!crs && json) crs = "EPSG:4326"; // GeoJSON geometries are lon/lat by definition (RFC 7946).
  if (!crs) {
    // WKT carries no CRS. Degrees cannot be confused with metres of a projected system, so a
    // column whose every coordinate is a longitude/latitude is read as WGS84 (and said so).
    const degrees = features.every((f) => everyPosition(f.geometry, (p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90));
    if (!degrees) throw new InputError(file, undefined, `WKT in the "${column}" column in projected coordinates but no CRS to read them in`, "pass --crs EPSG:n (e.g. EPSG:2154 for Lambert-93) or set crs in the study file");
    crs = "EPSG:4326";
    notes.push("no CRS declared: coordinates are degrees, read as WGS84 lon/lat");
  }
  return { features, emptyGeometries: empty, crs, notes };
}

/** A cell holding one GeoJSON geometry (or Feature); its errors name the CSV line. */
function geoJsonCell(cell: string, file: string, line: number, column: string): Geometry | null {
  try {
    const features = parseGeoJSON(cell, file, { allowEmpty: true }).features;
    if (features.length !== 1) throw new InputError(file, `${line}`, `the "${column}" cell holds ${features.length} features, not one geometry`, "write one geometry per row");
    return features[0].geometry;
  } catch (e) {
    if (e instanceof InputError && e.where !== `${line}`) throw new InputError(file, `${line}`, `the "${column}" cell: ${e.what}`, e.fix);
    throw e;
  }
}

function everyPosition(g: Geometry, test: (p: number[]) => boolean): boolean {
  if (g.type === "GeometryCollection") return g.geometries.every((c) => everyPosition(c, test));
  const walk = (c: unknown): boolean => (Array.isArray(c) && typeof c[0] === "number" ? test(c as number[]) : (c as unknown[]).every(walk));
  return walk(g.coordinates);
}

/**
 * A CSV layer from its text. A file with a detected coordinate pair and a known CRS (the big point
 * lists) has its rows made into features as they are parsed, without a table of rows in between;
 * a bad coordinate is reported after the whole parse, as readCsvTable would (a row with the wrong
 * number of fields anywhere in the file is still the error given). Every other file goes through
 * readCsvTable, which gives the header's errors.
 */
export function readCsvLayer(text: string, file: string, opt: { x?: string; y?: string }, explicit: CrsCode | undefined, notes: string[]): CsvLayer {
  let points: PairRows | null | undefined;
  let crs: CrsCode | undefined;
  let badRow: InputError | undefined;
  const rows: CsvTable["rows"] = [];
  const reader = new CsvRowReader(file, (r) => {
    if (points === undefined) {
      const pair = opt.x && opt.y ? undefined : detectedPair(reader.header!);
      crs = explicit ?? pair?.implied;
      points = pair && crs ? new PairRows(reader.header!, pair.xi, pair.yi, file) : null;
    }
    if (points === null) rows.push(r);
    else if (!badRow) {
      try {
        points.add(r.cells, r.line);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        badRow = e;
      }
    }
  });
  // An empty text still needs the empty-file check, which runs on the final push.
  reader.push(text, true);
  if (!points) return readCsvTable({ header: reader.header!, rows, delimiter: reader.delimiter! }, file, opt, explicit, notes);
  if (badRow) throw badRow;
  return points.layer(crs!, notes);
}
