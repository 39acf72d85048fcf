// PNG back end: rasterises the scene's SVG with resvg at the requested resolution, with the
// shipped DejaVu fonts only (no system fonts), so every machine draws the same pixels. A pHYs
// chunk records the resolution so print software places the image at its true size.
import { Resvg, renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
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
  return withResolution(new Resvg(svg, options(widthPx)).render().asPng(), dpi);
}

/**
 * The same pixels, parsed and rasterised on a libuv worker thread: the caller builds the next
 * scene meanwhile, and several maps rasterise at once on a multi-core machine.
 */
export async function svgToPngAsync(svg: string, widthPx: number, dpi: number): Promise<Buffer> {
  return withResolution((await renderAsync(svg, options(widthPx))).asPng(), dpi);
}

export function sceneToPng(scene: Scene, dpi = 300, svg = sceneToSvg(scene)): Buffer {
  return svgToPng(svg, pixelSize(scene, dpi).width, dpi);
}


/** Inserts a pHYs chunk (pixels per metre) right after IHDR. */
export function withResolution(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write("pHYs", 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

let table: Uint32Array | undefined;
function crc32(buf: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
