// The GeoPackage, KML/KMZ, WKT/GeoJSON-column CSV and zipped-shapefile readers against GDAL: each
// fixture (test/fixtures/formats, made by make.sh from 40 cameras of the 2012 layer) must give
// the features GDAL reads from it (ref/*.geojson, written by ogr2ogr 3.6 and reprojected by PROJ),
// same count, order, NOM and position. Small hand-made inputs cover the cases the fixtures do not.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { runCliAsync } from "./helpers.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Feature, Point } from "geojson";
import { readLayerFile, splitLayerSuffix, type ReadOptions } from "../pipeline/geo/read-layer.js";
import { decodeGpkgGeometry } from "../pipeline/geo/gpkg-geometry.js";

const FIX = "test/fixtures/formats";
const dir = mkdtempSync(join(tmpdir(), "contrechamp-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.CONTRECHAMP_MAX_LAYER_MB;
});

const ref = (name: string): Feature[] => JSON.parse(readFileSync(join(FIX, "ref", `${name}.geojson`), "utf8")).features;
const write = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// GDAL's references carry 10 decimals (1e-5 m); PROJ and proj4 agree to well under a millimetre.
const TOL = 1e-8;

describe.each<[string, ReadOptions, string]>([
  ["cams_l93.gpkg", {}, "gpkg_l93"],
  ["cams_two_layers.gpkg", { layer: "cameras" }, "gpkg_two_layers_cameras"],
  ["cams.kml", {}, "kml"],
  ["cams.kmz", {}, "kml"],
  ["cams_wkt.csv", {}, "wkt"],
  ["cams_wkt_l93.csv", { crs: "EPSG:2154" }, "wkt_l93"],
  ["cams_geojson_column.csv", {}, "wkt"],
  ["cams_shp.zip", {}, "shp_zip"],
  ["cams_two_shp.zip", { layer: "cams" }, "shp_zip"],
])("%s %j", (fixture, opt, refName) => {
  it(`reads what GDAL reads (ref/${refName}.geojson)`, async () => {
    const layer = await readLayerFile(join(FIX, fixture), opt);
    const expected = ref(refName);
    expect(expected).toHaveLength(40);
    expect(layer.features).toHaveLength(expected.length);
    expect(layer.read).toBe(40);
    expect(layer.dropped).toEqual([]);
    layer.features.forEach((f, i) => {
      expect(f.properties!.NOM).toBe(expected[i].properties!.NOM);
      const [x, y] = (f.geometry as Point).coordinates;
      const [ex, ey] = (expected[i].geometry as Point).coordinates;
      expect(Math.abs(x - ex)).toBeLessThan(TOL);
      expect(Math.abs(y - ey)).toBeLessThan(TOL);
    });
  });
});

