import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { detectDelimiter, parseCsv, parseNumberCell } from "../pipeline/geo/read-csv.js";
import { InputError } from "../pipeline/core/errors.js";

describe("parseCsv", () => {
  it("reads the real 2019 Préfecture list: ';', leading spaces kept, 1,391 rows", () => {
    const t = parseCsv(readFileSync("data/paris/cameras/annexe1.csv", "utf8"), "annexe1.csv");
    expect(t.delimiter).toBe(";");
    expect(t.header[0]).toBe("Code postal");
    expect(t.rows).toHaveLength(1391); // SOURCE.md: 1,391 sites; `wc -l` = 1,392 lines with the header
    expect(t.rows[0].cells[2]).toBe("Avenue du Général Lemonnier, rue de Rivoli");
    expect(t.rows[0].cells[4]).toBe(" rue de Rivoli");
  });
  it("reads the OSM crossings with ',' delimiter", () => {
    const t = parseCsv(readFileSync("data/paris/cameras/croisements_rues_paris.csv", "utf8"), "x.csv");
    expect(t.delimiter).toBe(",");
    expect(t.rows).toHaveLength(17050);
  });
  it("handles BOM, CRLF/CR/LF mixed, quotes with delimiters and doubled quotes", () => {
    const text = '\ufeffid;name;x\r\n1;"Rue A; coin B";2,5\n2;"dit ""Le Pont""";3\r3;c;4';
    const t = parseCsv(text, "m.csv");
    expect(t.header).toEqual(["id", "name", "x"]);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["1", "Rue A; coin B", "2,5"],
      ["2", 'dit "Le Pont"', "3"],
      ["3", "c", "4"],
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });
  it("detects tab and pipe delimiters", () => {
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a|b|c")).toBe("|");
  });
  it("names the line of an unterminated quote", () => {
    try {
      parseCsv('a,b\n1,2\n3,"oops\n4,5\n', "bad.csv");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message).toBe('contrechamp: bad.csv:3: a quoted field is never closed (close the quote or double the " inside the field)');
    }
  });
  it("rejects a row with the wrong number of fields", () => {
    expect(() => parseCsv("a;b\n1;2;3\n", "w.csv")).toThrow(/w\.csv:2: row has 3 fields but the header has 2/);
  });
  it("rejects an empty file", () => {
    expect(() => parseCsv("  \n", "e.csv")).toThrow(/e\.csv: the file is empty/);
  });
});

describe("parseNumberCell", () => {
  it("accepts decimal commas and points, refuses text", () => {
    expect(parseNumberCell("2,3522")).toBeCloseTo(2.3522, 10);
    expect(parseNumberCell(" 48.85 ")).toBe(48.85);
    expect(parseNumberCell("-1e3")).toBe(-1000);
    expect(Number.isNaN(parseNumberCell("abc"))).toBe(true);
    expect(Number.isNaN(parseNumberCell(""))).toBe(true);
    expect(Number.isNaN(parseNumberCell("1,234,5"))).toBe(true);
  });
});
