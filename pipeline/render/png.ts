// PNG back end: rasterises the scene's SVG with resvg at the requested resolution, with the
// shipped DejaVu fonts only (no system fonts), so every machine draws the same pixels. A pHYs
// chunk records the resolution so print software places the image at its true size. Opaque pages
// are encoded by png-encode.ts as RGB, others by resvg.
import { Resvg, renderAsync, type RenderedImage, type ResvgRenderOptions } from "@resvg/resvg-js";
import { encodeOpaquePng, physChunk } from "./png-encode.js";
import { FONT_FAMILY, FONT_FILES } from "./text-metrics.js";
import { sceneToSvg } from "./svg.js";
import type { Scene } from "./scene.js";

export function pixelSize(scene: Scene, dpi: number): { width: number; height: number } {
  return { width: Math.round((scene.width / 25.4) * dpi), height: Math.round((scene.height / 25.4) * dpi) };
}

function options(widthPx: number): ResvgRenderOptions {
  return {
    fitTo: { mode: "width", value: widthPx },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  };
}

export function svgToPng(svg: string, widthPx: number, dpi: number): Buffer {
  return encode(new Resvg(svg, options(widthPx)).render(), dpi);
}

/**
 * An opaque page (every map: white paper under everything) as an RGB PNG (png-encode.ts: smaller,
 * and cheaper to make than resvg's RGBA file); a page with any translucent pixel by resvg's
 * encoder. Either way with a pHYs chunk of the resolution.
 */
function encode(image: RenderedImage, dpi: number): Buffer {
  return encodeOpaquePng(image.pixels, image.width, image.height, dpi) ?? withResolution(image.asPng(), dpi);
}

/**
 * The same pixels, parsed and rasterised on a libuv worker thread: the caller builds the next
 * scene meanwhile, and several maps rasterise at once on a multi-core machine.
 */
export async function svgToPngAsync(svg: string, widthPx: number, dpi: number): Promise<Buffer> {
  return encode(await renderAsync(svg, options(widthPx)), dpi);
}

export function sceneToPng(scene: Scene, dpi = 300, svg = sceneToSvg(scene)): Buffer {
  return svgToPng(svg, pixelSize(scene, dpi).width, dpi);
}


/** Inserts a pHYs chunk (pixels per metre) right after IHDR. */
export function withResolution(png: Buffer, dpi: number): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), physChunk(dpi), png.subarray(ihdrEnd)]);
}
