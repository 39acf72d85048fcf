// Companion maps of Carte 1 (filled in below). Returns [file stem, scene] pairs.
import type { Layers } from "./read-inputs.js";
import type { MapText } from "./carte1.js";
import type { RenderSettings } from "../render.js";
import type { Scene } from "./scene.js";

export interface CompanionInputs {
  layers: Layers;
  outDir: string;
  settings: RenderSettings;
  words: MapText;
  atlas: boolean;
}

export function companionMaps(_in: CompanionInputs): Array<[string, Scene]> {
  return [];
}
