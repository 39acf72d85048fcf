// What reads the change outputs: the change map and the timeline (render), the report section and
// `compare`. The map is drawn from the pinned Paris inputs with the statuses of the independent
// geopandas matching (test/fixtures/change/ref_match.json), so it is checked against that, not
// against the code that matched; the timeline and the compare columns from small hand-made data.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { changeMap, CHANGE_SYMBOLS, type ChangeInputs } from "../pipeline/render/change-map.js";
import { mapContext } from "../pipeline/render/context.js";
import { loadStudy } from "../pipeline/core/study.js";
import { commissioningTimeline } from "../pipeline/render/change-timeline.js";
import { sceneToSvg } from "../pipeline/render/svg.js";
import { walk, type Item } from "../pipeline/render/scene.js";
import { pageSpec } from "../pipeline/render/page.js";
import { changeSection } from "../pipeline/report/change-section.js";
import { compareDistricts, formatComparison } from "../pipeline/compare.js";
import type { ChangeReport } from "../pipeline/contracts.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const DIR = "test/fixtures/change";
const ref = JSON.parse(readFileSync(join(DIR, "ref_match.json"), "utf8"));
const csvRows = (file: string) => {
  const t = parseCsv(readFileSync(join(DIR, file), "utf8"), file, ",");
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r.cells[i] ?? ""])));
};
const points = (file: string): Feature[] => csvRows(file).map((r) => ({ type: "Feature", properties: { id: r.id, label: r.label, outside_city_m: Number(r.outside_city_m ?? 0) }, geometry: { type: "Point", coordinates: [Number(r.lon), Number(r.lat)] } }));
const layer = (name: string) => parseGeoJSON(readFileSync(join(DIR, `${name}.geojson`), "utf8"), name).features;
const N = "\u202f";

function refChange(): ChangeInputs {
  // Each layer's rows as change.csv would list them (render/change-map.ts LayerRows).
  const rows = (ids: string[], statuses: string[]) => ({ ids, statuses });
  const keptOld = new Set<string>();
  const sites = Object.entries<any>(ref.sites);
  for (const [, s] of sites) if (s.match) keptOld.add(s.match);
  const earlier = csvRows("cameras_2012.csv").filter((r) => !(Number(r.outside_city_m) > 0));
  const status = new Map([
    ["cameras", rows(sites.map(([id]) => id), sites.map(([, s]) => (s.match ? "kept" : "new")))],
    ["cameras_2012", rows(earlier.map((r) => r.id), earlier.map((r) => (keptOld.has(r.id) ? "kept" : "removed")))],
  ]);
  const counts = { ...ref.counts, earlier_outside_city: 12, kept_independent: ref.counts.kept - ref.counts.kept_positioned_from_earlier_layer, new_positioned_from_earlier_layer: 0, kept_distance_m: { median: 11.2, p95: 53.9, max: 321.8 } };
  const report = { computed: true, layers: { studied: "cameras", earlier: "cameras_2012" }, counts, rule: { threshold_m: { confidence_1: 51.9, confidence_0: 247.5 } }, timing: { computed: false, reason: "test", tests: [], caveats: { en: [], fr: [] } }, claim: { id: "timing", grade: "not_established", decided_by: "not computed", statement: { en: "", fr: "" }, numbers: {} } } as unknown as ChangeReport;
  return { report, status };
}

describe("change map", () => {
  const layers = { city: layer("city"), arrondissements: layer("arrondissements"), zti: layer("zti"), zsp: layer("zsp"), woods: [], river: [], cameras: points("sites.csv"), cameras_2012: points("cameras_2012.csv") };
  // The Paris study's declaration (levels, zones) as the maps read it.
  const ctx = mapContext(loadStudy("data/paris/study.json"), layers as never, "fr");
  const scene = changeMap(layers, refChange(), pageSpec("A4"), { title: "t", sources: ["s"], ctx })!;
  const groups = Object.fromEntries([...walk(scene.layers)].filter(([it]) => it.kind === "group" && it.id?.startsWith("cameras-")).map(([it]) => [it.id!, it as Extract<Item, { kind: "group" }>]));
  const ids = (g: string) => groups[g].items.map((it) => (it as { id: string }).id.slice(g.length + 1)).sort();

  it("draws geopandas' kept and new sites and its unmatched 2012 cameras, each once", () => {
    const sites = Object.entries<any>(ref.sites);
    expect(ids("cameras-kept")).toEqual(sites.filter(([, s]) => s.match).map(([id]) => id).sort());
    expect(ids("cameras-new")).toEqual(sites.filter(([, s]) => !s.match).map(([id]) => id).sort());
    expect(ids("cameras-gone")).toHaveLength(ref.counts.removed);
    const matched = new Set(sites.map(([, s]) => s.match).filter(Boolean));
    for (const id of ids("cameras-gone")) expect(matched.has(id)).toBe(false);
  });

  it("uses three shapes that differ in greyscale: filled light disc, filled dark triangle, hollow square", () => {
    const d = (g: string) => (groups[g].items[0] as { d: string }).d;
    expect(d("cameras-kept")).toMatch(/A/);
    expect(d("cameras-new").match(/[ML]/g)).toHaveLength(3);
    expect(d("cameras-gone")).toMatch(/H.*V.*H/);
    // Rec. 601 luma of the fills (what a greyscale print keeps).
    const luma = (hex: string) => { const v = parseInt(hex.slice(1), 16); return 0.299 * (v >> 16) + 0.587 * ((v >> 8) & 255) + 0.114 * (v & 255); };
    expect(luma(CHANGE_SYMBOLS.kept.style.fill!) - luma(CHANGE_SYMBOLS.new.style.fill!)).toBeGreaterThan(60);
    expect(luma(CHANGE_SYMBOLS.removed.style.fill!)).toBe(255);
    expect(luma(CHANGE_SYMBOLS.removed.style.stroke!)).toBeLessThan(120);
    const svg = sceneToSvg(scene);
    expect(svg).toContain(`nouvelle depuis 2012 (${ref.counts.new})`);
    expect(svg).toContain(`disparue depuis 2012 (${ref.counts.removed})`);
  });
});

