// North arrow pointing to true north. In Lambert-93 grid north and true north differ by the
// meridian convergence (about 0.5° at Paris), so the arrow is drawn along the projected meridian.
import type { Position } from "geojson";
import type { MapFrame } from "./map-frame.js";
import { group, n, text, type Group, type Item } from "./scene.js";
import { INK } from "./palettes.js";

/** Angle (degrees, clockwise from page up) of the meridian through `at`. */
export function northAngle(frame: MapFrame, at: Position): number {
  const a = frame.point(at);
  const b = frame.point([at[0], at[1] + 0.01]);
  return (Math.atan2(b[0] - a[0], a[1] - b[1]) * 180) / Math.PI;
}

export function northArrow(cx: number, cy: number, size: number, angle: number, backing = false): Group {
  const h = size / 2;
  const w = size / 5;
  // The rotation is baked into coordinates (no transform attribute): simpler for editors.
  const rad = (angle * Math.PI) / 180;
  const rot = (x: number, y: number): [number, number] => [cx + x * Math.cos(rad) - y * Math.sin(rad), cy + x * Math.sin(rad) + y * Math.cos(rad)];
  const d = (pts: Array<[number, number]>) => "M" + pts.map(([x, y]) => rot(x, y).map(n).join(",")).join("L") + "Z";
  const items: Item[] = [];
  if (backing) items.push({ kind: "rect", x: cx - size * 0.45, y: cy - h - 4.2, w: size * 0.9, h: size + 4.6, style: { fill: "#ffffff", fillOpacity: 0.85, stroke: "none" } });
  items.push({ kind: "path", d: d([[0, -h], [w, h * 0.6], [0, h * 0.25]]), style: { fill: INK.text } });
  items.push({ kind: "path", d: d([[0, -h], [-w, h * 0.6], [0, h * 0.25]]), style: { fill: "#ffffff", stroke: INK.text, strokeWidth: 0.2 } });
  const [lx, ly] = rot(0, -h - 1.2);
  items.push(text(lx, ly, "N", 3, { anchor: "middle", bold: true }));
  return group("north-arrow", items, { label: "Nord" });
}
