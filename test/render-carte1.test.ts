// Carte 1 through the real CLI (layers then render into a temporary folder), then checks of the
// SVG structure and of PNG pixels at places found by projecting known coordinates through the
// same map frame the stage uses. Expected class breaks are the numpy reference of
// test/reference/classify_reference.py (quantiles, k = 6, the stage's default).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { Feature, Point } from "geojson";
import { CAMERAS_2012, otherStderr, tempDir } from "./helpers.js";
import { runCliAsync } from "./render-helpers.js";
import { loadStudy } from "../pipeline/core/study.js";
import { readLayers, splitUnplaced, type Layers } from "../pipeline/render/read-inputs.js";
import { declaredLayers, mapWords, renderSettings } from "../pipeline/render.js";
import { hitsShape, type Shape } from "../pipeline/render/layout.js";
import { cameraPoints, CAMERA_R } from "../pipeline/render/base-map.js";
import { pageRings } from "../pipeline/render/map-page.js";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { carte1, type Carte1 } from "../pipeline/render/carte1.js";
import { classLabel } from "../pipeline/render/format-fr.js";
import { incomeValue, isImputed } from "../pipeline/render/income-layer.js";
import { classOf } from "../pipeline/stats/classify.js";
import { INK } from "../pipeline/render/palettes.js";
import type { XY } from "../pipeline/geo/crs.js";
import { hasGlyphs, textWidth } from "../pipeline/render/text-metrics.js";
import { walk, type TextItem } from "../pipeline/render/scene.js";
import { cellColor } from "../pipeline/render/income-layer.js";
import { incomeLegend } from "../pipeline/render/carte1.js";

// numpy reference, quantiles k = 6 (see test/reference/classify_reference.py).
const REF_QUANTILES6 = [7928.76, 22990.13, 29121.726667, 33459.74, 38221.973333, 43717.22, 71896.19];

let out: string;
let svg: string;
let png: PNG;
let layers: Layers;
let map: Carte1;

beforeAll(async () => {
  out = tempDir();
  expect((await runCliAsync(["layers", "--out", out, ...CAMERAS_2012])).code).toBe(0);
  const r = await runCliAsync(["render", "--out", out]);
  // Without out/stats, the only messages are the notes naming the companion maps skipped.
  for (const l of otherStderr(r.stderr)) expect(l).toMatch(/^contrechamp: render: skipped /);
  expect(r.code).toBe(0);
  svg = readFileSync(join(out, "maps", "carte1.svg"), "utf8");
  png = PNG.sync.read(readFileSync(join(out, "maps", "carte1.png")));
  const study = loadStudy("data/paris/study.json");
  const read = readLayers(out, declaredLayers(study));
  layers = read.layers;
  const s = renderSettings(study);
  map = carte1(layers, s.page, s.classing, mapWords(study, layers, read.manifest, "fr"));
}, 400_000);

/** The content of the group with this id (groups in our SVG never nest a same-id group). */
function groupBody(id: string): string {
  const start = svg.indexOf(`<g id="${id}"`);
  expect(start, `group ${id}`).toBeGreaterThanOrEqual(0);
  let depth = 0;
  const re = /<g[ >]|<\/g>/g;
  re.lastIndex = start;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    depth += m[0] === "</g>" ? -1 : 1;
    if (depth === 0) return svg.slice(start, m.index);
  }
  throw new Error(`unclosed group ${id}`);
}

