import { describe, expect, it } from "vitest";
import { flatPolygonsReference } from "./flat-polygons-reference.js";
import { seededRng } from "../pipeline/stats/rng.js";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FlatPolygonBuilder } from "../pipeline/geo/flat-polygons.js";
import { readPolygonGeoJSONBytes } from "../pipeline/geo/polygon-geojson-bytes.js";
import { checkFeature, crsMember } from "../pipeline/geo/read-geojson.js";
import { streamFlatPolygons } from "../pipeline/geo/stream-flat-polygons.js";
import { streamGeoJSON } from "../pipeline/geo/stream-geojson.js";
import { tempDir } from "./helpers.js";

// The byte reader against plain references: JSON.parse on the whole text, the checks of
// checkFeature, and the flat arrays written out plainly (every ring's vertices in order without
// the closing one, rings under three vertices left out, a polygon's box over its vertices, the
// sign that makes shells positive). A file the byte reader reads must give exactly that; a file
// JSON.parse or checkFeature rejects must make it give up (undefined), never give a result.

/** What a reader must give for this text, or "invalid" when it must give up or fail. */
function reference(text: string): unknown {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    return "invalid";
  }
  if (!doc || typeof doc !== "object" || doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) return "invalid";
  try {
    doc.features.forEach((f: unknown, i: number) => checkFeature(f, i, "x"));
  } catch {
    return "invalid";
  }
  const { code, unknown } = crsMember(doc);
  return { ...flatPolygonsReference(doc.features.map((f: any) => f.geometry)), declaredCrs: code, unknownCrs: unknown };
}

