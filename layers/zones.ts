// Zone layers: polygons as published (e.g. tourist zones), or zones approximated by a documented
// rule (`"format": "zone-rule"`: unions of blocks taken from other layers of the study, e.g. the
// Paris ZSP, for which no official geometry is available, see data/paris/zsp.json).
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { InputError } from "../pipeline/core/errors.js";
import { readLayerFile, readOptionsOf, readText } from "../pipeline/geo/read-layer.js";
import { parseCsv, parseNumberCell, columnIndex } from "../pipeline/geo/read-csv.js";
import { pointInRings } from "../pipeline/geo/point-in-polygon.js";
import { polygonArea } from "../pipeline/geo/rings.js";
import { transformer } from "../pipeline/geo/crs.js";
import type { LayerSpec } from "../pipeline/core/study.js";
import { assertUniqueIds, normalisePolygons, polygonLayerResult, type LayerResult, guessColumn } from "./layer-result.js";


function requiredName(f: Feature, key: string, file: string, i: number): string {
  const v = f.properties?.[key];
  if (v === undefined || v === null || v === "") throw new InputError(file, `feature ${i}`, `missing field "${key}"`, "name every zone, or map another column in `fields`");
  return String(v);
}

export async function readZonePolygons(name: string, spec: LayerSpec): Promise<LayerResult> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const idField = spec.fields?.id ?? guessColumn(layer.features, ["_id", "id", "code"]);
  const nameField = spec.fields?.name ?? guessColumn(layer.features, ["name", "nom", "libelle", "label"]);
  const decreeField = spec.fields?.decree;
  const features: Feature[] = layer.features.map((f, i) => {
    const raw = idField ? f.properties?.[idField] : undefined;
    if (idField && (raw === undefined || raw === null || raw === "")) throw new InputError(spec.file, `feature ${i}`, `missing field "${idField}"`, "fill the id column or map another one in `fields`");
    // OSM exports name relations "relation/123": the number alone is the stable part.
    const id = `${name}-${raw !== undefined ? String(raw).replace(/^relation\//, "") : String(i + 1)}`;
    return {
      type: "Feature",
      properties: {
        id,
        // A layer with a name column must name every zone; one without is named by its ids.
        name: nameField ? requiredName(f, nameField, spec.file, i) : id,
        decree: decreeField ? (f.properties?.[decreeField] ?? null) : null,
      },
      geometry: f.geometry,
    };
  });
  return polygonLayerResult(name, spec, layer, features, (a, b) => String(a.properties!.name).localeCompare(String(b.properties!.name), "fr"));
}

/** One building block of an approximated zone. */
export interface ZoneBlock {
  /** A layer of the study (Paris: "conseils", "iris"). */
  layer: string;
  /** Explicit ids of the layer's features. */
  ids?: string[];
  /** Or: the features whose interior point lies in the polygon whose corners are these street crossings. */
  within_crossings?: Array<[string, string]>;
  why: string;
}

export interface ZoneRule {
  id: string;
  name: string;
  created: string;
  perimeter_text: string;
  source: string;
  blocks: ZoneBlock[];
}

export interface ZoneRuleInputs {
  /** The study's layers a block may draw from, by name. */
  pools: Record<string, Feature[]>;
  /** Street crossings (for `within_crossings` blocks), if the study has them. */
  crossingsFile?: string;
}

/** Gaps smaller than this between blocks from different sources are slivers, not holes. */
const SLIVER_M2 = 2000;

