// A point's coordinates are written from integers (write-geojson.ts coordText), not by JS's
// number-to-text: the text must be exactly JSON.stringify of the geometry rounded to 7 decimals.
import { describe, expect, it } from "vitest";
import type { Feature } from "geojson";
import { geojsonPieces, geojsonStream, geojsonText, roundGeometry, writeDecimal } from "../pipeline/geo/write-geojson.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("point coordinates in the GeoJSON", () => {
  it("are JSON.stringify of the rounded geometry, for edge and random values", () => {
    const rand = lcg(20261201);
    const values = [0, -0, 1e-7, -1e-7, 4e-8, 5e-8, 1e-6, -1e-6, 9.99999e-7, 0.5, -0.00001, 180, -180, 90, 214.7483647, -214.7483648, 214.7483648, 1e9, -1e9, 2.3476330, 48.8454872, 2.35000004, 2.34999996];
    for (let i = 0; i < 20000; i++) {
      const v = (rand() - 0.5) * 430;
      values.push(v, Math.round(v * 1e3) / 1e3, Math.round(v * 1e7) / 1e7, (rand() - 0.5) * 1e-4);
    }
    const features: Feature[] = [];
    for (let i = 0; i < values.length; i++) features.push({ type: "Feature", properties: { id: String(i) }, geometry: { type: "Point", coordinates: [values[i], values[values.length - 1 - i]] } });
    const lines = geojsonText(features).split("\n").slice(1, -2);
    expect(lines).toHaveLength(features.length);
    lines.forEach((line, i) => {
      const want = JSON.stringify(roundGeometry(features[i].geometry));
      expect(line.slice(line.indexOf('"geometry":') + 11).replace(/\}\},?$/, "}")).toBe(want);
    });
  });
});

describe("geojsonStream", () => {
  it("gives, piece by piece as OutputSet writes them, the bytes of one JSON.stringify per line", () => {
    // ~33 MB, in pieces of at most the writer's 1 MB (core/piece-writer.ts): never the whole file in one buffer.
    const features: Feature[] = [];
    for (let i = 0; i < 110_000; i++) features.push({ type: "Feature", properties: { id: `c${i}`, label: `${i} `.repeat(60) + "é" }, geometry: { type: "Point", coordinates: [2 + i * 1e-6, 48.8 + i * 1e-7] } });
    const copied: Buffer[] = [];
    for (const piece of geojsonStream(features, "cameras")) copied.push(Buffer.from(piece));
    expect(copied.every((p) => p.length <= 1 << 20)).toBe(true);
    expect(copied.length).toBeGreaterThanOrEqual(Math.floor(copied.reduce((n, p) => n + p.length, 0) / (1 << 20)));
    // Independent of the writer: one JSON.stringify per feature line, as the format says.
    const lines = features.map((f) => JSON.stringify({ type: "Feature", id: f.properties?.id, properties: f.properties, geometry: roundGeometry(f.geometry) }));
    const expected = `{"type":"FeatureCollection","name":"cameras","features":[\n${lines.join(",\n")}\n]}\n`;
    expect(Buffer.concat(copied).toString("utf8")).toBe(expected);
  });
});

describe("writeDecimal", () => {
  it("writes the bytes of String(v) (null when not finite), for rounded and arbitrary doubles", () => {
    const rand = lcg(20261202);
    const values = [0, -0, 0.1, -0.1, 0.05, 1e-7, -1e-7, 5e-8, 1e-6, 1e21, -1e21, 214748364.7, 214748364.8, -214748364.8, 2147483647, 2147483648, 4294967295, NaN, Infinity, -Infinity, 12.3, 4567.8, 2.3476333, 48.8454872, 0.30000000000000004];
    for (let i = 0; i < 20000; i++) {
      const v = (rand() - 0.5) * 2e4;
      values.push(v, Math.round(v * 10) / 10, Math.round(v * 1e7) / 1e7, Math.round(v), (rand() - 0.5) * 1e-5);
    }
    const buf = Buffer.alloc(64);
    const wrong: Array<[number, number, string]> = [];
    for (const v of values) {
      for (const places of [0, 1, 7]) {
        const end = writeDecimal(buf, 3, v, places);
        const want = Number.isFinite(v) ? String(v) : "null";
        if (buf.toString("latin1", 3, end) !== want) wrong.push([v, places, buf.toString("latin1", 3, end)]);
      }
    }
    expect(wrong).toEqual([]);
  });
});
