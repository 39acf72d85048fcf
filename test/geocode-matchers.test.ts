// Each matching step on real rows: OSM crossings (croisements_rues_paris.csv lines quoted),
// BAN addresses (adresses-75.csv.gz rows quoted), 2012 Préfecture points (Camera_Pref.dbf),
// sports facilities (equipements_sportifs…geojson) and Ville de Paris ways (voie.geojson).
// Expected positions are those rows' own coordinates; geometry cases are worked by hand.
import { describe, expect, it } from "vitest";
import { buildCrossingIndex, matchCrossingExact, matchCrossingFuzzy } from "../pipeline/geocode/match-crossing.js";
import { buildAddressIndex, matchAddress } from "../pipeline/geocode/match-address.js";
import { buildPrefectureIndex, matchPrefecture2012 } from "../pipeline/geocode/match-prefecture-2012.js";
import { buildPlaceIndex, matchPlace } from "../pipeline/geocode/match-place.js";
import { buildStreetIndex, lazyStreetLine, lineMidpoint, matchStreetCentre, matchStreetLines, segmentApproach } from "../pipeline/geocode/street-lines.js";

const anywhere = () => true;

// croisements_rues_paris.csv lines 2466, 6234, 9635, 15679, 9628.
const crossings = buildCrossingIndex([
  { nom1: "Boulevard des Capucines", nom2: "Rue Scribe", lon: 2.329943, lat: 48.8702501 },
  { nom1: "Rue Auber", nom2: "Rue Scribe", lon: 2.3305842, lat: 48.8717795 },
  { nom1: "Rue de Rivoli", nom2: "Rue Saint-Denis", lon: 2.34745873333333, lat: 48.858739 },
  { nom1: "Rue de Rivoli", nom2: "Rue du Pont Neuf", lon: 2.3440055, lat: 48.8599197 },
  { nom1: "Rue Saint-Denis", nom2: "Rue de Rivoli", lon: 2.34750188, lat: 48.85875016 },
]);

describe("crossings", () => {
  it("exact: list spelling with leading space and lower-case type finds the OSM pair, first point in file order", () => {
    const p = matchCrossingExact(["Rue Saint-Denis", " rue de Rivoli"], crossings, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.34745873333333, 48.858739]);
    expect(p.method).toBe("crossing_exact");
  });
  it("exact: the first pair of a three-street site that OSM knows", () => {
    // annexe1 46329: Place Charles Garnier; rue Auber; rue Scribe → (Garnier, Auber) unknown, (Auber, Scribe) known.
    const p = matchCrossingExact(["Place Charles Garnier", "rue Auber", "rue Scribe"], crossings, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.3305842, 48.8717795]);
  });
  it("exact: the arrondissement rule rejects points outside it", () => {
    expect(matchCrossingExact(["Rue Saint-Denis", "rue de Rivoli"], crossings, (lon) => lon < 2.34)).toBeUndefined();
  });
  it("fuzzy: a misspelt street still finds its crossing, with lower confidence", () => {
    expect(matchCrossingExact(["Boulevard des Capucine", "rue Scribe"], crossings, anywhere)).toBeUndefined();
    const p = matchCrossingFuzzy(["Boulevard des Capucine", "rue Scribe"], crossings, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.329943, 48.8702501]);
    expect(p.confidence).toBeLessThan(0.95);
    expect(p.confidence).toBeGreaterThan(0.5);
  });
});

