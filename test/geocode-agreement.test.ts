import { describe, expect, it } from "vitest";
import { agreementWith2012 } from "../pipeline/geocode/agreement-2012.js";

describe("agreementWith2012", () => {
  it("takes each site's nearest 2012 point and summarises per method (worked by hand)", () => {
    const points: Array<[number, number]> = [[0, 0], [100, 0], [0, 300]];
    const sites = [
      { method: "address", xy: [3, 4] as [number, number] }, // nearest (0,0): 5 m
      { method: "address", xy: [100, 40] as [number, number] }, // nearest (100,0): 40 m
      { method: "place", xy: [0, 150] as [number, number] }, // (0,0) and (0,300) both 150 m
    ];
    const r = agreementWith2012(sites, points, ["address", "place", "street_centre"]);
    expect(Object.keys(r)).toEqual(["address", "place"]);
    expect(r.address.compared).toBe(2);
    expect(r.address.median_m).toBe(22.5); // linear interpolation between 5 and 40
    expect(r.address.within_30m).toBe(0.5);
    expect(r.place.median_m).toBe(150);
    expect(r.place.within_100m).toBe(0);
  });
  it("says nothing without 2012 points", () => {
    expect(agreementWith2012([{ method: "address", xy: [0, 0] }], [], ["address"])).toEqual({});
  });
});
