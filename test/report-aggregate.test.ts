// Above the density threshold the report aggregates: no camera dots on its district maps, the
// camera table cut to the first 1,000 rows with a note naming the full list, tooltips for those
// rows only. The page must not grow with the number of cameras: the same page built over 6,000
// and 60,000 cameras (synthetic, placed by hand over Paris) differs only in the printed counts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Feature, FeatureCollection } from "geojson";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempDir } from "./helpers.js";
import { geojsonText } from "../pipeline/geo/write-geojson.js";
import { methodCounts, readReportInputs, type ReportInputs } from "../pipeline/report/read-inputs.js";
import { reportPage } from "../pipeline/report/page.js";
import { reportCameras, REPORT_CAMERA_ROWS } from "../pipeline/report/camera-summary.js";
import { DEFAULT_DENSITY_THRESHOLD, loadStudy } from "../pipeline/core/study.js";
import { reportStudy } from "../pipeline/report/study-terms.js";

const paris = reportStudy(loadStudy("data/paris/study.json"));

/** n cameras on a 0.0004° lattice over central Paris, in file order c0, c1… */
function cameras(n: number): FeatureCollection {
  const features: Feature[] = Array.from({ length: n }, (_, i) => ({
    type: "Feature",
    properties: { id: `c${i}`, label: `caméra synthétique ${i}`, arrondissement: "75104", commissioned: null, geocode_method: "source", geocode_confidence: 1 },
    geometry: { type: "Point", coordinates: [2.30 + (i % 250) * 0.0004, 48.84 + Math.floor(i / 250) * 0.0001] },
  }));
  return { type: "FeatureCollection", features };
}

let base: ReportInputs;
let outDir: string;
const page = (inp: ReportInputs) => reportPage({ inputs: inp, study: { path: "study.json", title: "t", sha256: "0", settings: {} }, title: "t", sourcesLine: "", version: "0" });
const tableRows = (html: string) => (/<table[^>]*id="t-cameras"[\s\S]*?<\/table>/.exec(html)?.[0].match(/<tr/g)?.length ?? 0) - 1;

beforeAll(() => {
  const out = tempDir();
  const r = runCli(["layers", "--out", out]);
  if (r.code !== 0) throw new Error(r.stderr);
  base = readReportInputs(out, paris);
  outDir = out;
}, 120_000);

describe("the report's camera list", () => {
  it("keeps every camera up to the threshold and lists the first 1,000 with a note above it", () => {
    const small = reportCameras(cameras(DEFAULT_DENSITY_THRESHOLD));
    expect(small.listed!.features).toHaveLength(DEFAULT_DENSITY_THRESHOLD);
    expect(small.dots).toBeDefined();
    expect(small.note).toBeUndefined();
    const big = reportCameras(cameras(DEFAULT_DENSITY_THRESHOLD + 1));
    expect(big.total).toBe(DEFAULT_DENSITY_THRESHOLD + 1);
    expect(big.listed!.features).toHaveLength(REPORT_CAMERA_ROWS);
    expect(big.listed!.features[0].properties!.id).toBe("c0");
    expect(big.dots).toBeUndefined();
    expect(big.note).toContain("out/joined/cameras.geojson");
    expect(big.note).toContain("contrechamp export");
    // The study's threshold, not the default.
    expect(reportCameras(cameras(200), 100).dots).toBeUndefined();
    expect(reportCameras(cameras(200), 200).dots).toBeDefined();
  });
});

describe("the page above the threshold", () => {
  it("draws dots and lists every camera below it", () => {
    const html = page({ ...base, layers: { ...base.layers, cameras: cameras(3000) } });
    expect(tableRows(html)).toBe(3000);
    expect(html.match(/data-key="c:c\d+"/g)!.length).toBe(2 * 3000); // two district maps
  });

  it("aggregates, and does not grow with the number of cameras", () => {
    const a = page({ ...base, layers: { ...base.layers, cameras: cameras(6000) } });
    const b = page({ ...base, layers: { ...base.layers, cameras: cameras(60000) } });
    expect(tableRows(a)).toBe(REPORT_CAMERA_ROWS);
    expect(tableRows(b)).toBe(REPORT_CAMERA_ROWS);
    expect(a).not.toMatch(/<circle[^>]*data-key="c:/);
    expect(b).toContain("60\u202f000 caméras : au-delà de 5\u202f000, la page les agrège");
    expect(b).toContain("Caméras (60000)");
    // Tooltip data for the listed rows only: c999 is there, c1000 is not.
    expect(b).toContain('"c999":');
    expect(b).not.toContain('"c1000":');
    // The two pages differ by a few printed counts (6 000 → 60 000), not by 54,000 cameras.
    expect(Math.abs(b.length - a.length)).toBeLessThan(100);
  });
});

describe("a camera layer past the threshold, read in part", () => {
  it("gives the page built from every camera parsed: count, first rows, methods", () => {
    // Methods varied, some absent, one label holding the key's text (escaped: not a key).
    const all = cameras(6000);
    all.features.forEach((f, i) => {
      const p = f.properties!;
      if (i % 7 === 0) delete p.geocode_method;
      else if (i % 5 === 0) p.geocode_method = "ban_housenumber";
      if (i === 3) p.label = 'dit "geocode_method":"faux"';
    });
    writeFileSync(join(outDir, "layers", "cameras.geojson"), geojsonText(all.features, "cameras"));
    const inp = readReportInputs(outDir, paris);
    expect(inp.geocoding).toBeUndefined(); // the layers stage only: methods counted from the layer
    expect(inp.camerasInLayer).toBe(6000);
    expect(inp.layers.cameras!.features).toHaveLength(REPORT_CAMERA_ROWS);
    // Counted by hand from the rule above: 858 without (i % 7 == 0), of the rest 1,028 multiples of 5 (python3: sum over range(6000)).
    expect(inp.cameraMethods).toEqual({ inconnu: 858, ban_housenumber: 1028, source: 6000 - 858 - 1028 });
    // Scanned in blocks (a layer past the size read whole): the same inputs, digest and all.
    expect(readReportInputs(outDir, paris, DEFAULT_DENSITY_THRESHOLD, 0)).toEqual(inp);
    const whole = { ...inp, layers: { ...inp.layers, cameras: all }, camerasInLayer: undefined, cameraMethods: undefined };
    expect(page(inp)).toBe(page(whole));
    // At the threshold, every feature is read.
    writeFileSync(join(outDir, "layers", "cameras.geojson"), geojsonText(all.features.slice(0, DEFAULT_DENSITY_THRESHOLD), "cameras"));
    const under = readReportInputs(outDir, paris);
    expect(under.camerasInLayer).toBeUndefined();
    expect(under.layers.cameras!.features).toHaveLength(DEFAULT_DENSITY_THRESHOLD);
    expect(readReportInputs(outDir, paris, DEFAULT_DENSITY_THRESHOLD, 0)).toEqual(under);
  });

  it("counts methods of any JSON value, and lines without the key", () => {
    const text = geojsonText([
      { type: "Feature", properties: { geocode_method: "a\\\"b" }, geometry: { type: "Point", coordinates: [2, 48] } },
      { type: "Feature", properties: { geocode_method: null }, geometry: { type: "Point", coordinates: [2, 48] } },
      { type: "Feature", properties: { geocode_method: "é" }, geometry: { type: "Point", coordinates: [2, 48] } },
      { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [2, 48] } },
    ]);
    expect(methodCounts(Buffer.from(text), 4)).toEqual({ 'a\\"b': 1, inconnu: 2, "é": 1 });
  });
});
