// Print checks of issue 14 on every map the stage draws, at every page preset: text inside the
// page and not overlapping (boxes from the shipped font's advance widths), type ≥ 6 pt and
// lines ≥ 0.25 pt at the final size; key symbol colours apart in normal vision, deuteranopia and
// greyscale (simulation and ΔE checked against R: test/fixtures/colour/ref.R); PDF fonts
// embedded (pdffonts, Debian poppler-utils); the SVG drawn the same without DejaVu installed.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { PNG } from "pngjs";
import { Resvg } from "@resvg/resvg-js";
import { CAMERAS_2012, tempDir } from "./helpers.js";
import { breathe, runCliAsync, textBox as box, textCollisions, textsOf } from "./render-helpers.js";
import { loadStudy } from "../pipeline/core/study.js";
import { readLayers } from "../pipeline/render/read-inputs.js";
import { declaredLayers, mapWords, renderSettings } from "../pipeline/render.js";
import { carte1 } from "../pipeline/render/carte1.js";
import { companionMaps } from "../pipeline/render/companions.js";
import type { Group, Item, Scene } from "../pipeline/render/scene.js";
import { PRESET_NAMES, PT } from "../pipeline/render/page.js";
import { sceneToSvg } from "../pipeline/render/svg.js";
import { sceneToPdf } from "../pipeline/render/pdf.js";
import { deltaE, deuteranopia, greyscale, MIN_DELTA_E, symbolDistances } from "../pipeline/render/colour-vision.js";

let out: string;
const scenes: Array<[string, Scene]> = [];

beforeAll(async () => {
  out = tempDir();
  expect((await runCliAsync(["layers", "--out", out, ...CAMERAS_2012])).code).toBe(0);
  cpSync("test/fixtures/render/stats", join(out, "stats"), { recursive: true });
  const study = loadStudy("data/paris/study.json");
  const { layers, manifest } = readLayers(out, declaredLayers(study));
  for (const [page, lang] of [...PRESET_NAMES.map((p) => [p, "fr"]), ["a4-landscape", "en"], ["column", "en"]] as const) {
    const settings = renderSettings(study, { page, lang });
    const words = mapWords(study, layers, manifest, settings.lang);
    scenes.push([`${page}/${lang}/carte1`, carte1(layers, settings.page, settings.classing, words).scene]);
    await breathe();
    const comp = companionMaps({ layers, outDir: out, settings, words, atlas: page === "a4-landscape" || page === "column", note: () => {} });
    // Two atlas pages (a central and a peripheral district) stand for the twenty.
    for (const [n, s] of comp) if (!n.startsWith("atlas/") || n === "atlas/75101" || n === "atlas/75116") scenes.push([`${page}/${lang}/${n}`, s]);
    await breathe();
  }
}, 600_000);

describe("every map at every preset", () => {
  it("covers each preset and both languages", () => {
    const presets = new Set(scenes.map(([n]) => n.split("/")[0]));
    expect([...presets].sort()).toEqual([...PRESET_NAMES].sort());
    // Carte 1, circles, two density levels (the fixture has no IRIS table), Lorenz, two layers, ridership and the volunteer survey; + atlas.
    expect(scenes.filter(([n]) => n.startsWith("a4-portrait/fr/")).map(([n]) => n.split("/")[2]).sort()).toEqual(
      ["cameras-2012-2019", "cameras-arrondissements", "cameras-per-km2-quartiers", "carte1", "lorenz", "private-cameras", "ridership"].sort(),
    );
  });

  it("keeps every text inside the page and apart from every other text", () => {
    expect(textCollisions(scenes, 0.01)).toEqual([]);
  });

  it("sets no text under 6 pt and no line under 0.25 pt, at the final size", () => {
    const small: string[] = [];
    const thin: string[] = [];
    for (const [name, scene] of scenes) {
      for (const t of textsOf(scene)) if (t.size < 6 * PT - 1e-9) small.push(`${name}: "${t.text}" ${(t.size / PT).toFixed(2)} pt`);
      const check = (items: Item[], inherited: number | undefined, stroked: boolean) => {
        for (const it of items) {
          const st = it.kind === "text" ? undefined : it.style;
          const w = st?.strokeWidth ?? inherited;
          const s = st?.stroke !== undefined ? st.stroke !== "none" : stroked;
          if (it.kind === "group") check(it.items, w, s);
          else if (it.kind !== "text" && s && w !== undefined && w < 0.25 * PT - 1e-9) thin.push(`${name}: ${it.id ?? it.kind} ${(w / PT).toFixed(2)} pt`);
        }
      };
      check(scene.layers as Group[], undefined, false);
    }
    expect(small).toEqual([]);
    expect([...new Set(thin)].slice(0, 10)).toEqual([]);
  });

  it("prints no file path and no internal code on any page", () => {
    const bad = /out\/|\.csv|\.geojson|prefecture_2019|crossing_exact|cameras_2012|\bGVF\b.*seuils choisis/;
    const found = scenes.flatMap(([name, s]) => textsOf(s).filter((t) => bad.test(t.text)).map((t) => `${name}: ${t.text}`));
    expect(found).toEqual([]);
  });

  it("the English pages speak English", () => {
    const en = scenes.filter(([n]) => n.startsWith("a4-landscape/en/carte1"))[0][1];
    const words = textsOf(en).map((t) => t.text).join(" ");
    expect(words).toMatch(/Mean standard of living of residents, 2015/);
    expect(words).toMatch(/camera \(1,368\)/);
    expect(words).not.toMatch(/Niveau de vie|caméra/);
  });
});