describe("Carte 1 SVG", () => {
  it("has every layer group, as Inkscape layers", () => {
    for (const id of ["no-residents", "woods", "income", "income-imputed", "river", "arrondissements", "zsp", "zti", "cameras", "arrondissements-labels", "title", "legend", "scale-bar", "north-arrow", "inset", "sources"]) {
      expect(svg).toMatch(new RegExp(`<g id="${id}" inkscape:groupmode="layer"`));
    }
  });

  it("draws every camera of out/layers/cameras.geojson once: one circle per point, stacked cameras counted", () => {
    const cams = JSON.parse(readFileSync(join(out, "layers", "cameras.geojson"), "utf8")).features as Feature[];
    const circles = [...groupBody("cameras").matchAll(/<circle id="([^"]+)"[^>]*>/g)].map((m) => [m[1], /data-count="(\d+)"/.exec(m[0])?.[1], /data-ids="([^"]+)"/.exec(m[0])?.[1]]);
    const ids = circles.flatMap((m) => (m[2] ? m[2].split(" ") : [m[0]!]));
    expect(ids.length).toBe(cams.length);
    expect(new Set(ids)).toEqual(new Set(cams.map((f) => String(f.properties!.id))));
    // Points by hand: distinct coordinate pairs of the layer.
    const points = new Set(cams.map((f) => (f.geometry as Point).coordinates.join(",")));
    expect(circles.length).toBe(points.size);
    expect(circles.reduce((sum, m) => sum + Number(m[1] ?? 1), 0)).toBe(cams.length);
  });

  it("cameras at the same point are drawn once, larger, with their count", () => {
    const [a, b, c] = layers.cameras;
    const twin = { ...b, properties: { ...b.properties, id: "twin" }, geometry: a.geometry };
    const g = cameraPoints(map.frame, [a, twin, b, c]);
    const circles = g.items.filter((it) => it.kind === "circle") as any[];
    expect(circles).toHaveLength(3);
    const stack = circles.find((x) => x.id === String(a.properties!.id));
    expect(stack.data).toEqual({ count: "2", ids: `${a.properties!.id} twin` });
    expect(stack.r).toBeCloseTo(CAMERA_R * Math.SQRT2, 9);
    // Larger sites first, so the single cameras are drawn over them.
    expect(circles[0]).toBe(stack);
  });

  it("cameras that are not single points are set aside and counted, not drawn", () => {
    const [a, b, c] = layers.cameras;
    const multi = { ...a, geometry: { type: "MultiPoint" as const, coordinates: [(b.geometry as Point).coordinates, (c.geometry as Point).coordinates] } };
    const split = splitUnplaced([multi, b, c]);
    expect(split.unplaced).toBe(1);
    expect(split.placed).toEqual([b, c]);
  });

  it("draws one path per income cell and hatches exactly the imputed ones", () => {
    expect((groupBody("income").match(/<path /g) ?? []).length).toBe(1977);
    // 127 cells flagged I_est_cr = 1 (manifest note of the layers stage).
    expect((groupBody("income-imputed").match(/<path /g) ?? []).length).toBe(127);
  });

  it("legend classes are the reference quantile breaks, formatted in French", () => {
    const expected = REF_QUANTILES6.slice(0, -1).map((a, i) => classLabel(a, REF_QUANTILES6[i + 1], "€"));
    const got = expected.map((_, i) => /<text[^>]*>([^<]*)<\/text>/.exec(groupBody(`legend-class-${i}`))![1]);
    expect(got).toEqual(expected);
    expect(got[0]).toBe("7\u202f929 – 22\u202f990\u00a0€");
  });

  it("every character of every label has a glyph in the shipped DejaVu Sans (no missing-glyph boxes)", () => {
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'));
    expect(texts.length).toBeGreaterThan(40);
    const missing = [...new Set(texts.join(""))].filter((ch) => !hasGlyphs(ch) || !hasGlyphs(ch, true));
    expect(missing).toEqual([]);
    expect(hasGlyphs("\u{1F600}")).toBe(false); // the check can fail: DejaVu has no emoji
  });

  it("text is text, in the shipped font, and the sources name the real sources", () => {
    expect(svg).toMatch(/font-family="'DejaVu Sans', sans-serif"/);
    expect(svg).toContain("INSEE, Filosofi 2015");
    expect(readFileSync(join(out, "maps", "carte1.txt"), "utf8")).toContain("Caméras dessinées : 1368 points");
    // The legend says the ZSP are approximated (the label may wrap, so look in the legend's text).
    expect(groupBody("legend-zsp").replace(/<[^>]+>/g, " ")).toMatch(/périmètre\s+approché/);
  });
});

