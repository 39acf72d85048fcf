// Text widths from the shipped DejaVu Sans font files (advance widths from the TTF's hmtx and
// cmap tables), so layout decisions (wrapping, legend width, label boxes) use the font that
// resvg will draw with. Kerning is ignored: widths can be off by ~1-2 %, layouts keep a margin.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const FONT_FAMILY = "DejaVu Sans";

const require = createRequire(import.meta.url);
/** Folder of the DejaVu TTF files shipped by the npm package dejavu-fonts-ttf. */
export const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
export const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((f) => join(FONT_DIR, f));

interface Metrics {
  unitsPerEm: number;
  advance: Map<number, number>;
  fallback: number;
}

const cache = new Map<string, Metrics>();

function load(bold: boolean): Metrics {
  const file = join(FONT_DIR, bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
  let m = cache.get(file);
  if (m) return m;
  const b = readFileSync(file);
  const tables = new Map<string, number>();
  const numTables = b.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(b.toString("latin1", rec, rec + 4), b.readUInt32BE(rec + 8));
  }
  const unitsPerEm = b.readUInt16BE(tables.get("head")! + 18);
  const numH = b.readUInt16BE(tables.get("hhea")! + 34);
  const hmtx = tables.get("hmtx")!;
  const glyphAdvance = (g: number) => b.readUInt16BE(hmtx + 4 * Math.min(g, numH - 1));
  const advance = new Map<number, number>();
  // cmap: the Unicode BMP subtable in format 4 (segments of code points mapped to glyphs).
  const cmap = tables.get("cmap")!;
  const n = b.readUInt16BE(cmap + 2);
  for (let i = 0; i < n; i++) {
    const off = cmap + b.readUInt32BE(cmap + 4 + 8 * i + 4);
    if (b.readUInt16BE(off) !== 4) continue;
    const segX2 = b.readUInt16BE(off + 6);
    const ends = off + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = b.readUInt16BE(ends + 2 * s);
      const start = b.readUInt16BE(starts + 2 * s);
      const delta = b.readInt16BE(deltas + 2 * s);
      const ro = b.readUInt16BE(ranges + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          g = b.readUInt16BE(ranges + 2 * s + ro + 2 * (c - start));
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) advance.set(c, glyphAdvance(g));
      }
    }
    break;
  }
  m = { unitsPerEm, advance, fallback: glyphAdvance(0) };
  cache.set(file, m);
  return m;
}

/** True when the font has a glyph for every character of s. */
export function hasGlyphs(s: string, bold = false): boolean {
  const m = load(bold);
  return [...s].every((ch) => m.advance.has(ch.codePointAt(0)!));
}

/** Width of s set at `size` (same unit as the result). */
export function textWidth(s: string, size: number, bold = false): number {
  const m = load(bold);
  let w = 0;
  for (const ch of s) w += m.advance.get(ch.codePointAt(0)!) ?? m.fallback;
  return (w / m.unitsPerEm) * size;
}

/** Greedy word wrap to lines no wider than `width`. */
export function wrapText(s: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of s.split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Wrap to the fewest lines that fit `width`, then even the lines out (no lone last word). */
export function wrapBalanced(s: string, size: number, width: number, bold = false): string[] {
  const lines = wrapText(s, size, width, bold);
  if (lines.length < 2) return lines;
  let lo = 0;
  let hi = width;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (wrapText(s, size, mid, bold).length > lines.length) lo = mid;
    else hi = mid;
  }
  return wrapText(s, size, hi, bold);
}
