// Debian's chromium, headless and offline, for the report's end-to-end test and load benchmark.
// Every request the page makes is routed here: anything but file: and data: URLs is aborted and
// recorded, so a test can fail on it.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPresent(): boolean {
  return existsSync(CHROMIUM);
}

export interface OfflineBrowser {
  browser: Browser | BrowserContext;
  context: BrowserContext;
  /** URLs of requests that were not file: or data: (aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/** A fresh persistent context on a new empty profile folder, removed on close. */
export async function launchOffline(): Promise<OfflineBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "contrechamp-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return {
    browser: context,
    context,
    blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
