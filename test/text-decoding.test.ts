import { describe, expect, it } from "vitest";
import { decodeCp1252 } from "../pipeline/geo/text-decoding.js";

describe("decodeCp1252", () => {
  it("maps 0x80–0x9F to the CP1252 characters, not latin-1 controls", () => {
    // Expected characters from the WHATWG windows-1252 index (by hand): 0x92 ’, 0x96 –, 0x80 €,
    // 0x9C œ; 0xE9 é and ASCII as latin-1; 0x81 is undefined in CP1252 → U+FFFD.
    expect(decodeCp1252(Uint8Array.from([0x6c, 0x92, 0x96, 0x80, 0x9c, 0xe9, 0x81]))).toBe("l’–€œé\ufffd");
  });
  it("decodes long inputs (past the internal chunk) the same as byte by byte", () => {
    const bytes = Uint8Array.from({ length: 20000 }, (_, i) => (i * 7) % 256);
    const oneByOne = [...bytes].map((b) => decodeCp1252(Uint8Array.of(b))).join("");
    expect(decodeCp1252(bytes)).toBe(oneByOne);
  });
});
