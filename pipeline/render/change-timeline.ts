// When the cameras were commissioned: one bar per month (out/stats/change.json,
// commissioned_by_month), split into cameras already in the earlier layer and new ones when the
// matching was made, with each zone's designation dates drawn as dashed vertical lines and
// labelled. Empty months keep their place, so the time axis is linear.
import type { ChangeReport } from "../contracts.js";
import { layoutPage, type PageSpec } from "./page.js";
import { group, line, rect, text, type Item, type Scene } from "./scene.js";
import { formatFr } from "./format-fr.js";
import { CHANGE_SYMBOLS } from "./change-map.js";
import { INK } from "./palettes.js";

const MONTHS_FR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

/** Months from the first to the last, as "YYYY-MM". */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * p).find((s) => s >= raw) ?? 10 * p;
}

export function commissioningTimeline(report: ChangeReport, page: PageSpec, words: { title: string; sources: string[] }): Scene | null {
  const data = report.commissioned_by_month ?? [];
  if (data.length === 0) return null;
  const months = monthRange(data[0].month, data[data.length - 1].month);
  const by = new Map(data.map((d) => [d.month, d]));
  const split = data.every((d) => d.kept !== undefined);
  const L = layoutPage(page, words.title, "Sites de la liste étudiée par mois de mise en service, et dates de désignation des zones", words.sources, 0);
  const k = L.k;
  const [[x0, y0], [x1, y1]] = L.mapBox;
  const left = x0 + 14 * k, right = x1 - 4 * k, top = y0 + 26 * k, bottom = y1 - 12 * k;
  const max = Math.max(...data.map((d) => d.cameras));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const bw = (right - left) / months.length;
  const Y = (v: number) => bottom - (v / yMax) * (bottom - top);
  const items: Item[] = [];
  for (let v = 0; v <= yMax; v += step) {
    items.push(line(left, Y(v), right, Y(v), { stroke: v === 0 ? INK.frame : "#e0e0e0", strokeWidth: (v === 0 ? 0.3 : 0.15) * k }));
    items.push(text(left - 1.5 * k, Y(v) + 0.8 * k, formatFr(v), 2.3 * k, { anchor: "end" }));
  }
  items.push(text(left - 12 * k, top - 4 * k, "sites mis en service dans le mois", 2.6 * k));
  const kept = CHANGE_SYMBOLS.kept.style.fill!, fresh = CHANGE_SYMBOLS.new.style.fill!;
  months.forEach((m, i) => {
    const d = by.get(m);
    const x = left + i * bw;
    if (d) {
      const low = split ? d.kept! : d.cameras;
      if (low > 0) items.push(rect(x + 0.1 * bw, Y(low), 0.8 * bw, bottom - Y(low), { fill: split ? kept : INK.camera }, `bar-${m}${split ? "-kept" : ""}`));
      if (split && d.new! > 0) items.push(rect(x + 0.1 * bw, Y(d.cameras), 0.8 * bw, Y(low) - Y(d.cameras), { fill: fresh }, `bar-${m}-new`));
    }
    // The first month is labelled only when no January label follows closely (they would overlap).
    const firstAlone = i === 0 && !months.slice(1, 4).some((x) => x.endsWith("-01"));
    if (m.endsWith("-01") || firstAlone) {
      items.push(line(x, bottom, x, bottom + 1.5 * k, { stroke: INK.frame, strokeWidth: 0.2 * k }));
      items.push(text(x + 0.5 * k, bottom + 4.5 * k, m.endsWith("-01") ? m.slice(0, 4) : `${MONTHS_FR[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, 2.5 * k));
    }
  });
  // Designation dates: a dashed line at the day's place within its month, labels staggered.
  const dates = (report.timing.tests ?? []).map((t) => ({ label: `${t.zone_short}${t.part ? ` ${t.part}` : ""}`, date: t.date }));
  const first = months[0];
  dates.forEach((d, i) => {
    const [y, m, day = "01"] = d.date.split("-");
    const idx = (Number(y) - Number(first.slice(0, 4))) * 12 + Number(m) - Number(first.slice(5));
    if (idx < 0 || idx >= months.length) return;
    const x = left + (idx + (Number(day) - 1) / 31) * bw;
    const ly = y0 + 4 * k + (i % 5) * 4 * k;
    items.push(group(`designation-${i}`, [
      line(x, ly + 1 * k, x, bottom, { stroke: "#333333", strokeWidth: 0.3 * k, dash: [1 * k, 0.7 * k] }),
      text(x + (x > (left + right) / 2 ? -1 : 1) * 1 * k, ly, `${d.label} (${d.date.split("-").reverse().join("/")})`, 2.4 * k, { anchor: x > (left + right) / 2 ? "end" : "start", fill: "#333333", halo: 0.5 * k }),
    ]));
  });
  // The legend sits on the note's line, right-aligned: the top band belongs to the date labels.
  const ly = bottom + 9 * k - 2 * k;
  const legendItems: Item[] = split
    ? [
        rect(right - 58 * k, ly, 4 * k, 2.6 * k, { fill: kept }), text(right - 52.5 * k, ly + 2 * k, "déjà dans la couche 2012", 2.4 * k),
        rect(right - 18 * k, ly, 4 * k, 2.6 * k, { fill: fresh }), text(right - 12.5 * k, ly + 2 * k, "nouveau", 2.4 * k),
      ]
    : [];
  const undated = report.timing.tests?.[0]?.undated;
  const foot = `${formatFr(data.reduce((s, d) => s + d.cameras, 0))} sites datés${undated ? ` ; ${formatFr(undated)} sans date exploitable, non représentés` : ""}. Une date de mise en service peut être celle d'un remplacement.`;
  items.push(text(left, bottom + 9 * k, foot, 2.3 * k, { italic: true, fill: "#404040" }));
  return {
    title: words.title, width: page.width, height: page.height, background: "#ffffff", patterns: [], clips: [],
    layers: [L.header, group("timeline", items, { label: "Chronologie" }), group("legend", legendItems, { label: "Légende" }), L.footer],
  };
}
