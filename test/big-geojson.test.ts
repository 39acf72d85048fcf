// Stage GeoJSON too big for one JS string: written in pieces (geojsonBytes) and read back a line
// at a time (parseStageGeojson above its size limit, lowered here so the test needs no 256 MB
// file). Both must agree byte for byte and feature for feature with the whole-string writer of
// before (written out below, as it was) and the validating reader used under the limit.
import { describe, expect, it } from "vitest";
import type { Feature } from "geojson";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { geojsonBytes, geojsonPieces, geojsonText, roundGeometry } from "../pipeline/geo/write-geojson.js";
import { OutputSet } from "../pipeline/core/output.js";
import { tempDir } from "./helpers.js";
import { forEachStageFeature, parseStageGeojson } from "../pipeline/core/out-files.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { InputError } from "../pipeline/core/errors.js";

/** The writer as it was before pieces: one string of every line. */
function wholeString(features: Feature[], name: string): string {
  const lines = features.map((f) => JSON.stringify({ type: "Feature", id: f.properties?.id, properties: f.properties ?? {}, geometry: roundGeometry(f.geometry) }));
  return `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n` + lines.join(",\n") + "\n]}\n";
}

// 45,003 features: two full pieces of 20,000 and a short one; accents and nulls in properties.
const fs: Feature[] = Array.from({ length: 45_003 }, (_, i) => ({
  type: "Feature",
  properties: { id: `c${i}`, label: i % 2 ? "Rue de l’Échaudé" : "Bd Barbès", zone: i % 7 ? null : "zti-3", n: i },
  geometry: { type: "Point", coordinates: [2.3 + i * 1.234567891e-8, 48.85 - i * 1e-9] },
}));

describe("piecewise GeoJSON", () => {
  it("writes the bytes of the whole-string writer", () => {
    const text = wholeString(fs, "cameras");
    expect(Buffer.from(geojsonBytes(fs, "cameras")).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(geojsonText(fs, "cameras")).toBe(text);
    expect(geojsonText([], "empty")).toBe(wholeString([], "empty"));
    expect(Buffer.from(geojsonBytes(fs.slice(0, 20_000), "x")).toString("utf8")).toBe(wholeString(fs.slice(0, 20_000), "x"));
    // The pieces, written one after the other by OutputSet, make the same file.
    const file = join(tempDir(), "layers", "cameras.geojson");
    const out = new OutputSet();
    out.add(file, geojsonPieces(fs, "cameras"));
    out.commit();
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("reads back, a line at a time, the features the validating reader gives", () => {
    const bytes = Buffer.from(geojsonBytes(fs, "cameras"));
    const whole = parseGeoJSON(bytes.toString("utf8"), "c.geojson").features;
    const byLine = parseStageGeojson(bytes, "c.geojson", "join", 1024);
    expect(byLine).toHaveLength(fs.length);
    expect(byLine).toEqual(whole);
    expect(parseStageGeojson(Buffer.from(geojsonBytes([], "e")), "e.geojson", "join", 0)).toEqual([]);
  });

  it("hands over, from the file in chunks cut anywhere, the features the validating reader gives", () => {
    const file = join(tempDir(), "joined", "cameras.geojson");
    const out = new OutputSet();
    out.add(file, geojsonPieces(fs.slice(0, 3000), "cameras"));
    out.commit();
    const whole = parseGeoJSON(readFileSync(file, "utf8"), "c.geojson").features;
    for (const chunk of [7, 4096, 1 << 20]) {
      const got: Feature[] = [];
      forEachStageFeature(file, "join", (f) => got.push(f), 100, chunk);
      expect(got).toEqual(whole);
    }
    const cut = join(tempDir(), "cut.geojson");
    writeFileSync(cut, readFileSync(file).subarray(0, 5000));
    expect(() => forEachStageFeature(cut, "join", () => {}, 100, 64)).toThrow(/cut.geojson: ends before its closing line|not a feature line/);
  });

  it("refuses a big file that is not a stage's own, or cut short, naming the line", () => {
    const bytes = Buffer.from(geojsonBytes(fs.slice(0, 10), "cameras"));
    // Cut after the last feature ("]}\n" gone), and inside it (line 11 is the tenth feature).
    const cut = bytes.subarray(0, bytes.length - 3);
    expect(() => parseStageGeojson(cut, "c.geojson", "join", 100)).toThrow(InputError);
    expect(() => parseStageGeojson(cut, "c.geojson", "join", 100)).toThrow(/c.geojson: ends before its closing line/);
    expect(() => parseStageGeojson(bytes.subarray(0, bytes.length - 8), "c.geojson", "join", 100)).toThrow(/c.geojson:line 11: not a feature line/);
    const pretty = Buffer.from(JSON.stringify({ type: "FeatureCollection", features: fs.slice(0, 3) }, null, 2));
    expect(() => parseStageGeojson(pretty, "p.geojson", "join", 100)).toThrow(/line 2: not a feature line/);
  });
});
