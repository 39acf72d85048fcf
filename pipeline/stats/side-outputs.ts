// The parts of the stats stage that read their own inputs and need nothing the rest computes: the
// change between camera layers with the timing tests, and the private-camera table. The stage
// runs them on its helper thread (core/on-thread.ts) while it fits the models; together they are
// about a third of its work on Paris.
import type { Study } from "../core/study.js";
import { existsSync } from "node:fs";
import { readJoinedCameras } from "../core/out-files.js";
import { cameraTableFrom, cameraTablePath, readJoinedCameraTable } from "../core/joined-cameras.js";
import { cameraViewOfFeatures, cameraViewOfTable, type CameraView } from "./camera-view.js";
import { computeChange } from "./change.js";
import { privateCameraOutputs } from "./private-cameras-inputs.js";

/**
 * The joined cameras as columns, made once for both tasks: the change outputs come first (from the
 * stage's start), the private-camera table after the bootstrap and the residual Moran test, which
 * the main thread waits for. On this thread the second task finds the first one's view here.
 */
let view: { outDir: string; cams: CameraView } | null = null;

function camerasOf(study: Study, outDir: string, tableBytes?: Uint8Array): CameraView {
  if (view?.outDir === outDir) return view.cams;
  // Read as columns: no feature object per camera (a large layer's millions).
  const cams = tableBytes
    ? cameraViewOfTable(cameraTableFrom(tableBytes, cameraTablePath(outDir)))
    : existsSync(cameraTablePath(outDir))
    ? cameraViewOfTable(readJoinedCameraTable(outDir))
    : cameraViewOfFeatures(readJoinedCameras(outDir, [
        "id", "label", "source", "geocode_confidence", "geocode_method", "commissioned", "in_city", "ridership_300m",
        ...study.levels.map((l) => l.key), ...study.zones.map((z) => z.layer),
      ]));
  view = { outDir, cams };
  return cams;
}

/** `tableBytes`: the join's camera table as the main thread read it (shared memory), parsed here rather than read again. */
export function changeOutputs(study: Study, outDir: string, tableBytes?: Uint8Array): ReturnType<typeof computeChange> {
  return computeChange(study, outDir, camerasOf(study, outDir, tableBytes));
}

/** The last task on the cameras: the view is let go after it. */
export function privateOutputs(study: Study, outDir: string, tableBytes?: Uint8Array): ReturnType<typeof privateCameraOutputs> {
  try {
    return privateCameraOutputs(study, outDir, camerasOf(study, outDir, tableBytes));
  } finally {
    view = null;
  }
}