describe("BAN addresses", () => {
  // adresses-75.csv.gz: 9;;Rue Scribe;75009;2.330268;48.87147 / 11;;…;2.330607;48.872163 / 11;b;…;2.330694;48.872343
  const idx = buildAddressIndex([
    { street: "Rue Scribe", number: 9, rep: "", postalCode: "75009", lon: 2.330268, lat: 48.87147 },
    { street: "Rue Scribe", number: 11, rep: "", postalCode: "75009", lon: 2.330607, lat: 48.872163 },
    { street: "Rue Scribe", number: 11, rep: "b", postalCode: "75009", lon: 2.330694, lat: 48.872343 },
  ]);
  it("takes the bis when the list says bis, the plain number otherwise", () => {
    const bis = matchAddress({ number: 11, suffix: "bis", street: "rue Scribe" }, "75009", idx, anywhere)!;
    expect([bis.lon, bis.lat]).toEqual([2.330694, 48.872343]);
    const plain = matchAddress({ number: 11, suffix: "", street: "rue Scribe" }, "75009", idx, anywhere)!;
    expect([plain.lon, plain.lat]).toEqual([2.330607, 48.872163]);
  });
  it("places a range at the middle of its ends, and a missing number at its nearest neighbour on the same side", () => {
    const r = matchAddress({ number: 9, suffix: "", to: 11, street: "rue Scribe" }, "75009", idx, anywhere)!;
    expect(r.lon).toBeCloseTo((2.330268 + 2.330607) / 2, 9);
    expect(r.lat).toBeCloseTo((48.87147 + 48.872163) / 2, 9);
    const near = matchAddress({ number: 13, suffix: "", street: "rue Scribe" }, "75009", idx, anywhere)!;
    expect([near.lon, near.lat]).toEqual([2.330607, 48.872163]);
    expect(near.confidence).toBeLessThan(plain().confidence);
    function plain() {
      return matchAddress({ number: 11, suffix: "", street: "rue Scribe" }, "75009", idx, anywhere)!;
    }
  });
});

describe("2012 Préfecture points", () => {
  // Camera_Pref.dbf labels with their coordinates (out/layers/cameras_2012.geojson).
  const idx = buildPrefectureIndex([
    { label: "PONT MIRABEAU - AVAL", lon: 2.275338, lat: 48.8466779 },
    { label: "PONT MIRABEAU / QUAI ANDRE CITROEN / CONVENTION", lon: 2.2770413, lat: 48.8460383 },
    { label: "FOCH / PRESBOURG", lon: 2.2926838, lat: 48.873498 },
  ]);
  it("matches a described bridge with its side of the river", () => {
    // annexe1 85275: "Pont Mirabeau aval — Seine" (75016).
    const p = matchPrefecture2012("Pont Mirabeau aval — Seine", idx, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.275338, 48.8466779]);
  });
  it("matches a crossing named without street types", () => {
    const p = matchPrefecture2012("Avenue Foch, rue de Presbourg", idx, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.2926838, 48.873498]);
    expect(matchPrefecture2012("Avenue Foch, rue Pergolèse", idx, anywhere)).toBeUndefined();
  });
});

describe("named places", () => {
  // equipements_sportifs…: "Parc des Princes" 2.25305, 48.84145 (SOURCE.md spot check); voie.geojson: Pont Mirabeau centroid.
  const idx = buildPlaceIndex([
    { name: "Parc des Princes", kind: "facility", lon: 2.25305, lat: 48.84145 },
    { name: "Pont Mirabeau", kind: "way", lon: 2.2756822850270875, lat: 48.84661767044614 },
  ]);
  it("finds the place named in one segment of a described point", () => {
    const p = matchPlace(["PSG — Parc des Princes", "PSG", "Parc des Princes"], idx, anywhere)!;
    expect([p.lon, p.lat]).toEqual([2.25305, 48.84145]);
    const q = matchPlace(["Pont Mirabeau aval — Seine", "Pont Mirabeau aval", "Seine"], idx, anywhere)!;
    expect(q.detail).toContain("Pont Mirabeau");
    expect(matchPlace(["Léo Lagrange"], idx, anywhere)).toBeUndefined();
  });
  it("keeps a gate a gate and ignores names too vague to place", () => {
    // out/layers/stations.geojson "Passy" and voie.geojson "Porte de la Seine" (its centroid_lon/lat):
    // the station is not "Porte de Passy"; "Seine" alone names no spot.
    const st = buildPlaceIndex([
      { name: "Passy", kind: "station", lon: 2.2858124, lat: 48.8574487 },
      { name: "Porte de la Seine", kind: "way", lon: 2.2463310490031967, lat: 48.876128080277844 },
    ]);
    expect(matchPlace(["Porte de Passy"], st, anywhere)).toBeUndefined();
    expect(matchPlace(["Seine"], st, anywhere)).toBeUndefined();
  });
});

