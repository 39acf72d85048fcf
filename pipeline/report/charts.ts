// Small inline SVG charts of the hypothesis section: rate ratios with their 95 % intervals on a
// log axis, and each permutation test's envelope against the observed value (or curve).
import { esc } from "./html.js";
import { formatFr } from "./format-fr.js";
import type { PermutationTest, RateRatio } from "./hypothesis-data.js";

const W = 640;

export function forestPlotSvg(rrs: RateRatio[]): string {
  const ok = rrs.filter((r) => r.rr !== null && r.rr > 0);
  if (!ok.length) return "";
  const vals = ok.flatMap((r) => [r.rr!, r.low ?? r.rr!, r.high ?? r.rr!]).filter((v) => v > 0);
  const lo = Math.log(Math.min(0.5, ...vals) * 0.9);
  const hi = Math.log(Math.max(2, ...vals) * 1.1);
  const left = 230;
  const right = W - 20;
  const x = (v: number) => left + ((Math.log(v) - lo) / (hi - lo)) * (right - left);
  const rowH = 24;
  const h = ok.length * rowH + 40;
  const parts = [`<svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="Rapports de taux et intervalles à 95 % (échelle logarithmique)">`];
  parts.push(`<line class="ref" x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="8" y2="${h - 28}"/>`);
  ok.forEach((r, i) => {
    const y = 20 + i * rowH;
    parts.push(`<text class="lab" x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(r.label)}</text>`);
    if (r.low !== null && r.high !== null && r.low > 0) parts.push(`<line class="ci" x1="${x(r.low).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${y}" y2="${y}"/>`);
    parts.push(`<circle class="est" cx="${x(r.rr!).toFixed(1)}" cy="${y}" r="4"/>`);
  });
  for (const t of [0.25, 0.5, 1, 2, 4, 8, 16].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi)) {
    parts.push(`<text class="tick" x="${x(t).toFixed(1)}" y="${h - 10}" text-anchor="middle">${formatFr(t, t < 1 ? 2 : 0)}</text>`);
  }
  parts.push("</svg>");
  return parts.join("");
}

export function envelopeSvg(t: PermutationTest): string {
  if (t.curve.length >= 2) return curveSvg(t);
  if (t.observed === null || t.low === null || t.high === null) return "";
  const min = Math.min(t.observed, t.low);
  const max = Math.max(t.observed, t.high);
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  const x = (v: number) => 20 + ((v - (min - pad)) / (max - min + 2 * pad)) * (W - 40);
  const digits = [t.observed, t.low, t.high].every(Number.isInteger) ? 0 : Math.abs(max) < 10 ? 3 : 1;
  return [
    `<svg class="chart" viewBox="0 0 ${W} 70" role="img" aria-label="${esc(`${t.label} : enveloppe ${formatFr(t.low, digits)} – ${formatFr(t.high, digits)}, observé ${formatFr(t.observed, digits)}`)}">`,
    `<rect class="band" x="${x(t.low).toFixed(1)}" y="14" width="${Math.max(1, x(t.high) - x(t.low)).toFixed(1)}" height="22"/>`,
    `<line class="obs" x1="${x(t.observed).toFixed(1)}" x2="${x(t.observed).toFixed(1)}" y1="6" y2="44"/>`,
    `<text class="tick" x="${x(t.low).toFixed(1)}" y="60" text-anchor="middle">${formatFr(t.low, digits)}</text>`,
    `<text class="tick" x="${x(t.high).toFixed(1)}" y="60" text-anchor="middle">${formatFr(t.high, digits)}</text>`,
    `<text class="tick obs-lab" x="${x(t.observed).toFixed(1)}" y="4" text-anchor="middle" dominant-baseline="hanging">observé ${formatFr(t.observed, digits)}</text>`,
    "</svg>",
  ].join("");
}

function curveSvg(t: PermutationTest): string {
  const c = t.curve;
  const xs = c.map((p) => p.x);
  const ys = c.flatMap((p) => [p.observed, p.low, p.high]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const H = 260;
  const sx = (v: number) => 50 + ((v - x0) / (x1 - x0 || 1)) * (W - 70);
  const sy = (v: number) => H - 30 - ((v - y0) / (y1 - y0 || 1)) * (H - 50);
  const line = (f: (p: (typeof c)[number]) => number) => c.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(f(p)).toFixed(1)}`).join("");
  const band = line((p) => p.high) + c.slice().reverse().map((p) => `L${sx(p.x).toFixed(1)},${sy(p.low).toFixed(1)}`).join("") + "Z";
  return [
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${t.label} : courbe observée et enveloppe des tirages`)}">`,
    `<path class="band" d="${band}"/><path class="obs-line" d="${line((p) => p.observed)}"/>`,
    `<line class="axis" x1="50" x2="${W - 20}" y1="${H - 30}" y2="${H - 30}"/><line class="axis" x1="50" x2="50" y1="20" y2="${H - 30}"/>`,
    `<text class="tick" x="50" y="${H - 12}" text-anchor="middle">${formatFr(x0, 2)}</text><text class="tick" x="${W - 20}" y="${H - 12}" text-anchor="middle">${formatFr(x1, 2)}</text>`,
    `<text class="tick" x="44" y="${sy(y0).toFixed(1)}" text-anchor="end">${formatFr(y0, 2)}</text><text class="tick" x="44" y="${sy(y1).toFixed(1)}" text-anchor="end">${formatFr(y1, 2)}</text>`,
    "</svg>",
  ].join("");
}
