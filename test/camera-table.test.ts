// The join's camera table (out/joined/cameras.cols) and its joined GeoJSON written from the
// layer's own lines. The column file is checked by round trip, value by value; the GeoJSON writer
// against geo/write-geojson.ts, the writer the join used before, on the same features with the
// join's fields assigned (an independent path: objects and JSON.stringify, no text copying).
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { columnFilePieces, DictBuilder, parseColumnFile, Utf8Builder, utf8At, type Column } from "../pipeline/core/column-file.js";
import { InputError } from "../pipeline/core/errors.js";
import { geojsonPieces } from "../pipeline/geo/write-geojson.js";
import { readCameraSource } from "../pipeline/join/camera-source.js";
import { joinedGeojsonPieces, joinFields, joinKeys } from "../pipeline/join/joined-geojson.js";
import type { JoinColumns } from "../pipeline/join/camera-table.js";
import { cameraTableFrom, codedAt, NULL_CODE, ABSENT_CODE } from "../pipeline/core/joined-cameras.js";
import { cameraTablePieces } from "../pipeline/join/camera-table.js";
import { tempDir } from "./helpers.js";

// Each piece copied: a stream's pieces are views on one reused buffer (core/piece-writer.ts).
const concat = (pieces: Iterable<Uint8Array>) => Buffer.concat(Array.from(pieces, (p) => Buffer.from(p)));

describe("column file", () => {
  it("reads back every column type value for value, from a buffer at any offset", () => {
    const labels = new Utf8Builder();
    for (const v of ["é", "", 1, "caméra 3 — \u{1F4F7}", 2]) labels.push(v);
    const codes = new DictBuilder();
    for (const v of ["a", null, "b", "a", undefined]) codes.push(v, v === undefined ? ABSENT_CODE : NULL_CODE);
    const columns: Column[] = [
      { name: "f", type: "f64", data: Float64Array.from([0.1, -0, NaN, 1e300, -2.5]) },
      { name: "i", type: "i32", data: Int32Array.from([-1, 0, 1, 2 ** 31 - 1, -(2 ** 31)]) },
      { name: "u", type: "u32", data: Uint32Array.from([0, 1, 2, 3, 2 ** 32 - 1]) },
      { name: "b", type: "u8", data: Uint8Array.from([0, 1, 0, 1, 255]) },
      codes.column("d"),
      labels.column("s"),
    ];
    const bytes = concat(columnFilePieces(5, columns, { note: "x" }));
    // A view that starts 3 bytes into its memory: the reader must not need aligned offsets.
    const shifted = Buffer.concat([Buffer.from("abc"), bytes]).subarray(3);
    const t = parseColumnFile(shifted, "t.cols", "join");
    expect(t.rows).toBe(5);
    expect(t.meta).toEqual({ note: "x" });
    const get = (n: string) => t.columns.get(n)!;
    expect([...(get("f") as { data: Float64Array }).data]).toEqual([0.1, -0, NaN, 1e300, -2.5]);
    expect(Object.is((get("f") as { data: Float64Array }).data[1], -0)).toBe(true);
    expect([...(get("i") as { data: Int32Array }).data]).toEqual([-1, 0, 1, 2 ** 31 - 1, -(2 ** 31)]);
    expect([...(get("u") as { data: Uint32Array }).data]).toEqual([0, 1, 2, 3, 2 ** 32 - 1]);
    expect([...(get("b") as { data: Uint8Array }).data]).toEqual([0, 1, 0, 1, 255]);
    const d = get("d") as Extract<Column, { type: "dict" }>;
    expect([...d.codes]).toEqual([0, -1, 1, 0, -2]);
    expect(d.values).toEqual(["a", "b"]);
    expect([0, 1, 2, 3, 4].map((i) => codedAt({ codes: d.codes, values: d.values }, i))).toEqual(["a", null, "b", "a", undefined]);
    const s = get("s") as Extract<Column, { type: "utf8" }>;
    expect([0, 1, 2, 3, 4].map((i) => utf8At(s, i))).toEqual(["é", "", null, "caméra 3 — \u{1F4F7}", null]);
    expect([...s.nulls!]).toEqual([0, 0, 1, 0, 2]);
  });

  it("a file cut short or not a column file is a stage error naming the file, not a crash", () => {
    const bytes = concat(columnFilePieces(3, [{ name: "f", type: "f64", data: Float64Array.from([1, 2, 3]) }]));
    expect(() => parseColumnFile(bytes.subarray(0, bytes.length - 8), "cut.cols", "join")).toThrow(InputError);
    expect(() => parseColumnFile(bytes.subarray(0, bytes.length - 8), "cut.cols", "join")).toThrow(/cut\.cols.*cut short.*run the join stage again/);
    expect(() => parseColumnFile(Buffer.from('{"type":"FeatureCollection"}\n'), "x.cols", "join")).toThrow(/not a column file/);
  });

  it("refuses a column whose length is not the table's", () => {
    expect(() => columnFilePieces(2, [{ name: "f", type: "f64", data: new Float64Array(3) }])).toThrow(/3 rows, the table has 2/);
  });
});

