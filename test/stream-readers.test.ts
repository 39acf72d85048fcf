import { describe, expect, it } from "vitest";
import { readdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { readText } from "../pipeline/geo/read-layer.js";
import { streamCsv, streamCsvPoints } from "../pipeline/geo/stream-csv.js";
import { streamGeoJSON } from "../pipeline/geo/stream-geojson.js";
import { tempDir } from "./helpers.js";

// The reference is the in-memory reader on the same file: the streaming readers must give the
// same rows/features and, for bad files, the same message. Tiny chunk sizes cut records,
// quotes, CRLF pairs, JSON tokens and UTF-8 characters at every possible place.
// Real files (hundreds of kB) use a prime chunk size instead: byte-sized chunks would take minutes.
const CHUNKS = [1, 3, 7, 1 << 20];
const chunksFor = (f: string) => (f.startsWith("data/") || f.startsWith("test/fixtures/join/") ? [4093, 1 << 20] : CHUNKS);

async function memCsv(file: string): Promise<string> {
  try {
    return JSON.stringify(parseCsv(readText(file), file));
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
}
async function streamedCsv(file: string, chunk: number): Promise<string> {
  try {
    const rows: Array<{ line: number; cells: string[] }> = [];
    const r = await streamCsv(file, (cells, line) => rows.push({ line, cells }), undefined, chunk);
    return JSON.stringify({ header: r.header, rows, delimiter: r.delimiter });
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
}
async function memGeo(file: string): Promise<string> {
  try {
    return JSON.stringify(parseGeoJSON(readText(file), file));
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
}
async function streamedGeo(file: string, chunk: number): Promise<string> {
  try {
    const features: unknown[] = [];
    const r = await streamGeoJSON(file, (f) => features.push(f), chunk);
    return JSON.stringify({ features, declaredCrs: r.declaredCrs, unknownCrs: r.unknownCrs });
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
}

const dir = tempDir("contrechamp-stream-");
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const badCsv = readdirSync("test/fixtures/bad").filter((f) => f.endsWith(".csv")).map((f) => `test/fixtures/bad/${f}`);
const csvCases = [
  "data/paris/cameras/croisements_rues_paris.csv",
  ...badCsv,
  file("quotes.csv", '\ufeffid;name;x\r\n1;"Rue A; coin B";2,5\n2;"dit ""Le Pont""\r\nsuite";3\r3;c;4\n\n  "" "x";y;z'),
  file("cp1252.csv", Buffer.from("nom;x\nCaf\xe9 de la Gare;1\n", "latin1")),
  // ASCII pieces first, then a character beyond: the ASCII fast path must hand over to the
  // UTF-8 (or CP1252) decoding at that piece, not earlier or later.
  file("late-utf8.csv", "nom;x\nabc;1\nCaf\u00e9 \u20ac;2\n"),
  file("late-cp1252.csv", Buffer.from("nom;x\nabc;1\nCaf\xe9 \x80;2\n", "latin1")),
  file("gz.csv.gz", gzipSync("a,b\n1,2\n3,4\n")),
  file("empty.csv", " \n"),
  file("unclosed.csv", 'a,b\n1,2\n3,"oops\n4,5\n'),
  file("count.csv", "a,b\n1,2\n3,4,5\n"),
  file("header-only.csv", "a,b"),
  file("cr-end.csv", "a,b\r1,2\r"),
];

describe("streamCsv", () => {
  for (const f of csvCases) {
    it(`equals parseCsv on ${f.split("/").pop()}`, async () => {
      const want = await memCsv(f);
      for (const c of chunksFor(f)) expect(await streamedCsv(f, c)).toBe(want);
    });
  }
  it("reads the annexe (1,391 rows) through the 1 MB path", async () => {
    expect(await streamedCsv("data/paris/cameras/annexe1.csv", 1 << 20)).toBe(await memCsv("data/paris/cameras/annexe1.csv"));
  });
  it("streams point coordinates into typed arrays and names a bad row like the in-memory reader", async () => {
    const p = await streamCsvPoints("data/paris/cameras/croisements_rues_paris.csv", "lon", "lat");
    const t = parseCsv(readText("data/paris/cameras/croisements_rues_paris.csv"), "x");
    expect(p.xs.length).toBe(17050);
    expect(p.xs[16999]).toBe(Number(t.rows[16999].cells[2]));
    expect(p.ys[0]).toBe(Number(t.rows[0].cells[3]));
    expect(p.lines[0]).toBe(2);
    const bad = file("badpoint.csv", "x,y\n1,2\n3,abc\n");
    await expect(streamCsvPoints(bad, "x", "y")).rejects.toThrow(`contrechamp: ${bad}:3: coordinates "3", "abc" are not numbers (fix the row or remove it)`);
  });
});

describe("readText of .gz files", () => {
  // The output buffer is sized from the trailer's ISIZE, which is the last member's size only:
  // a multi-member gzip (concatenated .gz files, as `cat a.gz b.gz` makes) must still come out whole.
  it("reads every member of a multi-member gzip, the last one small", () => {
    const big = "a,b\n" + "1,2\n".repeat(40000);
    const p = file("members.csv.gz", Buffer.concat([gzipSync(big), gzipSync("3,4\n")]));
    expect(readText(p)).toBe(big + "3,4\n");
  });
  it("reads a gzip whose content is bigger than the default 16 KiB zlib chunk", () => {
    const text = "x;y\n" + Array.from({ length: 30000 }, (_, i) => `${i};${i * 7}`).join("\n");
    expect(readText(file("one.csv.gz", gzipSync(text)))).toBe(text);
  });
});

const badGeo = readdirSync("test/fixtures/bad").filter((f) => f.endsWith("json")).map((f) => `test/fixtures/bad/${f}`);
const geoCases = [
  "test/fixtures/join/iris_75110_75118_3035.geojson",
  "test/fixtures/join/iris_75110_75118.geojson",
  ...badGeo,
  file("escapes.geojson", '{"features":[{"type":"Feature","properties":{"n":"a\\"}]{[\\\\","é":null},"geometry":{"type":"Point","coordinates":[2.35,48.85]}}],"type":"FeatureCollection"}'),
  file("crs-after.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}],"crs":{"type":"name","properties":{"name":"EPSG:9999"}}}'),
  file("bad-feature.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","geometry":{"type":"Point","coordinates":["1",2]}}]}'),
  file("single-feature.geojson", '{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[2,48]}}'),
  file("geometry.geojson", '{"type":"Point","coordinates":[2,48]}'),
  file("array.geojson", "[1,2]"),
  file("trailing-comma.geojson", '{"type":"FeatureCollection","features":[],}'),
  file("empty.geojson", "\ufeff  \n"),
  file("no-type.geojson", '{"features":[]}'),
  file("syntax-in-feature.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1 2]}}]}'),
];

describe("streamGeoJSON", () => {
  for (const f of geoCases) {
    it(`equals parseGeoJSON on ${f.split("/").pop()}`, async () => {
      const want = await memGeo(f);
      for (const c of chunksFor(f)) expect(await streamedGeo(f, c)).toBe(want);
    });
  }
});
