// Property-based test of the camera layer on random point files around Paris: it either refuses
// the file with an InputError or accounts for every point (kept + dropped = read), with unique ids.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Feature } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../pipeline/core/errors.js";
import { readDistricts } from "../layers/districts.js";
import { readCameraPoints } from "../layers/cameras.js";
import { loadStudy } from "../pipeline/core/study.js";

let arrondissements: Feature[];
beforeAll(async () => {
  arrondissements = (await readDistricts("arrondissements", loadStudy("data/paris/study.json").layers.arrondissements!)).features;
});

describe("camera layer", () => {
  it("refuses a file with an InputError or accounts for every point", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-prop-"));
    // Around Paris and beyond (Saint-Denis, Versailles): some in, some near, some far outside.
    const point = fc.record({
      lon: fc.double({ min: 2.0, max: 2.7, noNaN: true }),
      lat: fc.double({ min: 48.7, max: 49.0, noNaN: true }),
      id: fc.oneof(fc.constantFrom("1", "2", "3", " ", ""), fc.nat({ max: 1e6 }).map(String)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(point, { minLength: 1, maxLength: 30 }), fc.boolean(), async (pts, withId) => {
        const file = join(dir, "cams.csv");
        const lines = [withId ? "id;lon;lat" : "lon;lat", ...pts.map((p) => (withId ? `${p.id};${p.lon};${p.lat}` : `${p.lon};${p.lat}`))];
        writeFileSync(file, lines.join("\n") + "\n");
        let r;
        try {
          r = await readCameraPoints("cameras", { file }, { key: "arrondissement", features: arrondissements }, "user");
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          return;
        }
        const dropped = r.dropped.reduce((s, d) => s + d.count, 0);
        expect(r.read).toBe(pts.length);
        expect(r.features.length + dropped).toBe(r.read);
        const ids = r.features.map((f) => f.properties!.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});
