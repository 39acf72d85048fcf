// The PDF back end draws the scene itself (pdf.ts), not the SVG: it must show what the SVG shows.
// A small scene with every feature the maps use (clip paths, halo groups, halo circles, hatch and
// dot patterns, dashes, round caps, element, fill and group opacity, anchored bold/italic text
// with a halo) is rasterised twice — the SVG by resvg (the PNG back end), the PDF by poppler's pdftoppm —
// and the two pictures must agree but for anti-aliasing. The same comparison with a PDF drawn
// without its halos must fail, so the check can tell.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { tempDir } from "./helpers.js";
import { sceneToPdf } from "../pipeline/render/pdf.js";
import { pdfPathOps } from "../pipeline/render/pdf-path.js";
import { sceneToSvg } from "../pipeline/render/svg.js";
import { svgToPng } from "../pipeline/render/png.js";
import { group, line, rect, text, type Scene } from "../pipeline/render/scene.js";

describe("pdfPathOps", () => {
  it("copies absolute M/L/H/V/Z path data into PDF operators (by hand)", () => {
    expect(pdfPathOps("M1,2L3.5,-4H6V7Z")).toBe("1 2 m\n3.5 -4 l\n6 -4 l\n6 7 l\nh");
    // Extra pairs after a moveto are linetos; after Z the current point is the subpath's start.
    expect(pdfPathOps("M0 0 1 1 2 .5ZH3")).toBe("0 0 m\n1 1 l\n2 .5 l\nh\n3 0 l");
    expect(pdfPathOps("")).toBe("");
  });
  it("leaves to pdfkit what it does not copy (arcs, relative commands, exponents, odd pairs)", () => {
    for (const d of ["M0,0A1,1,0,0,1,2,2", "m1,1l2,2", "M1e-7,0L1,1", "M1,2,3", "L1,1", "M1,2X"]) expect(pdfPathOps(d), d).toBeNull();
  });
});

const scene = (halos = true): Scene => ({
  title: "test",
  // 127 × 76.2 mm: 500 × 300 pixels at 100 dpi exactly, so both rasters have the same grid.
  width: 127,
  height: 76.2,
  background: "#ffffff",
  patterns: [
    { id: "hatch", spacing: 1.2, stroke: "#3b3b3b", strokeWidth: 0.3 },
    { id: "dots", spacing: 1.5, stroke: "#8c8c8c", strokeWidth: 0.5, dots: true },
  ],
  clips: [{ id: "frame", d: "M5,5L70,5L70,60L5,60Z" }],
  layers: [
    group("areas", [
      { kind: "path", d: "M0,0L60,0L60,40L0,40Z", style: { fill: "#77acd1" } },
      { kind: "path", d: "M40,30L90,30L90,75L40,75Z", style: { fill: "url(#hatch)" } },
      rect(75, 5, 20, 20, { fill: "url(#dots)", stroke: "#7f7f7f", strokeWidth: 0.3 }),
      { kind: "path", d: "M10,50A12,12,0,0,1,34,50Z", style: { fill: "#e34a33", opacity: 0.5 } },
    ], { clip: "frame" }),
    group("lines", [line(8, 20, 110, 70, { stroke: "#000000", strokeWidth: 1.2, dash: [3, 1.5], cap: "square" }), line(8, 70, 110, 20, { stroke: "#e66101", strokeWidth: 2 })], {
      style: { stroke: "#ffffff", strokeWidth: 0.6, round: true },
    }),
    group("band", [{ kind: "path", d: "M20,10L100,60", style: { fill: "none", stroke: "#6a3d9a", strokeWidth: 4, opacity: 0.35 } }], { clipD: "M0,0L60,0L60,80L0,80Z" }),
    group(
      "cameras",
      [30, 45, 60, 75, 90].map((x, i) => ({ kind: "circle" as const, cx: x, cy: 45, r: 1 + i * 0.8 })),
      { style: { fill: "#b2182b", fillOpacity: 0.85, ...(halos ? { stroke: "#ffffff", strokeWidth: 1, strokeUnder: true } : {}) } },
    ),
    group("halo-circle", [{ kind: "circle", cx: 100, cy: 12, r: 4, style: { fill: "#2b8cbe", stroke: "#08589e", strokeWidth: 0.8, strokeUnder: halos } }]),
    // Opacity on a group: its items composited together, then laid at half opacity (no red under the blue).
    group("translucent", [rect(96, 48, 20, 12, { fill: "#d7301f" }), rect(104, 52, 18, 14, { fill: "#1b9e77" }), rect(100, 56, 10, 10, { fill: "#2166ac" }), text(100, 72, "Fx", 3)], {
      style: { opacity: 0.5 },
    }),
    group("labels", [
      text(60, 15, "Caméras 1 371 — Zone", 5, { anchor: "middle", bold: true, halo: halos ? 1 : undefined }),
      text(115, 35, "à droite", 4, { anchor: "end", italic: true }),
      text(8, 76, "Sources : Préfecture", 3.5),
    ]),
  ],
});

