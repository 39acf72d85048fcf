// Page layout shared by every map: title block at the top, sources at the bottom, the map on the
// left and a legend column on the right. Sizes in millimetres; ISO sizes by name.
import { group, text, type Group } from "./scene.js";
import { wrapBalanced, wrapText } from "./text-metrics.js";
import { INK } from "./palettes.js";
import type { Box } from "./map-frame.js";

export interface PageSpec {
  width: number;
  height: number;
}

const ISO: Record<string, [number, number]> = { A5: [210, 148], A4: [297, 210], A3: [420, 297], A2: [594, 420] };

/** "A4" (landscape, the default), "A3-portrait", or { width, height } in mm from study settings. */
export function pageSpec(setting: unknown): PageSpec {
  if (setting && typeof setting === "object" && "width" in setting && "height" in setting) {
    const s = setting as { width: number; height: number };
    return { width: Number(s.width), height: Number(s.height) };
  }
  const name = typeof setting === "string" ? setting : "A4";
  const [size, orient] = name.split("-");
  const wh = ISO[size.toUpperCase()];
  if (!wh) throw new Error(`unknown page size "${name}" (use A5, A4, A3, A2, optionally "-portrait", or {width, height} in mm)`);
  return orient === "portrait" ? { width: wh[1], height: wh[0] } : { width: wh[0], height: wh[1] };
}

export interface PageLayout {
  header: Group;
  footer: Group;
  mapBox: Box;
  side: { x: number; y: number; width: number; bottom: number };
  /** Legend columns: 2 on portrait pages, where the legend runs under the map. */
  columns: 1 | 2;
  /** Ratio applied to type sizes so an A3 page is not set in A4 sizes. */
  k: number;
}

export const MARGIN = 8;

export function layoutPage(page: PageSpec, title: string, subtitle: string | undefined, sources: string[], sideWidth = 68): PageLayout {
  const k = Math.sqrt((page.width * page.height) / (297 * 210));
  const inner = page.width - 2 * MARGIN;
  const head: Group["items"] = [];
  let y = MARGIN;
  for (const l of wrapBalanced(title, 4.6 * k, inner, true)) {
    y += 5.4 * k;
    head.push(text(MARGIN, y, l, 4.6 * k, { bold: true, fill: INK.text }));
  }
  if (subtitle) {
    y += 5.2 * k;
    head.push(text(MARGIN, y, subtitle, 3.2 * k, { fill: "#404040" }));
  }
  const top = y + 3 * k;
  const foot: Group["items"] = [];
  const lines = sources.flatMap((s) => wrapText(s, 2.1 * k, inner));
  let fy = page.height - MARGIN - (lines.length - 1) * 2.7 * k;
  const footTop = fy - 2.1 * k - 2 * k;
  for (const l of lines) {
    foot.push(text(MARGIN, fy, l, 2.1 * k, { fill: "#404040" }));
    fy += 2.7 * k;
  }
  const sideW = sideWidth * k;
  if (page.height > page.width && sideWidth > 0) {
    // Portrait: the map takes the full width and the upper part, the legend goes under it.
    const mapBottom = top + Math.min((footTop - top) * 0.6, inner / 1.5 + 8 * k);
    return {
      header: group("title", head, { label: "Titre" }),
      footer: group("sources", foot, { label: "Sources" }),
      mapBox: [[MARGIN, top], [page.width - MARGIN, mapBottom]],
      side: { x: MARGIN, y: mapBottom + 2 * k, width: inner, bottom: footTop },
      columns: 2,
      k,
    };
  }
  return {
    columns: 1,
    header: group("title", head, { label: "Titre" }),
    footer: group("sources", foot, { label: "Sources" }),
    mapBox: [[MARGIN, top], [page.width - MARGIN - (sideW > 0 ? sideW + 4 * k : 0), footTop]],
    side: { x: page.width - MARGIN - sideW, y: top, width: sideW, bottom: footTop },
    k,
  };
}
