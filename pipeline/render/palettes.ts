// Colours. Sequential ramps are ColorBrewer's own k-class schemes (Brewer & Harrower,
// colorbrewer2.org, marked colour-blind safe), not picks from the 9-class ramp: the k-class
// schemes keep even lightness steps. Income is muted (mixed with white) so that the cameras,
// in a saturated crimson with a white halo, read first. pipeline/render/colour-vision.ts and
// test/render-print.test.ts check the key symbols stay apart in deuteranopia and greyscale.

// GnBu, 3 to 9 classes (colorbrewer2.org).
const GNBU: Record<number, string[]> = {
  3: ["#e0f3db", "#a8ddb5", "#43a2ca"],
  4: ["#f0f9e8", "#bae4bc", "#7bccc4", "#2b8cbe"],
  5: ["#f0f9e8", "#bae4bc", "#7bccc4", "#43a2ca", "#0868ac"],
  6: ["#f0f9e8", "#ccebc5", "#a8ddb5", "#7bccc4", "#43a2ca", "#0868ac"],
  7: ["#f0f9e8", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#08589e"],
  8: ["#f7fcf0", "#e0f3db", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#08589e"],
  9: ["#f7fcf0", "#e0f3db", "#ccebc5", "#a8ddb5", "#7bccc4", "#4eb3d3", "#2b8cbe", "#0868ac", "#084081"],
};
// OrRd, 3 to 9 classes, for counts and densities (a second hue family, not read as income).
const ORRD: Record<number, string[]> = {
  3: ["#fee8c8", "#fdbb84", "#e34a33"],
  4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
  5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
  6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
  7: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
  8: ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
  9: ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"],
};
// Diverging PuOr for location quotients around 1 (colour-blind safe).
const PUOR_LOW = ["#542788", "#8073ac", "#b2abd2", "#d8daeb"];
const PUOR_HIGH = ["#fee0b6", "#fdb863", "#e08214", "#b35806"];

/** How much of the income colour is kept (the rest is white paper): the backdrop stays quiet. */
export const INCOME_MUTE = 0.55;

/** k ColorBrewer colours for any k ≥ 1: 1 and 2 classes take the 3-class scheme's ends. */
function scheme(table: Record<number, string[]>, k: number): string[] {
  if (!Number.isInteger(k) || k < 1) return [];
  if (k === 1) return [table[3][1]];
  if (k === 2) return [table[3][0], table[3][2]];
  if (k <= 9) return table[k];
  // More than 9 classes: the 9-class ramp interpolated in sRGB (rare; user breaks).
  return Array.from({ length: k }, (_, i) => table[9][Math.round((i * 8) / (k - 1))]);
}

export function mix(hex: string, keep: number, paper = "#ffffff"): string {
  const c = (h: string, i: number) => parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16);
  return "#" + [0, 1, 2].map((i) => Math.round(c(hex, i) * keep + c(paper, i) * (1 - keep)).toString(16).padStart(2, "0")).join("");
}

/** Income classes: GnBu k-class, muted. */
export function incomePalette(k: number): string[] {
  return scheme(GNBU, k).map((c) => mix(c, INCOME_MUTE));
}

export function countPalette(k: number): string[] {
  return scheme(ORRD, k);
}

/** Colours for classes below 1 (blue-purple) and above 1 (orange), darkest farthest from 1. */
export function quotientPalette(below: number, above: number): string[] {
  return [...PUOR_LOW.slice(PUOR_LOW.length - Math.min(below, 4)), ...PUOR_HIGH.slice(0, Math.min(above, 4))];
}

export const INK = {
  /** Pure black text and lines: no rich black on press. */
  text: "#000000",
  camera: "#b2182b",
  halo: "#ffffff",
  /** Tourist zones: a black dashed line on a white casing, over a violet band. */
  tourist: "#000000",
  touristBand: "#6a3d9a",
  /** Security zones: a bold dark-orange line on a white casing. */
  security: "#e66101",
  /** Any other declared zone: a dotted dark grey line. */
  otherZone: "#404040",
  limit: "#4d4d4d",
  noResidents: "#ffffff",
  noResidentsDot: "#8c8c8c",
  noData: "#bdbdbd",
  river: "#b9d7ea",
  woods: "#e3eadb",
  frame: "#808080",
  // Older names, for companion code written against them.
  zti: "#000000",
  zsp: "#e66101",
  arrLimit: "#4d4d4d",
  seine: "#b9d7ea",
  bois: "#e3eadb",
};
