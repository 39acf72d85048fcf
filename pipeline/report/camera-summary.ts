// How many cameras the page carries one by one. Up to the study's density threshold (5,000 by
// default, settings.render.density_threshold, the one the maps use), every camera is a dot on the
// district maps, a row of the camera table and an entry of the tooltip data (~250 bytes a camera
// in all). Past it the page would outgrow its 10 MB / 2 s promise (200,000 cameras made a 95 MB
// page), so it aggregates: the district maps show cameras per km² without dots, and the table
// lists the first REPORT_CAMERA_ROWS cameras in file order with a note naming the full list.
// The district tables carry every camera's count whatever the number.
import type { FeatureCollection } from "geojson";
import { formatFr } from "../core/format-fr.js";
import { DEFAULT_DENSITY_THRESHOLD } from "../core/study.js";

export const REPORT_CAMERA_ROWS = 1000;

export interface ReportCameras {
  total: number;
  /** Cameras drawn as dots on the district maps; undefined when aggregated (or no layer). */
  dots?: FeatureCollection;
  /** Cameras listed in the table and given a tooltip. */
  listed?: FeatureCollection;
  /** Set when the list is cut: what the page says about it. */
  note?: string;
}

/**
 * `total`: the layer's count when `cameras` holds only its first features (read-inputs.ts reads no
 * more than the page lists once the layer is past the threshold).
 */
export function reportCameras(cameras: FeatureCollection | undefined, threshold = DEFAULT_DENSITY_THRESHOLD, total = cameras?.features.length ?? 0): ReportCameras {
  if (!cameras) return { total: 0 };
  if (total <= threshold) return { total, dots: cameras, listed: cameras };
  const rows = Math.min(REPORT_CAMERA_ROWS, total);
  return {
    total,
    listed: { type: "FeatureCollection", features: cameras.features.slice(0, rows) },
    note:
      `${formatFr(total, 0)} caméras : au-delà de ${formatFr(threshold, 0)}, la page les agrège pour rester légère (moins de 10 Mo) ` +
      `— cartes des territoires en caméras par km², sans points ; ce tableau liste les ${formatFr(rows, 0)} premières dans l'ordre du fichier. ` +
      `La liste complète est dans out/joined/cameras.geojson (avec les territoires et zones de chacune) et out/layers/cameras.geojson, ou en GeoPackage et GeoParquet par contrechamp export.`,
  };
}

const ofInputs = new WeakMap<object, ReportCameras>();

/** The page's cameras (reportCameras), worked out once per page's inputs: every section asks. */
export function camerasOf(inp: { layers: { cameras?: FeatureCollection }; densityThreshold?: number; camerasInLayer?: number }): ReportCameras {
  let c = ofInputs.get(inp);
  if (!c) {
    c = reportCameras(inp.layers.cameras, inp.densityThreshold, inp.camerasInLayer);
    ofInputs.set(inp, c);
  }
  return c;
}
