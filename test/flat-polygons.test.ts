import { describe, expect, it } from "vitest";
import { flatPolygonsReference } from "./flat-polygons-reference.js";
import type { Geometry } from "geojson";
import { FlatPolygonBuilder, flattenPolygons } from "../pipeline/geo/flat-polygons.js";
import { streamFlatPolygons } from "../pipeline/geo/stream-flat-polygons.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { readText } from "../pipeline/geo/read-layer.js";

const plain = (fp: ReturnType<typeof flattenPolygons>) => ({
  count: fp.count,
  coords: [...fp.coords],
  ringStart: [...fp.ringStart],
  polyRingStart: [...fp.polyRingStart],
  ringSign: [...fp.ringSign],
  bbox: [...fp.bbox],
});

const FIXTURE = "test/fixtures/join/iris_75110_75118.geojson";
const iris = parseGeoJSON(readText(FIXTURE), FIXTURE).features.map((f) => f.geometry);
const odd: Array<Geometry | null> = [
  null,
  { type: "Point", coordinates: [1, 2] },
  { type: "Polygon", coordinates: [[[0, 0], [0, 1], [1, 1], [0, 0]], [[5, 5], [6, 6], [5, 5]]] },
  { type: "MultiPolygon", coordinates: [[[[0, 0], [4, 0], [4, 4], [0, 4]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]], [[[10, 10], [12, 10], [11, 12], [10, 10]]]] },
];

describe("FlatPolygonBuilder", () => {
  it("stores what the plain reference stores, over many blocks, with or without an expected size", () => {
    const want = flatPolygonsReference([...iris, ...odd]);
    // Unsized, blocks hold 1024, then as many values as all before: over 4096 values take four.
    expect(want.coords.length).toBeGreaterThan(4096);
    for (const expected of [0, 10, want.coords.length, 4 * want.coords.length]) {
      const b = new FlatPolygonBuilder(expected);
      for (const g of [...iris, ...odd]) b.add(g);
      expect(plain(b.finish())).toEqual(want);
    }
    expect(plain(flattenPolygons([...iris, ...odd]))).toEqual(want);
  });

  it("hands out exactly the values written, however big the expected size", () => {
    const b = new FlatPolygonBuilder(1 << 20);
    b.add(odd[2]);
    expect(b.finish().coords.length).toBe(6);
  });

  it("reads a GeoJSON file straight into the same arrays", async () => {
    const r = await streamFlatPolygons(FIXTURE);
    expect(plain(r.polygons)).toEqual(flatPolygonsReference(iris));
  });
});
