// A coordinate-pair CSV camera list is read as columns and written from them (layers/camera-columns.ts):
// on random files, the same bytes, counts, notes and errors as the features path every other
// format takes (readCameraPoints with asFeatures), which writes through geo/write-geojson.ts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Feature } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../pipeline/core/errors.js";
import { readDistricts } from "../layers/districts.js";
import { readCameraPoints } from "../layers/cameras.js";
import { cameraColumnLines } from "../layers/camera-columns.js";
import { geojsonPieces } from "../pipeline/geo/write-geojson.js";
import { copiedPieces } from "../pipeline/core/piece-writer.js";
import { loadStudy } from "../pipeline/core/study.js";

let arrondissements: Feature[];
beforeAll(async () => {
  arrondissements = (await readDistricts("arrondissements", loadStudy("data/paris/study.json").layers.arrondissements!)).features;
});

const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function outcome(file: string, asFeatures: boolean, fields?: Record<string, string>) {
  try {
    const r = await readCameraPoints("cameras", { file, ...(fields ? { fields } : {}) }, { key: "arrondissement", features: arrondissements }, "user", asFeatures);
    const bytes = Buffer.concat(r.points ? copiedPieces(cameraColumnLines(r.points, r.name)) : geojsonPieces(r.features, r.name)).toString("utf8");
    return { columns: r.points !== undefined, read: r.read, dropped: r.dropped, notes: r.notes, bytes };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { error: e.message };
  }
}

describe("camera list read as columns", () => {
  it("gives the features path's bytes, counts, notes and errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-cols-"));
    const text = fc.oneof(fc.constantFrom("", " ", "Rue de Rivoli", "quai \"Nord\"", "caméra; 5", "l'Étoile", "a\\b", "2019-05-01"), fc.string({ maxLength: 8 }));
    const point = fc.record({
      lon: fc.double({ min: 2.2, max: 2.5, noNaN: true }),
      lat: fc.double({ min: 48.8, max: 48.92, noNaN: true }),
      id: fc.oneof(fc.constantFrom("1", "2", " 3 ", ""), fc.nat({ max: 1e6 }).map(String)),
      label: text,
      source: text,
      op: text,
      date: fc.constantFrom("", "2019-05-01", "2015"),
      comma: fc.boolean(),
    });
    // Which columns the file has, in which order (a reserved name, a guessed label and date, a carried one).
    const columns = fc.shuffledSubarray(["id", "nom", "source", "operateur", "date_mise_en_service", "arrondissement"], { minLength: 0 });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(point, { minLength: 1, maxLength: 25 }), columns, fc.boolean(), async (pts, cols, mapLabel) => {
        const file = join(dir, "cams.csv");
        const header = ["lon", "lat", ...cols];
        const value = (p: (typeof pts)[number], c: string) =>
          c === "lon" ? (p.comma ? String(p.lon).replace(".", ",") : String(p.lon)) : c === "lat" ? String(p.lat) : c === "id" ? p.id : c === "nom" ? p.label : c === "source" ? p.source : c === "operateur" ? p.op : c === "arrondissement" ? p.op : p.date;
        writeFileSync(file, [header.join(";"), ...pts.map((p) => header.map((c) => cell(value(p, c))).join(";"))].join("\n") + "\n");
        const fields = mapLabel && cols.includes("operateur") ? { label: "operateur" } : undefined;
        const a = await outcome(file, true, fields);
        const b = await outcome(file, false, fields);
        expect(b).toEqual({ ...a, ...("error" in a ? {} : { columns: true }) });
        if (!("error" in a)) compared++;
      }),
      { seed: 20261201, numRuns: 150 },
    );
    // The property is about files read: most must be, not refused.
    expect(compared).toBeGreaterThan(50);
  });

  it("reads a file whose columns an object would merge or reorder as features", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-cols-"));
    const file = join(dir, "cams.csv");
    // "2019" is an integer-like key (JSON puts it first); "nom" twice is merged by an object.
    writeFileSync(file, "lon;lat;2019;nom;nom\n2.35;48.86;x;a;b\n2.30;48.85;y;c;d\n");
    const r = await readCameraPoints("cameras", { file }, { key: "arrondissement", features: arrondissements }, "user");
    expect(r.points).toBeUndefined();
    expect(Buffer.concat(geojsonPieces(r.features, "cameras")).toString()).toBe(Buffer.concat(geojsonPieces((await readCameraPoints("cameras", { file }, { key: "arrondissement", features: arrondissements }, "user", true)).features, "cameras")).toString());
  });
  it("says how many cameras have no commissioning date, and when none has one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "contrechamp-cols-"));
    const file = join(dir, "cams.csv");
    const notesOf = async (dates: string[], asFeatures: boolean) => {
      writeFileSync(file, "lon;lat;date_mise_en_service\n" + dates.map((d, i) => `2.3${i};48.86;${d}`).join("\n") + "\n");
      return (await readCameraPoints("cameras", { file }, { key: "arrondissement", features: arrondissements }, "user", asFeatures)).notes;
    };
    for (const asFeatures of [false, true]) {
      expect(await notesOf(["2015", "2019-05-01", "2013"], asFeatures)).toContain('commissioning dates from the "date_mise_en_service" field');
      expect(await notesOf(["2015", "", "2013"], asFeatures)).toContain('commissioning dates from the "date_mise_en_service" field (1 of 3 cameras have none)');
      expect(await notesOf(["", "", ""], asFeatures)).toContain('no commissioning dates: the "date_mise_en_service" field is empty or absent for all 3 cameras');
    }
  });
});
