// A study with only what is required (cameras, one district level, the city): no zones, no
// income, no river or woods, one class, a user's camera layer without a declared source, and
// an analysis area. The render stage must draw Carte 1 and its companions, never crash, and
// keep every text on the page at every preset (issue 15, items 2 and 5).
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { tempDir } from "./helpers.js";
import { loadStudy, type Study } from "../pipeline/core/study.js";
import { InputError, UsageError } from "../pipeline/core/errors.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { companionMaps } from "../pipeline/render/companions.js";
import { mapContext } from "../pipeline/render/context.js";
import { renderSettings } from "../pipeline/render.js";
import { textWidth } from "../pipeline/render/text-metrics.js";
import { walk, type Scene, type TextItem } from "../pipeline/render/scene.js";
import { PRESET_NAMES } from "../pipeline/render/page.js";
import { countPalette, incomePalette } from "../pipeline/render/palettes.js";
import { mapClasses } from "../pipeline/render/classes.js";
import { sceneToSvg } from "../pipeline/render/svg.js";
import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { distanceToBoundary, pointInPolygons } from "../pipeline/geo/point-in-polygon.js";
import { toL93 } from "../pipeline/render/map-frame.js";
import type { Position } from "geojson";

const read = (f: string) => JSON.parse(readFileSync(f, "utf8")).features as Feature[];
const quartiers = read("data/paris/boundaries/quartier_paris.geojson").map((f) => ({ ...f, properties: { id: f.properties!.c_quinsee, code: String(f.properties!.c_quinsee), name: f.properties!.l_qu, arrondissement: String(f.properties!.c_ar) } }));
const city = read("data/paris/boundaries/paris_commune.geojson").map((f) => ({ ...f, properties: { id: "city", name: "Paris" } }));
// 96 cameras on a grid over the 18th arrondissement's quartiers (a user's partial layer).
const q18 = quartiers.filter((f) => f.properties.arrondissement === "18");
const cameras: Feature[] = [];
for (let i = 0; i < 96; i++) cameras.push({ type: "Feature", properties: { id: `c${i}`, label: `site ${i}` }, geometry: { type: "Point", coordinates: [2.33 + (i % 12) * 0.004, 48.886 + Math.floor(i / 12) * 0.0015] } });
// Two cameras at one point: drawn once.
cameras.push({ type: "Feature", properties: { id: "dup" }, geometry: { type: "Point", coordinates: cameras[5].geometry.type === "Point" ? cameras[5].geometry.coordinates : [0, 0] } });

function study(extra: Partial<Study> = {}): Study {
  return {
    name: "ville", title: "Caméras de vidéoprotection de la ville", lang: "fr",
    levels: [{ layer: "quartiers", key: "quartier", label: { fr: "quartier", en: "quarter" } }],
    zones: [], area: null,
    layers: { cameras: { file: "/tmp/x/cams.geojson", user: true }, city: { file: "c", source: "Ville, limites communales", vintage: "2021" }, quartiers: { file: "q", source: "Ville, quartiers", vintage: "2021" } },
    file: "/tmp/x/study.json", dir: "/tmp/x", settings: {},
    ...extra,
  };
}

function statsDir(rows: Array<[string, string, number]>): string {
  const o = tempDir();
  mkdirSync(join(o, "stats"));
  writeFileSync(join(o, "stats", "quartiers.csv"), "code,name,cameras,area_km2,cameras_per_km2\n" + rows.map(([c, n, v]) => `${c},${n},${v},1,${v}`).join("\n") + "\n");
  return o;
}

const texts = (s: Scene) => [...walk(s.layers)].map(([it]) => it).filter((it): it is TextItem => it.kind === "text" && it.text.trim() !== "");
function layoutProblems(name: string, s: Scene): string[] {
  const p: string[] = [];
  const boxes = texts(s).map((t) => {
    const w = textWidth(t.text, t.size, t.bold);
    const x0 = t.anchor === "middle" ? t.x - w / 2 : t.anchor === "end" ? t.x - w : t.x;
    return { t, x0, x1: x0 + w, y0: t.y - 0.76 * t.size, y1: t.y + 0.24 * t.size };
  });
  for (const b of boxes) if (b.x0 < 0 || b.x1 > s.width || b.y0 < 0 || b.y1 > s.height) p.push(`${name}: "${b.t.text}" off the page`);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i];
    const c = boxes[j];
    if (a.x0 < c.x1 && c.x0 < a.x1 && a.y0 < c.y1 && c.y0 < a.y1) p.push(`${name}: "${a.t.text}" × "${c.t.text}"`);
  }
  return p;
}