/** A camera layer as the layers stage writes it, and hand-made join columns for it. */
function fixture() {
  const dir = tempDir();
  const file = join(dir, "cameras.geojson");
  const pt = (lon: number, lat: number) => ({ type: "Point" as const, coordinates: [lon, lat] });
  const features: Feature[] = [
    // The layers stage's own properties, with the coarsest level's key: copied, its value swapped in place.
    { type: "Feature", properties: { id: "a", source: "study", arrondissement: "75101", label: "Rue de Rivoli", commissioned: null, geocode_method: "source", geocode_confidence: 1, outside_city_m: 0 }, geometry: pt(2.3412345, 48.8601234) },
    // A property the join sets that the others lack ("cell"): rebuilt as an object ("cell" keeps its place).
    { type: "Feature", properties: { id: "b", arrondissement: "75102", cell: "mine", label: "quai \"Nord\"", commissioned: "2019-05-01", geocode_confidence: 0.5 }, geometry: pt(2.35, 48.85) },
    // A nested value: rebuilt (a key inside it could be mistaken for the camera's own).
    { type: "Feature", properties: { id: "c", extra: { arrondissement: "x", k: [1, 2] }, arrondissement: "75103", geocode_method: "crossing" }, geometry: pt(2.29, 48.87) },
    // Escapes in the swapped value, a third coordinate (dropped by the writer as before), no source.
    { type: "Feature", properties: { id: "d", arrondissement: "7510\"4\\", label: "é,\"arrondissement\":1", n: 3 }, geometry: { type: "Point", coordinates: [2.31, 48.83, 35] } },
    // An integer-like key (JSON puts it before the id): rebuilt; a null swapped value.
    { type: "Feature", properties: { id: "e", "2019": "x", arrondissement: null }, geometry: pt(2.30, 48.84) },
  ];
  writeFileSync(file, concat(geojsonPieces(features, "cameras")));
  const n = features.length;
  const j: JoinColumns = {
    n,
    lon: Float64Array.from(features, (f) => (f.geometry as { coordinates: number[] }).coordinates[0]),
    lat: Float64Array.from(features, (f) => (f.geometry as { coordinates: number[] }).coordinates[1]),
    x: Float64Array.from([1, 2, 3, 4, 5]), y: Float64Array.from([5, 6, 7, 8, 9]),
    cell: { codes: Int32Array.from([0, 1, 0, 1, 0]), values: ["CRS3035RES200mN2891000E3760000", "CRS3035RES200mN2890800E3760200"] },
    levels: [{ key: "iris", codes: Int32Array.from([0, -1, 1, 0, 1]), values: ["751010101", "751020801"] }, { key: "arrondissement", codes: Int32Array.from([0, -1, 1, 0, 1]), values: ["75101", "75102"] }],
    zones: [{ key: "zti", codes: Int32Array.from([0, -1, -1, 1, -1]), values: ["z1", "z1;z2"] }],
    zonesTol: [{ key: "zti_tol", codes: Int32Array.from([0, 0, -1, 1, -1]), values: ["z1", "z1;z2"] }],
    inCity: Uint8Array.from([1, 0, 1, 1, 0]),
    distCentre: Float64Array.from([12.3, 4567.8, 0, 100, 1e21]),
    distTerminal: Float64Array.from([NaN, 300, 299.9, 1, 2]),
    nearestTerminal: { codes: Int32Array.from([1, 0, 0, 0, 0]), values: ["gare_du_nord", ""] },
    distEdge: Float64Array.from([10.5, -3.2, -0, 4, -1e-7]),
    stations: Uint32Array.from([0, 3, 1, 2, 0]),
    ridership: Float64Array.from([0, 1.5e6, 12, 7, 0.1]),
  };
  return { dir, file, features, j };
}

