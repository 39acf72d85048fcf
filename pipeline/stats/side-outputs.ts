// The parts of the stats stage that read their own inputs and need nothing the rest computes: the
// change between camera layers with the timing tests, and the private-camera table. The stage
// runs them on a second thread (core/on-thread.ts) while it fits the models; together they are
// about a third of its work on Paris.
import type { Study } from "../core/study.js";
import { existsSync } from "node:fs";
import { readJoinedCameras } from "../core/out-files.js";
import { cameraFeatures, cameraTablePath, readJoinedCameraTable } from "../core/joined-cameras.js";
import { computeChange } from "./change.js";
import { privateCameraOutputs } from "./private-cameras-inputs.js";

export interface SideOutputs {
  change: ReturnType<typeof computeChange>;
  privateCameras: ReturnType<typeof privateCameraOutputs>;
}

export function sideOutputs(study: Study, outDir: string): SideOutputs {
  // Read once for both: with a large camera layer this file is most of their memory.
  const keep = [
    "id", "label", "source", "geocode_confidence", "geocode_method", "commissioned", "in_city", "ridership_300m",
    ...study.levels.map((l) => l.key), ...study.zones.map((z) => z.layer),
  ];
  // From the join's camera table when there is one: its planar positions too (no PROJ call per camera).
  const table = existsSync(cameraTablePath(outDir)) ? readJoinedCameraTable(outDir) : null;
  const fromTable = table ? cameraFeatures(table, keep) : null;
  const joined = fromTable ?? readJoinedCameras(outDir, keep);
  const planar = fromTable && table ? { x: table.x, y: table.y } : undefined;
  return { change: computeChange(study, outDir, joined, planar), privateCameras: privateCameraOutputs(study, outDir, joined, planar) };
}