function rasters(pdfScene: Scene, svgScene: Scene, dpi: number): Promise<[PNG, PNG]> {
  return sceneToPdf(pdfScene).then((pdf) => {
    const dir = tempDir();
    writeFileSync(join(dir, "p.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(dpi), "-png", "-singlefile", join(dir, "p.pdf"), join(dir, "p")]);
    return [PNG.sync.read(svgToPng(sceneToSvg(svgScene), Math.round((svgScene.width / 25.4) * dpi), dpi)), PNG.sync.read(readFileSync(join(dir, "p.png")))];
  });
}

/**
 * Share of 5 × 5 pixel blocks (1.3 mm) whose mean colours differ by more than 45 (sum over RGB):
 * the two rasterisers anti-alias edges and place hatch lines a fraction of a pixel apart, which
 * block means absorb; a missing or miscoloured shape does not.
 */
function differing(a: PNG, b: PNG): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  const B = 5;
  let n = 0;
  let blocks = 0;
  for (let by = 0; by + B <= a.height; by += B) {
    for (let bx = 0; bx + B <= a.width; bx += B) {
      const d = [0, 0, 0];
      for (let y = by; y < by + B; y++) {
        for (let x = bx; x < bx + B; x++) {
          const i = 4 * (y * a.width + x);
          for (let c = 0; c < 3; c++) d[c] += a.data[i + c] - b.data[i + c];
        }
      }
      blocks++;
      if (d.reduce((s, v) => s + Math.abs(v), 0) / (B * B) > 45) n++;
    }
  }
  return n / blocks;
}

describe("sceneToPdf", () => {
  it("draws what the SVG shows", { timeout: 60_000 }, async () => {
    const [svg, pdf] = await rasters(scene(), scene(), 100);
    expect(differing(svg, pdf)).toBeLessThan(0.005);
  });
  it("the comparison sees missing halos", { timeout: 60_000 }, async () => {
    const [svg, pdf] = await rasters(scene(false), scene(), 100);
    expect(differing(svg, pdf)).toBeGreaterThan(0.01);
  });
  it("refuses a pattern inside a translucent group (viewers disagree on its space)", async () => {
    const s = scene();
    s.layers.push(group("bad", [rect(0, 0, 5, 5, { fill: "url(#hatch)" })], { style: { opacity: 0.5 } }));
    await expect(sceneToPdf(s)).rejects.toThrow(/pattern hatch inside a group with an opacity/);
  });
  it("writes the same bytes twice, with the three DejaVu faces embedded", async () => {
    const a = await sceneToPdf(scene());
    expect((await sceneToPdf(scene())).equals(a)).toBe(true);
    const f = join(tempDir(), "s.pdf");
    writeFileSync(f, a);
    const fonts = execFileSync("pdffonts", [f], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"]);
    for (const l of fonts) expect(l.split(/\s+/).slice(-5, -4)[0]).toBe("yes");
  });
});
