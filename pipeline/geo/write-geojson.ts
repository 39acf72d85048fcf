// RFC 7946 output: WGS84, 7 decimals (about 1 cm), one feature per line so diffs stay readable
// and files stay byte-stable from run to run.
import type { Feature, Geometry, Position } from "geojson";
import { mapGeometry } from "./read-layer.js";

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function roundGeometry(g: Geometry): Geometry {
  return mapGeometry(g, (p: Position) => [round7(p[0]), round7(p[1])]);
}

export function geojsonText(features: Feature[], name?: string): string {
  const lines = features.map((f) =>
    JSON.stringify({ type: "Feature", id: f.properties?.id, properties: f.properties ?? {}, geometry: roundGeometry(f.geometry) }),
  );
  const head = name ? `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n` : `{"type":"FeatureCollection","features":[\n`;
  return head + lines.join(",\n") + "\n]}\n";
}
