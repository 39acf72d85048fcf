// Reading rows of the real 2019 list: dates, addresses, crossing streets, and the one shifted row.
// Expected values are the rows' own text (annexe1.csv lines quoted in each case).
import { describe, expect, it } from "vitest";
import { parseCommissioningDate } from "../pipeline/geocode/parse-date.js";
import { parseAddress, parseSite, splitSegments } from "../pipeline/geocode/parse-site.js";
import { readSites } from "../pipeline/geocode.js";

describe("parseCommissioningDate", () => {
  it("reads dd/mm/yy as 20yy-mm-dd", () => {
    expect(parseCommissioningDate("20/01/12")).toEqual({ iso: "2012-01-20" });
    expect(parseCommissioningDate("08/07/16")).toEqual({ iso: "2016-07-08" });
    expect(parseCommissioningDate("29/12/15")).toEqual({ iso: "2015-12-29" });
  });
  it("keeps unknown and imprecise dates null, with the reason", () => {
    expect(parseCommissioningDate("inconnue")).toEqual({ iso: null, reason: "unknown" });
    expect(parseCommissioningDate("#N/A")).toEqual({ iso: null, reason: "not_available" });
    expect(parseCommissioningDate("Début 2019")).toEqual({ iso: null, reason: "imprecise" });
    expect(parseCommissioningDate("31/02/12")).toEqual({ iso: null, reason: "unreadable" });
  });
  it("counts on the whole list add up to 1,391", () => {
    const sites = readSites("data/paris/cameras/annexe1.csv");
    const counts: Record<string, number> = {};
    for (const s of sites) {
      const d = parseCommissioningDate(s.dateRaw);
      const k = d.iso === null ? d.reason : "iso";
      counts[k] = (counts[k] ?? 0) + 1;
    }
    // Independent count: awk -F';' 'NR>1{print $8}' annexe1.csv | grep -v '^[0-9]' | sort | uniq -c
    // gives 51 "inconnue", 9 "#N/A", 17 "Début 2019"; the rest are dd/mm/yy.
    expect(counts.unknown).toBe(51);
    expect(counts.not_available).toBe(9);
    expect(counts.imprecise).toBe(17);
    expect(counts.iso).toBe(1391 - 51 - 9 - 17);
  });
});

describe("parseSite", () => {
  it("reads addresses with ranges, bis and leading words", () => {
    expect(parseAddress("15-17, avenue Simon Bolivar")).toEqual({ number: 15, suffix: "", to: 17, street: "avenue Simon Bolivar" });
    expect(parseAddress("Vis-à-vis du 61, rue Saint-Blaise")).toEqual({ number: 61, suffix: "", to: undefined, street: "rue Saint-Blaise" });
    expect(parseAddress("11 bis, rue Scribe")).toEqual({ number: 11, suffix: "bis", to: undefined, street: "rue Scribe" });
    expect(parseAddress("Place Georges Pompidou, 141, rue Saint-Martin")?.street).toBe("rue Saint-Martin");
    expect(parseAddress("Place du Palais-Royal")).toBeUndefined();
  });

  it("splits crossings and described points on their separators", () => {
    // annexe1.csv line 14: 75001;60777;Place Maurice Barrès — rue Cambon, rue Saint-Honoré;Place Maurice Barrès — rue Cambon; rue Saint-Honoré;;croisement;21/09/12
    const s = parseSite(["75001", "60777", "Place Maurice Barrès — rue Cambon, rue Saint-Honoré", "Place Maurice Barrès — rue Cambon", " rue Saint-Honoré", "", "croisement", "21/09/12"]);
    expect(s.streets).toEqual(["Place Maurice Barrès", "rue Cambon", "rue Saint-Honoré"]);
    expect(s.arrondissement).toBe("75101");
    expect(splitSegments("Pont d'Iéna amont — Seine")).toEqual(["Pont d'Iéna amont", "Seine"]);
  });

  it("repairs the row whose fourth street shifted into the précision column", () => {
    const sites = readSites("data/paris/cameras/annexe1.csv");
    const s = sites.find((x) => x.numero === "11751")!;
    expect(s.precision).toBe("croisement");
    expect(s.streets).toEqual(["Place de Colombie", "boulevard Suchet", "boulevard Lannes", "Porte de la Muette"]);
    expect(s.dateRaw).toBe("09/11/12");
    expect(s.notes).toHaveLength(1);
    expect(sites).toHaveLength(1391);
  });
});
