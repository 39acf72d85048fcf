// The PNG files written by png-encode.ts must hold exactly the pixels resvg's own encoder writes
// (decoded by pngjs, an independent decoder), with the resolution recorded: an opaque page as RGB,
// an image with transparency through resvg's encoder (straight, not premultiplied, colours).
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { Resvg } from "@resvg/resvg-js";
import { svgToPng } from "../pipeline/render/png.js";
import { opaquePng } from "../pipeline/render/png-encode.js";
import { FONT_FAMILY, FONT_FILES } from "../pipeline/render/text-metrics.js";

// Anti-aliased edges, thin strokes and text: many colours, partial coverage at the edges.
const body =
  `<circle cx="20" cy="15" r="9.3" fill="#c0392b" stroke="#1a1a1a" stroke-width="0.3" fill-opacity="0.6"/>` +
  `<path d="M3,38L57,4L50,37Z" fill="#2e86c1" opacity="0.5"/>` +
  `<text x="5" y="35" font-size="6" font-family="DejaVu Sans">Carte 1</text>`;
const page = (background: boolean) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40">` +
  (background ? `<rect x="0" y="0" width="60" height="40" fill="#ffffff"/>` : "") +
  body +
  `</svg>`;

/** The pixels resvg's own encoder writes (the encoder used before png-encode.ts), same options as png.ts. */
const resvgPixels = (svg: string) => PNG.sync.read(new Resvg(svg, { fitTo: { mode: "width", value: 300 }, shapeRendering: 2, textRendering: 1, font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }, logLevel: "off" }).render().asPng());

/** Chunk types in file order, and the pHYs data. */
function chunks(png: Buffer): { types: string[]; phys?: Buffer; colourType: number } {
  const types: string[] = [];
  let phys: Buffer | undefined;
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    types.push(type);
    if (type === "pHYs") phys = png.subarray(at + 8, at + 8 + len);
    at += 12 + len;
  }
  return { types, phys, colourType: png[25] };
}

describe("PNG encoding", () => {
  it("writes an opaque page as RGB with resvg's exact pixels and a pHYs chunk", () => {
    const svg = page(true);
    const png = svgToPng(svg, 300, 127);
    const got = PNG.sync.read(png);
    const want = resvgPixels(svg);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    expect(got.data.equals(want.data)).toBe(true);
    const c = chunks(png);
    expect(c.colourType).toBe(2);
    expect(c.types).toEqual(["IHDR", "pHYs", "IDAT", "IEND"]);
    // 127 dpi = 5000 pixels per metre (127 / 0.0254), unit metre.
    expect([c.phys!.readUInt32BE(0), c.phys!.readUInt32BE(4), c.phys![8]]).toEqual([5000, 5000, 1]);
    // Many distinct colours: the edges are anti-aliased, so the test sees more than flat fills.
    const colours = new Set<number>();
    for (let i = 0; i < got.data.length; i += 4) colours.add(got.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(50);
  });

  it("leaves an image with transparency to resvg's encoder: same pixels, alpha kept", () => {
    const svg = page(false);
    const png = svgToPng(svg, 300, 127);
    const got = PNG.sync.read(png);
    expect(got.data.equals(resvgPixels(svg).data)).toBe(true);
    const c = chunks(png);
    expect(c.colourType).toBe(6);
    expect(c.types.slice(0, 2)).toEqual(["IHDR", "pHYs"]);
    expect(opaquePng(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]), 2, 1, 300)).toBeNull();
  });

  it("gives the same bytes twice (a reused row buffer leaves nothing behind)", () => {
    const a = svgToPng(page(true), 300, 300);
    svgToPng(page(true).replace("#c0392b", "#000000"), 300, 300);
    expect(svgToPng(page(true), 300, 300).equals(a)).toBe(true);
  });
});
