// Speed of the change analysis (pipeline/stats/change-*.ts), outside `npm run bench`:
//   node dist/bench/change.js [n]
// (1) matching n seeded synthetic sites against n earlier cameras (a 2012 layer scaled up: points
// 100 m apart on average, 80 % kept with a 0–40 m offset, 20 % new, 20 % removed); target: 100,000
// against 100,000 in under 5 s and 1 GB (candidates come from a flatbush index, so the cost grows
// with the pairs within 2T, not with n²). (2) the Paris timing tests, 999 draws per date, on the
// pinned inputs of test/fixtures/change; target under 10 s on one core.
import { readFileSync } from "node:fs";
import { seededRng } from "../pipeline/stats/rng.js";
import { matchSites, type OldPoint, type SitePoint } from "../pipeline/stats/change-match.js";
import { timingTests } from "../pipeline/stats/change-timing.js";
import { parseCsv } from "../pipeline/geo/read-csv.js";
import { parseGeoJSON } from "../pipeline/geo/read-geojson.js";
import { toPlanarPoint, toPlanarShape } from "../pipeline/geo/planar.js";
import { loadStudy } from "../pipeline/core/study.js";

const n = Number(process.argv[2] ?? 100_000);
const rng = seededRng(42);
const side = Math.sqrt(n) * 100;
const olds: OldPoint[] = Array.from({ length: n }, (_, i) => ({ id: `o${i}`, x: rng.next() * side, y: rng.next() * side, label: null }));
const sites: SitePoint[] = [];
olds.forEach((o, i) => {
  if (rng.next() < 0.8) sites.push({ id: `s${i}`, x: o.x + (rng.next() - 0.5) * 56, y: o.y + (rng.next() - 0.5) * 56, label: null, confidence: 0.95, method: null, commissioned: null });
});
while (sites.length < n) sites.push({ id: `n${sites.length}`, x: rng.next() * side, y: rng.next() * side, label: null, confidence: 0.95, method: null, commissioned: null });
let t = process.hrtime.bigint();
const pairs = matchSites(sites, olds, { sigmaAtFull: 15, sigmaAtZero: 100, scale: 1, fromEarlierLayer: null });
const ms = (a: bigint) => Number(process.hrtime.bigint() - a) / 1e6;
console.log(`matching ${n} × ${n}: ${ms(t).toFixed(0)} ms, ${pairs.length} kept, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);

const D = "test/fixtures/change";
const csv = parseCsv(readFileSync(`${D}/sites.csv`, "utf8"), "sites.csv", ",");
const col = (h: string) => csv.header.indexOf(h);
const cams = csv.rows.filter((r) => r.cells[col("in_city")] === "1").map((r) => {
  const [x, y] = toPlanarPoint({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [Number(r.cells[col("lon")]), Number(r.cells[col("lat")])] } });
  return { x, y, date: r.cells[col("commissioned")] || null };
});
const shapes = (name: string) => parseGeoJSON(readFileSync(`${D}/${name}.geojson`, "utf8"), name).features.map((f) => toPlanarShape(f));
const study = loadStudy("data/paris/study.json");
t = process.hrtime.bigint();
const tests = timingTests(cams, study.zones.map((z) => ({ layer: z.layer, short: z.short, designated: z.designated, shapes: shapes(z.layer) })), shapes("city"), { seed: 1, draws: 999, minPerSide: 10 });
console.log(`timing: ${tests.length} dates × 999 draws × 2 nulls: ${ms(t).toFixed(0)} ms`);
