// District look-up of `contrechamp compare`: codes, names with or without accents, numbers.
import { describe, expect, it } from "vitest";
import { cityValues, findDistrict } from "../pipeline/compare.js";

const arr = [
  { code: "75101", name: "Louvre" },
  { code: "75118", name: "Buttes-Montmartre" },
];
const qu = [
  { code: "7511803", name: "Goutte-d'Or" },
  { code: "7510401", name: "Saint-Merri" },
  { code: "7510103", name: "Palais-Royal" },
];

describe("findDistrict", () => {
  it("finds arrondissements by code, ordinal and name", () => {
    for (const q of ["75118", "18e", "18ème", "18", "buttes montmartre"]) expect(findDistrict(q, arr, "arrondissement")?.code).toBe("75118");
    expect(findDistrict("1er", arr, "arrondissement")?.code).toBe("75101");
  });
  it("finds quartiers by name ignoring case, accents and punctuation", () => {
    expect(findDistrict("Goutte-d'Or", qu, "quartier")?.code).toBe("7511803");
    expect(findDistrict("goutte d or", qu, "quartier")?.code).toBe("7511803");
    expect(findDistrict("SAINT MERRI", qu, "quartier")?.code).toBe("7510401");
    expect(findDistrict("Atlantis", qu, "quartier")).toBeUndefined();
  });
});

describe("cityValues", () => {
  it("recomputes ratios from sums: mean income weighted by residents, density from totals", () => {
    const rows = [
      { cameras: "10", area_km2: "1", population: "100", households: "50", mean_income: "20000", poverty_rate: "0.2", zti_area_share: "0.5", zsp_area_share: "0", cameras_in_zti: "4", cameras_in_zsp: "0" },
      { cameras: "30", area_km2: "3", population: "300", households: "150", mean_income: "40000", poverty_rate: "0.1", zti_area_share: "0", zsp_area_share: "0.1", cameras_in_zti: "0", cameras_in_zsp: "2" },
    ];
    const c = cityValues(rows as never);
    // (100·20000 + 300·40000)/400 = 35000; (50·0.2 + 150·0.1)/200 = 0.125; 40/4 = 10 per km²;
    // ZTI (1·0.5)/4 = 0.125; ZSP (3·0.1)/4 = 0.075.
    expect(c.mean_income).toBeCloseTo(35000, 9);
    expect(c.poverty_rate).toBeCloseTo(0.125, 12);
    expect(c.cameras_per_km2).toBeCloseTo(10, 12);
    expect(c.zti_area_share).toBeCloseTo(0.125, 12);
    expect(c.zsp_area_share).toBeCloseTo(0.075, 12);
  });
});
