// The layers stage's module loads neither polygon-clipping nor wkx nor @turf until a study needs
// them (an analysis area, a WKT/WKB geometry, a zone rule): each costs start-up to every run.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

describe("lazy modules", () => {
  it("importing the built layers stage loads no polygon-clipping, wkx or @turf", () => {
    const layers = pathToFileURL(join(process.cwd(), "dist/pipeline/layers.js")).href;
    const script = [
      'import { createRequire } from "node:module";',
      `await import(${JSON.stringify(layers)});`,
      "const keys = Object.keys(createRequire(import.meta.url).cache);",
      'console.log(JSON.stringify(["polygon-clipping", "wkx", "@turf"].filter((m) => keys.some((k) => k.includes(`/node_modules/${m}/`)))));',
    ].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
