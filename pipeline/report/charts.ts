// Small inline SVG charts of the hypothesis section: rate ratios with their 95 % intervals on a log
// axis (negative binomial, and Poisson beside it), and, for each permutation statistic, the null
// envelopes (2.5–97.5 % of the draws, median tick) of every null against the observed value.
import { esc } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import { statisticKind, type HypothesisNames, type ModelResult, type NullName, type Statistic } from "./hypothesis-data.js";
import type { TestResult } from "../stats/permutation.js";

const W = 680;

export function forestPlotSvg(names: HypothesisNames, nb: ModelResult, poisson?: ModelResult): string {
  const terms = nb.terms.filter((t) => t.term !== "(intercept)" && t.rate_ratio !== null && t.rate_ratio > 0);
  if (!terms.length) return "";
  const pois = new Map((poisson?.terms ?? []).map((t) => [t.term, t]));
  const vals = terms.flatMap((t) => [t.rate_ratio!, t.ci95[0] ?? 1, t.ci95[1] ?? 1, ...(pois.has(t.term) ? [pois.get(t.term)!.ci95[0] ?? 1, pois.get(t.term)!.ci95[1] ?? 1] : [])]).filter((v) => v > 0);
  const lo = Math.log(Math.min(0.5, ...vals) * 0.9);
  const hi = Math.log(Math.max(2, ...vals) * 1.1);
  const left = 300;
  const right = W - 20;
  const x = (v: number) => left + ((Math.log(v) - lo) / (hi - lo)) * (right - left);
  const rowH = 28;
  const h = terms.length * rowH + 58;
  const parts = [`<svg class="chart" id="forest" viewBox="0 0 ${W} ${h}" role="img" aria-label="Rapports de taux et intervalles à 95 %, binomiale négative (points pleins) et Poisson (cercles), échelle logarithmique">`];
  parts.push(`<line class="ref" x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="8" y2="${h - 44}"/>`);
  terms.forEach((t, i) => {
    const y = 20 + i * rowH;
    parts.push(`<text class="lab" x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(names.term(t))}</text>`);
    const [l, u] = t.ci95;
    if (l !== null && u !== null && l > 0) parts.push(`<line class="ci" x1="${x(l).toFixed(1)}" x2="${x(u).toFixed(1)}" y1="${y}" y2="${y}"/>`);
    parts.push(`<circle class="est" cx="${x(t.rate_ratio!).toFixed(1)}" cy="${y}" r="4"><title>${esc(`${names.term(t)} : ${formatFr(t.rate_ratio, 2)} [${formatFr(l, 2)}–${formatFr(u, 2)}]`)}</title></circle>`);
    const p = pois.get(t.term);
    if (p && p.rate_ratio !== null && p.rate_ratio > 0) {
      const [pl, pu] = p.ci95;
      if (pl !== null && pu !== null && pl > 0) parts.push(`<line class="ci-p" x1="${x(pl).toFixed(1)}" x2="${x(pu).toFixed(1)}" y1="${y + 8}" y2="${y + 8}"/>`);
      parts.push(`<circle class="est-p" cx="${x(p.rate_ratio).toFixed(1)}" cy="${y + 8}" r="3"/>`);
    }
  });
  for (const t of [0.25, 0.5, 1, 2, 4, 8, 16].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi)) {
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${h - 30}" text-anchor="middle">${formatFr(t, t < 1 ? 2 : 0)}</text>`);
  }
  parts.push(`<circle class="est" cx="${left}" cy="${h - 12}" r="4"/><text class="tick" x="${left + 8}" y="${h - 8}">binomiale négative</text>`);
  if (poisson) parts.push(`<circle class="est-p" cx="${left + 150}" cy="${h - 12}" r="3"/><text class="tick" x="${left + 158}" y="${h - 8}">Poisson</text>`);
  parts.push(`<text class="tick" x="${right}" y="${h - 8}" text-anchor="end">rapport de taux (log)</text>`);
  parts.push("</svg>");
  return parts.join("");
}

export function statValue(stat: Statistic, v: number | null): string {
  const kind = statisticKind(stat);
  return kind === "share" ? formatPercentFr(v, 1) : kind === "euros" ? formatFr(v, 0) : formatFr(v, 3);
}

/** One statistic: a row per null with its envelope band and median, the observed value as a line. */
export function envelopeSvg(names: HypothesisNames, stat: Statistic, observed: number, rows: Array<{ null: NullName; r: TestResult }>): string {
  if (!rows.length) return "";
  const all = [observed, ...rows.flatMap((x) => [x.r.envelope[0], x.r.envelope[2]])];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1;
  const left = 230;
  const right = W - 30;
  const x = (v: number) => left + ((v - (min - pad)) / (max - min + 2 * pad)) * (right - left);
  const rowH = 30;
  const h = rows.length * rowH + 48;
  const label = names.statistic(stat);
  const parts = [`<svg class="chart" data-stat="${esc(stat)}" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(`${label} : observé ${statValue(stat, observed)} ; ` + rows.map((x) => `placement ${names.null(x.null)}, enveloppe ${statValue(stat, x.r.envelope[0])} – ${statValue(stat, x.r.envelope[2])}`).join(" ; "))}">`];
  rows.forEach(({ null: nm, r }, i) => {
    const y = 24 + i * rowH;
    parts.push(`<text class="lab" x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(names.null(nm))}</text>`);
    parts.push(`<rect class="band" x="${x(r.envelope[0]).toFixed(1)}" y="${y - 9}" width="${Math.max(1.5, x(r.envelope[2]) - x(r.envelope[0])).toFixed(1)}" height="18"/>`);
    parts.push(`<line class="median" x1="${x(r.envelope[1]).toFixed(1)}" x2="${x(r.envelope[1]).toFixed(1)}" y1="${y - 9}" y2="${y + 9}"/>`);
  });
  const ox = x(observed).toFixed(1);
  parts.push(`<line class="obs" x1="${ox}" x2="${ox}" y1="10" y2="${h - 30}"/>`);
  parts.push(`<text class="tick obs-lab" x="${ox}" y="${h - 16}" text-anchor="middle">observé ${statValue(stat, observed)}</text>`);
  parts.push(`<text class="tick" x="${left}" y="${h - 2}">${statValue(stat, min - pad)}</text><text class="tick" x="${right}" y="${h - 2}" text-anchor="end">${statValue(stat, max + pad)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}
