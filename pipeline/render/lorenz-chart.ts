// Lorenz curves (cameras against area and against residents) and the concentration curve of
// cameras over residents ranked by income, from out/stats/summary.json, as a two-panel chart.
import { layoutPage, type PageSpec } from "./page.js";
import { group, line, rect, text, type Group, type Item, type Scene } from "./scene.js";
import { formatFr } from "./format-fr.js";
import { legend, type LegendEntry } from "./legend.js";
import { INK } from "./palettes.js";

export interface Curve {
  id: string;
  label: string;
  points: Array<{ p: number; c: number }>;
  color: string;
  dash?: number[];
}

/** Reads the curves the stats stage writes (gini.*.lorenz, concentration.curve); null if absent. */
export function curvesFromSummary(summary: any): { lorenz: Curve[]; concentration: Curve | null; index: number | null } | null {
  const g = summary?.gini;
  const ok = (pts: unknown): pts is Array<{ p: number; c: number }> => Array.isArray(pts) && pts.length > 1 && pts.every((q: any) => Number.isFinite(q?.p) && Number.isFinite(q?.c));
  // Dark2 (ColorBrewer, colour-blind safe) with dashes as a second cue.
  const styles: Record<string, [string, string, number[] | undefined]> = {
    area_iris: ["surface (IRIS)", "#1b9e77", undefined],
    residents_iris: ["résidents (IRIS)", "#d95f02", [2, 1]],
    area_cells: ["surface (carreaux 200 m)", "#7570b3", [0.6, 0.8]],
    residents_cells: ["résidents (carreaux 200 m)", "#e7298a", [3, 1, 0.6, 1]],
  };
  const lorenz: Curve[] = [];
  for (const [key, [label, color, dash]] of Object.entries(styles)) {
    const e = g?.[key];
    if (e && ok(e.lorenz)) lorenz.push({ id: `lorenz-${key.replace("_", "-")}`, label: `${label}, Gini ${formatFr(Number(e.gini), 2)}`, points: e.lorenz, color, dash });
  }
  const conc = summary?.concentration;
  const concentration = conc && ok(conc.curve) ? { id: "concentration-income", label: "caméras selon le rang de revenu des résidents", points: conc.curve, color: "#1b9e77" } : null;
  if (lorenz.length === 0 && !concentration) return null;
  return { lorenz, concentration, index: Number.isFinite(conc?.index) ? Number(conc.index) : null };
}

function panel(id: string, x: number, y: number, size: number, curves: Curve[], xLabel: string, yLabel: string, k: number): Group {
  const P = (p: number, c: number) => [x + p * size, y + size - c * size];
  const items: Item[] = [rect(x, y, size, size, { fill: "#ffffff", stroke: INK.frame, strokeWidth: 0.25 * k })];
  for (let t = 0.2; t < 1; t += 0.2) {
    items.push(line(x + t * size, y, x + t * size, y + size, { stroke: "#e0e0e0", strokeWidth: 0.15 * k }));
    items.push(line(x, y + size - t * size, x + size, y + size - t * size, { stroke: "#e0e0e0", strokeWidth: 0.15 * k }));
  }
  for (let t = 0; t <= 1.0001; t += 0.2) {
    const lab = `${Math.round(t * 100)}\u00a0%`;
    items.push(text(x + t * size, y + size + 3.5 * k, lab, 2.3 * k, { anchor: "middle" }));
    items.push(text(x - 1.2 * k, y + size - t * size + 0.8 * k, lab, 2.3 * k, { anchor: "end" }));
  }
  items.push(text(x + size / 2, y + size + 7.5 * k, xLabel, 2.7 * k, { anchor: "middle" }));
  items.push(text(x - 11 * k, y - 3 * k, yLabel, 2.7 * k));
  items.push({ kind: "path", id: `${id}-equality`, d: `M${P(0, 0).join(",")}L${P(1, 1).join(",")}`, style: { fill: "none", stroke: "#808080", strokeWidth: 0.3 * k, dash: [1, 1] } });
  for (const c of curves) {
    const d = "M" + c.points.map((q) => P(q.p, q.c).map((v) => v.toFixed(2)).join(",")).join("L");
    items.push({ kind: "path", id: c.id, d, style: { fill: "none", stroke: c.color, strokeWidth: 0.7 * k, dash: c.dash, round: true } });
  }
  return group(id, items, { label: id });
}

export function lorenzChart(summary: any, page: PageSpec, words: { title: string; sources: string[] }): Scene | null {
  const cv = curvesFromSummary(summary);
  if (!cv) return null;
  // No side column: each panel carries its legend in its empty upper-left triangle.
  const L = layoutPage(page, words.title, "Concentration des caméras : courbes de Lorenz et de concentration selon le revenu", words.sources, 0);
  const k = L.k;
  const [[x0, y0], [x1, y1]] = L.mapBox;
  const size = Math.min((x1 - x0 - 48 * k) / 2, y1 - y0 - 16 * k);
  const top = y0 + 6 * k;
  const left = panel("lorenz", x0 + 14 * k, top, size, cv.lorenz, "part cumulée de la surface ou des résidents", "part cumulée des caméras", k);
  const right = panel("concentration", x0 + 14 * k + size + 26 * k, top, size, cv.concentration ? [cv.concentration] : [], "part cumulée des résidents, du plus pauvre au plus riche", "part cumulée des caméras", k);
  const ci = cv.index === null ? "" : ` Indice de concentration ${formatFr(cv.index, 3)} (négatif : caméras chez les plus pauvres ; positif : chez les plus riches).`;
  const equality: LegendEntry = { kind: "line", id: "legend-equality", label: "répartition égale", style: { stroke: "#808080", strokeWidth: 0.3 * k, dash: [1, 1] } };
  const leftEntries: LegendEntry[] = [
    { kind: "heading", text: "Lorenz : caméras selon…" },
    ...cv.lorenz.map((c): LegendEntry => ({ kind: "line", id: `legend-${c.id}`, label: c.label, style: { stroke: c.color, strokeWidth: 0.7 * k, dash: c.dash } })),
    equality,
  ];
  const rightEntries: LegendEntry[] = [
    { kind: "heading", text: "Concentration selon le revenu" },
    ...(cv.concentration ? [{ kind: "line", id: `legend-${cv.concentration.id}`, label: cv.concentration.label, style: { stroke: cv.concentration.color, strokeWidth: 0.7 * k } } as LegendEntry] : []),
    { ...equality, id: "legend-equality-2" },
    { kind: "note", text: `Carreaux habités de 200 m classés par niveau de vie moyen, pondérés par leurs résidents.${ci} Source : out/stats/summary.json.` },
  ];
  const legL = legend(x0 + 14 * k + 3 * k, top + 1 * k, size * 0.55, leftEntries).group;
  const legR = legend(x0 + 14 * k + size + 26 * k + 3 * k, top + 1 * k, size * 0.55, rightEntries).group;
  return {
    title: words.title, width: page.width, height: page.height, background: "#ffffff", patterns: [], clips: [],
    layers: [L.header, left, right, { ...legL, id: "legend" }, { ...legR, id: "legend-concentration" }, L.footer],
  };
}
