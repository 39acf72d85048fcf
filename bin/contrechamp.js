#!/usr/bin/env node
// Thin launcher: the CLI is compiled from TypeScript into dist/ by `make build` (or `npm run build`).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
const cli = fileURLToPath(new URL("../dist/pipeline/cli.js", import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write("contrechamp: dist/pipeline/cli.js: the CLI is not built (run `make build` or `npm run build`)\n");
  process.exit(1);
}
// Before the pipeline (and the rasteriser's native addon) loads: see render/raster-allocator.ts.
const { tuneRasterAllocator } = await import(new URL("../dist/pipeline/render/raster-allocator.js", import.meta.url).href);
tuneRasterAllocator();
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
