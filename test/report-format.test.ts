// French number formatting and the comparison logic the page embeds. Expected strings are written
// by hand from the French typographic rules (U+202F narrow no-break space between thousands,
// decimal comma, U+2212 minus, no-break space before %); ranks and city values worked by hand.
import { describe, expect, it } from "vitest";
import { formatFr, formatPercentFr } from "../pipeline/report/format-fr.js";
import { compareDistricts } from "../pipeline/report/compare.js";
import { cityValues } from "../pipeline/report/city-values.js";

const N = "\u202f";

describe("formatFr", () => {
  it("groups thousands with a narrow no-break space and uses a decimal comma", () => {
    expect(formatFr(1234567.891, 2)).toBe(`1${N}234${N}567,89`);
    expect(formatFr(999, 0)).toBe("999");
    expect(formatFr(1000, 0)).toBe(`1${N}000`);
    expect(formatFr(0.5, 1)).toBe("0,5");
    expect(formatFr(12.345, 0)).toBe("12");
  });
  it("writes a true minus sign, and no minus for a value that rounds to zero", () => {
    expect(formatFr(-1234.5, 1)).toBe(`\u22121${N}234,5`);
    expect(formatFr(-0.0004, 2)).toBe("0,00");
  });
  it("shows a dash for values that do not exist", () => {
    expect(formatFr(null, 1)).toBe("—");
    expect(formatFr(undefined, 1)).toBe("—");
    expect(formatFr(NaN, 1)).toBe("—");
    expect(formatFr(Infinity, 1)).toBe("—");
  });
  it("formats shares as percentages", () => {
    expect(formatPercentFr(0.1234, 1)).toBe(`12,3${N}%`);
    expect(formatPercentFr(1, 0)).toBe(`100${N}%`);
    expect(formatPercentFr(null, 1)).toBe("—");
  });
});

const rows = [
  { code: "75101", name: "Louvre", values: { cameras: 65, area_km2: 1.8, population: 16000, mean_income: 40000, households: 9000, poverty_rate: 0.1 } },
  { code: "75102", name: "Bourse", values: { cameras: 26, area_km2: 1.0, population: 20000, mean_income: 35000, households: 11000, poverty_rate: 0.2 } },
  { code: "75103", name: "Temple", values: { cameras: 65, area_km2: 1.2, population: 34000, mean_income: null, households: 18000, poverty_rate: 0.15 } },
];

describe("compareDistricts", () => {
  it("finds districts by code or accent-insensitive name and ranks them among all", () => {
    const r = compareDistricts(rows as any, ["75102", "louvre", "Nowhere"], ["cameras", "mean_income"], { cameras: 156, mean_income: null });
    expect(r.districts.map((d) => d.code)).toEqual(["75102", "75101"]);
    expect(r.unknown).toEqual(["Nowhere"]);
    // cameras 65, 26, 65: Louvre ties Temple for 1st, Bourse is 3rd of 3.
    expect(r.lines[0].cells).toEqual([{ value: 26, rank: 3, of: 3 }, { value: 65, rank: 1, of: 3 }]);
    // mean_income: Temple has none, so 2 ranked values.
    expect(r.lines[1].cells).toEqual([{ value: 35000, rank: 2, of: 2 }, { value: 40000, rank: 1, of: 2 }]);
    expect(r.lines[0].city).toBe(156);
  });
});

describe("cityValues", () => {
  it("sums counts, divides totals and weights averages", () => {
    const c = cityValues(rows as any);
    expect(c.cameras).toBe(156);
    expect(c.area_km2).toBeCloseTo(4.0, 12);
    expect(c.cameras_per_km2).toBeCloseTo(39, 12); // 156 / 4.0
    expect(c.cameras_per_10k_residents).toBeCloseTo(22.2857142857, 8); // 156 / 70 000 × 10 000
    expect(c.mean_income).toBeNull(); // one district has no income: no city value rather than a wrong one
    // (0.1·9000 + 0.2·11000 + 0.15·18000) / 38000 = 5800 / 38000
    expect(c.poverty_rate).toBeCloseTo(5800 / 38000, 12);
  });
});
