// Two byte-level paths of the stats stage at scale, each against the simple path it replaced:
// - utf8Reader (core/column-file.ts) decodes a UTF-8 column once and slices it; every row must be
//   what decoding that row's bytes alone gives (utf8At), with 2-, 3- and 4-byte characters, nulls,
//   an ASCII column, and malformed bytes (which must fall back to the row-by-row decode);
// - csvPiecesOf (core/csv-format.ts) writes a table as UTF-8 pieces; joined, they must be the bytes
//   of csvTextOf's text, across several pieces and with cells that need quoting.
import { describe, expect, it } from "vitest";
import { Utf8Builder, utf8At, utf8Reader, type Column } from "../pipeline/core/column-file.js";
import { csvPiecesOf, csvTextOf } from "../pipeline/core/csv-format.js";

type Utf8Column = Extract<Column, { type: "utf8" }>;

function columnOf(values: Array<string | number>): Utf8Column {
  const b = new Utf8Builder();
  for (const v of values) b.push(v);
  return b.column("s") as Utf8Column;
}

const rowByRow = (c: Utf8Column) => Array.from({ length: c.offsets.length - 1 }, (_, i) => utf8At(c, i));
const sliced = (c: Utf8Column) => {
  const read = utf8Reader(c);
  return Array.from({ length: c.offsets.length - 1 }, (_, i) => read(i));
};

describe("utf8Reader", () => {
  it("gives every row as decoding its own bytes does (accents, 3- and 4-byte characters, nulls)", () => {
    const values: Array<string | number> = [];
    for (let i = 0; i < 2000; i++) values.push(i % 7 === 3 ? 1 : i % 11 === 5 ? "" : `caméra ${i} — rue de l'Œuvre \u{1F4F7}${"é".repeat(i % 5)}`);
    values.push(2, "fin");
    const c = columnOf(values);
    const got = sliced(c);
    expect(got).toEqual(rowByRow(c));
    // Not vacuous: the rows are the values pushed.
    expect(got[0]).toBe("caméra 0 — rue de l'Œuvre \u{1F4F7}");
    expect(got[3]).toBeNull();
    expect(got[got.length - 1]).toBe("fin");
  });

  it("reads an ASCII column the same way", () => {
    const c = columnOf(Array.from({ length: 500 }, (_, i) => (i % 9 === 0 ? 1 : `syn-${i}`)));
    expect(sliced(c)).toEqual(rowByRow(c));
  });

  it("decodes malformed bytes row by row, as before (a lone continuation byte, a cut sequence, 0xFF)", () => {
    const good = columnOf(["aé", "b", "c€", "d"]);
    const bytes = Buffer.from(good.bytes);
    // "aé" → "a" + a lone continuation byte 0xA9 (its lead replaced by a space); "c€" cut to its first two bytes.
    bytes[1] = 0x20;
    const bad: Utf8Column = { ...good, bytes: Buffer.concat([bytes.subarray(0, 4), Buffer.from([0xe2, 0x82]), Buffer.from([0xff])]), offsets: Uint32Array.from([0, 3, 4, 7, 8]) };
    bad.bytes[4] = 0x63; // "c"
    expect(sliced(bad)).toEqual(rowByRow(bad));
    expect(rowByRow(bad)[0]).toBe("a \uFFFD");
  });
});

describe("csvPiecesOf", () => {
  it("writes csvTextOf's bytes, over several pieces", () => {
    const header = ["id", "label", "value"];
    const n = 60_000;
    const row = (i: number) => [`id-${i}`, i % 13 === 0 ? `quoted, "${i}"` : `caméra ${i} — \u{1F4F7}`, (i / 7).toFixed(3)];
    const pieces = csvPiecesOf(header, n, row);
    expect(pieces.length).toBeGreaterThan(2);
    expect(Buffer.concat(pieces.map((p) => Buffer.from(p))).equals(Buffer.from(csvTextOf(header, n, row), "utf8"))).toBe(true);
    expect(Buffer.concat(csvPiecesOf(header, 0, row)).toString("utf8")).toBe(csvTextOf(header, 0, row));
  });
});