describe("render from a minimal study", () => {
  it("palettes and classes work for any number of classes, one included", () => {
    for (let k = 1; k <= 12; k++) {
      expect(countPalette(k)).toHaveLength(k);
      expect(incomePalette(k)).toHaveLength(k);
    }
    const one = mapClasses([4, 4, 4], { method: "quantiles", k: 6 })!;
    expect(one.edges).toEqual([4, 4]);
    // A method the schema does not know never reaches classify() as is.
    expect(mapClasses([1, 2, 3, 4], { method: "quantile" as any, k: 2 })!.method).toBe("quantiles");
  });

  it("an unknown --page is a usage error naming the presets; a study's page object is read", () => {
    expect(() => renderSettings(study(), { page: "b5" })).toThrow(UsageError);
    expect(() => renderSettings(study(), { page: "b5" })).toThrow(/a4-landscape, a4-portrait, a3, a3-portrait, column, double-column/);
    expect(renderSettings(study({ settings: { render: { page: { width: 170, height: 120 } } } })).page).toMatchObject({ width: 170, height: 120 });
    // --page wins over the study; a bare --page (true) keeps the study's.
    expect(renderSettings(study({ settings: { render: { page: "a3" } } }), { page: "column" }).page.name).toBe("column");
    expect(renderSettings(study({ settings: { render: { page: "a3" } } }), { page: true }).page.name).toBe("a3");
  });

  it('"method": "quantile" in a study file is a schema error, not a crash', () => {
    const dir = tempDir();
    const s = JSON.parse(readFileSync("data/paris/study.json", "utf8"));
    for (const [k, v] of Object.entries<any>(s.layers)) v.file = join(process.cwd(), "data/paris", v.file);
    s.settings.render = { method: "quantile" };
    writeFileSync(join(dir, "study.json"), JSON.stringify(s, null, 2));
    expect(() => loadStudy(join(dir, "study.json"))).toThrow(InputError);
    expect(() => loadStudy(join(dir, "study.json"))).toThrow(/method/);
  });

  it("Carte 1 and the density map at every preset: cameras over districts, nothing off the page, no path", () => {
    const layers = { city, quartiers, cameras };
    const out = statsDir(quartiers.map((f) => [f.properties.code, f.properties.name, 7] as [string, string, number]));
    const problems: string[] = [];
    for (const page of PRESET_NAMES) {
      const st = study();
      const settings = renderSettings(st, { page });
      const ctx = mapContext(st, layers, "fr");
      const words = { title: st.title, sources: ctx.credit(["cameras", "city"]), ctx };
      const c1 = carte1(layers, settings.page, settings.classing, words).scene;
      const notes: string[] = [];
      const comp = companionMaps({ layers, outDir: out, settings, words, atlas: false, note: (m) => notes.push(m) });
      expect(comp.map(([n]) => n)).toEqual(["cameras-quartiers", "cameras-per-km2-quartiers"]);
      // No summary.json in this folder: the Lorenz chart is skipped, and said so.
      expect(notes).toEqual([expect.stringMatching(/skipped lorenz/), expect.stringMatching(/skipped hotspots-cells/)]);
      for (const [n, s] of [["carte1", c1] as [string, Scene], ...comp]) problems.push(...layoutProblems(`${page}/${n}`, s));
      const svg = sceneToSvg(c1);
      const credit = texts(c1).filter((t) => t.size < 2.2).map((t) => t.text).join(" ");
      expect(credit).toContain("couche de caméras fournie par l’utilisateur, source non déclarée");
      expect(svg).not.toMatch(/\/tmp\/|cams\.geojson/);
      expect(svg).not.toMatch(/<g id="(zti|zsp|income|river|woods)"/);
      // 97 cameras at 96 points.
      expect((svg.match(/<circle id="c\d+"|<circle id="dup"/g) ?? []).length).toBe(96);
      // One density class (every quartier has 7 cameras per km²).
      const density = sceneToSvg(comp[1][1]);
      expect((density.match(/<g id="legend-class-\d+">/g) ?? []).length).toBe(1);
    }
    expect(problems).toEqual([]);
  });

  it("zooms to the analysis area and clips to the frame", () => {
    const area = q18;
    const layers = { city, quartiers, cameras, area };
    const st = study({ area: q18.map((f) => f.properties.code) });
    const ctx = mapContext(st, layers, "en");
    expect(ctx.zoomed).toBe(true);
    const settings = renderSettings(st, { page: "column" });
    const { scene, frame } = carte1(layers, settings.page, settings.classing, { title: st.title, sources: ctx.credit(["cameras"]), ctx });
    expect(layoutProblems("area", scene)).toEqual([]);
    // The 18th fills the frame: a quartier of the 18th's centre is inside, the 5th's is not.
    const inside = frame.point([2.35, 48.89]);
    const outside = frame.point([2.35, 48.845]);
    expect(frame.inside(inside)).toBe(true);
    expect(frame.inside(outside)).toBe(false);
    const svg = sceneToSvg(scene);
    expect(svg).toContain('<g id="map-frame"');
    expect(texts(scene).map((t) => t.text).join(" ")).toContain("camera layer supplied by the user, source not declared");
  });

  it("cuts a zone's outline at the analysis area's limit", () => {
    // Two 120 m squares of one security zone: one inside the 18th, one in the frame but outside
    // the 18th (found on a grid of the 18th's box, 150 m from its limit at least). The rendered
    // map must show the zone's orange line on the first square's edges and not on the second's.
    const shapes = q18.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : []));
    const l93 = shapes.map((poly) => poly.map((ring) => ring.map((p) => toL93([p[0], p[1]]))));
    const lons = shapes.flat(2).map((p) => p[0]), lats = shapes.flat(2).map((p) => p[1]);
    const candidates: Array<{ lonlat: [number, number]; inside: boolean }> = [];
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
      const lonlat: [number, number] = [Math.min(...lons) + ((Math.max(...lons) - Math.min(...lons)) * i) / 20, Math.min(...lats) + ((Math.max(...lats) - Math.min(...lats)) * j) / 20];
      const [x, y] = toL93(lonlat);
      if (distanceToBoundary(x, y, l93) > 150) candidates.push({ lonlat, inside: pointInPolygons(x, y, l93) });
    }
    const pick = (inside: boolean) => candidates.find((c) => c.inside === inside)!.lonlat;
    const square = ([lon, lat]: [number, number]): Position[][] => {
      const [dx, dy] = [0.0008, 0.00055]; // about 120 m by 120 m at this latitude
      return [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]];
    };
    const [ins, outs] = [pick(true), pick(false)];
    const zsp: Feature[] = [{ type: "Feature", properties: { id: "z1" }, geometry: { type: "MultiPolygon", coordinates: [square(ins), square(outs)] } }];
    const layers = { city, quartiers, cameras: [], area: q18, zsp };
    const zones = [{ layer: "zsp", kind: "security" as const, label: { fr: "zone de sécurité", en: "security zone" }, short: "ZS", approximated: false, designated: [] }];
    const st = study({ area: q18.map((f) => f.properties.code), zones });
    const ctx = mapContext(st, layers as never, "fr");
    const settings = renderSettings(st, { page: "a4-landscape" });
    const { scene, frame } = carte1(layers as never, settings.page, settings.classing, { title: st.title, sources: [], ctx });
    const dpi = 150;
    const png = PNG.sync.read(new Resvg(sceneToSvg(scene), { fitTo: { mode: "width", value: Math.round((scene.width / 25.4) * dpi) }, logLevel: "off" }).render().asPng());
    // Orange pixels along a square's four edges (the line is 0.6 mm wide: a few pixels).
    const orangeOnEdges = ([lon, lat]: [number, number]) => {
      const [dx, dy] = [0.0008, 0.00055];
      let n = 0;
      for (let t = 0.2; t <= 0.8; t += 0.1) {
        for (const q of [[lon - dx + 2 * dx * t, lat - dy], [lon - dx + 2 * dx * t, lat + dy], [lon - dx, lat - dy + 2 * dy * t], [lon + dx, lat - dy + 2 * dy * t]]) {
          const [mx, my] = frame.point([q[0], q[1]]);
          const [px, py] = [Math.round((mx / 25.4) * dpi), Math.round((my / 25.4) * dpi)];
          const k = 4 * (py * png.width + px);
          if (png.data[k] > 190 && png.data[k + 1] > 60 && png.data[k + 1] < 150 && png.data[k + 2] < 60) n++;
        }
      }
      return n;
    };
    expect(frame.inside(frame.point(outs))).toBe(true);
    expect(orangeOnEdges(ins)).toBeGreaterThan(20);
    expect(orangeOnEdges(outs)).toBe(0);
  });
});