export async function buildZoneRule(name: string, spec: LayerSpec, inputs: ZoneRuleInputs): Promise<LayerResult> {
  // Loaded here, not at the top, and only the three modules used: the whole of @turf/turf takes
  // a quarter of a second to load, which every other command would pay for nothing. Required as
  // CommonJS: the same code, but loading their ES module builds costs ~50 ms more.
  const require = createRequire(import.meta.url);
  const { pointOnFeature } = require("@turf/point-on-feature") as typeof import("@turf/point-on-feature");
  const { union } = require("@turf/union") as typeof import("@turf/union");
  const { featureCollection } = require("@turf/helpers") as typeof import("@turf/helpers");
  const turf = { pointOnFeature, union, featureCollection };
  let doc: { zones: ZoneRule[] };
  try {
    doc = JSON.parse(readText(spec.file));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(spec.file, undefined, `not valid JSON: ${(e as Error).message}`, "fix the zone rule file");
  }
  if (!Array.isArray(doc?.zones)) throw new InputError(spec.file, undefined, 'no "zones" array', "see data/paris/zsp.json for the format");
  let crossings: Map<string, Position[]> | undefined;
  const features: Feature[] = doc.zones.map((zone, zi) => {
    checkZone(zone, `zones[${zi}]`, spec.file);
    const parts: Feature<Polygon | MultiPolygon>[] = [];
    const used: string[] = [];
    zone.blocks.forEach((block, bi) => {
      const where = `zones[${zi}].blocks[${bi}]`;
      const pool = inputs.pools[block.layer];
      if (!pool) throw new InputError(spec.file, where, `unknown block layer "${block.layer}"`, `use a polygon layer the study declares (${Object.keys(inputs.pools).join(", ")})`);
      let chosen: Feature[];
      if (block.ids) {
        chosen = block.ids.map((id) => {
          const f = pool.find((p) => p.properties!.id === id);
          if (!f) throw new InputError(spec.file, where, `no ${block.layer} feature with id "${id}"`, "fix the id in the rule");
          return f;
        });
      } else if (block.within_crossings) {
        if (!inputs.crossingsFile) throw new InputError(spec.file, where, "a within_crossings block needs the study's crossings layer", 'add "crossings" to the study, or list the block by "ids"');
        crossings ??= loadCrossings(inputs.crossingsFile, namedCrossings(doc.zones));
        const corners = block.within_crossings.map((pair) => crossingPoint(crossings!, pair, spec.file, where));
        const ring = [...corners, corners[0]];
        chosen = pool.filter((f) => {
          const p = turf.pointOnFeature(f as Feature<Polygon>).geometry.coordinates;
          return pointInRings(p[0], p[1], [ring]);
        });
        if (chosen.length === 0) throw new InputError(spec.file, where, "no feature lies inside the crossings' polygon", "check the street names and their order");
      } else throw new InputError(spec.file, where, 'a block needs "ids" or "within_crossings"', "see data/paris/zsp.json");
      for (const f of chosen) {
        parts.push(f as Feature<Polygon | MultiPolygon>);
        used.push(`${block.layer}:${f.properties!.id}`);
      }
    });
    const merged = parts.length === 1 ? parts[0] : turf.union(turf.featureCollection(parts));
    if (!merged) throw new InputError(spec.file, `zones[${zi}]`, "the blocks' union is empty", "check the blocks");
    return {
      type: "Feature",
      properties: {
        id: zone.id,
        name: zone.name,
        created: zone.created,
        approximated: true,
        rule: `union of building blocks, see ${basename(spec.file)}`,
        blocks: used.sort(),
        source: zone.source,
      },
      geometry: dropSlivers(merged.geometry),
    };
  });
  normalisePolygons(features, spec.file);
  assertUniqueIds(features, spec.file, (i) => `zones[${i}]`);
  return {
    name,
    features,
    read: doc.zones.length,
    dropped: [],
    notes: [`${name} perimeters are approximations: unions of blocks of ${[...new Set(doc.zones.flatMap((z) => z.blocks.map((b) => b.layer)))].join(", ")} chosen by the rule in ${basename(spec.file)}`],
    sourceFiles: inputs.crossingsFile && crossings ? [spec.file, inputs.crossingsFile] : [spec.file],
    source: spec.source,
    vintage: spec.vintage,
    licence: spec.licence,
  };
}

