// SVG back end. Top-level groups are Inkscape layers; every feature keeps its id; text stays
// text in the shipped font family, so the file edits well in Inkscape or Illustrator.
import { FONT_FAMILY } from "./text-metrics.js";
import { INK } from "./palettes.js";

/** The shipped font first, then any sans-serif: never a monospace fallback where DejaVu is missing. */
export const FONT_STACK = `'${FONT_FAMILY}', sans-serif`;
import { n, type Group, type Item, type Scene, type Style } from "./scene.js";

export function sceneToSvg(scene: Scene): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ` +
      `width="${n(scene.width)}mm" height="${n(scene.height)}mm" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" ` +
      `font-family="${FONT_STACK}">`,
  );
  out.push(`<title>${esc(scene.title)}</title>`);
  out.push("<defs>");
  for (const p of scene.patterns) {
    if (p.dots) {
      out.push(
        `<pattern id="${p.id}" patternUnits="userSpaceOnUse" width="${n(p.spacing)}" height="${n(p.spacing)}">` +
          `<rect width="${n(p.spacing)}" height="${n(p.spacing)}" fill="#ffffff"/><circle cx="${n(p.spacing / 2)}" cy="${n(p.spacing / 2)}" r="${n(p.strokeWidth / 2)}" fill="${p.stroke}"/></pattern>`,
      );
      continue;
    }
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

let clipSeq = 0;

function writeGroup(g: Group, out: string[], topLevel: boolean): void {
  let clip = g.clip;
  if (g.clipD) {
    // Own clip path, written just before the group (ids from the group's id: stable bytes).
    clip = `${g.id ?? `g${clipSeq++}`}-clip`;
    out.push(`<defs><clipPath id="${esc(clip)}"><path d="${g.clipD}"/></clipPath></defs>`);
  }
  // A halo under the items (cameras): drawn as a white copy first, not with SVG 2 paint-order,
  // which older renderers and PDF converters ignore.
  const halo = g.style?.strokeUnder && g.style.stroke && g.style.stroke !== "none";
  const style = halo ? { ...g.style, stroke: undefined, strokeWidth: undefined, strokeUnder: undefined } : g.style;
  const attrs = [
    g.id ? `id="${esc(g.id)}"` : "",
    topLevel ? `inkscape:groupmode="layer" inkscape:label="${esc(g.label ?? g.id ?? "")}"` : "",
    clip ? `clip-path="url(#${esc(clip)})"` : "",
    styleAttrs(style),
  ].filter(Boolean);
  out.push(`<g${attrs.length ? " " + attrs.join(" ") : ""}>`);
  if (halo) {
    out.push(`<g fill="${g.style!.stroke}" stroke="${g.style!.stroke}" stroke-width="${n(g.style!.strokeWidth ?? 0)}">`);
    for (const it of g.items) writeItem(strip(it), out);
    out.push("</g>");
  }
  for (const it of g.items) writeItem(it, out);
  out.push("</g>");
}

/** A copy without ids and titles (halo copies must not duplicate ids). */
function strip(it: Item): Item {
  const c: any = { ...it, id: undefined, title: undefined, data: undefined };
  if (it.kind === "group") c.items = it.items.map(strip);
  return c;
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
    case "circle": {
      if (it.style?.strokeUnder && it.style.stroke) {
        out.push(`<circle cx="${n(it.cx)}" cy="${n(it.cy)}" r="${n(it.r + (it.style.strokeWidth ?? 0) / 2)}" fill="${it.style.stroke}"/>`);
      }
      const style = it.style?.strokeUnder ? { ...it.style, stroke: undefined, strokeWidth: undefined, strokeUnder: undefined } : it.style;
      const data = it.data ? Object.entries(it.data).map(([k, v]) => ` data-${k}="${esc(v)}"`).join("") : "";
      out.push(`<circle${id} cx="${n(it.cx)}" cy="${n(it.cy)}" r="${n(it.r)}"${data}${sa(style)}${it.title ? `><title>${esc(it.title)}</title></circle>` : "/>"}`);
      return;
    }
    case "rect":
      out.push(`<rect${id} x="${n(it.x)}" y="${n(it.y)}" width="${n(it.w)}" height="${n(it.h)}"${sa(it.style)}/>`);
      return;
    case "text": {
      if (it.halo) {
        // The halo is a white copy under the text (no paint-order: see writeGroup).
        const h = [
          `x="${n(it.x)}" y="${n(it.y)}" font-size="${n(it.size)}"`,
          it.anchor && it.anchor !== "start" ? `text-anchor="${it.anchor}"` : "",
          it.bold ? 'font-weight="bold"' : "",
          it.italic ? 'font-style="italic"' : "",
          `fill="#ffffff" stroke="#ffffff" stroke-width="${n(it.halo)}" stroke-linejoin="round"`,
        ].filter(Boolean);
        out.push(`<text ${h.join(" ")}>${esc(it.text)}</text>`);
      }
      const a = [
        `x="${n(it.x)}" y="${n(it.y)}" font-size="${n(it.size)}"`,
        it.anchor && it.anchor !== "start" ? `text-anchor="${it.anchor}"` : "",
        it.bold ? 'font-weight="bold"' : "",
        it.italic ? 'font-style="italic"' : "",
        `fill="${it.fill ?? INK.text}"`,
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
  if (s.round) a.push(`stroke-linejoin="round" stroke-linecap="${s.cap ?? "round"}"`);
  else if (s.cap) a.push(`stroke-linecap="${s.cap}"`);
  if (s.opacity !== undefined) a.push(`opacity="${s.opacity}"`);
  return a.join(" ");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
