// The parts of the stats stage that read their own inputs and need nothing the rest computes: the
// change between camera layers with the timing tests, and the private-camera table. The stage
// runs them on a second thread (core/on-thread.ts) while it fits the models; together they are
// about a third of its work on Paris.
import type { Study } from "../core/study.js";
import { existsSync } from "node:fs";
import { readJoinedCameras } from "../core/out-files.js";
import { cameraTableFrom, cameraTablePath, readJoinedCameraTable } from "../core/joined-cameras.js";
import { cameraViewOfFeatures, cameraViewOfTable } from "./camera-view.js";
import { computeChange } from "./change.js";
import { privateCameraOutputs } from "./private-cameras-inputs.js";

export interface SideOutputs {
  change: ReturnType<typeof computeChange>;
  privateCameras: ReturnType<typeof privateCameraOutputs>;
}

/** `tableBytes`: the join's camera table as the main thread read it (shared memory), parsed here rather than read again. */
export function sideOutputs(study: Study, outDir: string, tableBytes?: Uint8Array): SideOutputs {
  // Read once for both, as columns: no feature object per camera (a large layer's millions).
  const cams = tableBytes
    ? cameraViewOfTable(cameraTableFrom(tableBytes, cameraTablePath(outDir)))
    : existsSync(cameraTablePath(outDir))
    ? cameraViewOfTable(readJoinedCameraTable(outDir))
    : cameraViewOfFeatures(readJoinedCameras(outDir, [
        "id", "label", "source", "geocode_confidence", "geocode_method", "commissioned", "in_city", "ridership_300m",
        ...study.levels.map((l) => l.key), ...study.zones.map((z) => z.layer),
      ]));
  return { change: computeChange(study, outDir, cams), privateCameras: privateCameraOutputs(study, outDir, cams) };
}
