// The ridership layer on the real RATP files. The expected stop areas of the sample come from
// test/fixtures/flows/match_sample.csv: 30 rows of the 2019 file drawn at random (Python
// random.seed(2019), random.sample of the matched rows) plus the 5 homonyms of the report, each checked by hand
// against the IDFM gazetteer: same name once accents and punctuation are folded (or the IDFM
// alternative name), the row's line among the stop area's lines, the point in the right town.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readRidership, readRidershipRows, pickYearFile, readAliases } from "../layers/ridership.js";
import { normaliseStationName } from "../layers/ridership-match.js";
import { removeTempDirs, runCli, snapshot, tempDir } from "./helpers.js";

const dir = join(process.cwd(), "data/paris");
const spec = (year?: number) => ({
  file: join(dir, "flows/ratp"),
  options: { ...(year ? { year } : {}), stations: "flows/emplacement-des-gares-idf.geojson", aliases: "flows/aliases.csv" },
});
const HEADER = "Rang;Réseau;Station;Trafic;Correspondance_1;Correspondance_2;Correspondance_3;Correspondance_4;Correspondance_5;Ville;Arrondissement pour Paris";

afterAll(removeTempDirs);

describe("ridership matched to the IDFM stations", () => {
  let r2019: Awaited<ReturnType<typeof readRidership>>;
  beforeAll(async () => {
    r2019 = await readRidership(spec(2019), dir, undefined);
  });

  it("places at least 365 of the 369 rows of 2019 and 99 % of the entries", () => {
    const r = r2019.report;
    expect(r.rows).toBe(369);
    expect(r.entries).toBe(1790906224); // data/paris/flows/SOURCE.md
    expect(r.rows_matched).toBeGreaterThanOrEqual(365);
    expect(r.entries_placed / r.entries).toBeGreaterThanOrEqual(0.99);
    expect(r.rows_matched + r.unmatched.length).toBe(r.rows);
    expect(r.by_method.alias).toBe(8); // the 8 names SOURCE.md lists as unmatched by name
  });

  it("agrees with the hand-checked sample, homonyms included", () => {
    const lines = readFileSync("test/fixtures/flows/match_sample.csv", "utf8").trim().split("\n").slice(1);
    expect(lines.length).toBe(35);
    const byLine = new Map(r2019.layer.features.map((f) => [Number(String(f.properties!.id).split("-")[1]), f.properties!]));
    for (const l of lines) {
      const [line, name, , , stopArea] = l.split(",");
      const p = byLine.get(Number(line));
      expect(p?.ratp_name, `line ${line}`).toBe(name);
      expect(p?.station, `${name}`).toBe(`station-${stopArea}`);
    }
  });

  it("uses each alias of the table, with its reason", () => {
    const aliases = readAliases(join(dir, "flows/aliases.csv"));
    const used = r2019.report.aliases;
    for (const a of used) expect(a.why.length).toBeGreaterThan(10);
    expect(used.map((a) => a.station).sort()).toEqual(
      [...aliases.values()].map((a) => a.ratpName).filter((n) => n !== "CLICHY SAINT-OUEN").sort(),
    );
  });

  it("takes the nearest year when the requested one is absent, and says so", async () => {
    const r = await readRidership(spec(2012), dir, undefined);
    expect(r.report.year).toBe(2013);
    expect(r.report.year_requested).toBe(2012);
    expect(r.report.year_note).toMatch(/2013/);
    expect(r.layer.features[0].properties!.year).toBe(2013);
    expect(pickYearFile(join(dir, "flows/ratp"), 2030).year).toBe(2021);
    expect(pickYearFile(join(dir, "flows/ratp"), undefined).year).toBe(2021);
  });

  it("reports an unknown station name instead of failing", async () => {
    const t = tempDir();
    const f = join(t, "ridership-2019.csv");
    writeFileSync(f, `${HEADER}\n1;Métro;NATION;100;1;;;;;Paris;12\n2;Métro;STATION QUI N'EXISTE PAS;50;1;;;;;Paris;12\n`);
    const r = await readRidership({ file: f, options: spec().options }, dir, undefined);
    expect(r.report.rows_matched).toBe(1);
    expect(r.report.unmatched).toEqual([expect.objectContaining({ line: 3, station: "STATION QUI N'EXISTE PAS", entries: 50, reason: "no station of that name" })]);
    expect(r.layer.dropped).toEqual([{ reason: expect.stringContaining("not placed"), count: 1 }]);
  });

  it("folds names as the SOURCE.md test did", () => {
    expect(normaliseStationName("GARE DU NORD-RER")).toBe(normaliseStationName("Gare du Nord"));
    expect(normaliseStationName("PYRENEES")).toBe(normaliseStationName("Pyrénées"));
    expect(normaliseStationName("MICHEL-ANGE-MOLITOR")).toBe(normaliseStationName("Michel-Ange - Molitor"));
  });
});

describe("a bad ridership file is refused with its row", () => {
  const bad = (body: string) => {
    const f = join(tempDir(), "trafic-2019.csv");
    writeFileSync(f, body);
    return f;
  };
  const cases: Array<[string, string, RegExp]> = [
    ["wrong columns", "Rang;Réseau;Nom;Entrées\n1;Métro;NATION;3\n", /:1: no traffic \(annual entries\) column \(looked for Trafic/],
    ["negative traffic", `${HEADER}\n1;Métro;NATION;-12;1;;;;;Paris;12\n`, /:2: negative traffic -12 for NATION/],
    ["non-numeric traffic", `${HEADER}\n1;Métro;NATION;12;1;;;;;Paris;12\n2;Métro;BASTILLE;beaucoup;1;;;;;Paris;4\n`, /:3: traffic "beaucoup" for BASTILLE is not a whole number/],
    ["two rows for one station and network", `${HEADER}\n1;Métro;NATION;12;1;;;;;Paris;12\n2;RER;NATION;5;A;;;;;Paris;12\n3;Métro;Nation;7;1;;;;;Paris;12\n`, /:4: a second row for Nation \(Métro\), first at line 2/],
  ];
  for (const [what, body, message] of cases) {
    it(`${what}: an InputError naming file and row`, () => {
      const f = bad(body);
      expect(() => readRidershipRows(f, undefined)).toThrow(message);
    });
  }

  it("through the CLI: one line, exit code 2, nothing written", () => {
    const out = tempDir();
    const before = snapshot(out);
    const f = bad(cases[1][1]);
    const r = runCli(["layers", "--out", out, "--layer", `ridership=${f}`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^contrechamp: .*trafic-2019\.csv:2: negative traffic -12 for NATION \(/);
    expect(snapshot(out)).toEqual(before);
  });
});
