// Stage 1, layers: the only stage that reads data/. Reads every layer the study names,
// normalises and validates it, and writes out/layers/<name>.geojson plus manifest.json.
import { join, relative } from "node:path";
import type { Feature } from "geojson";
import { InputError } from "./core/errors.js";
import { OutputSet, jsonText } from "./core/output.js";
import { fileDigest } from "./core/hash.js";
import { step } from "./core/progress.js";
import { forEachPosition, readLayerAhead, readOptionsOf } from "./geo/read-layer.js";
import { geojsonStream } from "./geo/write-geojson.js";
import { coarsestLevel, requireLayer, type Study } from "./core/study.js";
import type { LayersManifest } from "./contracts.js";
import type { LayerResult } from "../layers/layer-result.js";
import { readDistricts } from "../layers/districts.js";
import { readIncomeCells } from "../layers/income.js";
import { buildZoneRule, readZonePolygons } from "../layers/zones.js";
import { checkCoverage, restrictToArea } from "../layers/area.js";
import { readAreaLayer, readCrossings, readStations, readTerminals } from "../layers/context.js";
import { readCameraColumnsAhead, readCameraPoints } from "../layers/cameras.js";
import { cameraColumnLines } from "../layers/camera-columns.js";
import { keptCount } from "../layers/layer-result.js";
import { readRidership } from "../layers/ridership.js";
import { readPrivateCameras } from "../layers/private-cameras.js";

export type { ManifestEntry, LayersManifest } from "./contracts.js";

/**
 * A user's own file (--layer NAME=PATH) is the likeliest to be wrong: read it once before the
 * study's layers so that a bad file fails in a moment rather than after every other layer.
 * Income cells, zone rules and crossings have their own readers and are checked in turn; camera
 * sites are the geocode stage's.
 */
async function checkUserFilesFirst(study: Study): Promise<void> {
  const special = new Set(["income_cells", "crossings", "camera_sites", "addresses", "geocode_reference", "ridership"]);
  for (const [name, spec] of Object.entries(study.layers)) {
    if (!spec?.user || special.has(name) || spec.rule) continue;
    // A camera list with coordinate columns is read as columns (layers/camera-columns.ts).
    if ((name === "cameras" || name === "cameras_2012") && readCameraColumnsAhead(spec)) continue;
    await readLayerAhead(spec.file, readOptionsOf(spec));
  }
}