describe("joined GeoJSON written from the layer's lines", () => {
  it("is byte for byte what the object writer gives for the features with the join's fields assigned", () => {
    const { file, features, j } = fixture();
    const keys = joinKeys(["iris", "arrondissement"], ["zti"], true);
    const src = readCameraSource(file, keys);
    expect(src.replaced).toEqual(["arrondissement"]);
    expect([...src.propertiesEnd].map((e) => e >= 0)).toEqual([true, false, false, true, false]);
    const got = concat(joinedGeojsonPieces(file, j, src)).toString("utf8");
    const want = concat(geojsonPieces(features.map((f, i) => ({ ...f, properties: Object.assign({ ...f.properties }, joinFields(j, i)) })), "cameras_joined")).toString("utf8");
    expect(got).toBe(want);
    // And the fields as a reader sees them: the join's values win over the camera's own "cell".
    const parsed = JSON.parse(got).features;
    expect(parsed[1].properties.cell).toBe("CRS3035RES200mN2890800E3760200");
    expect(Object.keys(parsed[1].properties).indexOf("cell")).toBe(2);
    expect(parsed[3].properties.arrondissement).toBe("75101");
    expect(parsed[3].properties.label).toBe("é,\"arrondissement\":1");
    expect(parsed[0].properties.dist_terminal_m).toBeNull();
    expect(parsed[2].properties.dist_edge_m).toBe(0);
  });

  it("an empty layer gives the empty collection as the object writer does", () => {
    const dir = tempDir();
    const file = join(dir, "cameras.geojson");
    writeFileSync(file, concat(geojsonPieces([], "cameras")));
    const src = readCameraSource(file, new Set());
    expect(src.n).toBe(0);
    const j = { ...fixture().j, n: 0 };
    expect(concat(joinedGeojsonPieces(file, j, src)).toString()).toBe(concat(geojsonPieces([], "cameras_joined")).toString());
  });

  it("the camera table holds the layer's properties and the join's values, null and absent apart", () => {
    const { file, j } = fixture();
    const src = readCameraSource(file, joinKeys(["iris", "arrondissement"], ["zti"], true));
    const t = cameraTableFrom(concat(cameraTablePieces(j, src)), "cameras.cols");
    expect(t.n).toBe(5);
    expect([0, 1, 2, 3].map((i) => t.id(i))).toEqual(["a", "b", "c", "d"]);
    expect([0, 1, 2, 3].map((i) => (t.hasLabel(i) ? t.label(i) : "(absent)"))).toEqual(["Rue de Rivoli", "quai \"Nord\"", "(absent)", "é,\"arrondissement\":1"]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.commissioned, i))).toEqual([null, "2019-05-01", undefined, undefined]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.geocode_confidence, i))).toEqual([1, 0.5, undefined, undefined]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.source, i))).toEqual(["study", undefined, undefined, undefined]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.levels.arrondissement, i))).toEqual(["75101", null, "75102", "75101"]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.zones_tol.zti, i))).toEqual(["z1", "z1", null, "z1;z2"]);
    expect([...t.dist_terminal_m]).toEqual([NaN, 300, 299.9, 1, 2]);
    expect([...t.ridership_300m!]).toEqual([0, 1.5e6, 12, 7, 0.1]);
    expect([...t.x]).toEqual([1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3].map((i) => codedAt(t.nearest_terminal, i))).toEqual(["", "gare_du_nord", "gare_du_nord", "gare_du_nord"]);
  });
});
