// The 2012 ↔ 2019 matching and the timing shares, on the pinned Paris inputs of
// test/fixtures/change (extract.py), against independent computations kept beside them:
//   ref_match.py  → ref_match.json  (geopandas 0.12 + pyproj EPSG:2154, sjoin of 2T buffers,
//                                    greedy assignment in pandas, nearest by scipy's k-d tree)
//   ref_timing.py → ref_timing.json (geopandas sjoin "within", pandas groupby, features per date
//                                    picked by hand from their names)
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { toPlanarPoint, toPlanarShape } from "../pipeline/geo/planar.js";
import { pointInPolygons } from "../pipeline/geo/point-in-polygon.js";
import { EdgeIndex } from "../pipeline/geo/edge-index.js";
import { matchAtScales, matchSites, matchSitesBy, matchThreshold, nearestDistances, type MatchSettings, type OldPoint, type SitePoint } from "../pipeline/stats/change-match.js";
import { changeCounts, changeRows } from "../pipeline/stats/change-table.js";
import { changeByDistrict } from "../pipeline/stats/change-districts.js";
import { nameSimilarity, nameWords } from "../pipeline/stats/change-names.js";
import { dayOf, gradeTests, partFeatures, timingTests } from "../pipeline/stats/change-timing.js";
import { CityMask, membershipMoved, placeAtRandom, PointBuckets } from "../pipeline/stats/change-rotation.js";
import { timingClaim } from "../pipeline/stats/change-claim.js";
import { computeChange, zoneShares } from "../pipeline/stats/change.js";
import { cameraViewOfFeatures } from "../pipeline/stats/camera-view.js";
import { loadStudy } from "../pipeline/core/study.js";
import { seededRng } from "../pipeline/stats/rng.js";
import type { TimingTest } from "../pipeline/contracts.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const DIR = "test/fixtures/change";
const rows = (file: string) => {
  const t = parseCsv(readFileSync(join(DIR, file), "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ""])));
};
const point = (lon: string, lat: string): Feature => ({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [Number(lon), Number(lat)] } });
const siteRows = rows("sites.csv");
const sites: SitePoint[] = siteRows.map((r) => {
  const [x, y] = toPlanarPoint(point(r.lon, r.lat));
  return { id: r.id, x, y, label: r.label || null, confidence: r.geocode_confidence === "" ? null : Number(r.geocode_confidence), method: r.geocode_method || null, commissioned: r.commissioned || null };
});
const oldRows = rows("cameras_2012.csv").filter((r) => !(Number(r.outside_city_m) > 0));
const olds: OldPoint[] = oldRows.map((r) => {
  const [x, y] = toPlanarPoint(point(r.lon, r.lat));
  return { id: r.id, x, y, label: r.label || null };
});
const SETTINGS: MatchSettings = { sigmaAtFull: 15, sigmaAtZero: 100, scale: 1, fromEarlierLayer: "prefecture_2012" };
const layer = (name: string) => parseGeoJSON(readFileSync(join(DIR, `${name}.geojson`), "utf8"), name).features;

describe("matching 2019 sites to 2012 cameras", () => {
  const ref = JSON.parse(readFileSync(join(DIR, "ref_match.json"), "utf8"));
  const pairs = matchSites(sites, olds, SETTINGS);
  const table = changeRows(sites, olds, pairs, SETTINGS, { studied: "cameras", earlier: "cameras_2012" });
  const counts = changeCounts(table, "cameras", "cameras_2012", 0);

  it("searching from the sites or from the earlier points gives the same pairs, in the same order", () => {
    const bySites = matchSitesBy(sites, olds, SETTINGS, "sites"), byOlds = matchSitesBy(sites, olds, SETTINGS, "olds");
    expect(bySites.length).toBeGreaterThan(1000);
    expect(byOlds).toEqual(bySites);
    // A large layer beside the earlier one (the sites repeated): the search from the earlier points is the one used.
    const many = [...sites, ...sites.map((x) => ({ ...x, id: `${x.id}-b`, x: x.x + 3, y: x.y - 2 }))];
    expect(matchSitesBy(many, olds, SETTINGS, "olds")).toEqual(matchSitesBy(many, olds, SETTINGS, "sites"));
  });

  it("one search at the largest threshold scale gives each scale's own pairs (the sensitivity rows)", () => {
    const [atRule, half, wide] = matchAtScales(sites, olds, SETTINGS, [1, 0.5, 1.5]);
    expect(atRule).toEqual(pairs);
    expect(half).toEqual(matchSites(sites, olds, { ...SETTINGS, scale: 0.5 }));
    expect(wide).toEqual(matchSites(sites, olds, { ...SETTINGS, scale: 1.5 }));
    // The scales differ (the rows are not one number three times).
    expect(half.length).toBeLessThan(atRule.length);
    expect(wide.length).toBeGreaterThan(atRule.length);
  });

  it("thresholds follow the documented rule (2.448 × √(σ(c)² + 15²), by hand)", () => {
    expect(matchThreshold(0.95, SETTINGS)).toBeCloseTo(2.44775 * Math.hypot(19.25, 15), 2); // 59.73 m
    expect(matchThreshold(0.3, SETTINGS)).toBeCloseTo(2.44775 * Math.hypot(74.5, 15), 2); // 186.0 m
    expect(matchThreshold(null, SETTINGS)).toBeCloseTo(2.44775 * Math.hypot(15, 15), 2);
  });

  it("gives geopandas' counts: kept, new, removed, by method, and the sites positioned from 2012", () => {
    expect(counts.sites_placed).toBe(ref.counts.sites_placed);
    expect(counts.earlier_in_city).toBe(ref.counts.earlier_in_city);
    expect({ kept: counts.kept, new: counts.new, removed: counts.removed }).toEqual({ kept: ref.counts.kept, new: ref.counts.new, removed: ref.counts.removed });
    expect(counts.kept_by_method).toEqual(ref.counts.kept_by_method);
    expect(counts.kept_positioned_from_earlier_layer).toBe(ref.counts.kept_positioned_from_earlier_layer);
    expect(counts.kept + counts.new).toBe(sites.length);
    expect(counts.kept + counts.removed).toBe(olds.length);
  });

  it("pairs every site with geopandas' camera, at its distance (1 cm)", () => {
    const mine = table.filter((r) => r.layer === "cameras");
    let compared = 0;
    for (const r of mine) {
      const e = ref.sites[r.id];
      expect(r.match_id, r.id).toBe(e.match);
      if (e.distance_m !== null) {
        expect(Math.abs(r.distance_m! - e.distance_m), r.id).toBeLessThan(0.01);
        compared++;
      }
    }
    expect(compared).toBe(ref.counts.kept);
  });

  it("measures each site's nearest 2012 camera as scipy's k-d tree does (1 cm)", () => {
    const d = nearestDistances(sites, olds);
    sites.forEach((s, i) => expect(Math.abs(d[i] - ref.sites[s.id].nearest_m), s.id).toBeLessThan(0.01));
  });

  it("counts change per arrondissement as geopandas does (sjoin within for the 2012 cameras)", () => {
    const arr = layer("arrondissements").map((f) => toPlanarShape(f));
    // The rows hold the sites in the fixture's order, then the 2012 cameras.
    const located = { n: siteRows.length, district: (i: number) => siteRows[i].arrondissement || null, status: (i: number) => table[i].status };
    const got = changeByDistrict(arr, (s) => String(s.props.code), located, olds, (j) => table[siteRows.length + j].status);
    expect(Object.fromEntries(got.map(({ code, ...rest }) => [code, rest]))).toEqual(ref.arrondissements);
  });

  it("gives the kept and new sites' shares in each zone as pandas does (join stage membership vs geopandas sjoin)", () => {
    const ref2 = JSON.parse(readFileSync(join(DIR, "ref_timing.json"), "utf8"));
    const joined = siteRows.map((r) => ({ ...point(r.lon, r.lat), properties: { id: r.id, in_city: r.in_city === "1", zti: r.zti || null, zsp: r.zsp || null } }));
    const got = zoneShares(loadStudy("data/paris/study.json"), cameraViewOfFeatures(joined), table);
    expect(got.map(({ zone, kept, kept_in_zone, new: n, new_in_zone }) => ({ zone, kept, kept_in_zone, new: n, new_in_zone }))).toEqual(ref2.zone_shares);
  });

  it("is one-to-one and never pairs beyond twice the threshold", () => {
    expect(new Set(pairs.map((p) => p.old)).size).toBe(pairs.length);
    expect(new Set(pairs.map((p) => p.site)).size).toBe(pairs.length);
    for (const p of pairs) expect(p.distance).toBeLessThanOrEqual(2 * matchThreshold(sites[p.site].confidence, SETTINGS));
  });

  it("reads names as the 2012 layer and the 2019 list write them (by hand)", () => {
    expect([...nameWords("BD SUCHET / RAPHAEL")].sort()).toEqual(["raphael", "suchet"]);
    expect([...nameWords("Boulevard Suchet, avenue Raphaël")].sort()).toEqual(["raphael", "suchet"]);
    expect(nameSimilarity(nameWords("PLACE DE MEXICO / EYLAU"), nameWords("Place de Mexico, avenue d'Eylau, rue de Longchamp"))).toBeCloseTo(0.8, 6);
    expect(nameSimilarity(nameWords(""), nameWords("Place Vendôme"))).toBe(0);
  });
});

describe("timing of commissioning dates against designation dates", () => {
  const ref = JSON.parse(readFileSync(join(DIR, "ref_timing.json"), "utf8"));
  const study = loadStudy("data/paris/study.json");
  const zones = study.zones.map((z) => ({ layer: z.layer, short: z.short, designated: z.designated, shapes: layer(z.layer).map((f) => toPlanarShape(f)) }));
  const city = layer("city").map((f) => toPlanarShape(f));
  const inCity = sites.filter((_, i) => siteRows[i].in_city === "1");
  const tests = timingTests(inCity.map((s) => ({ x: s.x, y: s.y, date: s.commissioned })), zones, city, { seed: 1, draws: 19, minPerSide: 10 });

  it("gives the pandas shares before and after each date, and the area shares", () => {
    expect(tests.map((t) => [t.zone, t.date])).toEqual(ref.tests.map((t: any) => [t.zone, t.date]));
    tests.forEach((t, i) => {
      const e = ref.tests[i];
      expect({ before: t.before, after: t.after, dated: t.dated, undated: t.undated, undated_in_zone: t.undated_in_zone }).toEqual({ before: e.before, after: e.after, dated: e.dated, undated: e.undated, undated_in_zone: e.undated_in_zone });
      expect(Math.abs(t.area_share - e.area_share), `${t.zone} ${t.date}`).toBeLessThan(1e-5);
    });
  });

  it("reads each date's part as the features a reader would pick", () => {
    const zsp = zones.find((z) => z.layer === "zsp")!.shapes;
    const ids = (part: string) => partFeatures(part, zsp).map((i) => zsp[i].id);
    expect(ids("18e Barbès – Goutte d'Or – Château Rouge")).toEqual(["zsp-paris-10-18"]);
    expect(ids("19e")).toEqual(["zsp-paris-19"]);
    expect(ids("unknown place")).toEqual(zsp.map((s) => s.id));
    expect(dayOf("2014-01")).toBe("2014-01-01");
  });

  it("moves and turns a zone inside the city, and an unmoved zone holds the observed cameras", () => {
    const edges = new EdgeIndex(city.flatMap((c) => c.polygons));
    const box = city[0].bbox;
    const mask = new CityMask(edges, box);
    const rng = seededRng(3);
    const zsp19 = zones.find((z) => z.layer === "zsp")!.shapes.filter((s) => s.id === "zsp-paris-19");
    for (let k = 0; k < 20; k++) {
      const { placement: pl } = placeAtRandom(zsp19[0], mask, box, rng);
      const cos = Math.cos(pl.angle), sin = Math.sin(pl.angle);
      for (const [x, y] of zsp19[0].polygons[0][0]) {
        const mx = pl.tx + cos * (x - pl.cx) - sin * (y - pl.cy), my = pl.ty + sin * (x - pl.cx) + cos * (y - pl.cy);
        expect(pointInPolygons(mx, my, city[0].polygons)).toBe(true);
      }
    }
    const s = zsp19[0];
    const cx = (s.bbox[0] + s.bbox[2]) / 2, cy = (s.bbox[1] + s.bbox[3]) / 2;
    const xs = Float64Array.from(inCity, (c) => c.x), ys = Float64Array.from(inCity, (c) => c.y);
    const still = membershipMoved(zsp19, [{ cx, cy, tx: cx, ty: cy, angle: 0 }], new PointBuckets(xs, ys));
    const direct = inCity.map((c) => (pointInPolygons(c.x, c.y, s.polygons) ? 1 : 0));
    expect([...still]).toEqual(direct);
    expect(direct.filter(Boolean).length).toBe(16); // 7 before + 9 after + 0 undated (ref_timing.json)
  });

  it("moved membership through the point buckets equals the even-odd test on the moved ring, point by point", () => {
    const box = city[0].bbox;
    const mask = new CityMask(new EdgeIndex(city.flatMap((c) => c.polygons)), box);
    const rng = seededRng(8);
    const zsp19 = zones.find((z) => z.layer === "zsp")!.shapes.filter((s) => s.id === "zsp-paris-19");
    const xs = Float64Array.from(inCity, (c) => c.x), ys = Float64Array.from(inCity, (c) => c.y);
    const buckets = new PointBuckets(xs, ys, 150);
    let inside = 0;
    for (let k = 0; k < 30; k++) {
      const { placement: pl } = placeAtRandom(zsp19[0], mask, box, rng);
      const cos = Math.cos(pl.angle), sin = Math.sin(pl.angle);
      const moved = zsp19[0].polygons.map((poly) => poly.map((ring) => ring.map(([x, y]) => [pl.tx + cos * (x - pl.cx) - sin * (y - pl.cy), pl.ty + sin * (x - pl.cx) + cos * (y - pl.cy)])));
      const got = membershipMoved(zsp19, [pl], buckets);
      const want = inCity.map((c) => (pointInPolygons(c.x, c.y, moved) ? 1 : 0));
      expect([...got]).toEqual(want);
      inside += want.filter(Boolean).length;
    }
    expect(inside).toBeGreaterThan(0); // the placements did land on cameras
  });

  it("grades by the more conservative test, Bonferroni over the dates tested (by hand)", () => {
    const t = (d: number, pr: number, pp: number): TimingTest => ({
      zone: "z", zone_short: "Z", date: "2000-01-01", part: null, features: [], area_share: 0.1, dated: 100, undated: 0, undated_in_zone: 0,
      before: { cameras: 50, in_zone: 5, share: 0.1 }, after: { cameras: 50, in_zone: 5, share: 0.1 }, difference: d, tested: true,
      rotation: { draws: 999, p_upper: pr, envelope: [0, 0, 0], rejected_placements: 0 }, date_permutation: { draws: 999, p_upper: pp, envelope: [0, 0, 0] },
      grade: "not_established", decided_by: "",
    });
    const ts = [t(0.1, 0.01, 0.001), t(0.1, 0.03, 0.001), t(0.1, 0.2, 0.3), t(-0.1, 0.001, 0.001)];
    gradeTests(ts);
    // 4 dates: 0.01 × 4 = 0.04 < 0.05 holds; 0.03 × 4 = 0.12 but 0.001 < 0.05 → fragile.
    expect(ts.map((x) => x.grade)).toEqual(["holds", "fragile", "not_established", "not_established"]);
    expect(ts[1].decided_by).toMatch(/moved and turned/);
    expect(timingClaim({ computed: true, tests: ts, caveats: { en: [], fr: [] } }).grade).toBe("holds");
  });
});

describe("inputs that do not allow the change", () => {
  // A minimal out/ folder: the joined sites (from the fixture), the city and the zones.
  function outWith(dates: boolean): string {
    const out = tempDir();
    mkdirSync(join(out, "joined"), { recursive: true });
    mkdirSync(join(out, "layers"), { recursive: true });
    const features = siteRows.map((r) => ({ ...point(r.lon, r.lat), properties: { id: r.id, label: r.label, geocode_method: r.geocode_method, geocode_confidence: Number(r.geocode_confidence), commissioned: dates ? r.commissioned || null : null, in_city: r.in_city === "1" } }));
    writeFileSync(join(out, "joined", "cameras.geojson"), JSON.stringify({ type: "FeatureCollection", features }));
    for (const n of ["city", "zti", "zsp"]) writeFileSync(join(out, "layers", `${n}.geojson`), readFileSync(join(DIR, `${n}.geojson`)));
    return out;
  }

  it("without a second vintage: change not computed, with the reason; timing still computed", () => {
    const study = loadStudy("data/paris/study.json");
    delete study.layers.cameras_2012;
    study.settings = { ...study.settings, permutations: 9 };
    const { report, files } = computeChange(study, outWith(true));
    expect(report.computed).toBe(false);
    expect(report.reason).toMatch(/no earlier camera layer/);
    expect(files.size).toBe(0);
    expect(report.timing.computed).toBe(true);
  });

  it("without commissioning dates: timing not computed and the claim says why", () => {
    const study = loadStudy("data/paris/study.json");
    delete study.layers.cameras_2012;
    const { report } = computeChange(study, outWith(false));
    expect(report.timing).toMatchObject({ computed: false, reason: expect.stringMatching(/no commissioning dates/) });
    expect(report.claim).toMatchObject({ id: "timing", grade: "not_established", decided_by: "not computed" });
    // Each statement in its own language (the French one quoted the English reason).
    expect(report.claim!.statement.fr).toBe("Non calculé : la couche de caméras n'a pas de dates de mise en service (commissioned).");
    expect(report.claim!.statement.en).toBe("Not computed: the camera layer has no commissioning dates (commissioned).");
  });
});

describe("a zone that cannot be moved elsewhere in the city", () => {
  it("is reported not tested, with the reason, instead of failing", () => {
    const city = parseGeoJSON(readFileSync(join(DIR, "city.geojson"), "utf8"), "city").features.map((f) => toPlanarShape(f));
    // The zone is the city itself: no turned copy fits inside it.
    const zone = { layer: "whole", short: "W", designated: [{ date: "2015-01-01" }], shapes: city };
    const tests = timingTests(sites.map((s) => ({ x: s.x, y: s.y, date: s.commissioned })), [zone], city, { seed: 1, draws: 3, minPerSide: 10 });
    expect(tests[0]).toMatchObject({ tested: false, grade: "not_established", decided_by: "no clustering-preserving test possible" });
    expect(tests[0].reason).toMatch(/no random placement/);
    expect(tests[0].reason_fr).toMatch(/aucun placement au hasard/);
  });

  it("gives the claim's French statement the reasons in French", () => {
    const city = parseGeoJSON(readFileSync(join(DIR, "city.geojson"), "utf8"), "city").features.map((f) => toPlanarShape(f));
    const zone = { layer: "whole", short: "W", designated: [{ date: "2015-01-01" }], shapes: city };
    const cams = sites.map((s) => ({ x: s.x, y: s.y, date: s.commissioned }));
    // One test the zone cannot be moved for, one with too few cameras on a side (minPerSide huge).
    const unmovable = timingTests(cams, [zone], city, { seed: 1, draws: 3, minPerSide: 10 });
    const tooFew = timingTests(cams, [zone], city, { seed: 1, draws: 3, minPerSide: 1e9 });
    expect(tooFew[0].reason_fr).toMatch(/^trop peu de caméras datées/);
    const claim = timingClaim({ computed: true, tests: [...unmovable, ...tooFew], caveats: { en: [], fr: [] } });
    expect(claim.statement.fr).toMatch(/aucun placement au hasard.*trop peu de caméras datées/);
    expect(claim.statement.fr).not.toMatch(/no random placement|too few dated/);
  });
});
