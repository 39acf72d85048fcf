// Opaque pages are written as RGB PNGs by our encoder (render/png-encode.ts) instead of resvg's
// RGBA file: a PNG reader must get the very pixels of resvg's file back, with the same pHYs
// resolution; a page with a translucent pixel keeps resvg's file as it was.
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { Resvg } from "@resvg/resvg-js";
import { svgToPng, withResolution } from "../pipeline/render/png.js";
import { encodeOpaquePng } from "../pipeline/render/png-encode.js";
import { FONT_FAMILY, FONT_FILES } from "../pipeline/render/text-metrics.js";
import { seededRng } from "../pipeline/stats/rng.js";

/** The chunks of a PNG file, in order (the reader below checks nothing but the layout). */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let i = 8; i < png.length; ) {
    const n = png.readUInt32BE(i);
    out.push({ type: png.toString("latin1", i + 4, i + 8), data: png.subarray(i + 8, i + 8 + n) });
    i += 12 + n;
  }
  return out;
}
const phys = (png: Buffer) => chunks(png).find((c) => c.type === "pHYs")?.data;
const colourType = (png: Buffer) => chunks(png)[0].data[9];

/** What the PNG back end wrote before: resvg's own RGBA file, with the pHYs chunk added. */
function resvgPng(svg: string, widthPx: number, dpi: number): Buffer {
  const opts = { fitTo: { mode: "width" as const, value: widthPx }, font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }, shapeRendering: 2 as const, textRendering: 1 as const, logLevel: "off" as const };
  return withResolution(new Resvg(svg, opts).render().asPng(), dpi);
}

const page = (background: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="61mm" height="40mm" viewBox="0 0 61 40">${background}` +
  `<rect x="3" y="2" width="30" height="20" fill="#336699" fill-opacity="0.6"/>` +
  `<circle cx="40" cy="20" r="12" fill="none" stroke="#c0392b" stroke-width="1.3"/>` +
  `<path d="M2 38 L58 25" stroke="#222" stroke-width="0.4" stroke-dasharray="2 1"/>` +
  `<text x="5" y="35" font-size="6" font-family="DejaVu Sans">Carte é 1</text></svg>`;

describe("PNG of an opaque page", () => {
  // 301 px: not a multiple of 4, so the encoder's last pixels of each row take its slow path.
  for (const [widthPx, dpi] of [[240, 100], [301, 127]] as const) {
    it(`is RGB with resvg's pixels and the pHYs of ${dpi} dpi (${widthPx} px wide)`, () => {
      const svg = page(`<rect width="61" height="40" fill="#fffef8"/>`);
      const before = resvgPng(svg, widthPx, dpi);
      const after = svgToPng(svg, widthPx, dpi);
      expect(colourType(before)).toBe(6); // RGBA
      expect(colourType(after)).toBe(2); // RGB
      expect(chunks(after).map((c) => c.type)).toEqual(["IHDR", "pHYs", "IDAT", "IEND"]);
      const a = PNG.sync.read(before);
      const b = PNG.sync.read(after); // checks every chunk's CRC
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      expect(b.data.equals(a.data)).toBe(true);
      // Pixels per metre on both axes, unit metre (1), from the PNG specification's definition.
      const ppm = Math.round(dpi / 0.0254);
      const want = Buffer.alloc(9);
      want.writeUInt32BE(ppm, 0);
      want.writeUInt32BE(ppm, 4);
      want[8] = 1;
      expect(phys(after)?.equals(want)).toBe(true);
      expect(phys(after)?.equals(phys(before)!)).toBe(true);
    });
  }

  it("a page with translucent pixels (no background) keeps resvg's file byte for byte", () => {
    const svg = page("");
    const out = svgToPng(svg, 240, 100);
    expect(colourType(out)).toBe(6);
    expect(out.equals(resvgPng(svg, 240, 100))).toBe(true);
  });
});

describe("encodeOpaquePng", () => {
  const rng = seededRng(16);
  const pixels = (w: number, h: number) => {
    const px = new Uint8Array(w * h * 4);
    for (let i = 0; i < px.length; i++) px[i] = i % 4 === 3 ? 255 : Math.floor(rng.next() * 256);
    return px;
  };

  it("gives back the pixels of every width, with alpha 255", () => {
    for (let w = 1; w <= 9; w++) {
      const px = pixels(w, 3);
      const png = encodeOpaquePng(px.slice(), w, 3, 300)!; // the encoder packs its input in place
      const back = PNG.sync.read(png);
      expect([back.width, back.height]).toEqual([w, 3]);
      expect(Buffer.from(back.data).equals(Buffer.from(px))).toBe(true);
    }
  });

  it("packs the pixels of a large page in place without losing any", () => {
    const px = pixels(301, 200);
    expect(PNG.sync.read(encodeOpaquePng(px.slice(), 301, 200, 300)!).data.equals(Buffer.from(px))).toBe(true);
  });

  it("reads pixels that do not start on a 4-byte boundary", () => {
    const px = pixels(5, 2);
    const shifted = new Uint8Array(px.length + 1).subarray(1);
    shifted.set(px);
    expect(PNG.sync.read(encodeOpaquePng(shifted, 5, 2, 300)!).data.equals(Buffer.from(px))).toBe(true);
  });

  it("declines a page with one pixel not fully opaque, wherever it is", () => {
    for (const at of [0, 7, 5 * 3 - 1]) {
      const px = pixels(5, 3);
      px[at * 4 + 3] = 254;
      expect(encodeOpaquePng(px, 5, 3, 300)).toBeUndefined();
    }
  });
});
