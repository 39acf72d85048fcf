// Property-based tests of the readers: whatever the bytes, they return a result or throw the
// tool's own InputError (which the CLI prints as one line, exit 2), never anything else; and
// what they accept, they read faithfully. Seeded so that every run explores the same inputs;
// to explore new ones, change SEED (fast-check prints the seed and path of any failure).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../pipeline/core/errors.js";
import { parseCsv, parseNumberCell } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { countShpRecords, dbfEncoding, readShapefile } from "../pipeline/geo/read-shapefile.js";
import { readLayerFile } from "../pipeline/geo/read-layer.js";
import { readIncomeCells } from "../layers/income.js";
import { loadStudy } from "../pipeline/core/study.js";
import { UsageError } from "../pipeline/core/errors.js";

const SEED = 20261128;
const opts = (numRuns: number) => ({ seed: SEED, numRuns });

/** Runs f; passes if it returns or throws an InputError, fails on any other exception. */
function onlyInputError(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
}
async function onlyInputErrorAsync(f: () => Promise<unknown>): Promise<void> {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
}

// Characters that matter to a CSV parser, plus ordinary ones.
const csvChar = fc.constantFrom(";", ",", "\t", "|", '"', "\n", "\r", " ", "a", "é", "1", ".", "-", "\ufeff");
const csvText = fc.array(csvChar, { maxLength: 200 }).map((cs) => cs.join(""));

describe("CSV reader", () => {
  it("never throws anything but InputError, on CSV-like text or any string", () => {
    fc.assert(fc.property(fc.oneof(csvText, fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 })), (t) => onlyInputError(() => parseCsv(t, "f.csv"))), opts(3000));
  });

  it("reads back any table it is given, whatever the delimiter, quoting and line ends", () => {
    // A cell is free text (delimiters, quotes, newlines included); it is quoted when it must be.
    const cell = fc.array(fc.constantFrom("a", "b", "é", " ", ";", ",", "\t", "|", '"', "\n", "1", "."), { minLength: 1, maxLength: 8 }).map((c) => c.join(""));
    const table = fc.integer({ min: 2, max: 5 }).chain((n) =>
      fc.record({
        header: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: n, maxLength: n }),
        rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
        delim: fc.constantFrom(";", ",", "\t", "|"),
        eols: fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 8, maxLength: 8 }),
        bom: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(table, ({ header, rows, delim, eols, bom }) => {
        const quote = (c: string) => (/[;,\t|"\n\r]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c);
        const text = (bom ? "\ufeff" : "") + [header, ...rows].map((r, i) => r.map(quote).join(delim) + eols[i % eols.length]).join("");
        const t = parseCsv(text, "t.csv", delim);
        expect(t.header).toEqual(header);
        expect(t.rows.map((r) => r.cells)).toEqual(rows);
        // And the delimiter is found from the header alone when it is not given.
        expect(parseCsv(text, "t.csv").delimiter).toBe(delim);
      }),
      opts(500),
    );
  });

  it("whole-file reading of point CSVs (columns, CRS, plausibility) never throws anything but InputError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
    const coord = fc.oneof(fc.double({ min: 2.2, max: 2.5 }).map(String), fc.double({ min: 48.8, max: 48.9 }).map((v) => String(v).replace(".", ",")), fc.double().map(String), fc.constantFrom("", "NaN", "1e999", "-", "48.8.1", '"2.3"'), csvText);
    const header = fc.constantFrom("id;lon;lat", "id,lat,lon", "x;y", "longitude\tlatitude", "lon;lat;lon", "id", "");
    const rows = fc.array(fc.array(coord, { minLength: 0, maxLength: 4 }), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(header, rows, fc.constantFrom(";", ",", "\t"), fc.option(fc.constantFrom("EPSG:2154", "EPSG:4326", "bogus")), async (h, rs, d, crs) => {
        const file = join(dir, "points.csv");
        writeFileSync(file, [h, ...rs.map((r) => r.join(d))].join("\n"));
        await onlyInputErrorAsync(() => readLayerFile(file, { crs: crs ?? undefined }));
      }),
      opts(1500),
    );
  });

  it("reads numbers with a decimal point or comma as the number they write", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean(), (v, comma) => {
        const s = v.toFixed(6);
        expect(parseNumberCell(comma ? s.replace(".", ",") : s)).toBe(Number(s));
      }),
      opts(1000),
    );
  });
});

