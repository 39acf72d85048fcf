// A camera layer's property read as a whole column (render/camera-list.ts cameraColumn): the
// same values whether the layer came as features or as a table, null where a camera lacks it;
// and rows picked from a table keep their positions.
import { describe, expect, it } from "vitest";
import type { Feature } from "geojson";
import { cameraColumn, cameraRows, pick } from "../pipeline/render/camera-list.js";
import type { PointTable } from "../pipeline/core/stage-points.js";

const features: Feature[] = [
  { type: "Feature", properties: { id: "a", geocode_method: "source" }, geometry: { type: "Point", coordinates: [2.1, 48.1] } },
  { type: "Feature", properties: { id: 7 }, geometry: { type: "Point", coordinates: [2.2, 48.2] } },
  { type: "Feature", properties: null, geometry: { type: "Point", coordinates: [2.3, 48.3] } },
];
const table: PointTable = { length: 3, lon: Float64Array.of(2.1, 2.2, 2.3), lat: Float64Array.of(48.1, 48.2, 48.3), columns: { id: ["a", 7, null], geocode_method: ["source", null, null] }, unplaced: 0 };

describe("cameraColumn", () => {
  it("reads a property of every camera, features or table alike", () => {
    for (const cams of [features, table]) {
      expect(Array.from(cameraColumn(cams, "id"))).toEqual(["a", 7, null]);
      expect(Array.from(cameraColumn(cams, "geocode_method"))).toEqual(["source", null, null]);
      expect(Array.from(cameraColumn(cams, "absent"))).toEqual([null, null, null]);
    }
  });

  it("picks rows of a table's positions", () => {
    expect(Array.from(pick(Float64Array.of(1, 2, 3, 4), [3, 0, 0]))).toEqual([4, 1, 1]);
    const rows = cameraRows(table, [0, 2], true) as PointTable;
    expect([Array.from(rows.lon), Array.from(rows.lat), rows.columns]).toEqual([[2.1, 2.3], [48.1, 48.3], {}]);
  });
});
