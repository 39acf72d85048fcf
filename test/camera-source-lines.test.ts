// The join reads the camera layer's lines by one walk over each (core/feature-line.ts), not
// JSON.parse: on random layers as geo/write-geojson.ts writes them — keys in any order, strings
// with escapes, quotes and accents, numbers, nulls, nested values, integer-like keys, the join's
// own keys — every column it keeps is what JSON.parse of the line gives, and a line is marked
// copyable exactly when the rule below (restated from the lines as objects) says so.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { geojsonPieces } from "../pipeline/geo/write-geojson.js";
import { readCameraSource } from "../pipeline/join/camera-source.js";
import { utf8At, type Column } from "../pipeline/core/column-file.js";
import { tempDir } from "./helpers.js";

const JOIN_KEYS = new Set(["cell", "arrondissement", "zti", "in_city"]);
const CODED = ["source", "geocode_method", "geocode_confidence", "commissioned"];

/** The old rule, on objects: id first and a plain property, the first camera's join keys in the same order, flat when it has any. */
function copyable(p: Record<string, unknown>, replaced: string[]): boolean {
  const own = Object.keys(p);
  if (p.id === undefined || own[0] !== "id") return false;
  const mine = own.filter((k) => JOIN_KEYS.has(k));
  if (mine.length !== replaced.length || mine.some((k, i) => k !== replaced[i])) return false;
  return !(mine.length && own.some((k) => typeof p[k] === "object" && p[k] !== null));
}

describe("camera lines read by a walk", () => {
  it("keeps what JSON.parse reads, and marks copyable lines as the object rule does", () => {
    const dir = tempDir();
    const text = fc.oneof(fc.constantFrom("", "Rue de Rivoli", 'quai "Nord"', "é,\"arrondissement\":1", "a\\b", "line\nbreak", "ü€😀", "}", ","), fc.string({ maxLength: 6 }));
    const value = fc.oneof(text, fc.constantFrom(null, true, false, 0, 1, -2.5, 1e21, 0.1), fc.constant({ nested: [1, "x"] }));
    const key = fc.constantFrom("id", "label", "source", "geocode_method", "geocode_confidence", "commissioned", "cell", "arrondissement", "zti", "in_city", "op", "é", "2019", "a\"b");
    const feature = fc.record({
      props: fc.array(fc.tuple(key, value), { maxLength: 9 }),
      id: fc.oneof(text, fc.constant(7)),
      idFirst: fc.boolean(),
      lon: fc.double({ min: 2.2, max: 2.5, noNaN: true }),
      lat: fc.double({ min: 48.8, max: 48.9, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(feature, { minLength: 1, maxLength: 12 }), (fs) => {
        const features: Feature[] = fs.map((f) => {
          const entries = f.props.filter(([k]) => k !== "id");
          const properties = Object.fromEntries(f.idFirst ? [["id", f.id], ...entries] : [...entries, ["id", f.id]]);
          return { type: "Feature", properties, geometry: { type: "Point", coordinates: [f.lon, f.lat] } };
        });
        const file = join(dir, "cameras.geojson");
        writeFileSync(file, Buffer.concat(geojsonPieces(features, "cameras")));
        const src = readCameraSource(file, JOIN_KEYS);
        // The reference: each line of the file parsed by JSON.parse.
        const parsed = (readFileSync(file, "utf8").split("\n").slice(1, -2)).map((l) => JSON.parse(l.replace(/,$/, "")) as Feature);
        const replaced = Object.keys(parsed[0].properties ?? {}).filter((k) => JOIN_KEYS.has(k));
        expect(src.replaced).toEqual(replaced);
        const col = (name: string) => src.columns.find((c) => c.name === name)!;
        const ids = col("id") as Extract<Column, { type: "utf8" }>, labels = col("label") as Extract<Column, { type: "utf8" }>;
        parsed.forEach((f, i) => {
          const p = f.properties ?? {};
          const c = (f.geometry as { coordinates: number[] }).coordinates;
          expect([src.lon[i], src.lat[i]]).toEqual([c[0], c[1]]);
          expect(utf8At(ids, i)).toBe(String(p.id));
          expect(labels.nulls?.[i] ?? 0).toBe(p.label === undefined ? 2 : p.label === null ? 1 : 0);
          if (p.label !== undefined && p.label !== null) expect(utf8At(labels, i)).toBe(String(p.label));
          for (const k of CODED) {
            const d = col(k) as Extract<Column, { type: "dict" }>;
            const code = d.codes[i];
            expect(code === -2 ? "(absent)" : code === -1 ? null : d.values[code]).toEqual(k in p ? p[k] : "(absent)");
          }
          expect(src.propertiesEnd[i] >= 0).toBe(copyable(p, replaced));
        });
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
