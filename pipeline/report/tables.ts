// Sortable, searchable HTML tables. Rendered server-side so the page reads without script and in
// print; each cell carries its raw value in data-v for the client's sort (numbers sort as numbers,
// empty values last).
import type { FeatureCollection } from "geojson";
import { esc } from "./html.js";
import { formatFr, formatPercentFr } from "../core/format-fr.js";
import type { Indicator } from "./indicators.js";
import type { ReportLevel } from "./study-terms.js";
import { capitalise } from "../core/words-fr.js";
import type { DistrictRow } from "./district-table.js";
import { GEOCODE_METHODS } from "./geocoding-section.js";

export function formatIndicator(i: Pick<Indicator, "kind" | "digits">, v: number | null): string {
  return i.kind === "share" ? formatPercentFr(v, i.digits) : formatFr(v, i.digits);
}

interface Column {
  label: string;
  numeric: boolean;
}

function sortableTable(id: string, caption: string, columns: Column[], rows: Array<Array<{ v: string; text: string }>>): string {
  const head = columns
    .map((c, i) => `<th scope="col" aria-sort="none"${c.numeric ? ' class="n"' : ""}><button type="button" data-col="${i}" data-type="${c.numeric ? "num" : "text"}">${esc(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`)
    .join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${columns[i].numeric ? ' class="n"' : ""} data-v="${esc(c.v)}">${esc(c.text)}</td>`).join("")}</tr>`).join("\n");
  return [
    `<div class="table-tools"><label>Rechercher <input type="search" data-filter="${id}" aria-controls="${id}" placeholder="code ou nom"></label> <output class="count" data-count="${id}" aria-live="polite">${rows.length} lignes</output></div>`,
    `<div class="scroll" tabindex="0" role="region" aria-label="${esc(caption)}"><table id="${id}" class="sortable"><caption>${esc(caption)} — cliquer un en-tête pour trier</caption>`,
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`,
  ].join("");
}

export function districtTable(id: string, caption: string, rows: DistrictRow[], indicators: Indicator[]): string {
  const columns: Column[] = [{ label: "Code", numeric: false }, { label: "Nom", numeric: false }, ...indicators.map((i) => ({ label: i.label, numeric: true }))];
  const cells = rows.map((r) => [
    { v: r.code, text: r.code },
    { v: r.name, text: r.name },
    ...indicators.map((i) => {
      const v = r.values[i.key];
      return { v: v === null ? "" : String(v), text: formatIndicator(i, v) };
    }),
  ]);
  return sortableTable(id, caption, columns, cells);
}

/** `district`: the coarsest declared level, whose code each camera carries as a property. */
export function cameraTable(id: string, cameras: FeatureCollection, district: Pick<ReportLevel, "key" | "label">): string {
  const columns: Column[] = ["Identifiant", "Libellé", capitalise(district.label), "Mise en service", "Géocodage", "Confiance"].map((label, i) => ({ label, numeric: i === 5 }));
  const rows = cameras.features.map((f) => {
    const p = f.properties ?? {};
    const conf = typeof p.geocode_confidence === "number" ? p.geocode_confidence : null;
    return [
      { v: String(p.id ?? f.id), text: String(p.id ?? f.id) },
      { v: String(p.label ?? ""), text: String(p.label ?? "") },
      { v: String(p[district.key] ?? ""), text: String(p[district.key] ?? "") },
      { v: String(p.commissioned ?? ""), text: p.commissioned ? String(p.commissioned) : "inconnue" },
      { v: String(p.geocode_method ?? ""), text: GEOCODE_METHODS[p.geocode_method] ?? String(p.geocode_method ?? "—") },
      { v: conf === null ? "" : String(conf), text: formatFr(conf, 2) },
    ];
  });
  return sortableTable(id, "Caméras", columns, rows);
}
