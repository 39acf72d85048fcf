// North arrow pointing to true north. In Lambert-93 grid north and true north differ by the
// meridian convergence (about 0.5° at Paris), so the arrow is drawn along the projected meridian.
import type { Position } from "geojson";
import type { MapFrame } from "./map-frame.js";
import { group, text, type Group } from "./scene.js";
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
  const d = (pts: number[][]) => "M" + pts.map((p) => p.map((v) => v.toFixed(2)).join(",")).join("L") + "Z";
  const arrow: Group = {
    kind: "group",
    items: [
      { kind: "path", d: d([[0, -h], [w, h * 0.6], [0, h * 0.25]]), style: { fill: INK.text } },
      { kind: "path", d: d([[0, -h], [-w, h * 0.6], [0, h * 0.25]]), style: { fill: "#ffffff", stroke: INK.text, strokeWidth: 0.2 } },
    ],
  };
  // The rotation is baked into coordinates (no transform attribute): simpler for editors.
  const rad = (angle * Math.PI) / 180;
  const rot = (x: number, y: number) => [cx + x * Math.cos(rad) - y * Math.sin(rad), cy + x * Math.sin(rad) + y * Math.cos(rad)];
  for (const it of arrow.items) {
    if (it.kind !== "path") continue;
    it.d = it.d.replace(/(-?\d+\.\d+),(-?\d+\.\d+)/g, (_m, x, y) => rot(Number(x), Number(y)).map((v) => v.toFixed(2)).join(","));
  }
  const [lx, ly] = rot(0, -h - 1.2);
  const card = backing ? [{ kind: "rect" as const, x: cx - size * 0.45, y: cy - h - 4.2, w: size * 0.9, h: size + 4.6, style: { fill: "#ffffff", fillOpacity: 0.85, stroke: "none" } }] : [];
  return group("north-arrow", [...card, arrow, text(lx, ly, "N", 3, { anchor: "middle", bold: true })], { label: "Nord" });
}
