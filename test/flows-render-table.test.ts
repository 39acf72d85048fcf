// The ridership map and the private-camera table's arithmetic. Expected values: the Gare du Nord
// circle's entries read straight from the 2019 CSV (the Métro and RER rows, summed by hand); the
// table's shares on a toy of 5 cameras counted by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { readRidership } from "../layers/ridership.js";
import { readLayerFile } from "../pipeline/geo/read-layer.js";
import { ridershipMap, stationsOf, RIDERSHIP_CAVEATS } from "../pipeline/render/ridership-map.js";
import { mapContext } from "../pipeline/render/context.js";
import { loadStudy } from "../pipeline/core/study.js";
import { pageSpec } from "../pipeline/render/page.js";
import type { Item, Scene } from "../pipeline/render/scene.js";
import { coverage, groupRow, type LocatedCamera } from "../pipeline/stats/private-cameras.js";

const dir = join(process.cwd(), "data/paris");
let ridership: Feature[];
let scene: Scene;

function find(items: Item[], id: string): Item | undefined {
  for (const it of items) {
    if (it.kind !== "group") { if (it.id === id) return it; continue; }
    if (it.id === id) return it;
    const f = find(it.items, id);
    if (f) return f;
  }
  return undefined;
}
const texts = (items: Item[]): string[] => items.flatMap((it) => (it.kind === "group" ? texts(it.items) : it.kind === "text" ? [it.text] : []));

beforeAll(async () => {
  const r = await readRidership({ file: join(dir, "flows/ratp"), options: { year: 2019, stations: "flows/emplacement-des-gares-idf.geojson", aliases: "flows/aliases.csv" } }, dir, undefined);
  ridership = r.layer.features;
  const city = (await readLayerFile(join(dir, "boundaries/paris_commune.geojson"))).features;
  const arrs = (await readLayerFile(join(dir, "boundaries/arrondissements.geojson"))).features;
  const layers = { ridership, city, arrondissements: arrs, cameras: [] };
  const ctx = mapContext(loadStudy("data/paris/study.json"), layers as never, "fr");
  scene = ridershipMap(layers, pageSpec("A4"), { title: "t", sources: ["s"], ctx })!;
});

describe("ridership map", () => {
  it("draws one circle per station, Métro and RER rows summed, area proportional to entries", () => {
    const csv = readFileSync(join(dir, "flows/ratp/trafic-annuel-entrant-par-station-du-reseau-ferre-2019.csv"), "utf8").split(/\r?\n/);
    const trafic = (name: string) => Number(csv.find((l) => l.split(";")[2] === name)!.split(";")[3]);
    const gdn = trafic("GARE DU NORD") + trafic("GARE DU NORD-RER");
    const nation = trafic("NATION") + trafic("NATION-RER");
    const stations = stationsOf(ridership);
    expect(stations.find((s) => s.id === "station-71410")!.entries).toBe(gdn);
    const circle = (id: string) => find(scene.layers, `ridership-${id}`) as { r: number } | undefined;
    const a = circle("station-71410")!;
    const b = circle("station-71673")!;
    expect((a.r / b.r) ** 2).toBeCloseTo(gdn / nation, 9);
    // Stations far from Paris fall outside the frame and are not drawn (Marne-la-Vallée, Val d'Europe).
    expect(circle("station-68266")).toBeUndefined();
  });

  it("states the caveats and the year in the legend", () => {
    const t = texts(scene.layers).join(" ");
    expect(t).toContain("2019");
    for (const word of ["Entrées seulement", "RATP seulement", "correspondances"]) expect(t.replace(/\s+/g, " ")).toContain(word);
    expect(RIDERSHIP_CAVEATS).toMatch(/correspondances/);
  });
});

describe("private-camera table", () => {
  const cam = (p: Partial<LocatedCamera>): LocatedCamera => ({ in_city: true, central: false, zones: { a: false }, near_high_ridership: false, ridership_300m: 0, district: "d1", ...p });
  const toy = [
    cam({ central: true, zones: { a: true }, near_high_ridership: true, ridership_300m: 9e6 }),
    cam({ central: true, ridership_300m: 1e6 }),
    cam({ ridership_300m: 0 }),
    cam({ ridership_300m: 3e6, district: "d2" }),
    cam({ in_city: false, central: true, zones: { a: true }, ridership_300m: 5e6, district: null }),
  ];

  it("shares count only the cameras inside the city", () => {
    const r = groupRow({ id: "g", label: "g", cameras: toy }, ["a"]);
    expect(r.cameras).toBe(5);
    expect(r.in_city).toBe(4);
    expect(r.central_share).toBe(2 / 4);
    expect(r.zone_shares.a).toBe(1 / 4);
    expect(r.near_high_ridership_share).toBe(1 / 4);
    expect(r.near_any_station_share).toBe(3 / 4);
    expect(r.median_ridership_300m).toBe(2e6); // (1e6 + 3e6) / 2
  });

  it("coverage counts the districts the survey reaches", () => {
    const c = coverage(toy, ["d1", "d2", "d3", "d4"]);
    expect(c.districts_with_any).toBe(2);
    expect(c.by_district).toEqual({ d1: 3, d2: 1, d3: 0, d4: 0 });
    expect(c.top3_share).toBe(1);
  });
});
