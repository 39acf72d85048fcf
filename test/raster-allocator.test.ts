// The CLI launcher sets the rasteriser's allocator options (render/raster-allocator.ts) before
// resvg's addon loads: mimalloc, asked to be verbose, prints the options it took. The render
// stage loads the addon, then stops on the empty output folder (no layers) — enough to see them.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { tempDir } from "./helpers.js";

const options = (env: Record<string, string>) => {
  const r = spawnSync(process.execPath, [join(process.cwd(), "bin/contrechamp.js"), "render", "--out", tempDir()], { encoding: "utf8", env: { ...process.env, MIMALLOC_VERBOSE: "1", ...env } });
  expect(r.stderr).toMatch(/no layers manifest/);
  return Object.fromEntries([...r.stderr.matchAll(/mimalloc: option '(purge_delay|allow_large_os_pages)': (-?\d+)/g)].map((m) => [m[1], m[2]]));
};

describe("rasteriser allocator", () => {
  it("keeps freed pages and asks for large ones, set before the addon loads", { timeout: 60_000 }, () => {
    expect(options({})).toEqual({ purge_delay: "-1", allow_large_os_pages: "1" });
  });
  it("leaves a user's own setting alone", { timeout: 60_000 }, () => {
    expect(options({ MIMALLOC_PURGE_DELAY: "10" })).toEqual({ purge_delay: "10", allow_large_os_pages: "1" });
  });
});