describe("null and empty geometries", () => {
  it("a GeoPackage's NULL and empty-point rows are dropped and counted, as GDAL sees them", async () => {
    const layer = await readLayerFile(join(FIX, "cams_null_geometry.gpkg"));
    const expected = ref("gpkg_null_geometry");
    const withGeometry = expected.filter((f) => f.geometry !== null);
    expect(expected.length - withGeometry.length).toBe(3);
    expect(layer.read).toBe(expected.length);
    expect(layer.dropped).toEqual([{ reason: "null or empty geometry", count: 3 }]);
    expect(layer.features.map((f) => f.properties!.NOM)).toEqual(withGeometry.map((f) => f.properties!.NOM));
  });

  it("GeoJSON: null geometry and empty coordinates are dropped; feature numbers in errors stay the file's", async () => {
    const pt = (x: number, y: number) => ({ type: "Point", coordinates: [x, y] });
    const f = (g: unknown, n: string) => ({ type: "Feature", properties: { n }, geometry: g });
    const file = write("nulls.geojson", JSON.stringify({ type: "FeatureCollection", features: [f(null, "a"), f(pt(2.35, 48.85), "b"), f({ type: "Polygon", coordinates: [] }, "c"), f(pt(2.36, 48.86), "d")] }));
    const layer = await readLayerFile(file);
    expect(layer.features.map((x) => x.properties!.n)).toEqual(["b", "d"]);
    expect(layer.read).toBe(4);
    expect(layer.dropped).toEqual([{ reason: "null or empty geometry", count: 2 }]);
    const far = write("nulls-far.geojson", JSON.stringify({ type: "FeatureCollection", features: [f(null, "a"), f(pt(2.35, 48.85), "b"), f(pt(2.35, 8.85), "c")] }));
    await expect(readLayerFile(far)).rejects.toThrow(/:feature 2: coordinates \(2\.35, 8\.85\)/);
  });

  it("every feature empty is one error naming the file", async () => {
    const file = write("all-empty.csv", "NOM;WKT\na;POINT EMPTY\nb;\n");
    await expect(readLayerFile(file)).rejects.toThrow(/all-empty\.csv: all 2 features have a null or empty geometry \(/);
  });
});

describe("several layers in one file", () => {
  it("a GeoPackage with two feature tables and none chosen lists them", async () => {
    await expect(readLayerFile(join(FIX, "cams_two_layers.gpkg"))).rejects.toThrow(/cams_two_layers\.gpkg: 2 feature tables \("arrondissements", "cameras"\) and none chosen \(set options\.layer/);
  });
  it("a layer that is not there is named with the ones that are", async () => {
    await expect(readLayerFile(join(FIX, "cams_two_layers.gpkg"), { layer: "cams" })).rejects.toThrow(/no feature table named "cams" \(the file has "arrondissements", "cameras"\)/);
    await expect(readLayerFile(join(FIX, "cams_two_shp.zip"), { layer: "x" })).rejects.toThrow(/no shapefile named "x" \(the file has "arrondissements", "cams"\)/);
  });
  it("the other layer reads too (polygons, with their fields)", async () => {
    const layer = await readLayerFile(join(FIX, "cams_two_layers.gpkg"), { layer: "arrondissements" });
    expect(layer.features.map((f) => f.properties!.c_arinsee).sort()).toEqual([75101, 75102]);
    expect(layer.features.every((f) => f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon")).toBe(true);
  });
  it("FILE:LAYER splits only when FILE is a .gpkg or .zip that exists", () => {
    expect(splitLayerSuffix(`${FIX}/cams_two_layers.gpkg:cameras`)).toEqual({ file: `${FIX}/cams_two_layers.gpkg`, layer: "cameras" });
    expect(splitLayerSuffix(`${FIX}/cams_two_shp.zip:cams`)).toEqual({ file: `${FIX}/cams_two_shp.zip`, layer: "cams" });
    expect(splitLayerSuffix(`${FIX}/missing.gpkg:cameras`)).toEqual({ file: `${FIX}/missing.gpkg:cameras` });
    expect(splitLayerSuffix(`${FIX}/cams.kml`)).toEqual({ file: `${FIX}/cams.kml` });
  });
});

describe("GeoPackage geometry header", () => {
  // POINT(651000 6862000) as little-endian WKB, by hand.
  const wkb = () => {
    const b = new DataView(new ArrayBuffer(21));
    b.setUint8(0, 1);
    b.setUint32(1, 1, true);
    b.setFloat64(5, 651000, true);
    b.setFloat64(13, 6862000, true);
    return new Uint8Array(b.buffer);
  };
  const blob = (flags: number, srs: number, envelopeDoubles: number, bigEndianHeader: boolean) => {
    const head = new DataView(new ArrayBuffer(8 + 8 * envelopeDoubles));
    head.setUint8(0, 0x47);
    head.setUint8(1, 0x50);
    head.setUint8(3, flags);
    head.setInt32(4, srs, !bigEndianHeader);
    for (let i = 0; i < envelopeDoubles; i++) head.setFloat64(8 + 8 * i, 1, !bigEndianHeader);
    return new Uint8Array([...new Uint8Array(head.buffer), ...wkb()]);
  };
  it("skips the envelope its flags announce, in either byte order", () => {
    // flags: bit 0 byte order (1 = little), bits 1-3 envelope (0, 1 = xy, 2 = xyz, 4 = xyzm).
    for (const [env, doubles] of [[0, 0], [1, 4], [2, 6], [3, 6], [4, 8]]) {
      for (const big of [false, true]) {
        const g = decodeGpkgGeometry(blob((env << 1) | (big ? 0 : 1), 2154, doubles, big));
        expect(g).toEqual({ srsId: 2154, geometry: { type: "Point", coordinates: [651000, 6862000] } });
      }
    }
  });
  it("the empty flag gives no geometry; extended types and bad envelope codes are refused", () => {
    expect(decodeGpkgGeometry(blob(0x11, 4326, 0, false)).geometry).toBeNull();
    expect(() => decodeGpkgGeometry(blob(0x21, 4326, 0, false))).toThrow(/extended/);
    expect(() => decodeGpkgGeometry(blob(0x0b, 4326, 0, false))).toThrow(/envelope code 5/);
    expect(() => decodeGpkgGeometry(wkb())).toThrow(/no "GP" header/);
  });
});

describe("KML", () => {
  const kml = (placemarks: string) => `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>${placemarks}</Folder></Document></kml>`;
  it("Point, LineString, Polygon with a hole, MultiGeometry; name, description, Data and SimpleData", async () => {
    const file = write(
      "shapes.kml",
      kml(`
      <Placemark><name>P</name><description>une caméra</description><ExtendedData><Data name="type"><value>dôme</value></Data></ExtendedData><Point><coordinates>2.35,48.85,35</coordinates></Point></Placemark>
      <Placemark><name>L</name><LineString><coordinates>2.30,48.80 2.31,48.81</coordinates></LineString></Placemark>
      <Placemark><name>A</name><Polygon><outerBoundaryIs><LinearRing><coordinates>2.30,48.80 2.40,48.80 2.40,48.90 2.30,48.80</coordinates></LinearRing></outerBoundaryIs>
        <innerBoundaryIs><LinearRing><coordinates>2.35,48.82 2.37,48.82 2.37,48.84 2.35,48.82</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
      <Placemark><name>M</name><MultiGeometry><Point><coordinates>2.32,48.86</coordinates></Point><Point><coordinates>2.33,48.87</coordinates></Point></MultiGeometry></Placemark>
      <Placemark><name>none</name></Placemark>`),
    );
    const layer = await readLayerFile(file);
    expect(layer.features.map((f) => f.properties!.name)).toEqual(["P", "L", "A", "M"]);
    expect(layer.features[0].properties).toEqual({ name: "P", description: "une caméra", type: "dôme" });
    expect(layer.features.map((f) => f.geometry)).toEqual([
      { type: "Point", coordinates: [2.35, 48.85] },
      { type: "LineString", coordinates: [[2.3, 48.8], [2.31, 48.81]] },
      { type: "Polygon", coordinates: [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]], [[2.35, 48.82], [2.37, 48.82], [2.37, 48.84], [2.35, 48.82]]] },
      { type: "MultiPoint", coordinates: [[2.32, 48.86], [2.33, 48.87]] },
    ]);
    expect(layer.dropped).toEqual([{ reason: "null or empty geometry", count: 1 }]);
  });
  it("a bad coordinate names the Placemark", async () => {
    const file = write("badcoord.kml", kml(`<Placemark><name>ok</name><Point><coordinates>2.35,48.85</coordinates></Point></Placemark><Placemark><name>Pont Neuf</name><Point><coordinates>2.34;48.85</coordinates></Point></Placemark>`));
    await expect(readLayerFile(file)).rejects.toThrow(/badcoord\.kml:Placemark 2 "Pont Neuf": coordinates "2\.34;48\.85" are not lon,lat/);
  });
  it("no Placemark, not KML, truncated: one error each", async () => {
    await expect(readLayerFile(write("none.kml", kml("")))).rejects.toThrow(/none\.kml: the KML has no Placemark/);
    await expect(readLayerFile(write("gpx.kml", `<?xml version="1.0"?><gpx><wpt lat="48.8" lon="2.3"/></gpx>`))).rejects.toThrow(/gpx\.kml: XML but not KML/);
    const full = readFileSync(join(FIX, "cams.kml"), "utf8");
    await expect(readLayerFile(write("cut.kml", full.slice(0, 2000)))).rejects.toThrow(/cut\.kml:\d+: not well-formed XML/);
  });
});

describe("CSV geometry columns", () => {
  it("EWKT's SRID names the CRS; POINT EMPTY and blank cells are dropped", async () => {
    const file = write("ewkt.csv", "id;geom\n1;SRID=2154;POINT (651000 6862000)\n2;POINT EMPTY\n3;\n".replace(/SRID=2154;POINT \(651000 6862000\)/, '"SRID=2154;POINT (651000 6862000)"'));
    const layer = await readLayerFile(file);
    expect(layer.sourceCrs).toBe("EPSG:2154");
    expect(layer.features).toHaveLength(1);
    expect(layer.dropped).toEqual([{ reason: "null or empty geometry", count: 2 }]);
  });
  it("a cell that is not WKT names its line", async () => {
    const file = write("badwkt.csv", "NOM,WKT\na,POINT (2.35 48.85)\nb,\"POINT (2.35 48.85\"\n");
    await expect(readLayerFile(file)).rejects.toThrow(/badwkt\.csv:3: "POINT \(2\.35 48\.85" is not a WKT geometry/);
    const letters = write("letters.csv", "NOM,WKT\na,POINT (a b)\n");
    await expect(readLayerFile(letters)).rejects.toThrow(/letters\.csv:2: WKT geometry with a non-numeric/);
  });
  it("projected WKT without a CRS is refused, mixed SRIDs too", async () => {
    await expect(readLayerFile(join(FIX, "cams_wkt_l93.csv"))).rejects.toThrow(/cams_wkt_l93\.csv: WKT in the "WKT" column in projected coordinates but no CRS/);
    const mixed = write("mixed.csv", 'id;wkt\n1;"SRID=2154;POINT (651000 6862000)"\n2;"SRID=4326;POINT (2.35 48.85)"\n');
    await expect(readLayerFile(mixed)).rejects.toThrow(/mixes SRIDs 2154, 4326/);
  });
  it("lon/lat columns still win over a geometry column", async () => {
    const file = write("both.csv", "lon;lat;geometry\n2.35;48.85;POINT (2.30 48.80)\n");
    const layer = await readLayerFile(file);
    expect((layer.features[0].geometry as Point).coordinates).toEqual([2.35, 48.85]);
  });
});

describe("zipped shapefiles", () => {
  const entries = (z: string) => unzipSync(readFileSync(join(FIX, z)));
  it("a zip without a .shp says what it holds", async () => {
    const file = write("csv.zip", zipSync({ "cams.csv": new TextEncoder().encode("lon;lat\n2.35;48.85\n") }));
    await expect(readLayerFile(file)).rejects.toThrow(/csv\.zip: a zip without a \.shp \(it holds cams\.csv\) \(/);
  });
  it("names from the archive are shown on one line (found by the property test: a newline in an entry name)", async () => {
    const file = write("newline.zip", zipSync({ "a\nb.csv": new Uint8Array([1]) }));
    await expect(readLayerFile(file)).rejects.toThrow(/newline\.zip: a zip without a \.shp \(it holds a\\u000ab\.csv\) \(/);
  });
  it("a .shp without its .dbf in the zip", async () => {
    const e = entries("cams_shp.zip");
    const file = write("nodbf.zip", zipSync({ "cameras_2012/cams.shp": e["cameras_2012/cams.shp"], "cameras_2012/cams.prj": e["cameras_2012/cams.prj"] }));
    await expect(readLayerFile(file)).rejects.toThrow(/nodbf\.zip:cameras_2012\/cams\.shp: the shapefile has no \.dbf beside it in the zip/);
  });
  it("a cut .dbf inside the zip is named by its path in the archive", async () => {
    const e = entries("cams_shp.zip");
    const dbf = e["cameras_2012/cams.dbf"];
    const file = write("cutdbf.zip", zipSync({ ...e, "cameras_2012/cams.dbf": dbf.subarray(0, dbf.length - 300) }));
    await expect(readLayerFile(file)).rejects.toThrow(/cutdbf\.zip:cameras_2012\/cams\.dbf: the \.dbf is cut short/);
  });
});

describe("size limit", () => {
  it("a file over CONTRECHAMP_MAX_LAYER_MB fails before it is read, naming the file and the limit", async () => {
    process.env.CONTRECHAMP_MAX_LAYER_MB = "0.005"; // 5,242 bytes
    for (const f of ["cams.kml", "cams_l93.gpkg"]) {
      await expect(readLayerFile(join(FIX, f))).rejects.toThrow(new RegExp(`${f.replace(".", "\\.")}: the file is \\d+ bytes, over the 5242 bytes limit for one layer`));
    }
    // A small CSV still reads under the same limit.
    expect((await readLayerFile(join(FIX, "cams_wkt.csv"))).features).toHaveLength(40);
  });
  it("a zip that expands past the limit fails on its declared sizes (zip bomb)", async () => {
    const file = write("bomb.zip", zipSync({ "x/bomb.shp": new Uint8Array(200_000), "x/bomb.dbf": new Uint8Array(10) }, { level: 9 }));
    expect(readFileSync(file).length).toBeLessThan(5000);
    process.env.CONTRECHAMP_MAX_LAYER_MB = "0.1";
    await expect(readLayerFile(file)).rejects.toThrow(/bomb\.zip: its content once unzipped is 200000 bytes, over the 104857 bytes limit/);
  });
  it("CSV and GeoJSON camera layers under the size limit but too big for the memory Node may use fail at once, naming the file and the memory (no out-of-memory crash, no output)", async () => {
    // The heap is cut to 64 MB (about 100 MB with the young generation), so a 6 MB CSV (about
    // 6 × 28 MB to read) and a 16 MB GeoJSON (16 × 8 MB) are each over it, far under the 500 MB file limit.
    const rows = ["id,lon,lat,label"];
    for (let i = 0; rows.length * 40 < 6.2e6; i++) rows.push(`c${i},2.${String(3000000 + i).padStart(7, "0")},48.8600000,caméra ${i}`);
    const csv = write("many.csv", rows.join("\n") + "\n");
    const features: string[] = [];
    for (let i = 0; features.length * 120 < 16.5e6; i++) features.push(`{"type":"Feature","properties":{"id":"c${i}","label":"caméra ${i}"},"geometry":{"type":"Point","coordinates":[2.35,48.86]}}`);
    const geojson = write("many.geojson", `{"type":"FeatureCollection","features":[\n${features.join(",\n")}\n]}\n`);
    for (const [file, kind] of [[csv, "CSV"], [geojson, "GeoJSON"]]) {
      const out = join(dir, `out-${kind}`);
      const r = await runCliAsync(["layers", "--out", out, "--layer", `cameras=${file}`], { env: { NODE_OPTIONS: "--max-old-space-size=64" } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^contrechamp: ${file.replace(/[.]/g, "\\.")}: the ${kind} layer is \\d+ MB: reading it takes about \\d+ MB of memory, over the \\d+ MB this process may use \\(split or filter the layer, or give Node more memory \\(NODE_OPTIONS=--max-old-space-size=<MB>\\)\\)$`, "m"));
      expect(r.stderr).not.toMatch(/heap out of memory|internal error/i);
      expect(existsSync(join(out, "layers", "manifest.json"))).toBe(false);
    }
  }, 120_000);
  it("the default limit is 500 MB", async () => {
    const { maxLayerBytes } = await import("../pipeline/geo/input-limits.js");
    expect(maxLayerBytes()).toBe(500 * 1024 * 1024);
  });
});
