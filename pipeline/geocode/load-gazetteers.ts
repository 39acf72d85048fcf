// Reads the geocoding reference data named by the study (and the layers stage's outputs) into
// the indexes of the matchers. I/O lives here; the matchers stay pure.
import { existsSync } from "node:fs";
import type { Feature, Position } from "geojson";
import { InputError } from "../core/errors.js";
import { transformer } from "../geo/crs.js";
import { columnIndex, CsvRowReader, keepColumns, parseCsv, parseNumberCell } from "../geo/read-csv.js";
import { decodeText, readFileBytes, readFileBytesAsync, readLayerFile, readOptionsOf, readText } from "../geo/read-layer.js";
import type { LayerSpec } from "../core/study.js";
import { buildAddressIndex, type AddressPoint } from "./match-address.js";
import { readAddressesBytes } from "./read-addresses-bytes.js";
import { buildCrossingIndex, type CrossingRow } from "./match-crossing.js";
import { buildPlaceIndex, type NamedPlace } from "./match-place.js";
import { buildPrefectureIndex, type PrefecturePoint } from "./match-prefecture-2012.js";
import { buildStreetIndex, lazyStreetLine, type StreetLine } from "./street-lines.js";
import type { Gazetteers } from "./geocode-site.js";

export interface GazetteerSpecs {
  crossings: LayerSpec;
  addresses: LayerSpec;
  /** The addresses file's bytes, being read since the stage began (startAddressBytes). */
  addressBytes?: Promise<Uint8Array>;
  streets: LayerSpec;
  places?: LayerSpec;
  facilities?: LayerSpec;
  /** Already-normalised layers under out/layers (may be absent). */
  prefecture2012File?: string;
  stationsFile?: string;
}

export interface LoadedGazetteers extends Gazetteers {
  counts: Record<string, number>;
  /** The Préfecture's 2012 points, kept for the agreement report. */
  prefecturePoints: PrefecturePoint[];
}

function numberOrThrow(file: string, line: number, v: string, what: string): number {
  const n = parseNumberCell(v);
  if (!Number.isFinite(n)) throw new InputError(file, `${line}`, `${what} "${v}" is not a number`, "fix the row or remove it");
  return n;
}

export function readCrossings(file: string): CrossingRow[] {
  const t = parseCsv(readText(file), file);
  const [a, b, x, y] = [["nom1"], ["nom2"], ["lon"], ["lat"]].map((n, i) => columnIndex(t, file, n, ["name 1", "name 2", "longitude", "latitude"][i]));
  return t.rows.map((r) => ({ nom1: r.cells[a], nom2: r.cells[b], lon: numberOrThrow(file, r.line, r.cells[x], "lon"), lat: numberOrThrow(file, r.line, r.cells[y], "lat") }));
}

const ADDRESS_COLUMNS = ["numero", "rep", "nom_voie", "code_postal", "lon", "lat"];

export function readAddresses(file: string): AddressPoint[] {
  return addressesFromBytes(file, readFileBytes(file));
}

/** The address points of a file's (gunzipped) bytes: read from the bytes when it is plain, else as any CSV. */
export function addressesFromBytes(file: string, raw: Uint8Array): AddressPoint[] {
  const fast = readAddressesBytes(raw, ADDRESS_COLUMNS);
  if (fast) return fast;
  // The BAN has 23 columns and 158k rows in Paris alone: only the 6 read here become strings,
  // and each row becomes its point at once instead of being kept as a row of cells.
  const points: AddressPoint[] = [];
  let cols: number[] | undefined;
  const columns = (header: string[]) => {
    const t = { header, rows: [], delimiter: "" };
    return ADDRESS_COLUMNS.map((n) => columnIndex(t, file, [n], n));
  };
  const reader = new CsvRowReader(
    file,
    (r) => {
      const [num, rep, voie, cp, x, y] = (cols ??= columns(reader.header!));
      points.push({
        street: r.cells[voie],
        number: numberOrThrow(file, r.line, r.cells[num], "numero"),
        rep: r.cells[rep].trim().toLowerCase().slice(0, 1),
        postalCode: r.cells[cp],
        lon: numberOrThrow(file, r.line, r.cells[x], "lon"),
        lat: numberOrThrow(file, r.line, r.cells[y], "lat"),
      });
    },
    undefined,
    keepColumns(ADDRESS_COLUMNS),
  );
  reader.push(decodeText(raw).text, true);
  cols ??= columns(reader.header!); // a header without rows still needs its columns
  return points;
}