describe("commissioning timeline", () => {
  const report = {
    commissioned_by_month: [{ month: "2012-01", cameras: 10, kept: 8, new: 2 }, { month: "2012-03", cameras: 5, kept: 0, new: 5 }],
    timing: { computed: true, tests: [{ zone: "zsp", zone_short: "ZSP", part: "19e", date: "2012-02-15" }], caveats: { en: [], fr: [] } },
  } as unknown as ChangeReport;
  const scene = commissioningTimeline(report, pageSpec("A4"), { title: "t", sources: ["s"] })!;
  const rects = Object.fromEntries([...walk(scene.layers)].filter(([it]) => it.kind === "rect" && it.id).map(([it]) => [it.id!, it as Extract<Item, { kind: "rect" }>]));

  it("stacks kept under new with heights in proportion, and keeps the empty month's place", () => {
    expect(Object.keys(rects).sort()).toEqual(["bar-2012-01-kept", "bar-2012-01-new", "bar-2012-03-new"]);
    expect(rects["bar-2012-01-kept"].h / rects["bar-2012-01-new"].h).toBeCloseTo(4, 6);
    expect(rects["bar-2012-03-new"].h / rects["bar-2012-01-new"].h).toBeCloseTo(2.5, 6);
    const step = (rects["bar-2012-03-new"].x - rects["bar-2012-01-kept"].x) / 2;
    const line = [...walk(scene.layers)].find(([it]) => it.kind === "group" && it.id === "designation-0")![0] as Extract<Item, { kind: "group" }>;
    const x = Number(/M([\d.]+),/.exec((line.items[0] as { d: string }).d)![1]);
    // 15 February: the second month's slot (bars start 0.1 slot in), 14/31 of the way through it.
    const slot0 = rects["bar-2012-01-kept"].x - 0.1 * step;
    expect(x).toBeCloseTo(slot0 + step * (1 + 14 / 31), 1);
    expect(sceneToSvg(scene)).toContain("ZSP 19e (15/02/2012)");
  });
});

describe("report section and compare", () => {
  it("states the counts, and the reason when the change was not computed", () => {
    const html = changeSection({ report: refChange().report });
    expect(html).toContain(`<strong>1${N}097</strong> présentes aux deux`);
    expect(html).toContain(`<strong>274</strong> nouvelles`);
    const none = changeSection({ report: { computed: false, reason: "the study has no earlier camera layer (cameras_2012)", timing: { computed: false, reason: "x", tests: [], caveats: { en: [], fr: [] } } } as unknown as ChangeReport });
    expect(none).toContain("Non calculé.</strong> Appariement avec la couche 2012 : the study has no earlier camera layer (cameras_2012)");
    expect(changeSection({})).toContain("stats/change.json");
  });

  it("compare shows the change columns of change_<level>.csv and their city sums (by hand)", () => {
    const out = tempDir();
    mkdirSync(join(out, "stats"), { recursive: true });
    cpSync("test/fixtures/render/stats/arrondissements.csv", join(out, "stats", "arrondissements.csv"));
    // District k (1..20) gets cameras_2012 = k, cameras_2019 = 2k, kept = k, new = k, gone = 0.
    const lines = ["code,cameras_2012,cameras_2019,kept,new,gone", ...Array.from({ length: 20 }, (_, i) => `751${String(i + 1).padStart(2, "0")},${i + 1},${2 * (i + 1)},${i + 1},${i + 1},0`)];
    writeFileSync(join(out, "stats", "change_arrondissements.csv"), lines.join("\n") + "\n");
    const c = compareDistricts(out, ["18e"]);
    const json = JSON.parse(formatComparison(c, "json"));
    expect(json.districts[0].values).toMatchObject({ cameras_2012: 18, cameras_2019: 36, kept: 18, new: 18, gone: 0 });
    expect(json.districts[0].ranks.cameras_2012).toBe(3); // 20 and 19 are higher
    expect(json.city).toMatchObject({ cameras_2012: 210, cameras_2019: 420, new: 210, gone: 0 });
  });
});
