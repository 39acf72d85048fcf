// Lorenz curves (cameras against area and against residents) and the concentration curve of
// cameras over residents ranked by income, from out/stats/summary.json, as a two-panel chart.
import { layoutPage, marginOf, LINE, TYPE, type PageSpec } from "./page.js";
import { textWidth } from "./text-metrics.js";
import { strings, type Strings } from "./strings.js";
import type { MapContext } from "./context.js";
import { group, line, rect, text, type Group, type Item, type Scene } from "./scene.js";
import { legend, type LegendEntry } from "./legend.js";
import { INK } from "./palettes.js";

export interface Curve {
  id: string;
  label: string;
  points: Array<{ p: number; c: number }>;
  color: string;
  dash?: number[];
}

/**
 * Reads the curves the stats stage writes (gini.*.lorenz, concentration.curve); null if absent.
 * `finest`: the finest declared level's label, whose districts the area_iris and residents_iris
 * curves are over (the keys keep the Paris names whatever the level).
 */
export function curvesFromSummary(summary: any, S: Strings = strings("fr"), finest = S.lorenz.anyLevel): { lorenz: Curve[]; concentration: Curve | null; index: number | null } | null {
  const g = summary?.gini;
  const ok = (pts: unknown): pts is Array<{ p: number; c: number }> => Array.isArray(pts) && pts.length > 1 && pts.every((q: any) => Number.isFinite(q?.p) && Number.isFinite(q?.c));
  // Dark2 (ColorBrewer, colour-blind safe) with dashes as a second cue.
  const styles: Record<string, [string, string, number[] | undefined]> = {
    area_iris: [S.lorenz.area(finest), "#1b9e77", undefined],
    residents_iris: [S.lorenz.residents(finest), "#d95f02", [2, 1]],
    area_cells: [S.lorenz.areaCells, "#7570b3", [0.6, 0.8]],
    residents_cells: [S.lorenz.residentsCells, "#e7298a", [3, 1, 0.6, 1]],
  };
  const lorenz: Curve[] = [];
  for (const [key, [label, color, dash]] of Object.entries(styles)) {
    const e = g?.[key];
    if (e && ok(e.lorenz)) lorenz.push({ id: `lorenz-${key.replace("_", "-")}`, label: `${label}, Gini ${S.dec(Number(e.gini), 2)}`, points: e.lorenz, color, dash });
  }
  const conc = summary?.concentration;
  const concentration = conc && ok(conc.curve) ? { id: "concentration-income", label: S.lorenz.concLabel, points: conc.curve, color: "#1b9e77" } : null;
  if (lorenz.length === 0 && !concentration) return null;
  return { lorenz, concentration, index: Number.isFinite(conc?.index) ? Number(conc.index) : null };
}

function panel(id: string, x: number, y: number, size: number, curves: Curve[], xLabel: string, yLabel: string): Group {
  const P = (p: number, c: number) => [x + p * size, y + size - c * size];
  const items: Item[] = [rect(x, y, size, size, { fill: "#ffffff", stroke: INK.frame, strokeWidth: LINE.frame })];
  for (let t = 0.2; t < 1; t += 0.2) {
    items.push(line(x + t * size, y, x + t * size, y + size, { stroke: "#d9d9d9", strokeWidth: LINE.hair }));
    items.push(line(x, y + size - t * size, x + size, y + size - t * size, { stroke: "#d9d9d9", strokeWidth: LINE.hair }));
  }
  // Tick labels every 20 % when there is room for them, else every 50 %.
  const step = size / 5 > textWidth("100\u00a0%", TYPE.tick) + 1 ? 0.2 : 0.5;
  for (let t = 0; t <= 1.0001; t += step) {
    const lab = `${Math.round(t * 100)}\u00a0%`;
    // One "0 %" at the corner (the y axis's): the x axis starts at the next tick.
    if (t > 0) items.push(text(x + t * size, y + size + TYPE.tick * 1.3, lab, TYPE.tick, { anchor: "middle" }));
    items.push(text(x - 1.2, y + size - t * size + TYPE.tick * 0.36, lab, TYPE.tick, { anchor: "end" }));
  }
  items.push(text(x + size / 2, y + size + TYPE.tick * 1.3 + TYPE.label * 1.4, xLabel, TYPE.label, { anchor: "middle" }));
  items.push(text(x - textWidth("100\u00a0%", TYPE.tick) - 1.2, y - TYPE.label * 0.8, yLabel, TYPE.label));
  items.push({ kind: "path", id: `${id}-equality`, d: `M${P(0, 0).join(",")}L${P(1, 1).join(",")}`, style: { fill: "none", stroke: "#808080", strokeWidth: LINE.limit, dash: [1, 1] } });
  for (const c of curves) {
    const d = "M" + c.points.map((q) => P(q.p, q.c).map((v) => v.toFixed(2)).join(",")).join("L");
    items.push({ kind: "path", id: c.id, d, style: { fill: "none", stroke: c.color, strokeWidth: 2 * LINE.limit, dash: c.dash, round: true } });
  }
  return group(id, items, { label: id });
}

