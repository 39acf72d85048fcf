import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { dbfEncoding, readShapefile } from "../pipeline/geo/read-shapefile.js";
import { DbfTextDecoder } from "../pipeline/geo/dbf-text-decoder.js";
import { readLayerFile } from "../pipeline/geo/read-layer.js";

describe("readShapefile", () => {
  it("reads the Préfecture's 2012 layer without .shx or .prj", async () => {
    // Expected values from a hand-written struct parse of the .shp/.dbf in Python (no GDAL):
    // 1,389 records; record 0 "BD SUCHET / RAPHAEL" at (2.267806728405162, 48.86166348729788);
    // record 1388 "70 BOULEVARD HAUSSMANN" at (2.327368552611171, 48.87384017606732).
    const r = await readShapefile("data/paris/cameras/Camera_Pref.shp");
    expect(r.features).toHaveLength(1389);
    expect(r.prjCrs).toBeUndefined();
    expect(r.features[0].properties!.NOM).toBe("BD SUCHET / RAPHAEL");
    expect(r.features[0].geometry).toEqual({ type: "Point", coordinates: [2.267806728405162, 48.86166348729788] });
    expect(r.features[1388].properties!.NOM).toBe("70 BOULEVARD HAUSSMANN");
  });

  it("decodes a CP1252 DBF without .cpg and reprojects from its Lambert-93 .prj", async () => {
    // Fixture made with GDAL 3.6: ogr2ogr -t_srs EPSG:2154 -lco ENCODING=CP1252 (then .cpg and .shx removed).
    // ogrinfo shows POINT (652296.973146007 6861636.3585152) for the first feature, which is
    // (2.3499, 48.853) in WGS84 (the input of ogr2ogr).
    const layer = await readLayerFile("test/fixtures/shp/cp1252_l93.shp");
    expect(layer.sourceCrs).toBe("EPSG:2154");
    expect(layer.features.map((f) => f.properties!.nom)).toEqual(["Rue de l'Évangile / Château-Rouge", "Place de la République – Faubourg"]);
    const [lon, lat] = (layer.features[0].geometry as any).coordinates;
    expect(Math.abs(lon - 2.3499)).toBeLessThan(1e-7);
    expect(Math.abs(lat - 48.853)).toBeLessThan(1e-7);
    expect(layer.notes).toContain("DBF decoded as windows-1252");
  });

  it("honours a .cpg and falls back to CP1252 only when UTF-8 fails", () => {
    const utf8 = new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0, 10, 0, ...new TextEncoder().encode("Évangile")]);
    expect(dbfEncoding(utf8)).toBe("utf-8");
    const cp = new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0xc9, 0x76]);
    expect(dbfEncoding(cp)).toBe("windows-1252");
    expect(dbfEncoding(cp, "ISO-8859-1")).toBe("latin1");
    // A .cpg claiming UTF-8 over bytes that are not UTF-8 is not believed; over UTF-8 it is.
    expect(dbfEncoding(cp, "UTF-8")).toBe("windows-1252");
    expect(dbfEncoding(utf8, "UTF-8")).toBe("utf-8");
  });

  it("says which file is missing when there is no .dbf", async () => {
    await expect(readShapefile("test/fixtures/shp/no_dbf.shp")).rejects.toThrow(
      "contrechamp: test/fixtures/shp/no_dbf.shp: the shapefile has no .dbf beside it (copy the .dbf (same name, same folder) with the .shp)",
    );
  });
});

describe("the DBF decoder", () => {
  // read-shapefile.ts gives shapefile DbfTextDecoder instead of the text-encoding polyfill it
  // requires: both must turn any bytes into the same text, for every code page dbfEncoding names
  // (Node 20's own TextDecoder fails this for windows-1252: 0x96 becomes U+0096, not "–").
  const require = createRequire(import.meta.url);
  const polyfill = require("text-encoding/lib/encoding.js") as { TextDecoder: typeof TextDecoder };
  const bytes = fc.uint8Array({ maxLength: 64 });
  // Valid and broken UTF-8 mixed: multi-byte characters, lone continuations, truncations, a BOM.
  const utf8ish = fc.array(fc.oneof(fc.string({ unit: "grapheme" }).map((t) => Buffer.from(t)), bytes, fc.constant(Buffer.from([0xef, 0xbb, 0xbf]))), { maxLength: 6 }).map((parts) => new Uint8Array(Buffer.concat(parts)));
  for (const enc of ["utf-8", "windows-1252", "latin1", "iso-8859-15"]) {
    it(`decodes like the polyfill: ${enc}`, () => {
      const mine = new DbfTextDecoder(enc);
      const theirs = new polyfill.TextDecoder(enc);
      fc.assert(
        fc.property(enc === "utf-8" ? utf8ish : bytes, (b) => {
          expect(mine.decode(b)).toBe(theirs.decode(b));
        }),
        { numRuns: 2000 },
      );
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      expect(mine.decode(all)).toBe(theirs.decode(all));
    });
  }
});