describe("street centre lines", () => {
  it("closest approach of two segments: their crossing, or the middle of the gap", () => {
    // By hand: (0,0)-(10,0) and (5,-5)-(5,5) cross at (5,0); (0,0)-(10,0) and (5,4)-(5,9) are 4 m apart, middle (5,2).
    expect(segmentApproach([0, 0], [10, 0], [5, -5], [5, 5])).toEqual({ d: 0, x: 5, y: 0 });
    expect(segmentApproach([0, 0], [10, 0], [5, 4], [5, 9])).toEqual({ d: 4, x: 5, y: 2 });
  });
  const ident = (xy: [number, number]) => xy;
  const lines = buildStreetIndex([
    { name: "Rue Manin", parts: [[[0, 0], [100, 0]]] },
    { name: "Place Armand Carrel", parts: [[[40, -30], [40, 30]]] },
    { name: "Rue Longue", parts: [[[0, 100], [30, 100], [30, 200]]] },
  ]);
  it("places two streets at the meeting of their centre lines", () => {
    const p = matchStreetLines(["Place Armand Carrel", "rue Manin"], lines, anywhere, ident)!;
    expect([p.lon, p.lat]).toEqual([40, 0]);
    expect(p.method).toBe("street_lines");
  });
  it("places a street named alone at half its length, or at the nearest accepted vertex", () => {
    // Rue Longue: 30 m + 100 m = 130 m; half = 65 m, i.e. 35 m up the second segment → (30, 135).
    const p = matchStreetCentre(["rue Longue"], lines, anywhere, ident)!;
    expect([p.lon, p.lat]).toEqual([30, 135]);
    expect(p.confidence).toBeLessThanOrEqual(0.3);
    // With only y < 120 allowed, (30, 135) is refused; the nearest allowed vertex is (30, 100).
    expect(lineMidpoint(lines.get("rue longue")[0], (x, y) => y < 120, ident)).toEqual([30, 100]);
  });
  it("reprojects a lazy street line only when a lookup reads it, to the same answer", () => {
    // "Degrees" that a made-up projection turns into metres (x1000); counted to see which lines it touches.
    const projected: string[] = [];
    const lazy = (name: string, parts: number[][][]) => lazyStreetLine(name, parts, (p) => (projected.push(name), [p[0] * 1000, p[1] * 1000]));
    const idx = buildStreetIndex([
      lazy("Rue Manin", [[[0, 0], [0.1, 0]]]),
      lazy("Place Armand Carrel", [[[0.04, -0.03], [0.04, 0.03]]]),
      lazy("Rue Longue", [[[0, 0.1], [0.03, 0.1], [0.03, 0.2]]]),
    ]);
    expect(projected).toEqual([]);
    const p = matchStreetCentre(["rue Longue"], idx, anywhere, ident)!;
    expect([p.lon, p.lat]).toEqual([30, 135]);
    expect(projected).toEqual(["Rue Longue", "Rue Longue", "Rue Longue"]); // its 3 points, once
    matchStreetCentre(["rue Longue"], idx, anywhere, ident);
    expect(projected.length).toBe(3);
    const q = matchStreetLines(["Place Armand Carrel", "rue Manin"], idx, anywhere, ident)!;
    expect([q.lon, q.lat]).toEqual([40, 0]);
    expect(projected.length).toBe(7);
  });
});