// GeoJSON-shaped values with the mistakes exports make: wrong types, strings, NaN, nulls, depth.
const num = fc.oneof(fc.double({ min: -200, max: 200 }), fc.constantFrom(NaN, Infinity, -Infinity, 1e308), fc.integer());
const scalar = fc.oneof(num, fc.string({ maxLength: 4 }), fc.constant(null), fc.boolean());
const position = fc.oneof(fc.array(num, { minLength: 0, maxLength: 3 }), fc.array(scalar, { maxLength: 3 }), scalar);
const ring = fc.oneof(fc.array(position, { maxLength: 6 }), scalar);
const geometry = fc.record(
  {
    type: fc.constantFrom("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "Bogus", 3),
    coordinates: fc.oneof(position, ring, fc.array(ring, { maxLength: 3 }), fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 })),
    geometries: fc.oneof(fc.constant(undefined), scalar, fc.array(fc.record({ type: fc.constantFrom("Point", "Polygon"), coordinates: position }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const feature = fc.record(
  { type: fc.constantFrom("Feature", "feature", "Point"), properties: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }), scalar, fc.array(scalar)), geometry: fc.oneof(geometry, scalar) },
  { requiredKeys: [] },
);
const doc = fc.oneof(
  fc.record({ type: fc.constantFrom("FeatureCollection", "Feature"), features: fc.oneof(fc.array(feature, { maxLength: 4 }), feature, scalar), crs: fc.oneof(fc.constant(undefined), fc.record({ properties: fc.record({ name: fc.oneof(fc.string(), fc.constantFrom("EPSG:2154", "urn:ogc:def:crs:EPSG::3035", "EPSG:32631")) }) })) }, { requiredKeys: [] }),
  feature,
  geometry,
  fc.jsonValue(),
);

describe("GeoJSON reader", () => {
  it("never throws anything but InputError, on GeoJSON-like documents", () => {
    fc.assert(fc.property(doc, (d) => onlyInputError(() => parseGeoJSON(JSON.stringify(d), "f.geojson"))), opts(3000));
  });

  it("never throws anything but InputError, on truncated or arbitrary text", () => {
    const real = readFileSync("data/paris/zones/zones-touristiques-internationales.geojson", "utf8");
    const cut = fc.nat({ max: real.length }).map((n) => real.slice(0, n));
    fc.assert(fc.property(fc.oneof(cut, fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), (t) => onlyInputError(() => parseGeoJSON(t, "f.geojson"))), opts(1500));
  });

  it("keeps every coordinate of the valid documents it accepts", () => {
    const lonlat = fc.tuple(fc.double({ min: 2.2, max: 2.5, noNaN: true }), fc.double({ min: 48.8, max: 48.93, noNaN: true }));
    fc.assert(
      fc.property(fc.array(lonlat, { minLength: 1, maxLength: 20 }), (pts) => {
        const text = JSON.stringify({ type: "FeatureCollection", features: pts.map((p) => ({ type: "Feature", properties: null, geometry: { type: "Point", coordinates: p } })) });
        const parsed = parseGeoJSON(text, "f.geojson");
        expect(parsed.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates)).toEqual(pts);
      }),
      opts(300),
    );
  });

  it("whole-file reading (CRS checks, reprojection) never throws anything but InputError either", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        const file = join(dir, "f.geojson");
        writeFileSync(file, JSON.stringify(d));
        await onlyInputErrorAsync(() => readLayerFile(file));
      }),
      opts(1000),
    );
  });
});

