// The scene: everything a map page shows, in page millimetres, as plain data. The SVG back end
// writes it and the PNG back end rasterises that SVG, so the two outputs cannot disagree.

export interface Style {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: number[];
  opacity?: number;
  fillOpacity?: number;
  /** Draw the stroke under the fill: a halo around points and text. */
  strokeUnder?: boolean;
  round?: boolean;
  /** Line ends: "butt" (SVG default), "square", "round". */
  cap?: "butt" | "square" | "round";
}

export interface PathItem {
  kind: "path";
  id?: string;
  d: string;
  style?: Style;
  /** A readable name kept in the SVG (Inkscape shows it), e.g. the district's name. */
  title?: string;
}
export interface CircleItem {
  kind: "circle";
  id?: string;
  cx: number;
  cy: number;
  r: number;
  style?: Style;
  title?: string;
  /** Extra data-* attributes (e.g. the count of cameras at one site). */
  data?: Record<string, string>;
}
export interface RectItem {
  kind: "rect";
  id?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  style?: Style;
}
export interface TextItem {
  kind: "text";
  id?: string;
  x: number;
  y: number;
  text: string;
  size: number;
  anchor?: "start" | "middle" | "end";
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  /** Width of a white halo behind the glyphs (mm), for labels over the map. */
  halo?: number;
}
export interface Group {
  kind: "group";
  id?: string;
  /** Inkscape layer name; top-level groups become Inkscape layers. */
  label?: string;
  style?: Style;
  /** id of a clip path in the scene's defs. */
  clip?: string;
  /** A clip path of its own (page mm path data), written next to the group. */
  clipD?: string;
  items: Item[];
}
export type Item = PathItem | CircleItem | RectItem | TextItem | Group;

export interface HatchPattern {
  id: string;
  spacing: number;
  stroke: string;
  strokeWidth: number;
  /** A dot screen (one dot of diameter strokeWidth per tile) rather than a diagonal hatch. */
  dots?: boolean;
}

export interface Scene {
  title: string;
  width: number;
  height: number;
  background: string;
  patterns: HatchPattern[];
  clips: Array<{ id: string; d: string }>;
  layers: Group[];
  /** Methods and details for out/maps/<name>.txt (the words a caption needs, not the map). */
  caption?: string;
}

export function group(id: string, items: Item[], extra: Partial<Group> = {}): Group {
  return { kind: "group", id, items, ...extra };
}

export function text(x: number, y: number, s: string, size: number, extra: Partial<TextItem> = {}): TextItem {
  return { kind: "text", x, y, text: s, size, ...extra };
}

export function rect(x: number, y: number, w: number, h: number, style: Style, id?: string): RectItem {
  return { kind: "rect", x, y, w, h, style, id };
}

export function line(x1: number, y1: number, x2: number, y2: number, style: Style): PathItem {
  return { kind: "path", d: `M${n(x1)},${n(y1)}L${n(x2)},${n(y2)}`, style: { fill: "none", ...style } };
}

/** Fixed two-decimal numbers (0.01 mm): stable bytes and small files. */
export function n(v: number): string {
  const s = v.toFixed(2).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

/** Every item of a scene, depth first, with the ids of its enclosing groups. */
export function* walk(items: Item[], path: string[] = []): Generator<[Item, string[]]> {
  for (const it of items) {
    yield [it, path];
    if (it.kind === "group") yield* walk(it.items, it.id ? [...path, it.id] : path);
  }
}

/** Copy of a group with every id prefixed, so one layer can be drawn twice on a page. */
export function prefixIds<T extends Item>(it: T, prefix: string): T {
  const copy: any = { ...it };
  if (copy.id) copy.id = `${prefix}${copy.id}`;
  if (it.kind === "group") copy.items = it.items.map((x) => prefixIds(x, prefix));
  return copy;
}