describe("Carte 1 layout", () => {
  /** Box of a text item from the shipped font's advance widths (ascent ~0.76 em, descent ~0.24 em). */
  const box = (t: TextItem) => {
    const w = textWidth(t.text, t.size, t.bold);
    const x0 = t.anchor === "middle" ? t.x - w / 2 : t.anchor === "end" ? t.x - w : t.x;
    return { x0, x1: x0 + w, y0: t.y - 0.76 * t.size, y1: t.y + 0.24 * t.size };
  };
  const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const textsOf = (id: string) => {
    const g = map.scene.layers.find((l) => l.id === id)!;
    return [...walk(g.items)].map(([it]) => it).filter((it): it is TextItem => it.kind === "text");
  };

  it("no two texts of the page overlap (labels, legend, title, scale, sources)", () => {
    const all = map.scene.layers.flatMap((l) => textsOf(l.id!)).map((t) => ({ t, b: box(t) }));
    expect(all.length).toBeGreaterThan(40);
    const clashes: string[] = [];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (overlap(all[i].b, all[j].b)) clashes.push(`${all[i].t.text} × ${all[j].t.text}`);
    expect(clashes).toEqual([]);
  });

  it("every text stays on the page, and the legend stays clear of the city drawn", () => {
    for (const l of map.scene.layers) for (const t of textsOf(l.id!)) {
      const b = box(t);
      expect(b.x0 >= 0 && b.x1 <= map.scene.width && b.y0 >= 0 && b.y1 <= map.scene.height, t.text).toBe(true);
    }
    const shape: Shape = { rings: pageRings(map.frame, layers.city), points: [] };
    const legend = textsOf("legend");
    expect(legend.length).toBeGreaterThan(15);
    for (const t of legend) {
      const b = box(t);
      expect(hitsShape({ x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 }, shape), t.text).toBe(false);
    }
    // The check can fail: a box on the city is caught.
    const c = map.frame.point([2.3488, 48.8534]);
    expect(hitsShape({ x: c[0], y: c[1], w: 5, h: 3 }, shape)).toBe(true);
  });

  it("a cell without a usable income is drawn as no data, and the legend then says so", () => {
    const cells = layers.income_cells.map((f, i) => (i === 0 ? { ...f, properties: { ...f.properties, mean_income: null } } : f));
    const classes = { ...map.classes!, noData: 1 };
    expect(cellColor(cells[0], classes)).toBe(INK.noData);
    expect(INK.noData).not.toBe(INK.noResidents);
    const ctx = map.ctx;
    const e = incomeLegend(classes, { method: "quantiles", k: 6 }, { ...layers, income_cells: cells }, ctx).entries;
    expect(e.find((x) => "id" in x && x.id === "legend-no-data")).toBeTruthy();
    expect(incomeLegend(map.classes!, { method: "quantiles", k: 6 }, layers, ctx).entries.find((x) => "id" in x && x.id === "legend-no-data")).toBeUndefined();
  });
});