describe("Shapefile and DBF reader", () => {
  // Real bytes to mutate: GDAL's CP1252 export of real camera rows (test/fixtures/bad/generate.py).
  const shp = readFileSync("test/fixtures/bad/cameras_cp1252_no_cpg.shp");
  const dbf = readFileSync("test/fixtures/bad/cameras_cp1252_no_cpg.dbf");
  const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
  const mutate = (bytes: Uint8Array) =>
    fc.oneof(
      fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }).map((edits) => {
        const b = Uint8Array.from(bytes);
        for (const [i, v] of edits) b[i] = v;
        return b;
      }),
      fc.nat({ max: bytes.length }).map((n) => bytes.slice(0, n)),
      fc.uint8Array({ maxLength: 400 }),
    );

  it("dbfEncoding answers for any bytes and any .cpg text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.option(fc.string({ maxLength: 12 })), (b, cpg) => {
        expect(["utf-8", "windows-1252", "latin1", "iso-8859-15"]).toContain(dbfEncoding(b, cpg ?? undefined));
      }),
      opts(2000),
    );
  });

  it("counts the records of any byte string or throws InputError", () => {
    fc.assert(fc.property(mutate(shp), (b) => onlyInputError(() => countShpRecords(b, "f.shp"))), opts(2000));
    expect(countShpRecords(shp, "f.shp")).toBe(3);
  });

  it("never throws anything but InputError on damaged .dbf or .shp bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.tuple(mutate(shp), fc.constant(dbf)), fc.tuple(fc.constant(shp), mutate(dbf))), async ([s, d]) => {
        writeFileSync(join(dir, "f.shp"), s);
        writeFileSync(join(dir, "f.dbf"), d);
        await onlyInputErrorAsync(() => readShapefile(join(dir, "f.shp")));
      }),
      opts(600),
    );
  });

  it("a cut .shp or .dbf is refused, never read as fewer features", async () => {
    const full = await readShapefile("test/fixtures/bad/cameras_cp1252_no_cpg.shp");
    expect(full.features).toHaveLength(3);
    const cut = (b: Uint8Array) => fc.nat({ max: b.length - 1 }).map((n) => b.slice(0, n));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.tuple(cut(shp), fc.constant(dbf)), fc.tuple(fc.constant(shp), cut(dbf))), async ([s, d]) => {
        writeFileSync(join(dir, "g.shp"), s);
        writeFileSync(join(dir, "g.dbf"), d);
        let r;
        try {
          r = await readShapefile(join(dir, "g.shp"));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return;
        }
        // Accepted only when nothing was lost (e.g. the .dbf's optional end-of-file byte cut).
        expect(r.features).toEqual(full.features);
      }),
      opts(400),
    );
  });
});

describe("income cells reader", () => {
  it("never throws anything but InputError on damaged real Filosofi rows", async () => {
    const real = readFileSync("data/paris/income/Filosofi2015_carreaux_200m_paris.csv", "utf8").split("\n").slice(0, 5).join("\n") + "\n";
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
    const edit = fc.tuple(fc.nat({ max: real.length - 1 }), fc.nat({ max: 6 }), fc.constantFrom("", ",", "-", "N", "E", "x", '"', "\n", "1", "0", ";", "NaN", "-1e9"));
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let t = real;
        for (const [at, del, ins] of edits) t = t.slice(0, at) + ins + t.slice(at + del);
        const file = join(dir, "cells.csv");
        writeFileSync(file, t);
        await onlyInputErrorAsync(() => readIncomeCells({ file }));
      }),
      opts(800),
    );
  });
});

describe("study file reader", () => {
  it("never throws anything but the tool's own errors on damaged study files", () => {
    const real = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
    const key = fc.constantFrom("name", "title", "sources_line", "layers", "envelope", "settings");
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({ zti: { file: 3 } }), fc.constant({ zti: null }), fc.constant([2.2, 48.8, 2.5]));
    const layerName = fc.constantFrom(...Object.keys(real.layers));
    const edit = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => (s: any) => void (s[k] = structuredClone(v))),
      fc.tuple(layerName, value).map(([k, v]) => (s: any) => void (s.layers[k] = structuredClone(v))),
      fc.tuple(layerName, fc.constantFrom("file", "format", "crs", "fields", "options"), value).map(([k, m, v]) => (s: any) => void (s.layers[k][m] = structuredClone(v))),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), (edits, asText) => {
        const s = JSON.parse(JSON.stringify(real));
        try {
          for (const e of edits) e(s);
        } catch {
          return; // an earlier edit removed what a later one edits
        }
        const file = join(dir, "study.json");
        writeFileSync(file, asText ? JSON.stringify(s).slice(0, 200) : JSON.stringify(s));
        try {
          loadStudy(file);
        } catch (e) {
          if (!(e instanceof InputError || e instanceof UsageError)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
        }
      }),
      opts(1500),
    );
  });
});
