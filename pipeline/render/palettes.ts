// Colours. Income classes use ColorBrewer's YlGnBu (Brewer & Harrower, colorbrewer2.org, marked
// colour-blind safe), taken from its lighter end so dark camera dots stay readable on every class.
const YLGNBU_9 = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"];
// ColorBrewer OrRd for counts and densities (a second hue family so companion maps are not read
// as income), also colour-blind safe.
const ORRD_9 = ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"];
// Diverging PuOr for location quotients around 1 (colour-blind safe).
const PUOR_LOW = ["#542788", "#8073ac", "#b2abd2", "#d8daeb"];
const PUOR_HIGH = ["#fee0b6", "#fdb863", "#e08214", "#b35806"];

/** k light-to-mid colours of YlGnBu (k ≤ 7), the darkest two kept out for legibility. */
export function incomePalette(k: number): string[] {
  if (k < 2 || k > 7) throw new Error(`incomePalette: ${k} classes (2–7 supported)`);
  return pick(YLGNBU_9.slice(0, 7), k);
}

export function countPalette(k: number): string[] {
  if (k < 2 || k > 8) throw new Error(`countPalette: ${k} classes (2–8 supported)`);
  return pick(ORRD_9.slice(1), k);
}

/** Colours for classes below 1 (blue-purple) and above 1 (orange), darkest farthest from 1. */
export function quotientPalette(below: number, above: number): string[] {
  return [...PUOR_LOW.slice(PUOR_LOW.length - below), ...PUOR_HIGH.slice(0, above)];
}

// Evenly spread picks keep the ends of the ramp, as ColorBrewer's own k-class schemes roughly do.
function pick(ramp: string[], k: number): string[] {
  return Array.from({ length: k }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (k - 1))]);
}

export const INK = {
  text: "#1a1a1a",
  camera: "#111111",
  halo: "#ffffff",
  zti: "#7a0177",
  zsp: "#d95f02",
  arrLimit: "#4d4d4d",
  noResidents: "#e6e6e6",
  noData: "#bdbdbd",
  seine: "#9ecae1",
  bois: "#d9ead3",
  frame: "#808080",
};
