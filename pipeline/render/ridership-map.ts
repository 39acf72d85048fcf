// Where people flow: annual entries per station as proportional circles (area ∝ entries, rows of
// one station summed: Métro and RER at Gare du Nord are one circle), the cameras drawn over them.
// The legend carries the data's caveats: entries only, RATP only, transfers not counted.
import type { Feature, Point } from "geojson";
import type { Layers } from "./read-inputs.js";
import { mapPage } from "./map-page.js";
import type { PageSpec } from "./page.js";
import { cameraPoints, CAMERA_R, cityBackground, woods } from "./base-map.js";
import { contextLayers, zoneAndContextLegend, type MapText } from "./carte1.js";
import { group, type Item, type Scene } from "./scene.js";
import { cameraLayerLegend } from "./camera-density.js";
import type { LegendEntry } from "./legend.js";
import { formatFr } from "./format-fr.js";
import { niceLength } from "./scale-bar.js";
import { INK } from "./palettes.js";

const SYMBOL = { fill: "#2b8cbe", fillOpacity: 0.55, stroke: "#08589e", strokeWidth: 0.2 };

export const RIDERSHIP_CAVEATS =
  "Entrées seulement (validations à l'entrée du réseau) ; RATP seulement (ni Transilien, ni partie SNCF des RER B et D, ni tramway ni bus) ; " +
  "les correspondances dans une station ne sont pas comptées : les grands pôles sont sous-estimés.";

interface Station {
  id: string;
  name: string;
  entries: number;
  lonlat: number[];
  networks: string[];
}

/** Rows of one stop area summed, largest first (so small circles are drawn on top). */
export function stationsOf(ridership: Feature[]): Station[] {
  const by = new Map<string, Station>();
  for (const f of ridership) {
    const p = f.properties!;
    const id = String(p.station);
    const s = by.get(id) ?? { id, name: String(p.name), entries: 0, lonlat: (f.geometry as Point).coordinates, networks: [] };
    s.entries += Number(p.entries);
    if (!s.networks.includes(String(p.network))) s.networks.push(String(p.network));
    by.set(id, s);
  }
  return [...by.values()].sort((a, b) => b.entries - a.entries || a.id.localeCompare(b.id));
}

export function ridershipMap(layers: Layers, page: PageSpec, words: MapText): Scene | null {
  const { ctx } = words;
  const ridership = layers.ridership;
  if (!ridership || ridership.length === 0) return null;
  const stations = stationsOf(ridership);
  const year = ridership[0].properties?.year ?? "";
  const max = stations[0].entries;
  const rMax = 7;
  const radius = (v: number) => rMax * Math.sqrt(v / max);
  const refs = [niceLength(max), niceLength(max / 5), niceLength(max / 25)].filter((v, i, a) => v > 0 && a.indexOf(v) === i);
  const millions = (v: number) => `${formatFr(Math.round(v / 1e5) / 10)} M`;
  return mapPage({
    page,
    title: words.title,
    subtitle: `Entrées annuelles par station (RATP, ${year}) et caméras de vidéosurveillance`,
    sources: [...words.sources, `Fréquentation : RATP, trafic annuel entrant par station ${year} (Licence Ouverte), placé sur les gares IDFM (ODbL).`],
    extent: ctx.extent,
    clip: true,
    words: ctx.S,
    layers: (frame) => {
      const circles: Item[] = [];
      for (const s of stations) {
        const [cx, cy] = frame.point(s.lonlat);
        if (!frame.inside([cx, cy])) continue;
        circles.push({ kind: "circle", id: `ridership-${s.id}`, cx, cy, r: radius(s.entries), title: `${s.name} : ${millions(s.entries)} d'entrées (${s.networks.join(", ")})` });
      }
      return [
        cityBackground(frame, layers.city),
        ...woods(frame, layers.woods),
        ...contextLayers(frame, layers, ctx),
        group("ridership-symbols", circles, { label: `Entrées annuelles par station (${year})`, style: SYMBOL }),
        cameraPoints(frame, layers.cameras, "cameras", CAMERA_R * 0.8, undefined, ctx),
      ];
    },
    legend: () => {
      const total = stations.reduce((s, x) => s + x.entries, 0);
      const entries: LegendEntry[] = [
        { kind: "heading", text: `Entrées annuelles par station, ${year}` },
        ...refs.map((v, i): LegendEntry => ({ kind: "circle-size", id: `legend-ridership-${i}`, label: `${millions(v)} d'entrées`, r: radius(v), style: SYMBOL })),
        { kind: "note", text: `Surface des cercles proportionnelle aux entrées ; Métro et RER d'une même station additionnés. ${formatFr(stations.length)} stations, ${millions(total)} d'entrées en tout (y compris hors de Paris).` },
        { kind: "note", text: RIDERSHIP_CAVEATS },
        { kind: "heading", text: "Vidéosurveillance" },
        ...cameraLayerLegend(layers.cameras, "Caméras de la couche étudiée", () => [
          { kind: "point", id: "legend-camera", label: `caméra de la couche étudiée (${formatFr(layers.cameras.length)})`, r: CAMERA_R * 1.1, style: { fill: INK.camera, stroke: "#ffffff", strokeWidth: CAMERA_R, strokeUnder: true } },
        ], { rule: ctx }),
        ...zoneAndContextLegend(layers, ctx, { woods: false }),
      ];
      return entries;
    },
  }).scene;
}
