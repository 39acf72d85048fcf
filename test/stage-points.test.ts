// The typed reader of a stage's point layer (core/stage-points.ts) against the validating
// GeoJSON reader: the same points, in the same order, with the same kept properties, whatever
// the file's chunking — including values a key search could mistake (a label holding
// `,"id":"x"`, escaped quotes and backslashes, accents, nested properties, missing keys) and
// features that are not single points (counted, not kept).
import { describe, expect, it } from "vitest";
import type { Feature, Point } from "geojson";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { geojsonPieces } from "../pipeline/geo/write-geojson.js";
import { OutputSet } from "../pipeline/core/output.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { forEachStageLine } from "../pipeline/core/out-files.js";
import { decimalAt, readStagePoints, tableFeatures, tableRows } from "../pipeline/core/stage-points.js";
import { InputError } from "../pipeline/core/errors.js";
import { tempDir } from "./helpers.js";

const tricky = ['Rue de l’Échaudé', 'quote " and \\ backslash', 'looks like a key ,"id":"fake","geocode_method":"fake"', "", "日本語"];
const features: Feature[] = Array.from({ length: 2503 }, (_, i): Feature => {
  // Nested properties written before the kept keys, holding the same keys: the key search must
  // step aside (the line is parsed whole) rather than take the inner ones.
  const properties: Record<string, unknown> = i % 11 === 0 ? { extra: { id: "inner", geocode_method: "inner" } } : {};
  Object.assign(properties, { id: `c-${i}`, label: tricky[i % tricky.length], n: i });
  if (i % 3 === 0) properties.geocode_method = i % 2 ? "crossing_exact" : "adresse géocodée";
  if (i % 13 === 0) properties.id = i; // a number id stays a number
  if (i % 97 === 0) return { type: "Feature", properties, geometry: { type: "LineString", coordinates: [[2.3, 48.8], [2.31, 48.81]] } };
  return { type: "Feature", properties, geometry: { type: "Point", coordinates: [2.3 + i * 1.234567e-7, 48.85 - i * 1e-7] } };
});

function writeLayer(fs: Feature[]): string {
  const file = join(tempDir(), "layers", "cameras.geojson");
  const out = new OutputSet();
  out.add(file, geojsonPieces(fs, "cameras"));
  out.commit();
  return file;
}

/**
 * The writer rounds every point to 2D; a hand-edited or older file may hold a height: 35 m on
 * every 17th feature, null (not a number) on every 89th, which makes the point unplaced.
 */
function withHeights(file: string): string {
  const lines = readFileSync(file, "utf8").split("\n");
  features.forEach((f, i) => {
    if (f.geometry.type !== "Point" || (i % 17 && i % 89)) return;
    lines[i + 1] = lines[i + 1].replace(/\]\}\}(,?)$/, `,${i % 17 === 0 ? "35" : "null"}]}}$1`);
  });
  writeFileSync(file, lines.join("\n"));
  return file;
}

