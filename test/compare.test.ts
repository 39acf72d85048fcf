// The pure comparison shared by `contrechamp compare` and the report page
// (pipeline/stats/compare-districts.ts): district look-up, ranks, and the city values. Ranks and
// city values below are worked by hand from the small tables here.
import { describe, expect, it } from "vitest";
import { compareDistricts, type CompareRow } from "../pipeline/stats/compare-districts.js";

const row = (code: string, name: string, values: Record<string, number | null> = {}): CompareRow => ({ code, name, values });
const arr = [row("75101", "Louvre"), row("75118", "Buttes-Montmartre")];
const qu = [row("7511803", "Goutte-d'Or"), row("7510401", "Saint-Merri"), row("7510103", "Palais-Royal")];
const find = (q: string, rows: CompareRow[], level: string) => compareDistricts([{ level, rows }], [q], []).picked[0]?.row.code;

describe("district look-up", () => {
  it("finds arrondissements by code, ordinal and name", () => {
    for (const q of ["75118", "18e", "18ème", "18", "buttes montmartre"]) expect(find(q, arr, "arrondissement")).toBe("75118");
    expect(find("1er", arr, "arrondissement")).toBe("75101");
    // The page's levels are plural: the ordinal works there too.
    expect(find("18e", arr, "arrondissements")).toBe("75118");
  });
  it("finds quartiers by name ignoring case, accents and punctuation, or by a unique prefix", () => {
    expect(find("Goutte-d'Or", qu, "quartier")).toBe("7511803");
    expect(find("goutte d or", qu, "quartier")).toBe("7511803");
    expect(find("SAINT MERRI", qu, "quartier")).toBe("7510401");
    expect(find("Goutte", qu, "quartier")).toBe("7511803");
    expect(find("Atlantis", qu, "quartier")).toBeUndefined();
    expect(find("18", qu, "quartier")).toBeUndefined();
  });
  it("tries the levels in order and reports what matched nothing", () => {
    const r = compareDistricts([{ level: "arrondissement", rows: arr }, { level: "quartier", rows: qu }], ["Goutte-d'Or", "18e", "Nowhere"], []);
    expect(r.picked.map((p) => [p.level, p.row.code])).toEqual([["quartier", "7511803"], ["arrondissement", "75118"]]);
    expect(r.unknown).toEqual(["Nowhere"]);
  });
});

const rows = [
  row("75101", "Louvre", { cameras: 65, area_km2: 1.8, population: 16000, mean_income: 40000, households: 9000, poverty_rate: 0.1, zti_area_share: 0.5, zsp_area_share: 0 }),
  row("75102", "Bourse", { cameras: 26, area_km2: 1.0, population: 20000, mean_income: 35000, households: 11000, poverty_rate: 0.2, zti_area_share: 0, zsp_area_share: 0.1 }),
  row("75103", "Temple", { cameras: 65, area_km2: 1.2, population: 34000, mean_income: null, households: 18000, poverty_rate: 0.15, zti_area_share: 0, zsp_area_share: 0 }),
];

describe("exact names before prefixes, and suggestions", () => {
  // The Paris case of the issue: "Batignolles" is a unique 4+-letter prefix of the arrondissement
  // Batignolles-Monceau and the whole name of a quartier; the quartier must win though the
  // arrondissements are searched first.
  const arr17 = [row("75117", "Batignolles-Monceau"), row("75118", "Buttes-Montmartre")];
  const qu17 = [row("7511703", "Batignolles"), row("7511704", "Épinettes"), row("7510907", "Faubourg-Montmartre"), row("7511801", "Grandes-Carrières")];
  const iris = [row("751093501", "FAUBOURG MONTMARTRE 1"), row("751093502", "FAUBOURG MONTMARTRE 2")];
  const levels = [{ level: "arrondissement", rows: arr17 }, { level: "quartier", rows: qu17 }, { level: "iris", rows: iris }];
  it("an exact name at a finer level beats a prefix at a coarser one", () => {
    const r = compareDistricts(levels, ["Batignolles", "epinettes", "Batignolles-Monceau", "Batig"], []);
    expect(r.picked.map((p) => [p.level, p.row.code])).toEqual([["quartier", "7511703"], ["quartier", "7511704"], ["arrondissement", "75117"], ["arrondissement", "75117"]]);
  });
  it("suggests names containing the query, near misspellings, and ambiguous prefixes; numbered siblings once", () => {
    const r = compareDistricts(levels, ["Montmartre", "Batignoles", "Grandes Carieres", "Atlantis", "Xy"], []);
    expect(r.unknown).toEqual(["Montmartre", "Batignoles", "Grandes Carieres", "Atlantis", "Xy"]);
    // "montmartre" is inside buttesmontmartre and faubourgmontmartre (distance 1, coarser level first);
    // the IRIS "FAUBOURG MONTMARTRE 1/2" fold to the quartier's name once their number is dropped.
    expect(r.suggestions.Montmartre).toEqual(["Buttes-Montmartre", "Faubourg-Montmartre"]);
    // batignoles → batignolles: one insertion.
    expect(r.suggestions.Batignoles).toEqual(["Batignolles"]);
    // grandescarieres → grandescarrieres: one insertion (accents and spaces folded away).
    expect(r.suggestions["Grandes Carieres"]).toEqual(["Grandes-Carrières"]);
    expect(r.suggestions.Atlantis).toEqual([]);
    expect(r.suggestions.Xy).toEqual([]);
  });
});

