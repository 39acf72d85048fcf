// csvLine: one CSV line of cells, quoted by RFC 4180's rule (a cell with a quote, comma or line
// break is quoted, its quotes doubled), the cells joined by commas.
import { describe, expect, it } from "vitest";
import { csvLine, csvPiecesOf } from "../pipeline/core/csv-format.js";

describe("csvLine", () => {
  it("quotes only the cells that need it", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "two\nlines", "cr\r", ""])).toBe('a,"b,c","say ""hi""","two\nlines","cr\r",');
  });
  it("makes an empty line of no cells and a bare cell of one", () => {
    expect(csvLine([])).toBe("");
    expect(csvLine(["only"])).toBe("only");
  });
  it("is what csvPiecesOf writes for each row", () => {
    const rows = [["x", "1,5"], ["é", '"q"']];
    const bytes = Buffer.concat(csvPiecesOf(["h1", "h2"], rows.length, (i) => rows[i])).toString("utf8");
    expect(bytes).toBe('h1,h2\nx,"1,5"\né,"""q"""\n');
  });
});
