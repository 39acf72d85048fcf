// Can readers tell the key symbols apart? Colours are compared by CIEDE2000 (culori's
// implementation) in normal vision, in simulated deuteranopia and in greyscale.
// Deuteranopia: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
// Simulation of Color Vision Deficiency", IEEE TVCG 15(6):1291-1298, doi:10.1109/TVCG.2009.113,
// the severity-1.0 matrix of their published table, applied to linear RGB (as the R package
// colorspace does with linear = TRUE; test/fixtures/colour/ref.R checks it against colorspace).
// Greyscale: CIE luminance Y from linear RGB with the Rec. 709 / sRGB weights.
import { differenceCiede2000 } from "culori";
import { incomePalette, INK } from "./palettes.js";

export const MACHADO_DEUTERANOPIA: number[][] = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
];

/** The smallest CIEDE2000 distance the key symbols must keep, in every vision mode. */
export const MIN_DELTA_E = 20;

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function rgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
}
function hexOf(v: number[]): string {
  return "#" + v.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255).toString(16).padStart(2, "0")).join("");
}

export function deuteranopia(hex: string): string {
  const lin = rgb(hex).map(toLinear);
  const out = MACHADO_DEUTERANOPIA.map((row) => row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]);
  return hexOf(out.map((c) => toGamma(Math.min(1, Math.max(0, c)))));
}

export function greyscale(hex: string): string {
  const [r, g, b] = rgb(hex).map(toLinear);
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const v = toGamma(y);
  return hexOf([v, v, v]);
}

const de2000 = differenceCiede2000();
export function deltaE(a: string, b: string): number {
  return de2000(a, b);
}

export type Vision = "normal" | "deuteranopia" | "greyscale";
export const VISIONS: Record<Vision, (hex: string) => string> = { normal: (h) => h, deuteranopia, greyscale };

/** Carte 1's three symbols that carry the message: the tourist-zone line, the top income class, a camera. */
export function keySymbols(k = 6): Record<string, string> {
  const income = incomePalette(k);
  return { "tourist zone line": INK.tourist, "top income class": income[income.length - 1], camera: INK.camera };
}

/** Every pair of key symbols in every vision mode, with its distance. */
export function symbolDistances(symbols = keySymbols()): Array<{ a: string; b: string; vision: Vision; deltaE: number }> {
  const names = Object.keys(symbols);
  const out: Array<{ a: string; b: string; vision: Vision; deltaE: number }> = [];
  for (const [vision, f] of Object.entries(VISIONS) as Array<[Vision, (h: string) => string]>) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) out.push({ a: names[i], b: names[j], vision, deltaE: deltaE(f(symbols[names[i]]), f(symbols[names[j]])) });
    }
  }
  return out;
}
