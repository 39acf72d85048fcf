// How big an input layer may be. GeoPackage, KML, zip and text layers are read whole into memory
// (SQLite runs in WASM memory; a JS string holds at most ~512 M characters), so a larger file
// would end in an out-of-memory crash long after the run started. Checked before reading, on the
// file and on what a .zip, .kmz or .gz expands to (a zip bomb fails on its declared sizes).
import { statSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import { InputError } from "../core/errors.js";

/** Default limit: 500 MiB, under V8's longest string. `CONTRECHAMP_MAX_LAYER_MB` lowers or raises it. */
export const DEFAULT_MAX_LAYER_MB = 500;

export function maxLayerBytes(): number {
  const env = process.env.CONTRECHAMP_MAX_LAYER_MB;
  const mb = env !== undefined && /^\d+(\.\d+)?$/.test(env.trim()) ? Number(env) : DEFAULT_MAX_LAYER_MB;
  return Math.floor(mb * 1024 * 1024);
}

/** Both sizes in one unit: MB (1 decimal), or bytes under a limit below 1 MB (tests set those). */
function sizes(bytes: number, limit: number): [string, string] {
  if (limit < 1024 * 1024) return [`${bytes} bytes`, `${limit} bytes`];
  return [`${(bytes / 1024 / 1024).toFixed(1)} MB`, `${(limit / 1024 / 1024).toFixed(1)} MB`];
}

/** Fails before reading when the file on disk is over the limit. */
export function assertSizeWithinLimit(file: string, bytes = statSync(file).size, what = "the file"): void {
  const limit = maxLayerBytes();
  if (bytes > limit) {
    const [size, max] = sizes(bytes, limit);
    throw new InputError(file, undefined, `${what} is ${size}, over the ${max} limit for one layer`, "split or filter the layer (e.g. with ogr2ogr -spat or -where), or raise CONTRECHAMP_MAX_LAYER_MB");
  }
}

/**
 * Memory a text layer takes per byte of its (decompressed) file while the layers stage reads,
 * checks and writes it: the process's peak growth measured with the synthetic camera lists of
 * bench/ (CSV: +333 MB for 12 MB at 200,000 rows, +1,052 MB for 61 MB at a million; GeoJSON:
 * +461 MB for 61 MB at 200,000 features), rounded up. Under the 500 MB file limit a CSV can still
 * need more memory than Node may use; it then fails here, not in an out-of-memory crash.
 */
export const MEMORY_PER_BYTE = { csv: 28, geojson: 8 } as const;

/** The most memory this process's JavaScript heap may take (Node's default, or --max-old-space-size). */
function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

/** Fails before parsing when a text layer of `bytes` would need more memory than the heap may take. */
export function assertFitsInMemory(file: string, bytes: number, kind: keyof typeof MEMORY_PER_BYTE): void {
  const need = bytes * MEMORY_PER_BYTE[kind];
  const limit = heapLimitBytes();
  if (need <= limit) return;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  throw new InputError(
    file,
    undefined,
    `the ${kind === "csv" ? "CSV" : "GeoJSON"} layer is ${mb(bytes)}: reading it takes about ${mb(need)} of memory, over the ${mb(limit)} this process may use`,
    "split or filter the layer, or give Node more memory (NODE_OPTIONS=--max-old-space-size=<MB>)",
  );
}