export async function runLayers(study: Study, outDir: string): Promise<LayersManifest> {
  await checkUserFilesFirst(study);
  // Ridership needs no other layer and its file is small: read first, a bad row fails at once.
  const ridership = study.layers.ridership ? await readRidership(study.layers.ridership, study.dir, study.layers.stations) : undefined;
  const results: LayerResult[] = [];
  const add = (r: LayerResult) => {
    checkOverlap(r, study);
    results.push(r);
    step(`layers: ${r.name} ${keptCount(r)} features`);
  };
  // Districts first: every level the study declares, then the zones, which a rule may build
  // from whole districts (even outside the analysis area), then the city they make up.
  const levels: LayerResult[] = [];
  for (const level of study.levels) levels.push(await readDistricts(level.layer, requireLayer(study, level.layer)));
  const byName = new Map(levels.map((r) => [r.name, [...r.features]]));
  const conseils = study.layers.conseils ? await readDistricts("conseils", study.layers.conseils) : null;
  if (conseils) byName.set("conseils", conseils.features);
  const zones: LayerResult[] = [];
  for (const zone of study.zones) {
    const spec = requireLayer(study, zone.layer);
    zones.push(spec.rule ? await buildZoneRule(zone.layer, spec, { pools: Object.fromEntries(byName), crossingsFile: study.layers.crossings?.file }) : await readZonePolygons(zone.layer, spec));
  }
  let city = await readAreaLayer("city", requireLayer(study, "city"));
  const area = study.area ? restrictToArea(study, levels, city) : null;
  if (area) city = area.city;
  for (const r of levels) add(r);
  add(city);
  if (area) add(area.layer);
  if (conseils) add(conseils);
  if (study.layers.income_cells) add(await readIncomeCells(study.layers.income_cells));
  for (const z of zones) add(z);
  for (const name of ["river", "woods"] as const) if (study.layers[name]) add(await readAreaLayer(name, study.layers[name]));
  if (study.layers.stations) add(await readStations(study.layers.stations));
  if (study.layers.terminals) add(await readTerminals(study.layers.terminals));
  if (study.layers.crossings) add(await readCrossings(study.layers.crossings));
  // Ridership: rows placed on stations by name; its match report is written beside the layers.
  const extra: Array<[string, string]> = [];
  if (ridership) {
    add(ridership.layer);
    extra.push(["ridership_match.json", jsonText(ridership.report)]);
  }
  if (study.layers.private_cameras) add(await readPrivateCameras(study.layers.private_cameras));
  // The study's camera layer is written here when it already has coordinates; a list of sites
  // to geocode (camera_sites) is the geocode stage's job instead.
  const coarsest = coarsestLevel(study);
  // Cameras are attributed on the whole city (before the area), then the area keeps its own.
  const attribution = { key: coarsest.key, features: byName.get(coarsest.layer)! };
  if (study.layers.cameras) {
    const cams = await readCameraPoints("cameras", study.layers.cameras, attribution, cameraTag(study, "cameras"));
    if (area) area.clipCameras(cams, true);
    else checkCoverage(study, cams, levels[0]);
    add(cams);
  }
  if (study.layers.cameras_2012) {
    const cams = await readCameraPoints("cameras_2012", study.layers.cameras_2012, attribution, "prefecture_2012");
    if (area) area.clipCameras(cams);
    add(cams);
  }

  const out = new OutputSet();
  const manifest: LayersManifest = { study: relative(process.cwd(), study.file), area: study.area, layers: [] };
  for (const r of results) {
    const dropped = r.dropped.reduce((s, d) => s + d.count, 0);
    const merged = r.merged ?? 0;
    const kept = keptCount(r);
    if (kept + dropped + merged !== r.read) {
      throw new Error(`layer ${r.name}: kept ${kept} + dropped ${dropped} + merged ${merged} != read ${r.read}`);
    }
    const file = join(outDir, "layers", `${r.name}.geojson`);
    out.add(file, r.points ? cameraColumnLines(r.points, r.name) : geojsonStream(r.features, r.name));
    manifest.layers.push({
      layer: r.name,
      file: `layers/${r.name}.geojson`,
      source: r.source ?? null,
      vintage: r.vintage ?? null,
      licence: r.licence ?? null,
      user: study.layers[r.name]?.user === true,
      inputs: r.sourceFiles.map((p) => ({ path: relative(study.dir, p), ...fileDigest(p) })),
      read: r.read,
      kept,
      dropped: r.dropped,
      merged,
      notes: r.notes,
    });
  }
  for (const [name, text] of extra) out.add(join(outDir, "layers", name), text);
  out.add(join(outDir, "layers", "outside_area.csv"), area ? area.outsideCsv() : "layer,id,lon,lat,label\n");
  out.add(join(outDir, "layers", "manifest.json"), jsonText(manifest));
  out.commit();
  return manifest;
}

function cameraTag(study: Study, name: "cameras"): string {
  const spec = study.layers[name]!;
  return String(spec.options?.source_tag ?? (spec.user ? "user" : "study"));
}

/** A layer that misses the study area entirely is a wrong file or a wrong CRS, not data. */
function checkOverlap(r: LayerResult, study: Study): void {
  if (!study.envelope) return;
  const [w, s, e, n] = study.envelope;
  const inside = (x: number, y: number) => x >= w && x <= e && y >= s && y <= n;
  if (r.points) {
    const { lon, lat } = r.points;
    for (let i = 0; i < lon.length; i++) if (inside(lon[i], lat[i])) return;
  } else {
    let any = false;
    for (const f of r.features as Feature[]) {
      forEachPosition(f.geometry, (p) => {
        if (!any && inside(p[0], p[1])) any = true;
      });
      if (any) return;
    }
  }
  throw new InputError(r.sourceFiles[0], undefined, `the ${r.name} layer does not overlap the study area`, "check the file and its CRS");
}
