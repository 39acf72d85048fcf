// A camera view's perValue: over the join's table, f of a coded property runs once per distinct
// value (a million cameras share a few hundred districts), and answers as property(key, i) then f.
import { describe, expect, it } from "vitest";
import type { JoinedCameraTable } from "../pipeline/contracts.js";
import { cameraViewOfFeatures, cameraViewOfTable } from "../pipeline/stats/camera-view.js";
import { ABSENT_CODE, NULL_CODE } from "../pipeline/core/joined-cameras.js";
import { seededRng } from "../pipeline/stats/rng.js";

describe("perValue", () => {
  const rng = seededRng(3);
  const values = ["75101", "75102", "75103", "75104"];
  const codes = Int32Array.from({ length: 500 }, () => Math.floor(rng.next() * 6) - 2); // -2 absent, -1 null, 0..3 values
  const table = { n: codes.length, x: new Float64Array(codes.length), y: new Float64Array(codes.length), levels: { arrondissement: { codes, values } }, zones: {} } as unknown as JoinedCameraTable;
  const view = cameraViewOfTable(table);
  const f = (v: unknown) => `<${String(v)}>`;

  it("answers f(property(key, i)) for every camera, with f run once per distinct value", () => {
    let calls = 0;
    const at = view.perValue("arrondissement", (v) => (calls++, f(v)));
    for (let i = 0; i < codes.length; i++) expect(at(i)).toBe(f(view.property("arrondissement", i)));
    expect(calls).toBeLessThanOrEqual(values.length + 2);
    expect(codes.includes(ABSENT_CODE) && codes.includes(NULL_CODE)).toBe(true);
  });

  it("answers f(undefined) for a key the table lacks, and over features as property then f", () => {
    expect(view.perValue("quartier", f)(0)).toBe("<undefined>");
    const features = [{ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [2.35, 48.85] }, properties: { arrondissement: "75104" } }];
    expect(cameraViewOfFeatures(features).perValue("arrondissement", f)(0)).toBe("<75104>");
  });
});
