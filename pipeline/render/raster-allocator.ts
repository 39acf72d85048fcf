// The rasteriser's memory: resvg (a native addon with its own mimalloc) allocates a fresh page of
// pixels per map — 35 MB for A4 at 300 dpi, again for the PNG encoder's copy. By default
// mimalloc hands such blocks back to the system when freed, so every map faults its pages in
// again, 4 KB at a time; on a virtual machine that first touch cost more than drawing the map
// (a blank A4 page: ~0.45 s CPU, 0.09 s with these options). Kept for reuse and taken as 2 MB
// pages (transparent huge pages, where the system offers them), the pages cost once per thread.
// mimalloc reads its options when the addon loads: the CLI launcher calls this before the
// pipeline is imported. Same pixels, same bytes; a user's own MIMALLOC_* settings win.
export const RASTER_ALLOCATOR_ENV: Record<string, string> = {
  MIMALLOC_PURGE_DELAY: "-1",
  MIMALLOC_ALLOW_LARGE_OS_PAGES: "1",
};

/** Sets the options in this process's environment (setenv), where the addon's allocator reads them. */
export function tuneRasterAllocator(env: NodeJS.ProcessEnv = process.env): void {
  for (const [k, v] of Object.entries(RASTER_ALLOCATOR_ENV)) if (env[k] === undefined) env[k] = v;
}
