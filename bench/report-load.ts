// Benchmark (not a test): size of out/report/index.html and its load time in Debian's headless
// chromium, offline. Targets: under 10 MB, loaded (load event, script run) under 2 s.
//   npm run bench:report            or   node dist/bench/report-load.js [path/to/index.html] [runs]
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { chromiumPresent, CHROMIUM, launchOffline } from "./chromium.js";

const MAX_BYTES = 10_000_000;
const MAX_MS = 2000;

async function main(): Promise<number> {
  const file = resolve(process.argv[2] ?? "out/report/index.html");
  const runs = Number(process.argv[3] ?? 7);
  if (!chromiumPresent()) {
    console.error(`report-load: ${CHROMIUM} is absent (apt-get install -y chromium)`);
    return 2;
  }
  const bytes = statSync(file).size;
  const b = await launchOffline();
  const times: Array<{ wall: number; load: number; script: number }> = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A new page each run; the first run is a cold start of the renderer.
      const page = await b.context.newPage();
      const t0 = performance.now();
      await page.goto("file://" + file, { waitUntil: "load" });
      const wall = performance.now() - t0;
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { load: n.loadEventEnd, script: n.domContentLoadedEventEnd };
      });
      times.push({ wall, ...nav });
      await page.close();
    }
  } finally {
    await b.close();
  }
  if (b.blocked.length) console.error(`report-load: the page made network requests: ${b.blocked.join(", ")}`);
  const sorted = (k: "wall" | "load" | "script") => times.map((t) => t[k]).sort((x, y) => x - y);
  const median = (v: number[]) => v[Math.floor(v.length / 2)];
  const wall = sorted("wall");
  const load = sorted("load");
  const ok = bytes < MAX_BYTES && wall[wall.length - 1] < MAX_MS && !b.blocked.length;
  console.log(`page        ${file}`);
  console.log(`size        ${(bytes / 1e6).toFixed(2)} MB (${bytes} bytes; target < 10 MB)`);
  console.log(`load event  median ${median(load).toFixed(0)} ms, max ${load[load.length - 1].toFixed(0)} ms (navigation timing, ${runs} runs)`);
  console.log(`goto→load   median ${median(wall).toFixed(0)} ms, max ${wall[wall.length - 1].toFixed(0)} ms (wall clock from the driver; target < 2000 ms)`);
  console.log(ok ? "within targets" : "OVER TARGET");
  return ok ? 0 : 1;
}

main().then((c) => process.exit(c));
