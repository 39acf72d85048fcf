import { describe, expect, it } from "vitest";
import { seededRng } from "../pipeline/stats/rng.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCsvPairBytes, readCsvPointsBytes } from "../pipeline/geo/csv-points-bytes.js";
import { readCsvPointColumns } from "../pipeline/geo/read-csv-points.js";
import { columnIndex, coordinateCells, keepColumns, parseCsv } from "../pipeline/geo/read-csv.js";
import { readText } from "../pipeline/geo/read-layer.js";
import { streamCsvPoints } from "../pipeline/geo/stream-csv.js";
import { tempDir } from "./helpers.js";

// The byte reader of point CSVs against the in-memory reader (parseCsv, columnIndex,
// coordinateCells on the whole decoded text): a file it reads must give exactly the reference's
// points, lines and header; a file the reference refuses must make it give up (undefined).

const dir = tempDir("contrechamp-csvbytes-");
let n = 0;
function file(content: string | Buffer, name = `p${n++}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function reference(path: string): unknown {
  try {
    const t = parseCsv(readText(path), path, undefined, keepColumns(["x", "y"]));
    const xi = columnIndex(t, path, ["x"], "x"), yi = columnIndex(t, path, ["y"], "y");
    const pts = t.rows.map((r) => coordinateCells(r.cells, xi, yi, r.line, path));
    return { xs: pts.map((q) => q[0]), ys: pts.map((q) => q[1]), lines: t.rows.map((r) => r.line), header: t.header };
  } catch {
    return "invalid";
  }
}

function fast(path: string, block?: number): unknown {
  const r = readCsvPointsBytes(path, "x", "y", 4, block);
  return r && { xs: [...r.xs], ys: [...r.ys], lines: [...r.lines], header: r.header };
}

const rng = (seed: number): (() => number) => seededRng(seed).next;

/** A plain decimal in the spellings the byte reader takes. */
function plain(r: () => number): string {
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 10)).join("");
  const sign = r() < 0.3 ? "-" : "";
  switch (Math.floor(r() * 5)) {
    case 0:
      return sign + digits(1 + Math.floor(r() * 9));
    case 1:
      return `${sign}${digits(1 + Math.floor(r() * 7))}.${digits(1 + Math.floor(r() * 5))}`;
    case 2:
      return `${sign}${digits(1 + Math.floor(r() * 12))}.${digits(1 + Math.floor(r() * 12))}`; // > 15 digits: Number
    case 3:
      return `${sign}.${digits(1 + Math.floor(r() * 6))}`;
    default:
      return `${sign}${digits(1 + Math.floor(r() * 4))}.`;
  }
}

function randomCsv(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const d = pick([",", ";", "\t", "|"]);
  const eol = pick(["\n", "\r\n"]);
  const names = pick([["id", "x", "y"], ["X", "Y"], ["nom", "y", "extra", "x"], ["x", " Y ", "note"]]);
  const rows = [names.join(d)];
  const count = Math.floor(r() * 40);
  for (let k = 0; k < count; k++) {
    if (r() < 0.1) rows.push("");
    const cells = names.map((h) => (/^\s*[xy]\s*$/i.test(h) ? plain(r) : pick(["", "abc", "é à", "12", "a b", "日本"])));
    if (r() < 0.1) cells.push("");
    if (r() < 0.05) cells.push("", "");
    rows.push(cells.join(d));
  }
  return rows.join(eol) + (r() < 0.7 ? eol : "");
}

describe("the point CSV byte reader", () => {
  it("reads random plain point CSVs exactly as the in-memory reader, cut into blocks anywhere", () => {
    for (let seed = 0; seed < 300; seed++) {
      const path = file(randomCsv(seed));
      const want = reference(path);
      if (want === "invalid") throw new Error(`seed ${seed}: the generator made an invalid file`);
      for (const block of seed % 10 === 0 ? [1, 2, 5, 64, 1 << 20] : [7, 1 << 20]) {
        const got = fast(path, block);
        if (got === undefined) throw new Error(`seed ${seed}, block ${block}: gave up on a plain file`);
        expect(got).toEqual(want);
      }
    }
  });

  it("gives up on every mutation the in-memory reader refuses, and reads the others right", () => {
    const r = rng(11);
    const bytes = ["", " ", ",", ";", "\t", "\n", "\r", "\r\n", '"', "-", ".", "e", "0", "x", "+", "é", "\u0000"];
    let gaveUp = 0, read = 0;
    for (let i = 0; i < 1500; i++) {
      const base = randomCsv(500 + (i % 40));
      const at = Math.floor(r() * base.length);
      const text = base.slice(0, at) + bytes[Math.floor(r() * bytes.length)] + base.slice(at + Math.floor(r() * 3));
      const path = file(text, "mut.csv");
      const want = reference(path);
      const got = fast(path, i % 3 === 0 ? 3 : undefined);
      if (got === undefined) gaveUp++;
      else {
        read++;
        if (want === "invalid") throw new Error(`read a file the reference refuses:\n${JSON.stringify(text)}`);
        expect(got).toEqual(want);
      }
    }
    expect(gaveUp).toBeGreaterThan(100);
    expect(read).toBeGreaterThan(100);
  });

  const giveUps: Record<string, string | Buffer> = {
    "a BOM": "\ufeffx,y\n1,2\n",
    "quotes": 'x,y\n"1",2\n',
    "a decimal comma": "x;y\n1,5;2\n",
    "an exponent": "x,y\n1e3,2\n",
    "spaces around a number": "x,y\n 1,2\n",
    "a lone CR": "x,y\r1,2\r",
    "a short row": "x,y,z\n1,2\n",
    "a long row": "x,y\n1,2,3\n",
    "no y column": "x,z\n1,2\n",
    "one column": "x\n1\n",
    "an empty file": "",
    "a non-ASCII header": "x,y,é\n1,2,3\n",
    "a number beyond the doubles": `x,y\n1${"0".repeat(400)},2\n`,
  };
  for (const [what, text] of Object.entries(giveUps)) {
    it(`gives up on ${what}, and streamCsvPoints then answers as the in-memory reader`, async () => {
      const path = file(text);
      expect(fast(path)).toBeUndefined();
      const want = reference(path);
      let got: unknown;
      try {
        const r = await streamCsvPoints(path, "x", "y");
        got = { xs: [...r.xs], ys: [...r.ys], lines: [...r.lines], header: r.header };
      } catch {
        got = "invalid";
      }
      expect(got).toEqual(want);
    });
  }
});

describe("the byte reader keeping the other columns (layers' camera lists)", () => {
  const byXY = (t: { header: string[] }) => ({ xi: t.header.findIndex((h) => /^x$/i.test(h)), yi: t.header.findIndex((h) => /^y$/i.test(h)) });

  /** The reference's other cells: the whole file parsed (no column skipped), x and y left out. */
  function referenceOthers(path: string): string[][] {
    const t = parseCsv(readText(path), path);
    const { xi, yi } = byXY(t);
    const cols = t.header.map((_, i) => i).filter((i) => i !== xi && i !== yi);
    return cols.map((c) => t.rows.map((r) => r.cells[c] ?? ""));
  }

  it("gives the in-memory reader's cells, non-ASCII UTF-8 included, cut into blocks anywhere", () => {
    let compared = 0;
    for (let seed = 0; seed < 300; seed++) {
      const path = file(randomCsv(seed));
      const want = reference(path) as { header: string[] };
      for (const blockBytes of [5, 1 << 20]) {
        const got = readCsvPairBytes(path, byXY, 4, { blockBytes, keepOthers: true });
        if (!got) {
          // Only a file with no row may be left to the general reader.
          expect(referenceOthers(path).every((c) => c.length === 0)).toBe(true);
          continue;
        }
        expect(got.header).toEqual(want.header);
        expect(got.others).toEqual(referenceOthers(path));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(400);
  });

  it("gives up on a file that is not UTF-8 (the general reader detects its encoding)", () => {
    const path = file(Buffer.from("id,x,y\nA\xe9,2.35,48.85\n", "latin1"));
    expect(readCsvPointsBytes(path, "x", "y", 4)).toBeDefined(); // x, y alone need no decoding
    expect(readCsvPairBytes(path, byXY, 4, { keepOthers: true })).toBeUndefined();
    const cols = readCsvPointColumns(path, { crs: "EPSG:4326" })!;
    expect(cols.values).toEqual([["Aé"]]);
    expect(cols.notes).toContain("not UTF-8: decoded as windows-1252");
  });

  it("makes readCsvPointColumns answer as its general reader (same columns, lines, notes)", () => {
    // The general reader's answer for the same rows: forced by a quoted cell the byte reader refuses.
    const rows = ["id,lon,lat,label", "a1,2.35,48.85,caméra 1", "", "a2,2.3,48.86,日本", "a3,2.31,48.87,"];
    const plainFile = file(rows.join("\n") + "\n");
    const quotedFile = file([...rows.slice(0, 4), 'a3,2.31,48.87,""'].join("\n") + "\n");
    const a = readCsvPointColumns(plainFile)!, b = readCsvPointColumns(quotedFile)!;
    expect(readCsvPairBytes(quotedFile, byXY, 4, { keepOthers: true })).toBeUndefined();
    expect({ ...a, file: "", sourceFiles: [] }).toEqual({ ...b, file: "", sourceFiles: [] });
    expect(a.values).toEqual([["a1", "a2", "a3"], ["caméra 1", "日本", ""]]);
    expect([...a.lines]).toEqual([2, 4, 5]);
  });
});

describe("the bench's streaming readers on a missing file", () => {
  // Both used to stat the file (for its size) before checking it, and failed with Node's ENOENT.
  it("say the file is not found", async () => {
    const { streamFlatPolygons } = await import("../pipeline/geo/stream-flat-polygons.js");
    await expect(streamCsvPoints(join(dir, "none.csv"), "x", "y")).rejects.toThrow(/file not found/);
    await expect(streamFlatPolygons(join(dir, "none.geojson"))).rejects.toThrow(/file not found/);
  });
});
