// The GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version, flags, srs_id, an optional
// envelope, then standard WKB. The flags say the header's byte order, the envelope's size and
// whether the geometry is empty; the extended-type bit marks a vendor geometry we cannot read.
import type { Geometry } from "geojson";
import { GeometryDecodeError, geometryFromWkb } from "./well-known.js";

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export interface GpkgGeometry {
  srsId: number;
  /** null when the blob says empty or its WKB is an empty geometry. */
  geometry: Geometry | null;
}

export function decodeGpkgGeometry(blob: Uint8Array): GpkgGeometry {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    throw new GeometryDecodeError(`not a GeoPackage geometry (no "GP" header, ${blob.length} bytes)`);
  }
  const flags = blob[3];
  if (flags & 0x20) throw new GeometryDecodeError("an extended (non-standard) GeoPackage geometry type");
  const envelope = (flags >> 1) & 0x07;
  if (envelope >= ENVELOPE_BYTES.length) throw new GeometryDecodeError(`invalid envelope code ${envelope} in the geometry header`);
  const little = (flags & 0x01) === 1;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const srsId = view.getInt32(4, little);
  const start = 8 + ENVELOPE_BYTES[envelope];
  if ((flags >> 4) & 0x01) return { srsId, geometry: null };
  if (blob.length <= start) throw new GeometryDecodeError(`the geometry is cut short (${blob.length} bytes, header and envelope need ${start + 1})`);
  return { srsId, geometry: geometryFromWkb(blob.subarray(start)) };
}
