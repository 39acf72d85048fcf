// The BAN byte reader gives exactly what the general CSV reader gives, or gives up.
import { describe, expect, it } from "vitest";
import { readAddressesBytes } from "../pipeline/geocode/read-addresses-bytes.js";
import { addressesFromBytes } from "../pipeline/geocode/load-gazetteers.js";
import { parseCsv, parseNumberCell } from "../pipeline/geo/read-csv.js";

const COLUMNS = ["numero", "rep", "nom_voie", "code_postal", "lon", "lat"];
const enc = (s: string) => new TextEncoder().encode(s);

/** The points as the general reader's rows say, written out here from parseCsv's table. */
function reference(text: string) {
  const t = parseCsv(text, "x.csv");
  const at = (r: string[], name: string) => r[t.header.indexOf(name)];
  return t.rows.map(({ cells }) => ({
    street: at(cells, "nom_voie"),
    number: parseNumberCell(at(cells, "numero")),
    rep: at(cells, "rep").trim().toLowerCase().slice(0, 1),
    postalCode: at(cells, "code_postal"),
    lon: parseNumberCell(at(cells, "lon")),
    lat: parseNumberCell(at(cells, "lat")),
  }));
}

const HEADER = "id;numero;rep;nom_voie;code_postal;x;lon;lat;alias";
const PLAIN = [
  HEADER,
  "a;1;;Avenue du Général Lemonnier;75001;1;2.330113;48.861299;",
  "b;2;bis;Avenue du Général Lemonnier;75001;2;2.330403;48.861059;x",
  "c;10; Ter ;Rue de l'Épée de Bois;75005;3;-0.5;48,845;",
  "d;7;;Rue de l'Épée de Bois;75005;4;2.1e0;.5;",
  "e;12345678901234567;;Quai;75004;5;2.35;48.85;",
].join("\n");

describe("readAddressesBytes", () => {
  it("reads a plain file as the general reader does (decimal commas, exponents, long numbers, bis/ter)", () => {
    for (const text of [PLAIN, PLAIN + "\n"]) {
      const got = readAddressesBytes(enc(text), COLUMNS);
      expect(got).toBeDefined();
      expect(got).toEqual(reference(text));
    }
  });

  it("gives up on what it does not read with certainty, and the general reader then decides", () => {
    const cases = [
      "\ufeff" + PLAIN, // byte-order mark
      PLAIN.replace(/\n/g, "\r\n"), // CRLF
      PLAIN.replace("Avenue du Général Lemonnier;75001;1", '"Avenue du Général; Lemonnier";75001;1'), // quotes
      PLAIN.replace("\nd;", "\n\nd;"), // a blank line
      PLAIN + "\nf;1;;Rue;75001;6;2.3;48.8;;", // a trailing empty field
    ];
    for (const text of cases) {
      expect(readAddressesBytes(enc(text), COLUMNS)).toBeUndefined();
      expect(addressesFromBytes("x.csv", enc(text))).toEqual(reference(text));
    }
    // Not UTF-8 (CP1252 é): the general reader decodes the whole file as CP1252.
    const cp = Uint8Array.from([...enc(HEADER + "\na;1;;Rue P"), 0xe9, ...enc("ri;75001;1;2.3;48.8;")]);
    expect(readAddressesBytes(cp, COLUMNS)).toBeUndefined();
    expect(addressesFromBytes("x.csv", cp)[0].street).toBe("Rue Péri");
    // A row that is not a number, or a missing column: the general reader's message.
    expect(readAddressesBytes(enc(PLAIN.replace("2.330113", "2.33x")), COLUMNS)).toBeUndefined();
    expect(() => addressesFromBytes("x.csv", enc(PLAIN.replace("2.330113", "2.33x")))).toThrow(/lon "2.33x" is not a number/);
    expect(readAddressesBytes(enc(PLAIN.replace("nom_voie", "voie")), COLUMNS)).toBeUndefined();
    expect(() => addressesFromBytes("x.csv", enc(PLAIN.replace("nom_voie", "voie")))).toThrow(/no nom_voie column/);
  });
});
