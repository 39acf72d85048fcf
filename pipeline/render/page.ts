// Page sizes and the type and line sizes every map uses, in millimetres at the final printed
// size. Type is set in points (1 pt = 25.4/72 mm) and never scales with the page: a map reduced
// to a journal column keeps 6 pt text and 0.25 pt lines; the map, not the type, gets smaller.
import { UsageError } from "../core/errors.js";
import { group, text, type Group, type Item } from "./scene.js";
import { wrapBalanced, wrapText } from "./text-metrics.js";
import { INK } from "./palettes.js";
import type { Box } from "./map-frame.js";

export const PT = 25.4 / 72;

/** Type sizes (mm). The smallest is 6 pt, the floor of DESIGN.md's print rules. */
export const TYPE = {
  title: 11 * PT,
  subtitle: 8 * PT,
  heading: 7.5 * PT,
  label: 7 * PT,
  note: 6.5 * PT,
  credit: 6 * PT,
  district: 7 * PT,
  tick: 6.5 * PT,
} as const;

/** Line widths (mm); the thinnest is 0.25 pt. */
export const LINE = {
  hair: 0.3 * PT,
  limit: 0.5 * PT,
  city: 1 * PT,
  zone: 1.4 * PT,
  zoneCasing: 2.6 * PT,
  security: 2.2 * PT,
  frame: 0.5 * PT,
} as const;

export interface PageSpec {
  width: number;
  height: number;
  /** Preset name, for captions and tests. */
  name?: string;
  /** The height is a maximum: the page is cut to its content (journal columns). */
  flexHeight?: boolean;
}

/** The presets: ISO pages and journal columns (width fixed, height as the figure needs). */
export const PRESETS: Record<string, PageSpec> = {
  "a4-landscape": { name: "a4-landscape", width: 297, height: 210 },
  "a4-portrait": { name: "a4-portrait", width: 210, height: 297 },
  a3: { name: "a3", width: 420, height: 297 },
  "a3-portrait": { name: "a3-portrait", width: 297, height: 420 },
  column: { name: "column", width: 85, height: 230, flexHeight: true },
  "double-column": { name: "double-column", width: 170, height: 230, flexHeight: true },
};
/** Older names kept working. */
const ALIASES: Record<string, string> = { A4: "a4-landscape", "A4-portrait": "a4-portrait", A3: "a3", "A3-portrait": "a3-portrait", "a4": "a4-landscape" };

export const PRESET_NAMES = Object.keys(PRESETS);

/** A preset name, an older name ("A4"), or { width, height } in mm; absent → A4 landscape. */
export function pageSpec(setting: unknown): PageSpec {
  if (setting && typeof setting === "object" && "width" in setting && "height" in setting) {
    const s = setting as { width: number; height: number };
    const w = Number(s.width);
    const h = Number(s.height);
    if (!(w >= 50 && h >= 50)) throw new UsageError(`page ${JSON.stringify(setting)}: width and height must be numbers of at least 50 mm`);
    return { name: `${w}x${h}mm`, width: w, height: h };
  }
  const name = setting === undefined || setting === null || setting === true ? "a4-landscape" : String(setting);
  const p = PRESETS[ALIASES[name] ?? name];
  if (!p) throw new UsageError(`--page ${name}: unknown page (use ${PRESET_NAMES.join(", ")})`);
  return { ...p };
}

/** Outer margin: 8 mm on a page, less on a column figure, where every millimetre counts. */
export function marginOf(page: PageSpec): number {
  return Math.min(8, Math.max(3, page.width * 0.035));
}

export interface PageText {
  header: Group;
  /** Bottom of the title block (mm from the top). */
  top: number;
  /** Height of the credit block, from its first line's top to the margin. */
  footHeight: number;
  /** The credit block placed for a page of the given height. */
  footer(height: number): Group;
}

/** Title and subtitle at the top, the credit lines at the bottom, in fixed point sizes. */
export function pageText(page: PageSpec, title: string, subtitle: string | undefined, credit: string[]): PageText {
  const M = marginOf(page);
  const inner = page.width - 2 * M;
  const head: Item[] = [];
  let y = M;
  // A column figure's title is set smaller (9 pt): journals put the long title in the caption.
  const ts = page.width < 120 ? 9 * PT : TYPE.title;
  for (const l of wrapBalanced(title, ts, inner, true)) {
    y += ts * 1.2;
    head.push(text(M, y - ts * 0.22, l, ts, { bold: true, fill: INK.text }));
  }
  if (subtitle) {
    for (const l of wrapText(subtitle, TYPE.subtitle, inner)) {
      y += TYPE.subtitle * 1.25;
      head.push(text(M, y - TYPE.subtitle * 0.22, l, TYPE.subtitle, { fill: INK.text }));
    }
  }
  const lines = credit.flatMap((s) => wrapText(s, TYPE.credit, inner));
  const pitch = TYPE.credit * 1.25;
  const footHeight = lines.length * pitch + 1.5;
  return {
    header: group("title", head, { label: "Titre" }),
    top: y + 2.5,
    footHeight,
    footer: (height) => {
      let fy = height - M - (lines.length - 1) * pitch - TYPE.credit * 0.24;
      const items: Item[] = [];
      for (const l of lines) {
        items.push(text(M, fy, l, TYPE.credit, { fill: INK.text }));
        fy += pitch;
      }
      return group("sources", items, { label: "Sources" });
    },
  };
}

export interface PageLayout {
  header: Group;
  footer: Group;
  mapBox: Box;
  side: { x: number; y: number; width: number; bottom: number };
  columns: 1 | 2;
  /** Always 1: sizes are final millimetres. Kept so companion code written as `size * k` still reads right. */
  k: number;
  /** The page's height (a column page is cut to its content by the caller). */
  height: number;
}

/**
 * A plain page (charts, two-panel maps): title, credit, the space between. On a flexible-height
 * page the space is as tall as `wantHeight` asks (capped by the preset's maximum).
 */
export function layoutPage(page: PageSpec, title: string, subtitle: string | undefined, sources: string[], sideWidth = 0, wantHeight?: number): PageLayout {
  const M = marginOf(page);
  const t = pageText(page, title, subtitle, sources);
  const height = page.flexHeight && wantHeight !== undefined ? Math.min(page.height, t.top + wantHeight + 3 + t.footHeight + M) : page.height;
  const bottom = height - M - t.footHeight - 2;
  const sideW = sideWidth > 0 ? Math.min(sideWidth, (page.width - 2 * M) * 0.35) : 0;
  return {
    header: t.header,
    footer: t.footer(height),
    mapBox: [[M, t.top], [page.width - M - (sideW > 0 ? sideW + 4 : 0), bottom]],
    side: { x: page.width - M - sideW, y: t.top, width: sideW, bottom },
    columns: 1,
    k: 1,
    height,
  };
}