const dir = tempDir("contrechamp-bytes-");
let n = 0;
function file(content: string | Buffer, name = `f${n++}.geojson`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The byte reader's answer on a file, in blocks of blockBytes bytes. */
function fast(path: string, blockBytes?: number): unknown {
  const b = new FlatPolygonBuilder(16);
  const r = readPolygonGeoJSONBytes(path, b, 0, blockBytes);
  if (!r) return undefined;
  const fp = b.finish();
  return {
    count: r.count,
    coords: [...fp.coords],
    ringStart: [...fp.ringStart],
    polyRingStart: [...fp.polyRingStart],
    ringSign: [...fp.ringSign],
    bbox: [...fp.bbox],
    declaredCrs: r.declaredCrs,
    unknownCrs: r.unknownCrs,
  };
}

/** Deterministic uniforms (the cases are the same on every run). */
const rng = (seed: number): (() => number) => seededRng(seed).next;

/** A JSON number text in one of many spellings (integers, decimals, exponents, long mantissas). */
function numberText(r: () => number): string {
  const sign = r() < 0.3 ? "-" : "";
  const k = Math.floor(r() * 7);
  const digits = (len: number) => Array.from({ length: len }, () => Math.floor(r() * 10)).join("");
  const int = () => {
    const d = digits(1 + Math.floor(r() * 12));
    return d.replace(/^0+(?=\d)/, "");
  };
  switch (k) {
    case 0:
      return sign + int();
    case 1:
      return `${sign}${int()}.${digits(1 + Math.floor(r() * 6))}`;
    case 2:
      return `${sign}${int()}.${digits(1 + Math.floor(r() * 12))}`; // up to 24 digits: Number's path
    case 3:
      return `${sign}${int()}${r() < 0.5 ? "e" : "E"}${["", "+", "-"][Math.floor(r() * 3)]}${Math.floor(r() * 30)}`;
    case 4:
      return `${sign}0.${"0".repeat(Math.floor(r() * 8))}${digits(1 + Math.floor(r() * 9))}`;
    case 5:
      return `${sign}${int()}.${digits(1 + Math.floor(r() * 4))}e-${Math.floor(r() * 330)}`;
    default:
      return sign + String(r() * 10 ** Math.floor(r() * 8));
  }
}

const WS = ["", " ", "\n", "\r\n", "\t", "  \n "];

/** A random valid polygon GeoJSON text: odd spacing, key order, properties and numbers everywhere. */
function randomDocument(seed: number): string {
  const r = rng(seed);
  const ws = () => WS[Math.floor(r() * WS.length)];
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const num = () => numberText(r);
  const obj = (members: Array<[string, string]>) => {
    if (r() < 0.5) members.reverse();
    return `{${ws()}${members.map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${v}`).join(`${ws()},${ws()}`)}${ws()}}`;
  };
  const arr = (xs: string[]) => `[${ws()}${xs.join(`${ws()},${ws()}`)}${ws()}]`;
  const position = () => arr([num(), num(), ...(r() < 0.2 ? [num()] : []), ...(r() < 0.05 ? ['"m"', "null"] : [])]);
  const ring = () => {
    const pts = Array.from({ length: Math.floor(r() * 7) }, position);
    if (pts.length > 2 && r() < 0.7) pts.push(pts[0]);
    return arr(pts);
  };
  const polygon = () => arr(Array.from({ length: Math.floor(r() * 3) }, ring));
  const value = (depth: number): string => {
    const k = Math.floor(r() * (depth > 2 ? 5 : 7));
    if (k === 0) return num();
    if (k === 1) return pick(["true", "false", "null"]);
    if (k === 2) return JSON.stringify(pick(["]}[{", 'a "quoted" ] word', "back\\slash\\", "é ü 日本", "tab\tnl\n", "\u0001\u001f", "\ud83d\ude00"]));
    if (k === 3) return pick(['"\\u0041\\/\\b\\f\\n\\r\\t"', '"\\"}]"']);
    if (k === 4) return '"plain"';
    if (k === 5) return arr(Array.from({ length: Math.floor(r() * 3) }, () => value(depth + 1)));
    return obj(Array.from({ length: Math.floor(r() * 3) }, (_, i) => [`k${i}[}`, value(depth + 1)]));
  };
  const geometry = () => {
    const t = pick(["Polygon", "Polygon", "MultiPolygon", "MultiPolygon", "Point", "LineString", "MultiPoint", "MultiLineString"]);
    const coords =
      t === "Polygon" ? polygon()
      : t === "MultiPolygon" ? arr(Array.from({ length: Math.floor(r() * 3) }, polygon))
      : t === "Point" ? position()
      : t === "MultiLineString" ? arr([ring()])
      : ring();
    const members: Array<[string, string]> = [["type", JSON.stringify(t)], ["coordinates", coords]];
    if (r() < 0.2) members.push(["bbox", arr([num(), num(), num(), num()])]);
    if (r() < 0.3) [members[0], members[1]] = [members[1], members[0]];
    return obj(members);
  };
  const feature = () => {
    const members: Array<[string, string]> = [["type", '"Feature"'], ["geometry", geometry()]];
    const v = value(0);
    if (r() < 0.8) members.push(["properties", r() < 0.1 ? "null" : v.startsWith("{") ? v : obj([["p", v]])]);
    if (r() < 0.3) members.push(["id", value(2)]);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    return obj(members);
  };
  const top: Array<[string, string]> = [
    ["type", '"FeatureCollection"'],
    ["features", arr(Array.from({ length: Math.floor(r() * 6) }, feature))],
  ];
  if (r() < 0.5) top.push(["crs", obj([["type", '"name"'], ["properties", obj([["name", pick(['"urn:ogc:def:crs:EPSG::2154"', '"EPSG:4326"', '"urn:x:unknown"'])]])]])]);
  if (r() < 0.3) top.push(["name", value(1)]);
  return ws() + obj(top) + ws();
}

describe("the polygon GeoJSON byte reader", () => {
  it("reads numbers as JSON.parse does, in every spelling", () => {
    const r = rng(1);
    const texts = ["0", "-0", "-0.0", "0e5", "1E+2", "1e-2", "123456789012345", "1234567890123456789", "9007199254740993", "0.1", "0.30000000000000004", "6704759.01", "1e22", "1e23", "1.7976931348623157e308", "5e-324", "2.2250738585072014e-308", "123.456e-5", "-99.999999999999999999"];
    for (let i = 0; i < 3000; i++) texts.push(numberText(r));
    const ring = (t: string) => `[[${t},1],[2,${t}],[3,3],[4,5]]`;
    const doc = `{"type":"FeatureCollection","features":[${texts.map((t) => `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[${ring(t)}]}}`).join(",")}]}`;
    const got = fast(file(doc)) as { coords: number[] };
    expect(got).toBeDefined();
    const want = reference(doc) as { coords: number[] };
    // Object.is tells -0 from 0 and compares every bit of the doubles.
    got.coords.forEach((v, i) => {
      if (!Object.is(v, want.coords[i])) throw new Error(`${texts[Math.floor(i / 8)]}: ${v} vs ${want.coords[i]}`);
    });
    expect(got).toEqual(want);
  });

  it("reads random valid documents exactly as the plain reference, cut into blocks anywhere", () => {
    for (let seed = 0; seed < 300; seed++) {
      const doc = randomDocument(seed);
      const path = file(doc);
      const want = reference(doc);
      if (want === "invalid") throw new Error(`seed ${seed}: the generator made an invalid document\n${doc}`);
      for (const block of seed % 10 === 0 ? [1, 2, 3, 7, 64, 1 << 20] : [5, 1 << 20]) {
        const got = fast(path, block);
        if (got === undefined) throw new Error(`seed ${seed}, block ${block}: gave up on a valid document\n${doc}`);
        expect(got).toEqual(want);
      }
    }
  });

  it("reads a file it may not decode (UTF-8 or Windows-1252 properties) without deciding its encoding", () => {
    const head = Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"');
    const tail = Buffer.from('"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}]}');
    for (const middle of [Buffer.from("Gare de l'Est é", "utf-8"), Buffer.from([0x47, 0xe9, 0x72, 0x61, 0x72, 0x64])]) {
      const got = fast(file(Buffer.concat([head, middle, tail])));
      expect(got).toMatchObject({ count: 1, coords: [0, 0, 1, 0, 1, 1], ringSign: [1] });
    }
  });

  it("gives up on every mutation JSON.parse or checkFeature rejects, and reads the others right", () => {
    const r = rng(7);
    const bytes = ["", " ", ",", "]", "[", "{", "}", '"', ":", "\\", "-", ".", "e", "0", "1", "x", "\u0001", "null", "\n"];
    let gaveUp = 0, read = 0;
    for (let i = 0; i < 1500; i++) {
      const base = randomDocument(1000 + (i % 40));
      const at = Math.floor(r() * base.length);
      const cut = Math.floor(r() * 3);
      const doc = base.slice(0, at) + bytes[Math.floor(r() * bytes.length)] + base.slice(at + cut);
      const want = reference(doc);
      const got = fast(file(doc, "mut.geojson"), i % 3 === 0 ? 3 : 1 << 20);
      if (got === undefined) gaveUp++;
      else {
        read++;
        if (want === "invalid") throw new Error(`read a document the reference rejects:\n${doc}`);
        expect(got).toEqual(want);
      }
    }
    // Both outcomes are exercised.
    expect(gaveUp).toBeGreaterThan(100);
    expect(read).toBeGreaterThan(100);
  });

  const giveUps: Record<string, string> = {
    "a BOM": "\ufeff" + '{"type":"FeatureCollection","features":[]}',
    "an escaped key": '{"type":"FeatureCollection","features":[{"typ\\u0065":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}]}',
    "an escaped type": '{"type":"FeatureCollection","features":[{"type":"Featur\\u0065","geometry":{"type":"Point","coordinates":[1,2]}}]}',
    "a duplicate geometry": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"geometry":{"type":"Point","coordinates":[1,2]}}]}',
    "a GeometryCollection": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}]}',
    "a coordinate beyond the doubles": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,2]}}]}',
    "a lone Feature": '{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}',
    "a null geometry": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}',
    "a ring not nested": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1]]}}]}',
    "a short position": '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}}]}',
  };
  for (const [what, doc] of Object.entries(giveUps)) {
    it(`gives up on ${what}, and the general reader then decides`, async () => {
      const path = file(doc);
      expect(fast(path)).toBeUndefined();
      const general = async () => {
        const b = new FlatPolygonBuilder();
        try {
          const res = await streamGeoJSON(path, (f) => b.add(f.geometry));
          return { ...res, polygons: b.finish() };
        } catch (e) {
          return `ERR ${(e as Error).message}`;
        }
      };
      const both = async () => {
        try {
          return await streamFlatPolygons(path);
        } catch (e) {
          return `ERR ${(e as Error).message}`;
        }
      };
      expect(await both()).toEqual(await general());
    });
  }

  it("reads a number longer than its lookahead when the whole file is in the buffer, else gives up", () => {
    const doc = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1.' + "0".repeat(600) + '1,2],[3,4],[5,0]]]}}]}';
    const path = file(doc);
    expect(fast(path)).toEqual(reference(doc));
    expect(fast(path, 64)).toBeUndefined();
  });

  it("gives every bad GeoJSON fixture the general reader's message or result", async () => {
    const bad = readdirSync("test/fixtures/bad").filter((f) => f.endsWith(".geojson")).map((f) => `test/fixtures/bad/${f}`);
    expect(bad.length).toBeGreaterThan(20);
    for (const path of bad) {
      const b = new FlatPolygonBuilder();
      let want: unknown;
      try {
        const res = await streamGeoJSON(path, (f) => b.add(f.geometry));
        want = { ...res, polygons: b.finish() };
      } catch (e) {
        want = `ERR ${(e as Error).message}`;
      }
      let got: unknown;
      try {
        got = await streamFlatPolygons(path);
      } catch (e) {
        got = `ERR ${(e as Error).message}`;
      }
      expect(got, path).toEqual(want);
    }
  });
});
