// Reading only some columns (parseCsv's `keep`) must change nothing but the unread cells: same
// rows, same line numbers, same errors, same quoting. The reference is the full parse with the
// unread cells blanked afterwards; fast-check explores texts made of the characters that matter.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { keepColumns, parseCsv, type CsvTable } from "../pipeline/geo/read-csv.js";
import { readAddresses } from "../pipeline/geocode/load-gazetteers.js";

type Outcome = { table: Omit<CsvTable, "rows"> & { rows: CsvTable["rows"] } } | { error: string };

function outcome(f: () => CsvTable): Outcome {
  try {
    return { table: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The full parse, unread cells (within the header's width, header of 2+ columns) blanked. */
function blanked(o: Outcome, mask: boolean[]): Outcome {
  if ("error" in o) return o;
  const t = o.table;
  if (t.header.length < 2) return o;
  const keep = t.header.map((_, i) => mask[i % mask.length]);
  return { table: { ...t, rows: t.rows.map((r) => ({ line: r.line, cells: r.cells.map((c, i) => (i < keep.length && !keep[i] ? "" : c)) })) } };
}

const csvChar = fc.constantFrom(";", ",", '"', "\n", "\r", " ", "a", "1", ".", "-");
const csvText = fc.array(csvChar, { maxLength: 120 }).map((cs) => "a;b;c\n" + cs.join(""));

describe("parseCsv with keep (unread columns)", () => {
  it("equals the full parse with unread cells blanked, errors included (seeded property)", () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), (text, mask) => {
        const keep = (h: string[]) => h.map((_, i) => mask[i % mask.length]);
        expect(outcome(() => parseCsv(text, "f.csv", undefined, keep))).toEqual(blanked(outcome(() => parseCsv(text, "f.csv")), mask));
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });

  it("keeps quoting when an unread cell holds a quote (literal mid-cell, opening at the start)", () => {
    const text = 'id;name;x\n1;ab"c;2\n2;"q;uoted";3\n3;  "sp";4\n';
    const keepX = keepColumns(["x"]);
    const t = parseCsv(text, "q.csv", undefined, keepX);
    // Had the quotes of the unread name been missed, the ";" inside "q;uoted" would split row 2.
    expect(t.rows.map((r) => r.cells)).toEqual([
      ["", "", "2"],
      ["", "", "3"],
      ["", "", "4"],
    ]);
  });

  it("reads the real BAN file to the same points as a full parse (158k rows)", () => {
    // Reference: the full parse of the same file, columns picked by name.
    const file = "data/paris/geocoding/adresses-75.csv.gz";
    const full = parseCsv(gunzipSync(readFileSync(file)).toString("utf8"), file);
    const col = (n: string) => full.header.indexOf(n);
    const pts = readAddresses(file);
    expect(pts).toHaveLength(full.rows.length);
    for (const k of [0, 1, 777, 50_000, full.rows.length - 1]) {
      const c = full.rows[k].cells;
      expect(pts[k]).toEqual({ street: c[col("nom_voie")], number: Number(c[col("numero")]), rep: c[col("rep")].trim().toLowerCase().slice(0, 1), postalCode: c[col("code_postal")], lon: Number(c[col("lon")]), lat: Number(c[col("lat")]) });
    }
  });
});
