// Bad inputs through the real CLI: one message in the DESIGN.md format, exit code 2, and the
// output folder left exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, snapshot, tempDir } from "./helpers.js";

const B = "test/fixtures/bad";
let out: string;
let before: Record<string, string>;

beforeAll(() => {
  out = tempDir();
  expect(runCli(["layers", "--out", out]).code).toBe(0);
  before = snapshot(out);
});

const cases: Array<[string, string[], RegExp]> = [
  ["truncated JSON", ["--layer", `zti=${B}/zti_truncated.geojson`], /^contrechamp: .*zti_truncated\.geojson: not valid JSON: .* \(the file may be truncated; export it again\)$/],
  ["JSON that is not GeoJSON", ["--layer", `zti=${B}/not_geojson.geojson`], /not_geojson\.geojson: valid JSON but not GeoJSON/],
  ["unclosed ring", ["--layer", `zti=${B}/zti_unclosed_ring.geojson`], /zti_unclosed_ring\.geojson:feature 0: ring 0 is not closed .*\(repeat the first position at the end of the ring\)$/],
  ["self-intersecting polygon", ["--layer", `zti=${B}/zti_self_intersecting.geojson`], /zti_self_intersecting\.geojson:feature 0: the polygon crosses itself near \(2\.345000, 48\.865000\)/],
  ["swapped lat/lon", ["--layer", `cameras=${B}/cameras_swapped.csv`], /cameras_swapped\.csv:2: coordinates \(48\.8588, 2\.3475\) look like latitude, longitude: swapped/],
  ["missing coordinate column", ["--layer", `cameras=${B}/cameras_no_lat.csv`], /cameras_no_lat\.csv:1: no coordinate columns/],
  ["x/y without a CRS", ["--layer", `cameras=${B}/cameras_xy_no_crs.csv`], /cameras_xy_no_crs\.csv: x\/y columns but no CRS to read them in \(pass --crs EPSG:n/],
  ["shapefile without .prj", ["--layer", `cameras=${B}/cameras_no_prj.shp`], /cameras_no_prj\.shp: the shapefile has no \.prj, so its coordinate system is unknown/],
  ["malformed cell id", ["--layer", `income_cells=${B}/income_bad_cell_id.csv`], /income_bad_cell_id\.csv:3: malformed 200 m cell id "CRS3035RES200mX/],
  ["negative count", ["--layer", `income_cells=${B}/income_negative.csv`], /income_negative\.csv:3: Men = -5 is negative/],
  ["unknown layer", ["--layer", `bogus=${B}/zti_truncated.geojson`], /^contrechamp: --layer bogus=\.\.\.: unknown layer/],
  ["missing file", ["--layer", `zti=${B}/nope.geojson`], /nope\.geojson: file not found/],
  ["unknown EPSG code", ["--layer", `cameras=${B}/cameras_xy_no_crs.csv`, "--crs", "EPSG:9999"], /unknown CRS "EPSG:9999"/],
];

describe("bad input", () => {
  it.each(cases)("%s: exit 2, one clear line, outputs untouched", (_name, args, message) => {
    const r = runCli(["layers", "--out", out, ...args]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^contrechamp: /);
    expect(lines[0]).toMatch(message);
    expect(snapshot(out)).toEqual(before);
  });

  it("accepts the same file once its CRS is given (x/y in Lambert-93)", () => {
    const o = tempDir();
    const r = runCli(["layers", "--out", o, "--layer", `cameras=${B}/cameras_xy_no_crs.csv`, "--crs", "EPSG:2154"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("usage errors exit 2", () => {
    expect(runCli(["frobnicate"]).code).toBe(2);
    expect(runCli(["layers", "--bogus"]).code).toBe(2);
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/contrechamp run/);
  });
});
