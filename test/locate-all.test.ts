// The batch locator (join/locate-all.ts) and the columns the join writes from it
// (join/camera-table.ts joinColumns, read back by joined-geojson.ts joinFields) against the
// one-point locator they replace (join/context.ts `locate`, whose district answers are checked
// against geopandas in join-stats.test.ts): every field equal, point for point, on the Paris cameras, on seeded random
// points over and around the city, and on points placed exactly on zone and district vertices
// (where the even-odd and tolerance rules are decided).
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers.js";
import { loadStudy } from "../pipeline/core/study.js";
import { buildContext, locate, type JoinContext } from "../pipeline/join/context.js";
import { studyCentre, zoneTolerance } from "../pipeline/join/centre.js";
import { districtCounts, locateAll, locateAllBeside, pointBatch } from "../pipeline/join/locate-all.js";
import { readOutLayer } from "../pipeline/core/out-files.js";
import { joinColumns } from "../pipeline/join/camera-table.js";
import { joinFields } from "../pipeline/join/joined-geojson.js";
import type { CameraSource } from "../pipeline/join/camera-source.js";
import { transformer } from "../pipeline/geo/crs.js";
import { seededRng } from "../pipeline/stats/rng.js";

let ctx: JoinContext;
let lonlats: Array<[number, number]> = [];

beforeAll(() => {
  const out = tempDir();
  const r = runCli(["layers", "--out", out]);
  if (r.code !== 0) throw new Error(r.stderr);
  const study = loadStudy("data/paris/study.json", {});
  ctx = buildContext(out, studyCentre(study), zoneTolerance(study), study);
  const toLonLat = transformer("EPSG:2154", "EPSG:4326");
  for (const f of readOutLayer(out, "cameras_2012")) lonlats.push((f.geometry as any).coordinates);
  const [x0, y0, x1, y1] = ctx.city.bbox;
  const rand = seededRng(7).next;
  for (let i = 0; i < 4000; i++) lonlats.push(toLonLat([x0 - 500 + rand() * (x1 - x0 + 1000), y0 - 500 + rand() * (y1 - y0 + 1000)]));
  // Vertices of the zones and of the finest level, and points 5 m off them (inside the tolerance).
  for (const layer of [...ctx.zones, ctx.levels[ctx.levels.length - 1]]) {
    for (const s of layer.index.shapes.slice(0, 40)) {
      for (const ring of s.polygons[0]) {
        for (let k = 0; k < ring.length; k += 7) {
          lonlats.push(toLonLat(ring[k] as [number, number]));
          lonlats.push(toLonLat([ring[k][0] + 5, ring[k][1] - 5]));
        }
      }
    }
  }
}, 120_000);

describe("locateAll", () => {
  it("the join's columns (joinColumns, joinFields: what it writes) give locate's answer for every point and field", () => {
    const toL93 = transformer("EPSG:4326", "EPSG:2154");
    const batch = locateAll(ctx, pointBatch(lonlats));
    const src = { lon: Float64Array.from(lonlats, (p) => p[0]), lat: Float64Array.from(lonlats, (p) => p[1]) } as CameraSource;
    const j = joinColumns(ctx, src, batch, null);
    let differ = 0;
    lonlats.forEach((ll, i) => {
      const a = joinFields(j, i), b = locate(ctx, toL93(ll), ll);
      if (JSON.stringify(a) !== JSON.stringify(b) && differ++ < 3) expect(a).toEqual(b);
    });
    expect(differ).toBe(0);
    // The sample must exercise the zone rules, not only the districts.
    const inZone = lonlats.filter((_, i) => batch.zones.some((z) => z.start[i + 1] > z.start[i])).length;
    const onlyTol = lonlats.filter((_, i) => batch.zonesTol.some((z, k) => z.start[i + 1] - z.start[i] > batch.zones[k].start[i + 1] - batch.zones[k].start[i])).length;
    expect(lonlats.length).toBeGreaterThan(5000);
    expect(inZone).toBeGreaterThan(100);
    expect(onlyTol).toBeGreaterThan(10);
  });

  it("with the point measures made beside it (the join's helper thread), gives locateAll's batch value for value", async () => {
    const plain = locateAll(ctx, pointBatch(lonlats));
    const pts = pointBatch(lonlats, true);
    expect(pts.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    // The city's edges rebuilt from its polygons, as the thread does: a clone of them, as the thread gets.
    const beside = await locateAllBeside(ctx, pts, structuredClone(ctx.city.polygons));
    const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
    for (const k of ["x", "y", "laeaX", "laeaY", "edge", "terminal", "terminalDist", "stations"] as const) expect(same(beside[k], plain[k]), k).toBe(true);
    plain.levels.forEach((l, k) => expect(same(beside.levels[k], l)).toBe(true));
    for (const z of ["zones", "zonesTol"] as const) plain[z].forEach((m, k) => expect(same(beside[z][k].start, m.start) && same(beside[z][k].poly, m.poly)).toBe(true));
    // The sample reaches both sides of the city limit and the terminals' ranking.
    expect(plain.edge.some((d) => d < 0) && plain.edge.some((d) => d > 0)).toBe(true);
    expect(new Set(plain.terminal).size).toBeGreaterThan(2);
  });

  it("counts per district as the per-point answers do", () => {
    const batch = locateAll(ctx, pointBatch(lonlats));
    const j = joinColumns(ctx, { lon: Float64Array.from(lonlats, (p) => p[0]), lat: Float64Array.from(lonlats, (p) => p[1]) } as CameraSource, batch, null);
    const k = ctx.levels.length - 1;
    const level = ctx.levels[k];
    const c = districtCounts(batch, k, level.index.shapes.length);
    const byHand = new Map<string, number>();
    lonlats.forEach((_, i) => {
      const code = joinFields(j, i)[level.key];
      if (typeof code === "string") byHand.set(code, (byHand.get(code) ?? 0) + 1);
    });
    level.index.shapes.forEach((s, d) => expect(c.cameras[d], s.id).toBe(byHand.get(s.id) ?? 0));
  });
});
