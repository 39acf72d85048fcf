// Zip archives (zipped shapefiles, KMZ) read in memory with fflate: no temporary files. The sizes
// the archive declares are checked against the layer limit before anything is inflated, so a
// zip bomb fails at once.
import { unzipSync, type UnzipFileInfo } from "fflate";
import { InputError } from "../core/errors.js";
import { assertSizeWithinLimit, maxLayerBytes } from "./input-limits.js";
import { oneLine } from "./one-line.js";

/** The wanted entries, inflated; `seen` (if given) receives the name of every file in the archive. */
export function unzipEntries(file: string, bytes: Uint8Array, want: (name: string) => boolean, seen: string[] = []): Record<string, Uint8Array> {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new InputError(file, undefined, "not a zip archive", "give a .zip (or .kmz) made by a zip tool, or rename the file to its real type");
  }
  let total = 0;
  const filter = (f: UnzipFileInfo) => {
    if (f.name.endsWith("/") || /(^|\/)__MACOSX\//.test(f.name)) return false;
    seen.push(f.name);
    if (!want(f.name)) return false;
    total += f.originalSize;
    if (total > maxLayerBytes()) assertSizeWithinLimit(file, total, "its content once unzipped");
    return true;
  };
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, undefined, `cannot unzip: ${oneLine((e as Error).message, 120)}`, "the archive may be truncated or corrupt: zip the files again");
  }
}