describe("readStagePoints", () => {
  const file = withHeights(writeLayer(features));
  // The independent reading: the whole file through the validating reader, then the points.
  const whole = parseGeoJSON(readFileSync(file, "utf8"), file).features;
  const points = whole.filter((f) => f.geometry?.type === "Point" && (f.geometry as Point).coordinates.every(Number.isFinite));
  const keep = ["id", "geocode_method", "label", "absent"];

  it("gives the points and kept properties the validating reader gives", () => {
    const t = readStagePoints(file, "layers", keep);
    expect(t.length).toBe(points.length);
    expect(t.unplaced).toBe(whole.length - points.length);
    // Lines (i % 97 === 0 for i < 2503: 26 of them) and null heights (i % 89 === 0 but not of
    // 17 or 97: the 29 multiples of 89 up to 2492, less 0 and 1513 = 89 × 17: 27).
    expect(t.unplaced).toBe(53);
    expect(Array.from(t.lon)).toEqual(points.map((f) => (f.geometry as Point).coordinates[0]));
    expect(Array.from(t.lat)).toEqual(points.map((f) => (f.geometry as Point).coordinates[1]));
    for (const k of keep) expect(t.columns[k]).toEqual(points.map((f) => f.properties?.[k] ?? null));
    // The fake key inside a label was not taken for the real one.
    expect(t.columns.geocode_method.filter((v) => v === "fake" || v === "inner")).toHaveLength(0);
    expect(t.columns.id.filter((v) => v === "inner")).toHaveLength(0);
    expect(t.columns.label).toContain('quote " and \\ backslash');
    expect(t.columns.id).toContain(13);
  });

  it("does not depend on where the file's chunks are cut", () => {
    const lines = (chunkBytes: number) => {
      const got: string[] = [];
      forEachStageLine(file, "layers", (text) => got.push(text), { chunkBytes });
      return got;
    };
    const ref = lines(1 << 20);
    expect(ref).toHaveLength(whole.length);
    expect(JSON.parse(ref[5])).toEqual(whole[5]);
    // 7 bytes cuts inside multi-byte characters (’, É, 日本語): the lines come out whole.
    for (const c of [7, 4096]) expect(lines(c)).toEqual(ref);
    const latin1: string[] = [];
    forEachStageLine(file, "layers", (text) => latin1.push(text), { chunkBytes: 7, latin1: true });
    expect(latin1.map((l) => Buffer.from(l, "latin1").toString("utf8"))).toEqual(ref);
  });

  it("reads an empty layer, and refuses a file cut short or a line that is not a feature", () => {
    const empty = readStagePoints(writeLayer([]), "layers", ["id"]);
    expect(empty.length).toBe(0);
    expect(empty.columns.id).toEqual([]);
    const cut = join(tempDir(), "cut.geojson");
    writeFileSync(cut, readFileSync(file).subarray(0, 5000));
    expect(() => readStagePoints(cut, "layers")).toThrow(InputError);
    const bad = join(tempDir(), "bad.geojson");
    const text = readFileSync(file, "utf8").split("\n");
    text[3] = "not json,";
    writeFileSync(bad, text.join("\n"));
    expect(() => readStagePoints(bad, "layers", ["id"])).toThrow(/bad.geojson:line 4: not a feature line/);
  });

  it("makes features and sub-tables of its rows", () => {
    const t = readStagePoints(file, "layers", ["id", "label"]);
    const some = tableFeatures(t, [1, 2]);
    expect(some.map((f) => f.properties)).toEqual([1, 2].map((i) => ({ id: points[i].properties!.id, label: points[i].properties!.label })));
    expect(some.map((f) => (f.geometry as Point).coordinates)).toEqual([1, 2].map((i) => (points[i].geometry as Point).coordinates.slice(0, 2)));
    const sub = tableRows(t, [4, 0]);
    expect(sub.length).toBe(2);
    expect(Array.from(sub.lon)).toEqual([t.lon[4], t.lon[0]]);
    expect(sub.columns.id).toEqual([t.columns.id[4], t.columns.id[0]]);
  });

  it("reads values from the bytes as JSON.parse would, past the first 4,096 (when values stop being remembered)", () => {
    // Every id new: past 4,096 the ids are taken from the bytes without JSON.parse, so the
    // escapes, accents and a control character written escaped must still come out as parsed.
    const odd = ['q"uote', "back\\slash", "Échaudé’", "tab\there", "日本語", "\u0001", ""];
    const many: Feature[] = Array.from({ length: 9000 }, (_, i): Feature => ({
      type: "Feature",
      properties: { id: i > 4200 && i % 50 === 0 ? `${odd[(i / 50) % odd.length]}-${i}` : `id-${i}`, geocode_method: i % 1000 === 0 ? null : i % 7 ? "source" : "adresse", n: i % 4 ? i : -i / 3 },
      geometry: { type: "Point", coordinates: [2 + i * 1e-5, 48 - i * 1e-5] },
    }));
    const f = writeLayer(many);
    const all = parseGeoJSON(readFileSync(f, "utf8"), f).features;
    const t = readStagePoints(f, "layers", ["id", "geocode_method", "n"]);
    expect(t.length).toBe(9000);
    for (const k of ["id", "geocode_method", "n"]) expect(t.columns[k]).toEqual(all.map((x) => x.properties?.[k] ?? null));
    expect(Array.from(t.lon)).toEqual(all.map((x) => (x.geometry as Point).coordinates[0]));
    expect(Array.from(t.lat)).toEqual(all.map((x) => (x.geometry as Point).coordinates[1]));
  });

  it("reads a decimal from its bytes as Number() reads its text", () => {
    const texts = ["0", "-0", "2.3476333", "-48.8454872", "1.", ".5", "-.5", "007.10", "123456789012345", "1234567890123456", "0.1234567890123456789", "1e5", "-1.5E-3", "", "-", ".", "1.2.3", "+1", "2..3", " 1", "Infinity"];
    // And random decimals of 1 to 17 digits, as a writer of fixed or shortest decimals gives them.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 20000; i++) {
      const digits = 1 + Math.floor(rnd() * 17);
      let d = "";
      for (let j = 0; j < digits; j++) d += Math.floor(rnd() * 10);
      const dot = Math.floor(rnd() * (digits + 1));
      texts.push(`${rnd() < 0.5 ? "-" : ""}${d.slice(0, dot)}${dot < digits || rnd() < 0.1 ? "." : ""}${d.slice(dot)}`);
    }
    for (const text of texts) {
      const b = Buffer.from(`[${text}]`, "latin1");
      expect(Object.is(decimalAt(b, 1, b.length - 1), Number(text)), text).toBe(true);
    }
  });
});
