// The worker pool must give the bytes of the in-thread rasteriser (svgToPng), for several maps
// at once, in the order asked. The pool starts workers only from the compiled dist/ (the
// Makefile builds it before the tests), so the compiled modules are tested here.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = (p: string) => import(pathToFileURL(join(process.cwd(), "dist/pipeline/render", p)).href);

const svg = (k: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40">` +
  `<rect x="${k}" y="2" width="30" height="20" fill="#${(k * 40).toString(16).padStart(2, "0")}6699"/>` +
  `<text x="5" y="35" font-size="6" font-family="DejaVu Sans">Carte ${k}</text></svg>`;

describe("PNG worker pool", () => {
  it("gives svgToPng's bytes for each of five maps rendered at once", async () => {
    const { PngPool } = await dist("png-pool.js");
    const { svgToPng } = await dist("png.js");
    const pool = new PngPool(2);
    try {
      const got: Buffer[] = await Promise.all([1, 2, 3, 4, 5].map((k) => pool.png(svg(k), 240, 100)));
      got.forEach((png, i) => expect(png.equals(svgToPng(svg(i + 1), 240, 100))).toBe(true));
      expect(new Set(got.map((b) => b.toString("base64"))).size).toBe(5); // five different maps
    } finally {
      await pool.close();
    }
  });

  it("gives sceneToPdf's and svgToPng's bytes for the maps given whole (PNG and PDF jobs)", async () => {
    const { PngPool } = await dist("png-pool.js");
    const { svgToPng } = await dist("png.js");
    const { sceneToPdf } = await dist("pdf.js");
    const { sceneToSvg } = await dist("svg.js");
    const scene = (k: number) => ({
      title: `Carte ${k}`, width: 60, height: 40, background: "#ffffff", patterns: [], clips: [],
      layers: [{ kind: "group", id: "g", items: [{ kind: "rect", x: k, y: 2, w: 30, h: 20, style: { fill: "#336699" } }, { kind: "text", x: 5, y: 35, text: `Carte ${k}`, size: 6 }] }],
    });
    const pool = new PngPool(2);
    try {
      const made = [1, 2, 3].map((k) => pool.map(scene(k), sceneToSvg(scene(k)), 240, 100));
      for (const [i, m] of made.entries()) {
        expect((await m.png).equals(svgToPng(sceneToSvg(scene(i + 1)), 240, 100))).toBe(true);
        expect((await m.pdf).equals(await sceneToPdf(scene(i + 1)))).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });
});
