// Property-based tests of the GeoPackage, KML/KMZ, WKT CSV and zipped-shapefile readers: real
// fixtures (test/fixtures/formats, made by make.sh from the 2012 camera layer) truncated,
// corrupted byte by byte, or spliced with random bytes. The only outcomes allowed are a result
// or the tool's InputError (one line, exit 2), never another exception. Seeded, so every run
// explores the same inputs; change SEED to explore new ones.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../pipeline/core/errors.js";
import { readLayerFile, type ReadOptions } from "../pipeline/geo/read-layer.js";

const SEED = 20261130;
const dir = mkdtempSync(join(tmpdir(), "contrechamp-formats-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mutation of a real file: cut at any length, bytes overwritten, or random bytes spliced in. */
function mutated(bytes: Uint8Array) {
  const at = fc.integer({ min: 0, max: bytes.length });
  return fc.oneof(
    at.map((n) => bytes.subarray(0, n)),
    fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }).map((edits) => {
      const b = Uint8Array.from(bytes);
      for (const [i, v] of edits) b[i] = v;
      return b;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([i, ins]) => {
      const b = new Uint8Array(bytes.length + ins.length);
      b.set(bytes.subarray(0, i));
      b.set(ins, i);
      b.set(bytes.subarray(i), i + ins.length);
      return b;
    }),
    // Damage where the structure lives: the first 4 KiB (headers, SQLite page 1, zip local header).
    fc.array(fc.tuple(fc.integer({ min: 0, max: Math.min(4095, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
      const b = Uint8Array.from(bytes);
      for (const [i, v] of edits) b[i] = v;
      return b;
    }),
  );
}

const CASES: Array<{ fixture: string; ext: string; opt: ReadOptions; runs: number }> = [
  { fixture: "cams_l93.gpkg", ext: "gpkg", opt: {}, runs: 150 },
  { fixture: "cams_two_layers.gpkg", ext: "gpkg", opt: { layer: "cameras" }, runs: 60 },
  { fixture: "cams.kml", ext: "kml", opt: {}, runs: 200 },
  { fixture: "cams.kmz", ext: "kmz", opt: {}, runs: 150 },
  { fixture: "cams_wkt.csv", ext: "csv", opt: {}, runs: 200 },
  { fixture: "cams_wkt_l93.csv", ext: "csv", opt: { crs: "EPSG:2154" }, runs: 100 },
  { fixture: "cams_geojson_column.csv", ext: "csv", opt: {}, runs: 100 },
  { fixture: "cams_shp.zip", ext: "zip", opt: {}, runs: 200 },
];

describe.each(CASES)("$fixture, truncated or corrupted", ({ fixture, ext, opt, runs }) => {
  it(`gives features or an InputError, nothing else (${runs} seeded runs)`, async () => {
    const bytes = readFileSync(join("test/fixtures/formats", fixture));
    const file = join(dir, `${fixture.replace(/\.\w+$/, "")}-mutated.${ext}`);
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutated(bytes), async (b) => {
        writeFileSync(file, b);
        try {
          const layer = await readLayerFile(file, opt);
          // Whatever is accepted is a proper layer: finite WGS84 positions, counts that add up.
          expect(layer.features.length).toBeGreaterThan(0);
          expect(layer.read).toBe(layer.features.length + layer.dropped.reduce((s, d) => s + d.count, 0));
          accepted++;
        } catch (e) {
          if (!(e instanceof InputError)) throw new Error(`threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
          // One line naming the file.
          expect(e.message).not.toContain("\n");
          expect(e.message).toMatch(/^contrechamp: \S.*: .+ \(.+\)$/);
          expect(e.message).toContain(fixture.replace(/\.\w+$/, ""));
          refused++;
        }
      }),
      { seed: SEED, numRuns: runs },
    );
    // Both outcomes occur: the mutations reach the readers' checks, not only a first gate.
    expect(refused).toBeGreaterThan(0);
    expect(accepted + refused).toBe(runs);
  });
});

describe("empty and wrong-type files", () => {
  it.each(["gpkg", "kml", "kmz", "zip", "csv"])("an empty .%s is an InputError", async (ext) => {
    const file = join(dir, `empty.${ext}`);
    writeFileSync(file, "");
    await expect(readLayerFile(file)).rejects.toBeInstanceOf(InputError);
  });

  it.each(["gpkg", "kml", "kmz", "zip"])("random bytes named .%s are an InputError", async (ext) => {
    const file = join(dir, `random.${ext}`);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (b) => {
        writeFileSync(file, b);
        await expect(readLayerFile(file)).rejects.toBeInstanceOf(InputError);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
