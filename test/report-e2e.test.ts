// The report page in Debian's chromium (headless, offline, driven by playwright-core): it loads
// with no console error and no network request, sorts a table, shows tooltips, runs a comparison.
// The stats are the stand-ins of test/fixtures/report (see make_standins.py there: camera counts by
// geopandas from the real layers, not results). Expected values below were read from those
// files with /usr/bin/python3 csv (e.g. Buttes-Montmartre 75118: 86 cameras, 6th of 20 by count;
// Louvre 75101: 65 cameras, 11th; 1 356 cameras inside the 20 arrondissements; the highest
// cameras per km² is Hôtel-de-Ville 75104, the lowest Reuilly 75112).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM, chromiumPresent, launchOffline, type OfflineBrowser } from "../bench/chromium.js";
import { CAMERAS_2012, runCli, tempDir } from "./helpers.js";


const inCi = process.env.CI === "true";
const present = chromiumPresent();
if (!present && !inCi) console.warn(`report e2e skipped: ${CHROMIUM} is absent (apt-get install -y chromium); CI runs it`);

describe.skipIf(!present && !inCi)("report page in chromium", () => {
  let out: string;
  let browser: OfflineBrowser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // Under CI a missing browser is a failure, not a skip.
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required under CI=true (apt-get install -y chromium)`).toBe(true);
    out = tempDir();
    expect(runCli(["layers", "--out", out, ...CAMERAS_2012]).code).toBe(0);
    cpSync(resolve("test/fixtures/report/stats"), join(out, "stats"), { recursive: true });
    const r = runCli(["report", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    browser = await launchOffline();
    page = await browser.context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto("file://" + join(out, "report", "index.html"), { waitUntil: "load" });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads with no console error and no network request", async () => {
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator("#t-arrondissements tbody tr").count()).toBe(20);
    expect(errors).toEqual([]);
    expect(browser.blocked).toEqual([]);
    // The font is the inlined DejaVu Sans, not a system font.
    expect(await page.evaluate(() => document.fonts.check('16px "DejaVu Sans"'))).toBe(true);
  });

  const column = (col: number) =>
    page.$$eval(`#t-arrondissements tbody tr`, (rows, c) => rows.map((r) => (r as HTMLTableRowElement).cells[c].dataset.v!), col);

  it("sorts a table by clicking a header, and by keyboard", async () => {
    const header = page.locator("#t-arrondissements thead button", { hasText: "Caméras par km²" });
    const col = Number(await header.getAttribute("data-col"));
    await header.click();
    let v = (await column(col)).map(Number);
    expect(v).toEqual([...v].sort((a, b) => a - b));
    expect((await column(0))[0]).toBe("75112");
    expect(await page.locator("#t-arrondissements thead th").nth(col).getAttribute("aria-sort")).toBe("ascending");
    await header.focus();
    await page.keyboard.press("Enter");
    v = (await column(col)).map(Number);
    expect(v).toEqual([...v].sort((a, b) => b - a));
    expect((await column(0))[0]).toBe("75104");
  });

  it("filters a table with its search box", async () => {
    await page.fill('input[data-filter="t-arrondissements"]', "montmartre");
    expect(await page.locator("#t-arrondissements tbody tr:not([hidden])").count()).toBe(1);
    await page.fill('input[data-filter="t-arrondissements"]', "");
    expect(await page.locator("#t-arrondissements tbody tr:not([hidden])").count()).toBe(20);
  });

  it("shows a tooltip on hovering a district, a camera, and on keyboard focus", async () => {
    const tip = page.locator("#cc-tip");
    await page.locator('[data-key="a:75118"]').hover({ position: { x: 30, y: 20 } });
    expect(await tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    expect(text).toContain("Buttes-Montmartre (75118)");
    expect(text).toContain("Caméras : 86");
    await page.locator('circle[data-key="c:user-0001"]').first().hover({ force: true });
    expect(await tip.innerText()).toContain("BD SUCHET / RAPHAEL");
    await page.keyboard.press("Escape");
    expect(await tip.isVisible()).toBe(false);
    await page.locator('[data-key="q:7510101"]').focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toContain("Saint-Germain-l'Auxerrois (7510101)");
  });

  it("runs a comparison of two arrondissements", async () => {
    for (const d of ["75101", "Buttes-Montmartre"]) {
      await page.fill("#cmp-input", d);
      await page.press("#cmp-input", "Enter");
    }
    const table = page.locator("#cmp-result table");
    expect(await table.isVisible()).toBe(true);
    const heads = await table.locator("thead th").allInnerTexts();
    expect(heads.map((h) => h.split("\n")[0])).toEqual(["Indicateur", "Louvre", "Buttes-Montmartre", "Paris"]);
    const cameras = await table.locator("tbody tr").first().locator("td").allInnerTexts();
    expect(cameras[0].replace(/\s+/g, " ")).toBe("65 11e sur 20");
    expect(cameras[1].replace(/\s+/g, " ")).toBe("86 6e sur 20");
    expect(cameras[2]).toBe("1\u202f356");
    expect(errors).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });
});
