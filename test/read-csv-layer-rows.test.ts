// The coordinate-pair CSV path makes features as rows are parsed (read-csv-layer.ts); it must give
// what the table path (readCsvTable over parseCsv) gives: the same features and notes, the same
// message for a bad coordinate, and a wrong field count anywhere still wins over a bad coordinate
// earlier in the file, as when the whole table was parsed first.
import { describe, expect, it } from "vitest";
import { readCsvLayer, readCsvTable } from "../pipeline/geo/read-csv-layer.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";

const both = (text: string, opt: { x?: string; y?: string } = {}) => {
  const a: string[] = [], b: string[] = [];
  return { rows: readCsvLayer(text, "f.csv", opt, undefined, a), table: readCsvTable(parseCsv(text, "f.csv"), "f.csv", opt, undefined, b) };
};

describe("coordinate-pair CSV rows", () => {
  it("gives the table path's features, properties (duplicate columns, __line) and notes", () => {
    const text = 'id;lon;lat;label;id\n1;2,35;48,85;"a;b";x\n\n2;2.3;48.8;c;y\n';
    const { rows, table } = both(text);
    expect(rows).toEqual(table);
    expect(rows.features[0].properties).toEqual({ id: "x", label: "a;b", __line: "2" });
    expect(rows.features[1].properties!.__line).toBe("4");
    expect(rows.notes).toEqual(["1 rows with decimal commas in their coordinates, read as decimal points"]);
  });
  it("names the row of a non-numeric coordinate with the table path's message", () => {
    const text = "id,lon,lat\n1,2.3,48.8\n2,abc,48.8\n3,2.3,x\n";
    expect(() => readCsvLayer(text, "f.csv", {}, undefined, [])).toThrow('contrechamp: f.csv:3: coordinates "abc", "48.8" are not numbers (fix the row or remove it)');
    expect(() => both(text).table).toThrow('contrechamp: f.csv:3: coordinates "abc", "48.8" are not numbers');
  });
  it("reports a wrong field count later in the file before an earlier bad coordinate", () => {
    const text = "id,lon,lat\n1,abc,48.8\n2,2.3,48.8,9\n";
    expect(() => readCsvLayer(text, "f.csv", {}, undefined, [])).toThrow('contrechamp: f.csv:3: row has 4 fields but the header has 3 (delimiter ",")');
  });
  it("leaves mapped columns, x/y without a CRS and geometry columns to the table path", () => {
    const mapped = "a;b;c\n1;2.3;48.8\n";
    expect(readCsvLayer(mapped, "f.csv", { x: "b", y: "c" }, "EPSG:4326", [])).toEqual(readCsvTable(parseCsv(mapped, "f.csv"), "f.csv", { x: "b", y: "c" }, "EPSG:4326", []));
    expect(() => readCsvLayer("id,x,y\n1,650000,6860000\n", "f.csv", {}, undefined, [])).toThrow("x/y columns but no CRS to read them in");
    expect(readCsvLayer('id;wkt\n1;"POINT (2.35 48.85)"\n', "f.csv", {}, undefined, []).features[0].geometry).toEqual({ type: "Point", coordinates: [2.35, 48.85] });
  });
});
