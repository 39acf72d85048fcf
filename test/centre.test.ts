// The centre used for "distance to the centre" stands on the parvis de Notre-Dame: inside the
// bounding box of the BAN address points of "Parvis Notre-Dame Place Jean-Paul II"
// (data/paris/geocoding/adresses-75.csv.gz, lon 2.3475–2.3491, lat 48.8528–48.8539).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { POINT_ZERO } from "../pipeline/join/centre.js";

describe("point zéro", () => {
  it("lies among the parvis's address points", () => {
    const rows = gunzipSync(readFileSync("data/paris/geocoding/adresses-75.csv.gz")).toString("utf8").split("\n");
    const head = rows[0].split(";");
    const [iv, ilon, ilat] = ["nom_voie", "lon", "lat"].map((k) => head.indexOf(k));
    const pts = rows.map((r) => r.split(";")).filter((c) => c[iv] === "Parvis Notre-Dame Place Jean-Paul II").map((c) => [Number(c[ilon]), Number(c[ilat])]);
    expect(pts.length).toBeGreaterThan(3);
    const [lon, lat] = POINT_ZERO.lonlat;
    expect(lon).toBeGreaterThan(Math.min(...pts.map((p) => p[0])));
    expect(lon).toBeLessThan(Math.max(...pts.map((p) => p[0])));
    expect(lat).toBeGreaterThan(Math.min(...pts.map((p) => p[1])));
    expect(lat).toBeLessThan(Math.max(...pts.map((p) => p[1])));
  });
});
