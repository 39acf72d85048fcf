// The street-name fold on real names of the 2019 list (annexe1.csv) and their spellings in the
// other sources (OSM crossings, BAN, 2012 Préfecture layer). Expected keys written by hand from
// the rules: lower case, no accents, abbreviations expanded, articles dropped.
import { describe, expect, it } from "vitest";
import { coreTokens, foldText, normaliseStreetName, streetType } from "../pipeline/geocode/normalise-street-name.js";
import { nameSimilarity } from "../pipeline/geocode/name-similarity.js";

describe("normaliseStreetName", () => {
  it("folds case, accents, hyphens, apostrophes and leading spaces (crossing columns)", () => {
    expect(normaliseStreetName(" rue de Rivoli")).toBe("rue rivoli");
    expect(normaliseStreetName("Avenue du Général Lemonnier")).toBe("avenue general lemonnier");
    expect(normaliseStreetName("Place du Palais-Royal")).toBe(normaliseStreetName("Place Palais Royal"));
    expect(normaliseStreetName("Pont d'Iéna")).toBe("pont iena");
    expect(foldText("Cité des Orgues de Flandre — Sud")).toBe("cite des orgues de flandre sud");
  });

  it("expands abbreviations of types and honorifics", () => {
    expect(normaliseStreetName("Bd St-Michel")).toBe("boulevard saint michel");
    expect(normaliseStreetName("BD GENERAL JEAN SIMON")).toBe("boulevard general jean simon");
    expect(normaliseStreetName("Av. Gal Leclerc")).toBe("avenue general leclerc");
    expect(normaliseStreetName("R. de la Paix")).toBe("rue paix");
    expect(normaliseStreetName("Pl. Ste-Marthe")).toBe(normaliseStreetName("Place Sainte-Marthe"));
    expect(normaliseStreetName("Place Dr Hayem")).toBe("place docteur hayem");
  });

  it("spells out dates in names, as OSM and the BAN do", () => {
    // annexe1: "Rue du 4 Septembre"; OSM/BAN: "Rue du Quatre-Septembre".
    expect(normaliseStreetName("Rue du 4 Septembre")).toBe(normaliseStreetName("Rue du Quatre-Septembre"));
    expect(normaliseStreetName("Place du 8 Mai 1945")).toBe("place huit mai 1945");
  });

  it("separates the type from the name", () => {
    expect(coreTokens("Place de Colombie")).toEqual(["colombie"]);
    expect(coreTokens("Rue du Faubourg Saint-Honoré")).toEqual(["faubourg", "saint", "honore"]);
    expect(streetType("Quai de la Mégisserie")).toBe("quai");
    expect(streetType("Jardin des Halles")).toBe("jardin");
    expect(streetType("Colonne Médicis")).toBeUndefined();
  });
});

describe("nameSimilarity", () => {
  it("scores spellings of one street near 1 and different streets low", () => {
    // "Casimir Perrier" (list) vs "Casimir Périer" (OSM): one typo in a long word.
    expect(nameSimilarity("rue Casimir Perrier", "Rue Casimir-Périer")).toBe(1);
    // A missing first name: Dice = 2·2/(2+3) = 0.8 on name tokens.
    expect(nameSimilarity("avenue Franklin Roosevelt", "Avenue Franklin Delano Roosevelt")).toBeCloseTo(0.8, 10);
    // Same name, other type: 1 × 0.8.
    expect(nameSimilarity("Pont de Grenelle", "Port de Grenelle")).toBeCloseTo(0.8, 10);
    expect(nameSimilarity("Rue Bobillot", "Rue Vaugirard")).toBe(0);
  });
});