describe("key symbols stay apart (issue 14: ZTI line, top income class, camera)", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/colour/ref.json", "utf8"));
  it("simulates deuteranopia and greyscale as R's colorspace does", () => {
    for (const [c, d] of Object.entries<string>(ref.deutan)) expect(deuteranopia(c)).toBe(d.toLowerCase());
    for (const [c, g] of Object.entries<string>(ref.grey)) expect(greyscale(c)).toBe(g.toLowerCase());
  });
  it("measures CIEDE2000 as R's farver does", () => {
    for (const p of ref.pairs) {
      expect(deltaE(p.a, p.b)).toBeCloseTo(p.normal, 1);
      expect(deltaE(deuteranopia(p.a), deuteranopia(p.b))).toBeCloseTo(p.deuteranopia, 1);
      expect(deltaE(greyscale(p.a), greyscale(p.b))).toBeCloseTo(p.greyscale, 1);
    }
  });
  it(`keeps every pair at ΔE2000 ≥ ${MIN_DELTA_E} in normal vision, deuteranopia and greyscale`, () => {
    const d = symbolDistances();
    expect(d).toHaveLength(9);
    const below = d.filter((x) => x.deltaE < MIN_DELTA_E).map((x) => `${x.a}/${x.b} ${x.vision} ${x.deltaE.toFixed(1)}`);
    expect(below).toEqual([]);
    // The check can fail: the old palette's dark ZTI purple on the darkest YlGnBu class could not pass.
    expect(deltaE(greyscale("#7a0177"), greyscale("#225ea8"))).toBeLessThan(MIN_DELTA_E);
  });
});

describe("production outputs", () => {
  // The Lorenz page (regular, bold and italic type, few shapes); Carte 1's PDF is checked byte
  // for byte by render-carte1, and drawn against its SVG by render-pdf.
  it("the PDF is vector with every font embedded (pdffonts) and its text is the map's", { timeout: 300_000 }, async () => {
    const [, scene] = scenes.find(([n]) => n === "a4-landscape/fr/lorenz")!;
    const pdf = await sceneToPdf(scene);
    const f = join(out, "carte1.pdf");
    writeFileSync(f, pdf);
    const fonts = execFileSync("pdffonts", [f], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.length).toBe(3); // regular, bold, oblique
    for (const l of fonts) {
      expect(l).toMatch(/DejaVuSans/);
      expect(l.split(/\s+/).slice(-5, -4)[0]).toBe("yes"); // the "emb" column
    }
    const info = execFileSync("pdfinfo", [f], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+841\.8\d* x 595\.2\d* pts/);
    const txt = execFileSync("pdftotext", [f, "-"], { encoding: "utf8" });
    expect(txt).toContain("Concentration des caméras");
    expect(txt).toContain("répartition égale");
    // No raster image: a vector page.
    expect(execFileSync("pdfimages", ["-list", f], { encoding: "utf8" }).trim().split("\n").length).toBe(2);
    // Same bytes twice (fixed creation date).
    expect((await sceneToPdf(scene)).equals(pdf)).toBe(true);
  });

  it("every text of the SVG is pure black or white, with a generic fallback font", () => {
    const svg = sceneToSvg(scenes.find(([n]) => n === "a4-landscape/fr/carte1")![1]);
    expect(svg).toContain(`font-family="'DejaVu Sans', sans-serif"`);
    const fills = new Set([...svg.matchAll(/<text[^>]* fill="([^"]+)"/g)].map((m) => m[1]));
    expect([...fills].sort()).toEqual(["#000000", "#ffffff"]);
    expect(svg).not.toContain("paint-order");
  });

  const LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
  it.skipIf(!existsSync(LIBERATION))("without DejaVu the SVG still draws its text within the DejaVu text boxes", () => {
    const [, scene] = scenes.find(([n]) => n === "column/fr/carte1")!;
    const svg = sceneToSvg(scene);
    const dpi = 100;
    const w = Math.round((scene.width / 25.4) * dpi);
    const render = (fontFiles: string[], family: string) =>
      PNG.sync.read(new Resvg(svg, { fitTo: { mode: "width", value: w }, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: family, sansSerifFamily: family }, logLevel: "off" }).render().asPng());
    const dejavu = render([join("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf"), join("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"), join("node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf")], "DejaVu Sans");
    const other = render([LIBERATION, LIBERATION.replace("Regular", "Bold"), LIBERATION.replace("Regular", "Italic")], "Liberation Sans");
    const px = (mm: number) => (mm / 25.4) * dpi;
    const boxes = textsOf(scene).map(box).map((b) => ({ x0: px(b.x0 - 0.8), x1: px(b.x1 + 0.8), y0: px(b.y0 - 0.8), y1: px(b.y1 + 0.8) }));
    let changed = 0;
    const outside: string[] = [];
    for (let y = 0; y < dejavu.height; y++) {
      for (let x = 0; x < dejavu.width; x++) {
        const i = 4 * (y * dejavu.width + x);
        if (Math.abs(dejavu.data[i] - other.data[i]) + Math.abs(dejavu.data[i + 1] - other.data[i + 1]) + Math.abs(dejavu.data[i + 2] - other.data[i + 2]) < 60) continue;
        changed++;
        if (!boxes.some((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)) outside.push(`${x},${y}`);
      }
    }
    expect(changed).toBeGreaterThan(1000); // the fallback font did draw (other glyph shapes)
    expect(outside.slice(0, 20)).toEqual([]);
  });
});
