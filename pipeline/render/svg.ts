// SVG back end. Top-level groups are Inkscape layers; every feature keeps its id; text stays
// text in the shipped font family, so the file edits well in Inkscape or Illustrator.
import { FONT_FAMILY } from "./text-metrics.js";
import { n, type Group, type Item, type Scene, type Style } from "./scene.js";

export function sceneToSvg(scene: Scene): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ` +
      `width="${n(scene.width)}mm" height="${n(scene.height)}mm" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" ` +
      `font-family="${FONT_FAMILY}">`,
  );
  out.push(`<title>${esc(scene.title)}</title>`);
  out.push("<defs>");
  for (const p of scene.patterns) {
    // Diagonal hatching: one line per tile, rotated 45°, in page millimetres.
    out.push(
      `<pattern id="${p.id}" patternUnits="userSpaceOnUse" width="${n(p.spacing)}" height="${n(p.spacing)}" patternTransform="rotate(45)">` +
        `<line x1="0" y1="0" x2="0" y2="${n(p.spacing)}" stroke="${p.stroke}" stroke-width="${n(p.strokeWidth)}"/></pattern>`,
    );
  }
  for (const c of scene.clips) out.push(`<clipPath id="${c.id}"><path d="${c.d}"/></clipPath>`);
  out.push("</defs>");
  out.push(`<rect id="background" x="0" y="0" width="${n(scene.width)}" height="${n(scene.height)}" fill="${scene.background}"/>`);
  for (const layer of scene.layers) writeGroup(layer, out, true);
  out.push("</svg>");
  return out.join("\n") + "\n";
}

function writeGroup(g: Group, out: string[], topLevel: boolean): void {
  const attrs = [
    g.id ? `id="${esc(g.id)}"` : "",
    topLevel ? `inkscape:groupmode="layer" inkscape:label="${esc(g.label ?? g.id ?? "")}"` : "",
    g.clip ? `clip-path="url(#${g.clip})"` : "",
    styleAttrs(g.style),
  ].filter(Boolean);
  out.push(`<g${attrs.length ? " " + attrs.join(" ") : ""}>`);
  for (const it of g.items) writeItem(it, out);
  out.push("</g>");
}

function writeItem(it: Item, out: string[]): void {
  const id = "id" in it && it.id ? ` id="${esc(it.id)}"` : "";
  switch (it.kind) {
    case "group":
      writeGroup(it, out, false);
      return;
    case "path":
      out.push(`<path${id} d="${it.d}"${sa(it.style)}${it.title ? `><title>${esc(it.title)}</title></path>` : "/>"}`);
      return;
    case "circle":
      out.push(`<circle${id} cx="${n(it.cx)}" cy="${n(it.cy)}" r="${n(it.r)}"${sa(it.style)}${it.title ? `><title>${esc(it.title)}</title></circle>` : "/>"}`);
      return;
    case "rect":
      out.push(`<rect${id} x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}"${sa(it.style)}/>`);
      return;
    case "text": {
      const a = [
        `x="${n(it.x)}" y="${n(it.y)}" font-size="${n(it.size)}"`,
        it.anchor && it.anchor !== "start" ? `text-anchor="${it.anchor}"` : "",
        it.bold ? 'font-weight="bold"' : "",
        it.italic ? 'font-style="italic"' : "",
        `fill="${it.fill ?? "#1a1a1a"}"`,
        it.halo ? `stroke="#ffffff" stroke-width="${n(it.halo)}" stroke-linejoin="round" paint-order="stroke"` : "",
      ].filter(Boolean);
      out.push(`<text${id} ${a.join(" ")}>${esc(it.text)}</text>`);
      return;
    }
  }
}

function sa(s: Style | undefined): string {
  const a = styleAttrs(s);
  return a ? " " + a : "";
}

function styleAttrs(s: Style | undefined): string {
  if (!s) return "";
  const a: string[] = [];
  if (s.fill !== undefined) a.push(`fill="${s.fill}"`);
  if (s.fillOpacity !== undefined) a.push(`fill-opacity="${s.fillOpacity}"`);
  if (s.stroke !== undefined) a.push(`stroke="${s.stroke}"`);
  if (s.strokeWidth !== undefined) a.push(`stroke-width="${n(s.strokeWidth)}"`);
  if (s.dash) a.push(`stroke-dasharray="${s.dash.map(n).join(",")}"`);
  if (s.round) a.push('stroke-linejoin="round" stroke-linecap="round"');
  if (s.opacity !== undefined) a.push(`opacity="${s.opacity}"`);
  if (s.strokeUnder) a.push('paint-order="stroke"');
  return a.join(" ");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
