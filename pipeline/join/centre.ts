// The centre of Paris for "distance to the centre": the point zéro des routes de France on the
// parvis de Notre-Dame, at the coordinate commonly published for its plaque, about
// 48°51′12.3″ N, 2°20′55.7″ E (lon 2.348800, lat 48.853410). Checked against the bundled Base
// Adresse Nationale: it lies amid the address points of "Parvis Notre-Dame Place Jean-Paul II"
// (test/centre.test.ts). A study can set another centre in settings.centre.
import type { Study } from "../core/study.js";

export interface Centre {
  name: string;
  lonlat: [number, number];
}

export const POINT_ZERO: Centre = { name: "Point zéro des routes de France (parvis Notre-Dame)", lonlat: [2.3488, 48.85341] };

export function studyCentre(study: Study): Centre {
  const c = study.settings.centre as { name?: string; lonlat?: [number, number] } | undefined;
  if (c && Array.isArray(c.lonlat) && c.lonlat.length === 2) return { name: c.name ?? "study centre", lonlat: [Number(c.lonlat[0]), Number(c.lonlat[1])] };
  return POINT_ZERO;
}

export function zoneTolerance(study: Study): number {
  const t = Number(study.settings.zone_tolerance_m ?? 10);
  return Number.isFinite(t) && t >= 0 ? t : 10;
}
