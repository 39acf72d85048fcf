// The report stage without a browser: self-contained output, deterministic bytes, and "not
// computed" notes where the stats and maps are absent; render-stage SVGs inlined with tooltip keys.
import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CAMERAS_2012, runCli, tempDir } from "./helpers.js";

import { inlineSvg } from "../pipeline/report/inline-svg.js";

let bare: string;
let full: string;
const page = (dir: string) => readFileSync(join(dir, "report", "index.html"), "utf8");

beforeAll(() => {
  bare = tempDir();
  expect(runCli(["layers", "--out", bare, ...CAMERAS_2012]).code).toBe(0);
  expect(runCli(["report", "--out", bare]).code).toBe(0);
  full = tempDir();
  cpSync(join(bare, "layers"), join(full, "layers"), { recursive: true });
  cpSync(resolve("test/fixtures/report/stats"), join(full, "stats"), { recursive: true });
  mkdirSync(join(full, "maps"));
  // A tiny SVG in the render stage's shape: a camera element carrying its id, a clip path by id.
  writeFileSync(
    join(full, "maps", "carte1.svg"),
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><clipPath id="clip"><rect width="10" height="10"/></clipPath></defs>' +
      '<g id="cameras" clip-path="url(#clip)"><circle id="user-0001" cx="1" cy="1" r="1"/></g></svg>',
  );
  expect(runCli(["report", "--out", full]).code).toBe(0);
});

describe("report stage", () => {
  it("needs nothing outside the page", () => {
    for (const html of [page(bare), page(full)]) {
      expect(html).not.toMatch(/\s(src|href)="(?!#|data:)/);
      expect(html).not.toMatch(/url\((?!#|data:|"#)/);
      expect(html).toContain("font/woff2;base64,");
    }
  });

  it("says what is not computed when stats and maps are absent", () => {
    const html = page(bare);
    for (const f of ["stats/summary.json", "stats/hypothesis.json", "stats/arrondissements.csv", "stats/iris.csv", "maps/carte1.svg", "stats/geocoding.json"]) {
      expect(html, f).toContain(`<code>${f}</code> est absent`);
    }
    expect(html).not.toContain('id="cmp-form"');
    expect(page(full)).toContain('id="cmp-form"');
  });

  it("inlines the render stage's maps with prefixed ids and tooltip keys", () => {
    const html = page(full);
    expect(html).toContain('id="m-carte1-user-0001" data-key="c:user-0001"');
    expect(html).toContain('clip-path="url(#m-carte1-clip)"');
    expect(html).not.toContain("<?xml");
  });

  it("writes the same bytes twice", () => {
    const before = page(full);
    expect(runCli(["report", "--out", full]).code).toBe(0);
    expect(page(full)).toBe(before);
  });

  it("lists every source of the layers manifest with its hashes", () => {
    const html = page(bare);
    const manifest = JSON.parse(readFileSync(join(bare, "layers", "manifest.json"), "utf8"));
    for (const l of manifest.layers) for (const i of l.inputs) expect(html, i.path).toContain(i.sha256);
  });
});

describe("inlineSvg", () => {
  it("refuses an SVG that needs another file", () => {
    const r = inlineSvg('<svg><image href="photo.png"/></svg>', "m-", () => undefined);
    expect(r.ok).toBe(false);
  });
});
