// The parts of the stats stage that read their own inputs and need nothing the rest computes: the
// change between camera layers with the timing tests, and the private-camera table. The stage
// runs them on a second thread (core/on-thread.ts) while it fits the models; together they are
// about a third of its work on Paris.
import type { Study } from "../core/study.js";
import { computeChange } from "./change.js";
import { privateCameraOutputs } from "./private-cameras-inputs.js";

export interface SideOutputs {
  change: ReturnType<typeof computeChange>;
  privateCameras: ReturnType<typeof privateCameraOutputs>;
}

export function sideOutputs(study: Study, outDir: string): SideOutputs {
  return { change: computeChange(study, outDir), privateCameras: privateCameraOutputs(study, outDir) };
}