describe("ranks", () => {
  it("ranks among every district of the level, ties sharing the best rank, no value no rank", () => {
    const r = compareDistricts([{ level: "arrondissement", rows }], ["75102", "louvre", "Temple"], ["cameras", "mean_income"]);
    // cameras 65, 26, 65: Louvre and Temple tie for 1st, Bourse is 3rd.
    expect(r.picked.map((p) => p.ranks.cameras)).toEqual([3, 1, 1]);
    // mean_income: Temple has none.
    expect(r.picked.map((p) => p.ranks.mean_income)).toEqual([2, 1, null]);
    expect(r.picked.map((p) => p.of)).toEqual([3, 3, 3]);
  });
});

describe("city values", () => {
  const city = (rs: CompareRow[]) => compareDistricts([{ level: "arrondissement", rows: rs }], [rs[0].code], ["cameras", "area_km2", "cameras_per_km2", "cameras_per_10k_residents", "mean_income", "poverty_rate", "zti_area_share", "zsp_area_share", "lq_area"]).city;
  it("sums counts, divides totals and weights averages", () => {
    const c = city(rows);
    expect(c.cameras).toBe(156);
    expect(c.area_km2).toBeCloseTo(4.0, 12);
    expect(c.cameras_per_km2).toBeCloseTo(39, 12); // 156 / 4.0
    expect(c.cameras_per_10k_residents).toBeCloseTo(22.2857142857, 8); // 156 / 70 000 × 10 000
    // (0.1·9000 + 0.2·11000 + 0.15·18000) / 38000 = 5800 / 38000
    expect(c.poverty_rate).toBeCloseTo(5800 / 38000, 12);
    // area-weighted: (1.8·0.5) / 4 = 0.225; (1.0·0.1) / 4 = 0.025
    expect(c.zti_area_share).toBeCloseTo(0.225, 12);
    expect(c.zsp_area_share).toBeCloseTo(0.025, 12);
    expect(c.lq_area).toBe(1);
  });
  it("gives no mean rather than a wrong one when a district with residents has no value", () => {
    expect(city(rows).mean_income).toBeNull();
  });
  it("leaves out of the mean a district with no value and no weight (no residents, no income)", () => {
    const c = city([rows[0], rows[1], row("75199", "Bois", { ...rows[2].values, population: 0, mean_income: null })]);
    // (16000·40000 + 20000·35000) / 36000
    expect(c.mean_income).toBeCloseTo(1_340_000_000 / 36000, 9);
  });
  it("takes the city from the level of the first district found", () => {
    const r = compareDistricts([{ level: "arrondissement", rows: arr.map((a) => ({ ...a, values: { cameras: 1 } })) }, { level: "quartier", rows: qu.map((q) => ({ ...q, values: { cameras: 5 } })) }], ["Goutte-d'Or", "18e"], ["cameras"]);
    expect(r.city.cameras).toBe(15);
  });
});

describe("as the page embeds it", () => {
  it("runs from its own source text alone", () => {
    const embedded = new Function(`"use strict"; ${compareDistricts.toString()}; return compareDistricts;`)() as typeof compareDistricts;
    expect(embedded([{ level: "arrondissements", rows: arr }], ["18e"], []).picked[0].row.code).toBe("75118");
  });
});
