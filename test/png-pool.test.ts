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
});