export function lorenzChart(summary: any, page: PageSpec, words: { title: string; sources: string[]; ctx?: MapContext }): Scene | null {
  const S = words.ctx?.S ?? strings("fr");
  const ctx = words.ctx;
  const finest = ctx?.levels[ctx.levels.length - 1]?.label[ctx.lang];
  const cv = curvesFromSummary(summary, S, finest);
  if (!cv) return null;
  const M = marginOf(page);
  const inner = page.width - 2 * M;
  const yAxis = textWidth("100\u00a0%", TYPE.tick) + 2;
  const below = TYPE.tick * 1.3 + TYPE.label * 2;
  const stacked = page.width < 120 || (!page.flexHeight && page.height > page.width);
  const legW = (size: number) => Math.min(size * 0.62, 60);
  // Legends sit in each panel's empty upper-left triangle when the panel is large enough, else below it.
  // The last x tick label reaches half its width past the panel: keep that inside the page too.
  const tickHalf = textWidth("100\u00a0%", TYPE.tick) / 2;
  const sizeFor = (avail: number) => (stacked ? Math.min(inner - yAxis - tickHalf, (avail - 2 * (below + TYPE.label * 2)) / 2) : Math.min((inner - 2 * yAxis - 8 - tickHalf) / 2, avail - below - TYPE.label * 2));
  const probe = layoutPage(page, words.title, S.lorenz.subtitle, words.sources, 0, 1000);
  const availFixed = probe.mapBox[1][1] - probe.mapBox[0][1];
  let size = sizeFor(availFixed);
  const leftEntries: LegendEntry[] = [
    { kind: "heading", text: S.lorenz.lorenzHeading },
    ...cv.lorenz.map((c): LegendEntry => ({ kind: "line", id: `legend-${c.id}`, label: c.label, style: { stroke: c.color, strokeWidth: 2 * LINE.limit, dash: c.dash } })),
    { kind: "line", id: "legend-equality", label: S.lorenz.equality, style: { stroke: "#808080", strokeWidth: LINE.limit, dash: [1, 1] } },
  ];
  const ci = cv.index === null ? null : S.dec(cv.index, 3);
  // Without the concentration curve (no income layer) the panel says so rather than showing a bare diagonal.
  const concNote = cv.concentration ? S.lorenz.note(ci) : S.lorenz.noIncome;
  const rightEntries: LegendEntry[] = [
    { kind: "heading", text: S.lorenz.concHeading },
    ...(cv.concentration ? [{ kind: "line", id: `legend-${cv.concentration.id}`, label: cv.concentration.label, style: { stroke: cv.concentration.color, strokeWidth: 2 * LINE.limit } } as LegendEntry] : []),
    { kind: "line", id: "legend-equality-2", label: S.lorenz.equality, style: { stroke: "#808080", strokeWidth: LINE.limit, dash: [1, 1] } },
    { kind: "note", text: concNote },
  ];
  const lh = (e: LegendEntry[]) => legend(0, 0, legW(size), e).height;
  // The legend fits in the triangle above the diagonal when it is less than half as tall as the panel.
  const inside = (e: LegendEntry[]) => lh(e) < size * 0.5;
  const extra = (e: LegendEntry[]) => (inside(e) ? 0 : lh(e) + 3);
  const panelH = (e: LegendEntry[]) => TYPE.label * 2 + size + below + extra(e);
  const want = stacked ? panelH(leftEntries) + panelH(rightEntries) + 4 : Math.max(panelH(leftEntries), panelH(rightEntries));
  if (want > availFixed) size *= availFixed / want;
  const L = layoutPage(page, words.title, S.lorenz.subtitle, words.sources, 0, want);
  const [[x0, y0]] = L.mapBox;
  const top = y0 + TYPE.label * 2;
  const px = [x0 + yAxis, stacked ? x0 + yAxis : x0 + yAxis + size + yAxis + 8];
  const py = [top, stacked ? top + panelH(leftEntries) + 4 : top];
  const left = panel("lorenz", px[0], py[0], size, cv.lorenz, S.lorenz.xLorenz, S.lorenz.y);
  const right = panel("concentration", px[1], py[1], size, cv.concentration ? [cv.concentration] : [], S.lorenz.xConc, S.lorenz.y);
  const place = (e: LegendEntry[], i: number) => (inside(e) ? [px[i] + 2, py[i] + 2] : [px[i], py[i] + size + below + 2]);
  const [lx, ly] = place(leftEntries, 0);
  const [rx, ry] = place(rightEntries, 1);
  const legL = legend(lx, ly, inside(leftEntries) ? legW(size) : size, leftEntries).group;
  const legR = legend(rx, ry, inside(rightEntries) ? legW(size) : size, rightEntries).group;
  return {
    title: words.title, width: page.width, height: L.height, background: "#ffffff", patterns: [], clips: [],
    layers: [L.header, left, right, { ...legL, id: "legend" }, { ...legR, id: "legend-concentration" }, L.footer],
    caption: `${words.title}\n\n${concNote}\n`,
  };
}
