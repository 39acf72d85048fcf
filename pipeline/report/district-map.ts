// A district map drawn by the report itself (the render stage's maps are inlined too when they
// exist): districts as focusable paths, cameras as dots, every element keyed for the tooltips.
// Projected to Lambert-93 then fitted with geoIdentity().reflectY(true), which avoids d3-geo's
// spherical winding trap (DESIGN.md, Coordinates).
import { geoIdentity, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Point } from "geojson";
import { transformer } from "../geo/crs.js";
import { mapGeometry } from "../geo/read-layer.js";
import { esc } from "./html.js";

export interface DistrictMapOptions {
  /** Prefix of the tooltip key: "a" arrondissements, "q" quartiers. */
  keyPrefix: string;
  title: string;
  /** Text alternative of the whole map. */
  description: string;
  fill: (code: string) => string;
  /** Limits drawn over the districts (arrondissements over quartiers). */
  outlines?: FeatureCollection;
  /** Label districts with their `number` property. */
  numbers?: boolean;
  width?: number;
  height?: number;
}

const toL93 = transformer("EPSG:4326", "EPSG:2154");

function project(fc: FeatureCollection): FeatureCollection {
  return { type: "FeatureCollection", features: fc.features.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, (p) => toL93([p[0], p[1]])) })) };
}

export function districtMapSvg(districts: FeatureCollection, cameras: FeatureCollection | undefined, o: DistrictMapOptions): string {
  const width = o.width ?? 960;
  const height = o.height ?? 620;
  const d = project(districts);
  const projection = geoIdentity().reflectY(true).fitExtent([[12, 12], [width - 12, height - 12]], d);
  const path = geoPath(projection).digits(1);
  const code = (f: Feature) => String(f.properties?.code ?? f.properties?.id ?? f.id);
  const parts: string[] = [];
  parts.push(`<svg class="district-map" viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="${o.keyPrefix}-map-title ${o.keyPrefix}-map-desc">`);
  parts.push(`<title id="${o.keyPrefix}-map-title">${esc(o.title)}</title><desc id="${o.keyPrefix}-map-desc">${esc(o.description)}</desc>`);
  parts.push('<g class="districts">');
  for (const f of d.features) {
    const c = code(f);
    const name = String(f.properties?.name ?? c);
    parts.push(`<path d="${path(f)}" fill="${o.fill(c)}" data-key="${o.keyPrefix}:${esc(c)}" tabindex="0" aria-label="${esc(`${name} (${c})`)}"/>`);
  }
  parts.push("</g>");
  if (o.outlines) {
    parts.push('<g class="outlines" aria-hidden="true">');
    for (const f of project(o.outlines).features) parts.push(`<path d="${path(f)}"/>`);
    parts.push("</g>");
  }
  if (cameras) {
    // Cameras are not tab stops (1 368 of them would trap keyboard users): the camera table below
    // the maps is their keyboard and screen-reader alternative.
    parts.push('<g class="cameras" aria-hidden="true">');
    for (const f of cameras.features) {
      if (f.geometry?.type !== "Point") continue;
      const [x, y] = projection(toL93((f.geometry as Point).coordinates as [number, number]))!;
      parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2" data-key="c:${esc(f.properties?.id ?? f.id)}"/>`);
    }
    parts.push("</g>");
  }
  if (o.numbers) {
    parts.push('<g class="numbers" aria-hidden="true">');
    for (const f of d.features) {
      const [x, y] = path.centroid(f);
      if (Number.isFinite(x) && f.properties?.number !== undefined) parts.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}">${esc(f.properties.number)}</text>`);
    }
    parts.push("</g>");
  }
  parts.push("</svg>");
  return parts.join("");
}
