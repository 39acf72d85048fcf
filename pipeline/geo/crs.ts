// Coordinate reference systems: the five the project knows, by EPSG code, with full proj4
// definitions (checked against PROJ's cs2cs in test/crs.test.ts), and .prj WKT recognition.
import { createRequire } from "node:module";
import type Proj4 from "proj4";

// Loaded with require, not import: proj4 ships one CommonJS file of 300 kB, which an import has
// Node parse twice more (once to tell CommonJS from ESM, once to list its exports) before it runs
// — a tenth of a second or more of each thread's start-up.
const proj4 = createRequire(import.meta.url)("proj4") as typeof Proj4;

export type CrsCode = "EPSG:4326" | "EPSG:2154" | "EPSG:3035" | "EPSG:27572" | "EPSG:3857";

export const PROJ4_DEFS: Record<CrsCode, string> = {
  "EPSG:4326": "+proj=longlat +datum=WGS84 +no_defs",
  // RGF93 / Lambert-93. RGF93 and WGS84 differ by centimetres at most; PROJ uses a null
  // transformation between them too, so GRS80 without towgs84 is the right pairing.
  "EPSG:2154":
    "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  // ETRS89 / LAEA Europe: the INSEE 200 m grid is square in this system.
  "EPSG:3035":
    "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  // NTF (Paris) / Lambert zone II étendu, used by older Préfecture files. The 3-parameter shift is
  // PROJ's own fallback when the IGN grid is absent (the grid would differ by up to ~1-2 m).
  "EPSG:27572":
    "+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=0 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +a=6378249.2 +b=6356515 +towgs84=-168,-60,320,0,0,0,0 +pm=paris +units=m +no_defs",
  "EPSG:3857":
    "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs",
};

export const KNOWN_CRS = Object.keys(PROJ4_DEFS) as CrsCode[];

/** Accepts "EPSG:2154", "epsg:2154", "2154", "urn:ogc:def:crs:EPSG::2154", CRS84 names. */
export function parseCrsName(name: string): CrsCode | undefined {
  const s = name.trim();
  if (/CRS:?84$/i.test(s) || /OGC:1\.3:CRS84$/i.test(s)) return "EPSG:4326";
  const m = /(?:EPSG)?:{0,2}(\d{4,5})$/i.exec(s);
  if (!m) return undefined;
  const code = `EPSG:${m[1]}` as CrsCode;
  if (code === ("EPSG:900913" as CrsCode) || code === ("EPSG:3785" as CrsCode)) return "EPSG:3857";
  return code in PROJ4_DEFS ? code : undefined;
}

export type XY = [number, number];
export type Transform = (p: XY) => XY;

const cache = new Map<string, Transform>();

export function transformer(from: CrsCode, to: CrsCode): Transform {
  const key = `${from}>${to}`;
  let t = cache.get(key);
  if (!t) {
    if (from === to) t = (p) => [p[0], p[1]];
    else {
      const conv = proj4(PROJ4_DEFS[from], PROJ4_DEFS[to]);
      t = (p) => conv.forward([p[0], p[1]]) as XY;
    }
    cache.set(key, t);
  }
  return t;
}

/**
 * Recognises the .prj WKT of the supported systems. ESRI and OGC spellings differ (ESRI writes
 * "RGF_1993_Lambert_93", OGC "RGF93 / Lambert-93"), so match on names and, failing that, on the
 * projection parameters that tell the systems apart.
 */
export function crsFromWkt(wkt: string): CrsCode | undefined {
  const auth = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt.trim());
  if (auth) {
    const c = parseCrsName(auth[1]);
    if (c) return c;
  }
  const w = wkt.replace(/[\s_\-/]+/g, " ").toLowerCase();
  const head = w.slice(0, 120);
  if (!/projcs|projcrs/.test(head) && /geogcs|geogcrs/.test(head)) {
    return /wgs ?(19)?84|rgf ?(19)?93|etrs ?(19)?89/.test(w) ? "EPSG:4326" : undefined;
  }
  if (/lambert ?93|rgf ?(19)?93 lambert 93/.test(w)) return "EPSG:2154";
  if (/laea europe|lambert azimuthal equal area/.test(w) && /52/.test(w)) return "EPSG:3035";
  if (/lambert (zone )?ii (etendu|extended)|lambert 2 etendu|ntf.*lambert (zone )?ii/.test(w)) return "EPSG:27572";
  if (/pseudo mercator|web mercator|popular visualisation/.test(w)) return "EPSG:3857";
  return undefined;
}

/** Envelope a CRS's coordinates must fall in for a place in mainland France (catches mix-ups). */
export const FRANCE_ENVELOPE: Record<CrsCode, [number, number, number, number]> = {
  "EPSG:4326": [-5.5, 41, 10, 51.5],
  "EPSG:2154": [90000, 6000000, 1250000, 7150000],
  "EPSG:3035": [2900000, 2000000, 4400000, 3200000],
  "EPSG:27572": [40000, 1600000, 1250000, 2750000],
  "EPSG:3857": [-620000, 5000000, 1120000, 6720000],
};
