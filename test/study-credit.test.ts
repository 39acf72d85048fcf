// A camera layer given on the command line replaces the study's own: the study's subtitle and
// sources line describe the layer it declared (Paris: the Préfecture's list) and must not credit
// the user's cameras to it. The sources line is then composed from the layers' credits.
import { describe, expect, it } from "vitest";
import { loadStudy } from "../pipeline/core/study.js";

const STUDY = "data/paris/study.json";
const SOME_FILE = "data/paris/study.json"; // any existing file: loadStudy only checks it exists

describe("credit of a camera layer given on the command line", () => {
  it("keeps the study's subtitle and sources line for its own layer", () => {
    const s = loadStudy(STUDY);
    expect(s.subtitle).toMatch(/Préfecture de Police/);
    expect(s.sourcesLine).toMatch(/Préfecture de Police/);
  });

  it("drops them for --layer cameras=FILE, and --source becomes the subtitle", () => {
    const s = loadStudy(STUDY, { layers: { cameras: SOME_FILE } });
    expect(s.subtitle).toBeUndefined();
    expect(s.sourcesLine).toBeUndefined();
    const t = loadStudy(STUDY, { layers: { cameras: SOME_FILE }, source: "OpenStreetMap, surveillance=*" });
    expect(t.subtitle).toBe("OpenStreetMap, surveillance=*");
  });

  it("keeps them when another layer is replaced", () => {
    const s = loadStudy(STUDY, { layers: { terminals: SOME_FILE } });
    expect(s.sourcesLine).toMatch(/Préfecture de Police/);
  });
});
