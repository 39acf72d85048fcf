// North arrow pointing to true north. In Lambert-93 grid north and true north differ by the
// meridian convergence (about 0.5° at Paris), so the arrow is drawn along the projected meridian.
import type { Position } from "geojson";
import type { MapFrame } from "./map-frame.js";
import { group, n, text, type Group, type Item } from "./scene.js";
import { INK } from "./palettes.js";
import { PT, TYPE } from "./page.js";
import type { Block } from "./legend.js";

/** Angle (degrees, clockwise from page up) of the meridian through `at`. */
export function northAngle(frame: MapFrame, at: Position): number {
  const a = frame.point(at);
  const b = frame.point([at[0], at[1] + 0.01]);
  return (Math.atan2(b[0] - a[0], a[1] - b[1]) * 180) / Math.PI;
}

export function northArrow(cx: number, cy: number, size: number, angle: number, backing = false, letter = "N"): Group {
  const h = size / 2;
  const w = size / 5;
  // The rotation is baked into coordinates (no transform attribute): simpler for editors.
  const rad = (angle * Math.PI) / 180;
  const rot = (x: number, y: number): [number, number] => [cx + x * Math.cos(rad) - y * Math.sin(rad), cy + x * Math.sin(rad) + y * Math.cos(rad)];
  const d = (pts: Array<[number, number]>) => "M" + pts.map(([x, y]) => rot(x, y).map(n).join(",")).join("L") + "Z";
  const items: Item[] = [];
  if (backing) items.push({ kind: "rect", x: cx - size * 0.4, y: cy - h - TYPE.label - 1.2, w: size * 0.8, h: size + TYPE.label + 1.6, style: { fill: "#ffffff", fillOpacity: 0.85, stroke: "none" } });
  items.push({ kind: "path", d: d([[0, -h], [w, h * 0.6], [0, h * 0.25]]), style: { fill: INK.text } });
  items.push({ kind: "path", d: d([[0, -h], [-w, h * 0.6], [0, h * 0.25]]), style: { fill: "#ffffff", stroke: INK.text, strokeWidth: 0.4 * PT } });
  const [lx, ly] = rot(0, -h - 0.8);
  items.push(text(lx, ly, letter, TYPE.label, { anchor: "middle", bold: true, fill: INK.text }));
  return group("north-arrow", items, { label: "Nord" });
}

export function northArrowBlock(size: number, angle: number, backing: boolean, letter: string): Block {
  const w = size * 0.8;
  const h = size + TYPE.label + 1.6;
  return { id: "north-arrow", w, h, draw: (x, y) => [northArrow(x + w / 2, y + TYPE.label + 1.2 + size / 2, size, angle, backing, letter)] };
}
