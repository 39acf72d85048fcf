// The report page of the real study (every stage run into a temp folder) in Debian's chromium
// (headless, offline, driven by playwright-core): it loads with no console error and no network
// request, sorts a table, shows tooltips, runs a comparison whose Paris column matches
// `contrechamp compare`, and shows the summary and hypothesis sections.
// Camera counts are independent (geopandas on out/layers only, test/fixtures/report/
// independent_2019.py): Louvre 75101 64 cameras, Buttes-Montmartre 75118 98, Paris 1 368 in or on
// an arrondissement. Ranks and the rest are read from the stats stage's own CSV by
// /usr/bin/python3 test/fixtures/report/expected_values.py <out> (a formatting check): Louvre 11th
// of 20, Buttes-Montmartre 2nd of 20; Paris 1 368 cameras over the arrondissements and 1 365
// over the IRIS (3 cameras in no IRIS); mean income over arrondissements Σ mean_income·population /
// Σ population = 31 699,06 €; the lowest cameras per km² is Reuilly 75112, the highest Louvre
// 75101; camera 0 of out/layers/cameras.geojson is prefecture_2019-46685, "Avenue du Général
// Lemonnier, rue de Rivoli".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM, chromiumPresent, launchOffline, type OfflineBrowser } from "../bench/chromium.js";
import { runCliAsync } from "./render-helpers.js";
import { runRealStudy } from "./report-helpers.js";

const N = "\u202f";
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
    out = await runRealStudy();
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

  it("shows a readable summary and the hypothesis charts", async () => {
    const summary = await page.locator("#resume").innerText();
    expect(summary).not.toMatch(/[{}"]|\b[a-z]+_[a-z_]+\b/);
    expect(await page.locator("#sum-shares tbody tr").count()).toBe(4);
    expect(await page.locator("#sum-income-res").innerText()).toBe(`31${N}699${N}€/an`);
    const verdict = page.locator("#verdict ul[lang=fr] li").first();
    expect(await verdict.isVisible()).toBe(true);
    expect(await page.locator("#verdict ul.en").isVisible()).toBe(false);
    await page.locator("#verdict summary").click();
    expect(await page.locator("#verdict ul.en").isVisible()).toBe(true);
    for (const sel of ["#forest", 'svg[data-stat="share_zti"]', 'svg[data-stat="mean_income"]']) {
      const box = await page.locator(sel).boundingBox();
      expect(box && box.width > 300 && box.height > 60, sel).toBe(true);
    }
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
    expect((await column(0))[0]).toBe("75101");
  });

  it("filters a table with its search box", async () => {
    await page.fill('input[data-filter="t-arrondissements"]', "montmartre");
    expect(await page.locator("#t-arrondissements tbody tr:not([hidden])").count()).toBe(1);
    await page.fill('input[data-filter="t-arrondissements"]', "");
    expect(await page.locator("#t-arrondissements tbody tr:not([hidden])").count()).toBe(20);
  });

  it("shows a tooltip on hovering a district, a camera, and on keyboard focus", async () => {
    const tip = page.locator("#cc-tip");
    await page.locator('path[data-key="a:75118"]').first().hover({ force: true });
    expect(await tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    expect(text).toContain("Buttes-Montmartre (75118)");
    expect(text).toContain("Caméras : 98");
    await page.locator('circle[data-key="c:prefecture_2019-46685"]').first().hover({ force: true });
    expect(await tip.innerText()).toContain("Avenue du Général Lemonnier, rue de Rivoli");
    await page.keyboard.press("Escape");
    expect(await tip.isVisible()).toBe(false);
    // The report's own district maps are the keyboard's way in (focusable paths). Scroll first and
    // park the mouse in the margin, so no hover over another district competes with the focus.
    const target = page.locator('[data-key="q:7510101"][tabindex="0"]');
    await target.scrollIntoViewIfNeeded();
    await page.mouse.move(1, 1);
    await target.focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toContain("Saint-Germain-l'Auxerrois (7510101)");
  });

  const compareTable = () => page.locator("#cmp-result table");
  const firstRow = async () => (await compareTable().locator("tbody tr").first().locator("td").allInnerTexts()).map((t) => t.replace(/[ \t\n]+/g, " "));

  it("runs a comparison of two arrondissements, by code, name and number", async () => {
    for (const d of ["75101", "Buttes-Montmartre"]) {
      await page.fill("#cmp-input", d);
      await page.press("#cmp-input", "Enter");
    }
    expect(await compareTable().isVisible()).toBe(true);
    const heads = await compareTable().locator("thead th").allInnerTexts();
    expect(heads.map((h) => h.split("\n")[0])).toEqual(["Indicateur", "Louvre", "Buttes-Montmartre", "Paris"]);
    expect(await firstRow()).toEqual(["64 11e sur 20", "98 2e sur 20", `1${N}368`]);
    const income = (await compareTable().locator("tbody tr", { hasText: "Niveau de vie moyen" }).locator("td").allInnerTexts()).at(-1);
    expect(income).toBe(`31${N}699`);
    // The command line's look-up: "18e" is Buttes-Montmartre, already picked.
    await page.fill("#cmp-input", "18e");
    await page.press("#cmp-input", "Enter");
    expect(await compareTable().locator("thead th").count()).toBe(4);
    expect(errors).toEqual([]);
    expect(browser.blocked).toEqual([]);
  });

  it("takes the Paris column from the chosen level, as contrechamp compare does", async () => {
    await page.selectOption("#cmp-level", "iris");
    for (const d of ["751010101", "751145601"]) {
      await page.fill("#cmp-input", d);
      await page.press("#cmp-input", "Enter");
    }
    expect((await firstRow()).at(-1)).toBe(`1${N}365`);
    const cli = await runCliAsync(["compare", "751010101", "751145601", "--level", "iris", "--format", "json", "--out", out]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).city.cameras).toBe(1365);
    expect(errors).toEqual([]);
  });
});
