// PNG encoder for opaque pages. resvg's own encoder (asPng) writes 8-bit RGBA with its own
// filtering and compression; a map page is opaque (white paper under everything), so its alpha
// channel is a quarter of the bytes saying nothing. Written as 8-bit RGB (colour type 2), no
// row filter, deflated by zlib at level 3, the Paris maps are ~20 % smaller and the encoding takes
// about a third of resvg's CPU (level 3 is the last of zlib's fast levels: level 4 gives ~14 %
// smaller files again for twice the deflate time; row filters other than none gave larger files). Same pixels: PNG readers give the RGBA values back with alpha
// 255. A page with any pixel not fully opaque is left to resvg's encoder (returns undefined).
import * as zlib from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** zlib level: see the head of the file for the measured trade. */
const LEVEL = 3;
/** The word trick below reads bytes in little-endian order; elsewhere resvg's encoder is used. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * An RGB PNG of `rgba` (width × height pixels, 4 bytes each, rows top to bottom) with a pHYs
 * chunk of `dpi`, or undefined when any pixel's alpha is below 255. `rgba` is overwritten (with
 * the RGB rows, whether or not a PNG comes out): it is resvg's fresh copy of the page's pixels,
 * 35 MB for A4 at 300 dpi, and packing the rows in place spares a second block of that size,
 * whose memory would be faulted in again for every map.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number, dpi: number): Buffer | undefined {
  if (rgba.byteLength !== width * height * 4) throw new Error(`encodeOpaquePng: ${rgba.byteLength} bytes for ${width} × ${height} RGBA pixels`);
  const raw = LITTLE_ENDIAN ? rgbRows(rgba, width, height) : undefined;
  if (!raw) return undefined;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression 0 (deflate), filter method 0, no interlace: already zero
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), physChunk(dpi), chunk("IDAT", zlib.deflateSync(raw, { level: LEVEL })), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * Packs the pixels, in place, into rows of RGB bytes each behind a 0 filter byte (the deflate
 * input); undefined if some alpha is not 255. Row y is written at y × (1 + 3 × width), never past
 * the start of row y + 1's pixels ((y + 1) × 4 × width), so no pixel is overwritten before it is
 * read; the row is built in a small buffer of its own first. Pixels are read four at a time as
 * little-endian 32-bit words (R | G<<8 | B<<16 | A<<24) and written as three words: byte by byte,
 * the packing cost more than the deflate.
 */
function rgbRows(rgba: Uint8Array, width: number, height: number): Uint8Array | undefined {
  const stride = 1 + 3 * width;
  // The pixels' words; a buffer not on a 4-byte boundary is copied once to one that is.
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : new Uint8Array(rgba);
  const raw = aligned.subarray(0, stride * height);
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const row = new Uint32Array(Math.ceil((3 * width) / 4));
  const rowBytes = new Uint8Array(row.buffer, 0, 3 * width);
  const quads = width >> 2;
  let all = 0xffffffff;
  let s = 0;
  for (let y = 0; y < height; y++) {
    let o = 0;
    for (let q = 0; q < quads; q++, s += 4) {
      const p0 = src[s], p1 = src[s + 1], p2 = src[s + 2], p3 = src[s + 3];
      all &= p0 & p1 & p2 & p3;
      row[o++] = (p0 & 0xffffff) | (p1 << 24);
      row[o++] = ((p1 >>> 8) & 0xffff) | (p2 << 16);
      row[o++] = ((p2 >>> 16) & 0xff) | (p3 << 8);
    }
    for (let x = quads * 4, b = quads * 12; x < width; x++, s++) {
      const p = src[s];
      all &= p;
      rowBytes[b++] = p & 0xff;
      rowBytes[b++] = (p >>> 8) & 0xff;
      rowBytes[b++] = (p >>> 16) & 0xff;
    }
    // A translucent pixel anywhere: stop at the end of its row.
    if (all >>> 24 !== 0xff) return undefined;
    raw[y * stride] = 0;
    raw.set(rowBytes, y * stride + 1);
  }
  return raw;
}

/** The pHYs chunk: `dpi` as pixels per metre on both axes (unit 1: metre). */
export function physChunk(dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8);
  return chunk("pHYs", data);
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const c = Buffer.alloc(12 + data.length);
  c.writeUInt32BE(data.length, 0);
  c.write(type, 4, "latin1");
  c.set(data, 8);
  c.writeUInt32BE(crc32(c.subarray(4, 8 + data.length)), 8 + data.length);
  return c;
}

/** zlib's own CRC-32 where Node has it (20.15 on), else the table-driven one below. */
const crc32: (buf: Uint8Array) => number = typeof zlib.crc32 === "function" ? (buf) => zlib.crc32(buf) : crc32Table;

let table: Uint32Array | undefined;
function crc32Table(buf: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