// Kinds of way in the Ville de Paris file that are also places a camera can be "at".
const PLACE_WAYS = new Set(["PL", "PONT", "PORT", "SQ", "PRT", "ESPL", "PARV", "CAR", "RPT", "PASS", "JAR", "PARC", "PROM"]);

async function readWays(spec: LayerSpec): Promise<{ lines: StreetLine[]; places: NamedPlace[] }> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const toL93 = transformer("EPSG:4326", "EPSG:2154");
  const nameField = spec.fields?.name ?? "L_LONGMIN";
  const lines: StreetLine[] = [];
  const places: NamedPlace[] = [];
  for (const f of layer.features) {
    const p = f.properties ?? {};
    const name = String(p[nameField] ?? "").trim();
    if (!name || !f.geometry) continue;
    const g = f.geometry;
    const parts: Position[][] = g.type === "LineString" ? [g.coordinates] : g.type === "MultiLineString" ? g.coordinates : [];
    if (parts.length === 0) continue;
    lines.push(lazyStreetLine(name, parts, toL93));
    if (PLACE_WAYS.has(String(p.C_DESI)) && Number.isFinite(p.centroid_lon) && Number.isFinite(p.centroid_lat)) {
      places.push({ name, kind: "way", lon: p.centroid_lon, lat: p.centroid_lat });
    }
  }
  return { lines, places };
}

async function readNamedPoints(spec: LayerSpec, kind: NamedPlace["kind"], defaultName: string): Promise<NamedPlace[]> {
  const layer = await readLayerFile(spec.file, readOptionsOf(spec));
  const nameField = spec.fields?.name ?? defaultName;
  const out: NamedPlace[] = [];
  for (const f of layer.features) {
    const name = String(f.properties?.[nameField] ?? "").trim();
    if (name && f.geometry.type === "Point") out.push({ name, kind, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
  }
  return out;
}

async function readPointsFile(file: string | undefined, nameProp: string): Promise<Feature[]> {
  if (!file || !existsSync(file)) return [];
  return (await readLayerFile(file, { crs: "EPSG:4326" })).features.filter((f) => f.geometry.type === "Point" && f.properties?.[nameProp]);
}

/**
 * Starts reading the addresses file: the BAN's gunzipping runs on libuv's thread pool while the
 * stage reads its other inputs. Its errors wait for loadGazetteers, which gives them at the point
 * where it used to read the file, so a bad file is reported as before, in the same order.
 */
export function startAddressBytes(file: string): Promise<Uint8Array> {
  const p = readFileBytesAsync(file);
  p.catch(() => undefined); // handled where it is awaited
  return p;
}

export async function loadGazetteers(s: GazetteerSpecs): Promise<LoadedGazetteers> {
  const crossings = readCrossings(s.crossings.file);
  const addresses = s.addressBytes ? addressesFromBytes(s.addresses.file, await s.addressBytes) : readAddresses(s.addresses.file);
  const ways = await readWays(s.streets);
  const green = s.places ? await readNamedPoints(s.places, "green_space", "place") : [];
  const facilities = s.facilities ? await readNamedPoints(s.facilities, "facility", "Nom de l'installation") : [];
  const stations: NamedPlace[] = (await readPointsFile(s.stationsFile, "name")).map((f) => {
    const c = (f.geometry as { coordinates: Position }).coordinates;
    return { name: String(f.properties!.name), kind: "station", lon: c[0], lat: c[1] };
  });
  const prefecture: PrefecturePoint[] = (await readPointsFile(s.prefecture2012File, "label")).map((f) => {
    const c = (f.geometry as { coordinates: Position }).coordinates;
    return { label: String(f.properties!.label), lon: c[0], lat: c[1] };
  });
  const places = [...ways.places, ...green, ...facilities, ...stations];
  const toWgs = transformer("EPSG:2154", "EPSG:4326");
  return {
    crossings: buildCrossingIndex(crossings),
    addresses: buildAddressIndex(addresses),
    streets: buildStreetIndex(ways.lines),
    prefecture: buildPrefectureIndex(prefecture),
    prefecturePoints: prefecture,
    places: buildPlaceIndex(places),
    toWgs: (xy) => toWgs(xy) as [number, number],
    counts: {
      crossings: crossings.length,
      addresses: addresses.length,
      street_lines: ways.lines.length,
      named_places: places.length,
      prefecture_2012_points: prefecture.length,
    },
  };
}