/** The rule file is hand-written: say which member is missing rather than fail on it later. */
function checkZone(zone: ZoneRule, where: string, file: string): void {
  if (!zone || typeof zone !== "object") throw new InputError(file, where, "a zone is not an object", "see data/paris/zsp.json for the format");
  for (const key of ["id", "name"] as const) {
    if (typeof zone[key] !== "string" || zone[key] === "") throw new InputError(file, where, `the zone has no "${key}"`, `give it a "${key}" string`);
  }
  if (!Array.isArray(zone.blocks) || zone.blocks.length === 0) throw new InputError(file, where, 'the zone has no "blocks" array', "list the building blocks of the zone (see data/paris/zsp.json)");
  zone.blocks.forEach((b, bi) => {
    if (!b || typeof b !== "object") throw new InputError(file, `${where}.blocks[${bi}]`, "a block is not an object", "see data/paris/zsp.json for the format");
    if (b.ids !== undefined && !(Array.isArray(b.ids) && b.ids.every((x) => typeof x === "string"))) {
      throw new InputError(file, `${where}.blocks[${bi}]`, '"ids" is not an array of strings', 'write ids as strings, e.g. ["102", "104"]');
    }
    const wc = b.within_crossings;
    if (wc !== undefined && !(Array.isArray(wc) && wc.length >= 3 && wc.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "string")))) {
      throw new InputError(file, `${where}.blocks[${bi}]`, '"within_crossings" is not a list of at least 3 [street, street] pairs', "name each corner by its two streets");
    }
  });
}

function dropSlivers(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const keep = (rings: Position[][]) =>
    rings.filter((r, i) => i === 0 || polygonArea([r.map((p) => toL93([p[0], p[1]]))]) >= SLIVER_M2);
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates)
    .map(keep)
    .filter((rings) => polygonArea([rings[0].map((p) => toL93([p[0], p[1]]))]) >= SLIVER_M2);
  return polys.length === 1 ? { type: "Polygon", coordinates: polys[0] } : { type: "MultiPolygon", coordinates: polys };
}

export function normaliseStreet(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-'’]/g, " ").replace(/\s+/g, " ").trim();
}

/** The key of a crossing of two streets, as loadCrossings files it: the normalised names in code-unit order. */
function crossingKey(pair: [string, string]): string {
  return pair.map(normaliseStreet).sort().join(" × ");
}

interface NamedCrossings {
  keys: Set<string>;
  /** Their normalised street names: a row with another name is skipped before its key is made. */
  names: Set<string>;
}

/** The crossings the rule names (in the blocks that are well formed; checkZone reports the others). */
function namedCrossings(zones: ZoneRule[]): NamedCrossings {
  const keys = new Set<string>(), names = new Set<string>();
  for (const zone of zones) {
    if (!zone || !Array.isArray(zone.blocks)) continue;
    for (const b of zone.blocks) {
      if (!b || !Array.isArray(b.within_crossings)) continue;
      for (const pair of b.within_crossings) {
        if (!(Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === "string"))) continue;
        keys.add(crossingKey(pair));
        for (const name of pair) names.add(normaliseStreet(name));
      }
    }
  }
  return { keys, names };
}

/**
 * The points of the crossings named by the rule (`wanted`), by crossingKey: a rule names a
 * dozen of the file's 17,000, so the others are neither keyed nor kept.
 */
function loadCrossings(file: string, wanted: NamedCrossings): Map<string, Position[]> {
  const t = parseCsv(readText(file), file);
  const a = columnIndex(t, file, ["nom1"], "first street");
  const b = columnIndex(t, file, ["nom2"], "second street");
  const lon = columnIndex(t, file, ["lon"], "longitude");
  const lat = columnIndex(t, file, ["lat"], "latitude");
  const m = new Map<string, Position[]>();
  // 17,000 crossings name ~5,000 streets: each spelling is normalised once.
  const names = new Map<string, string>();
  const norm = (s: string) => {
    let n = names.get(s);
    if (n === undefined) names.set(s, (n = normaliseStreet(s)));
    return n;
  };
  for (const r of t.rows) {
    const na = norm(r.cells[a]);
    const nb = norm(r.cells[b]);
    if (!wanted.names.has(na) || !wanted.names.has(nb)) continue;
    // The two names in code-unit order, as Array.prototype.sort() puts them.
    const key = na < nb ? `${na} × ${nb}` : `${nb} × ${na}`;
    if (!wanted.keys.has(key)) continue;
    const list = m.get(key) ?? [];
    list.push([parseNumberCell(r.cells[lon]), parseNumberCell(r.cells[lat])]);
    m.set(key, list);
  }
  return m;
}

function crossingPoint(m: Map<string, Position[]>, pair: [string, string], file: string, where: string): Position {
  const pts = m.get(crossingKey(pair));
  if (!pts) throw new InputError(file, where, `no street crossing "${pair[0]}" × "${pair[1]}" in the crossings file`, "spell the streets as OpenStreetMap does");
  const x = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const y = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return [x, y];
}