// ---- PNG pixels ---------------------------------------------------------------------------
const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
function pixel([x, y]: XY): number[] {
  const s = png.width / map.scene.width; // px per mm
  const i = (Math.floor(y * s) * png.width + Math.floor(x * s)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}
const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** Page-mm segments of every outline drawn over the cells (limits, zones, Seine). */
function outlineSegments(names: string[]): Array<[XY, XY]> {
  const segs: Array<[XY, XY]> = [];
  for (const name of names) {
    for (const f of layers[name]) {
      const rings = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : (f.geometry as any).coordinates;
      for (const poly of rings) for (const ring of poly) for (let i = 1; i < ring.length; i++) segs.push([map.frame.point(ring[i - 1]), map.frame.point(ring[i])]);
    }
  }
  return segs;
}
function distToSegs(p: XY, segs: Array<[XY, XY]>): number {
  let best = Infinity;
  for (const [a, b] of segs) {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
  }
  return best;
}
const camXY = () => layers.cameras.map((f) => map.frame.point((f.geometry as Point).coordinates));
const distToCams = (p: XY, cams: XY[], skip = -1) => Math.min(...cams.filter((_, i) => i !== skip).map((c) => Math.hypot(c[0] - p[0], c[1] - p[1])));
function labelAnchors(): XY[] {
  return [...groupBody("arrondissements-labels").matchAll(/<text[^>]* x="([\d.]+)" y="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function insetRect(): { x0: number; y0: number; x1: number; y1: number } | null {
  const m = /<g id="inset"[^>]*>\s*<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return m ? { x0: +m[1] - 1, y0: +m[2] - 4, x1: +m[1] + +m[3] + 1, y1: +m[2] + +m[4] + 1 } : null;
}
const inInset = (p: XY, r: ReturnType<typeof insetRect>) => !!r && p[0] >= r.x0 && p[0] <= r.x1 && p[1] >= r.y0 && p[1] <= r.y1;

describe("Carte 1 PNG", () => {
  it("is 300 dpi A4 landscape: at least 2480 px on the short side", () => {
    expect(Math.min(png.width, png.height)).toBeGreaterThanOrEqual(2480);
    expect(png.width).toBe(Math.round((297 / 25.4) * 300));
  });

  it("income cells away from lines, points and labels have their class colour", () => {
    const segs = outlineSegments(["arrondissements", "city", "zti", "zsp", "river"]);
    const cams = camXY();
    const labels = labelAnchors();
    const edges = map.classes!.classification.edges;
    const inset = insetRect();
    let checked = 0;
    const wrong: string[] = [];
    for (const f of layers.income_cells) {
      if (isImputed(f)) continue;
      const p = map.frame.planar.centroid(map.frame.planarGeometry(f.geometry)) as XY;
      if (distToCams(p, cams) < 1.5 || labels.some((l) => Math.hypot(l[0] - p[0], l[1] - p[1]) < 6)) continue;
      // Lines and the tourist zones' 1.2 mm band; cells under the woods mask or the inset.
      if (distToSegs(p, segs) < 1.6 || inInset(p, inset)) continue;
      const ring = (f.geometry as any).coordinates[0].slice(0, 4) as number[][];
      const c = [ring.reduce((s, q) => s + q[0], 0) / 4, ring.reduce((s, q) => s + q[1], 0) / 4];
      if (layers.woods.some((w) => booleanPointInPolygon(c, w as any))) continue;
      const expected = hex(map.classes!.colors[classOf(incomeValue(f), edges)]);
      checked++;
      if (!near(pixel(p), expected, 2)) wrong.push(`${f.properties!.id}: ${pixel(p)} ≠ ${expected}`);
    }
    expect(checked).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  it("an isolated camera is a dark dot with a white halo, even on a dark class", () => {
    const segs = outlineSegments(["arrondissements", "city", "zti", "zsp", "river"]);
    const cams = camXY();
    const dark = new Set(map.classes!.colors.slice(-2));
    const inset = insetRect();
    let checked = 0;
    for (let i = 0; i < cams.length && checked < 5; i++) {
      const c = cams[i];
      if (distToCams(c, cams, i) < 2.5 || distToSegs(c, segs) < 1.5 || inInset(c, inset)) continue;
      // Keep dots on the two darkest classes (where a halo matters): the pixel 1.2 mm away shows it.
      const ring = pixel([c[0] + 1.2, c[1]]);
      if (![...dark].some((col) => near(ring, hex(col), 2))) continue;
      expect(near(pixel(c), hex(INK.camera), 8), `centre of ${layers.cameras[i].properties!.id}`).toBe(true);
      // Halo: a white disc of radius 1.45 r under the dot (r = 0.55 mm on A4).
      const r = 0.55;
      const halo = pixel([c[0] + 1.25 * r, c[1]]);
      expect(halo.every((v) => v >= 225), `halo of ${layers.cameras[i].properties!.id}: ${halo}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(5);
  });

  it("ZTI outlines are drawn in their colour along the zones' edges, and not beside them", () => {
    const others = outlineSegments(["arrondissements", "city", "zsp", "river"]);
    const cams = camXY();
    const labels = labelAnchors();
    const inset = insetRect();
    let on = 0;
    let total = 0;
    let beside = 0;
    for (const f of layers.zti) {
      const ring = (f.geometry as any).coordinates[0] as number[][];
      for (let i = 1; i < ring.length; i++) {
        const a = map.frame.point(ring[i - 1]);
        const b = map.frame.point(ring[i]);
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        for (let t = 0.25; t < len; t += 0.5) {
          const p: XY = [a[0] + ((b[0] - a[0]) * t) / len, a[1] + ((b[1] - a[1]) * t) / len];
          if (distToCams(p, cams) < 1.5 || distToSegs(p, others) < 1 || inInset(p, inset) || labels.some((l) => Math.hypot(l[0] - p[0], l[1] - p[1]) < 6)) continue;
          total++;
          if (near(pixel(p), hex(INK.zti), 12)) on++;
          // 1.5 mm to the side along the normal, the ZTI colour must not appear.
          const nx = -(b[1] - a[1]) / len;
          const ny = (b[0] - a[0]) / len;
          if (near(pixel([p[0] + 1.5 * nx, p[1] + 1.5 * ny]), hex(INK.zti), 12)) beside++;
        }
      }
    }
    expect(total).toBeGreaterThan(100);
    // Dashes of 1.8 mm with square caps (+0.49 mm) every 3.3 mm cover ~69 % of the line; corners
    // and dash phase lower it, so require over half.
    expect(on / total).toBeGreaterThan(0.5);
    expect(on / total).toBeLessThan(0.85); // dashed, not solid
    expect(beside / total).toBeLessThan(0.05);
  });
});

describe("render is deterministic", () => {
  it("a second run writes identical bytes", { timeout: 400_000 }, async () => {
    const again = tempDir();
    expect((await runCliAsync(["layers", "--out", again, ...CAMERAS_2012])).code).toBe(0);
    expect((await runCliAsync(["render", "--out", again])).code).toBe(0);
    for (const f of ["carte1.svg", "carte1.png", "carte1.pdf", "carte1.txt"]) {
      expect(readFileSync(join(again, "maps", f)).equals(readFileSync(join(out, "maps", f))), f).toBe(true);
    }
  });
});
