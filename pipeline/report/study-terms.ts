// What the page says of the study's place: its declared district levels and zones, its central
// districts and its name, all from the study file. The report names no level, zone or city of its
// own (DESIGN.md: a study is data, not code), so a study of another city reads as its own.
import { centralDistricts, type Study, type ZoneKind } from "../core/study.js";
import { indicatorsFor, type Indicator } from "./indicators.js";
import { capitalise, listFr, pluralFr } from "../core/words-fr.js";

export interface ReportLevel {
  /** The level's layer (out/layers/<layer>.geojson, out/stats/<layer>.csv). */
  layer: string;
  /** The joined property of each camera (Paris: "arrondissement"). */
  key: string;
  /** Singular French label ("quartier administratif"). */
  label: string;
  /** Its plural ("quartiers administratifs"), for sentences. */
  plural: string;
  /** Heading of the level's table ("Quartiers administratifs"). */
  title: string;
  /** Prefix of the tooltip keys of its districts ("q:75113…"). */
  prefix: string;
}

export interface ReportZone {
  layer: string;
  kind: ZoneKind;
  /** Short name for tables ("ZTI"). */
  short: string;
  /** French label ("zones touristiques internationales"). */
  label: string;
  approximated: boolean;
}

export interface ReportStudy {
  /** The place after "de" or "dans" ("Paris"); the study's `place`, else "la ville"; with an analysis area, the area. */
  place: string;
  levels: ReportLevel[];
  zones: ReportZone[];
  /** The layers the study declares (levels, zones and roles: "ridership", "camera_sites"…). */
  layers: string[];
  /** settings.central_districts (codes of the coarsest level). */
  central: string[];
  /** The district columns of out/stats/<level>.csv, the declared zones' included. */
  indicators: Indicator[];
}

export function reportStudy(study: Pick<Study, "place" | "levels" | "zones" | "settings" | "layers" | "area">): ReportStudy {
  const used = new Set<string>();
  const levels = study.levels.map((l, i) => {
    // One letter, as the Paris keys always were (a:, q:, i:); the level's rank where two share it.
    let prefix = (l.layer.match(/[a-z]/i)?.[0] ?? "l").toLowerCase();
    if (used.has(prefix)) prefix = `${prefix}${i}`;
    used.add(prefix);
    const plural = pluralFr(l.label.fr);
    return { layer: l.layer, key: l.key, label: l.label.fr, plural, title: capitalise(plural), prefix };
  });
  const zones = study.zones.map((z) => ({ layer: z.layer, kind: z.kind, short: z.short, label: z.label.fr, approximated: z.approximated }));
  // A restricted analysis (--area, study.area) counts, measures and compares within the area, not the city.
  const place = study.area?.length ? `la zone d'étude (${listFr(study.area)})` : (study.place ?? "la ville");
  return { place, levels, zones, layers: Object.keys(study.layers).sort(), central: centralDistricts(study), indicators: indicatorsFor(zones) };
}

/** "de Paris", "de la ville", "du Havre": the place after the preposition "de". */
export function placeOf(place: string): string {
  if (/^le /i.test(place)) return `du ${place.slice(3)}`;
  if (/^les /i.test(place)) return `des ${place.slice(4)}`;
  return `de ${place}`;
}

/** "Zones touristiques internationales (ZTI)": a zone as the summary table names it. */
export const zoneName = (z: ReportZone) => `${capitalise(z.label)} (${z.short})`;
