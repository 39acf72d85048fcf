// The report stage without a browser, on the real study (every stage run into a temp folder):
// self-contained output, deterministic bytes, "not computed" notes when only the layers exist,
// and the summary, hypothesis and geocoding sections showing the real stats outputs, readably.
// Where the expected values come from:
// - independent (geopandas on out/layers only, test/fixtures/report/independent_2019.py → .json):
//   1 371 cameras, 1 368 in or on an arrondissement, 1 244 in an inhabited cell; ZTI 235 strict /
//   248 within 10 m, ZSP 88 / 103, arrondissements 1–4 171, 300 m around terminals 43; ZTI area
//   5,76 km²; mean standard of living at cameras 33 868 €, of residents 31 699 € (Σ Ind_snv / Σ Ind);
// - the stats stage's own outputs, so these assertions check the page's formatting and that it
//   shows what the stats stage wrote, not the statistics themselves (those are checked against
//   numpy and statsmodels in test/join-stats.test.ts and test/glm.test.ts): the Gini indices,
//   the concentration index, the rate ratios, and shares/ratios derived from the counts above
//   (test/fixtures/report/expected_values.py reads them from out/stats with csv/json).
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempDir } from "./helpers.js";
import { runCliAsync } from "./render-helpers.js";
import { realStudyStderr, runRealStudy, sectionText } from "./report-helpers.js";
import fc from "fast-check";
import { inlineSvg, keySvgBody, svgBody } from "../pipeline/report/inline-svg.js";

const N = "\u202f"; // narrow no-break space: thousands, and before % and units
let bare: string;
let full: string;
let html: string;
const page = (dir: string) => readFileSync(join(dir, "report", "index.html"), "utf8");

beforeAll(async () => {
  bare = tempDir();
  expect((await runCliAsync(["layers", "--out", bare])).code).toBe(0);
  expect((await runCliAsync(["report", "--out", bare])).code).toBe(0);
  full = await runRealStudy();
  html = page(full);
}, 1_200_000); // the whole Paris study, maps in four formats, on a shared 2-core machine

describe("what `run` prints on stderr (a pipe here)", () => {
  const ind = JSON.parse(readFileSync("test/fixtures/report/independent_2019.json", "utf8"));
  it("one line per stage, in order, with counts and time, and no carriage return", () => {
    expect(realStudyStderr).not.toContain("\r");
    const stages = realStudyStderr.split("\n").filter((l) => /^contrechamp: (layers|geocode|join|stats|render|report) /.test(l));
    expect(stages.map((l) => l.split(/ +/)[1])).toEqual(["layers", "geocode", "join", "stats", "render", "report"]);
    // Seconds below a minute ("0.6 s"), minutes above ("1 min 05 s", on a busy machine).
    for (const l of stages) expect(l).toMatch(/  (\d+\.\d s|\d+ min \d\d s)$/);
    // Counts from the independent geopandas computation (1 371 cameras).
    expect(stages[2]).toMatch(new RegExp(`^contrechamp: join +${ind.cameras.toLocaleString("en-US")} cameras, `));
    expect(stages[3]).toMatch(/ arrondissements: 20, quartiers: 80, iris: 992 /);
  });
  it("ends with the verdict's headline and where the report is", () => {
    const lines = realStudyStderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^contrechamp: done in (\d+\.\d s|\d+ min \d\d s); open /);
    expect(lines.at(-1)!.endsWith(`; open ${join(full, "report", "index.html")}`)).toBe(true);
    // The Paris study is in French: "verdict :" with French spacing.
    const v = lines.findIndex((l) => /^contrechamp: verdict ?:$/.test(l));
    expect(v).toBeGreaterThan(0);
    // One line per graded claim of hypothesis.json: its statement (first clause) and its grade.
    const claims: Array<{ id: string; grade: string | null; statement: { fr: string } }> = JSON.parse(readFileSync(join(full, "stats", "hypothesis.json"), "utf8")).claims;
    const shown = lines.slice(v + 1, v + 1 + claims.length).map((l) => l.replace(/^contrechamp: {3}/, ""));
    expect(shown).toHaveLength(claims.length);
    expect(claims.map((c) => c.id)).toContain("zone:zti");
    shown.forEach((s, i) => {
      // The grade in the study's language (French), as the report's tables say it.
      const fr: Record<string, string> = { holds: "tient", fragile: "fragile", not_established: "non établi" };
      const grade = claims[i].grade ? ` [${fr[claims[i].grade]}]` : " [non calculé]";
      expect(s.endsWith(grade), s).toBe(true);
      expect(claims[i].statement.fr.startsWith(s.slice(0, -grade.length)), s).toBe(true);
      expect(s.length).toBeGreaterThan(20);
    });
  });
});

describe("report stage", () => {
  it("needs nothing outside the page", () => {
    for (const h of [page(bare), html]) {
      expect(h).not.toMatch(/\s(src|href)="(?!#|data:)/);
      expect(h).not.toMatch(/url\((?!#|data:|"#)/);
      expect(h).toContain("font/woff2;base64,");
    }
  });

  it("says what is not computed when stats and maps are absent", () => {
    const h = page(bare);
    for (const f of ["stats/summary.json", "stats/hypothesis.json", "stats/arrondissements.csv", "stats/iris.csv", "maps/carte1.svg", "stats/geocoding.json"]) {
      expect(h, f).toContain(`<code>${f}</code> est absent`);
    }
    expect(h).not.toContain('id="cmp-form"');
    expect(html).toContain('id="cmp-form"');
    expect(html).not.toContain("est absent");
  });

  it("inlines the render stage's maps with prefixed ids and tooltip keys", () => {
    expect(html).toContain('id="m-carte1-prefecture_2019-46685" data-key="c:prefecture_2019-46685"');
    expect(html).toContain('data-key="a:75118"');
    // The proportional symbols of the arrondissement map are keyed to their district.
    expect(html).toContain('id="m-cameras-arrondissements-symbol-75118" data-key="a:75118"');
    expect(html).not.toContain("<?xml");
  });

  it("writes the same bytes twice", () => {
    expect(runCli(["report", "--out", full]).code).toBe(0);
    expect(page(full)).toBe(html);
  });

  it("lists every source of the layers manifest with its hashes", () => {
    const manifest = JSON.parse(readFileSync(join(full, "layers", "manifest.json"), "utf8"));
    for (const l of manifest.layers) for (const i of l.inputs) expect(html, i.path).toContain(i.sha256);
  });
});

describe("summary section", () => {
  let text: string;
  beforeAll(() => (text = sectionText(html, "resume")));

  it("reads as text: no raw JSON, no key names of summary.json", () => {
    expect(text).not.toMatch(/[{}"]/);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });
  it("states the camera counts", () => {
    expect(text).toContain(`1${N}371 caméras étudiées : 1${N}368 dans les limites de Paris (3 hors de tout arrondissement`);
    expect(text).toContain(`1${N}244 dans un carreau INSEE habité`);
  });
  it("gives the Gini indices over area and residents, for cells and IRIS", () => {
    expect(text).toMatch(new RegExp(`Carreaux de 200 m surface dans Paris 2${N}799 1${N}371 0,728`));
    expect(text).toMatch(new RegExp(`Carreaux de 200 m habités habitants 1${N}977 1${N}244 0,775`));
    expect(text).toMatch(new RegExp(`IRIS surface 992 1${N}365 0,622`));
    expect(text).toMatch(new RegExp(`IRIS habités habitants 992 1${N}365 0,661`));
  });
  it("gives the camera and area shares of each zone with their ratio", () => {
    expect(text).toContain(`Zones touristiques internationales (ZTI) 235 17,1${N}% 5,76 5,5${N}% ×3,14 248 (18,1${N}%)`);
    expect(text).toContain(`Zones de sécurité prioritaires (ZSP) 88 6,4${N}% 3,98 3,8${N}% ×1,70`);
    // The central districts (settings.central_districts) named from the arrondissements' table.
    expect(text).toContain(`Les arrondissements du centre (Louvre, Bourse, Temple et Hôtel-de-Ville) 171 12,5${N}% 5,59 5,3${N}% ×2,35`);
    expect(text).toContain(`300 m autour des grandes gares 43 3,1${N}% 1,94 1,8${N}% ×1,70`);
  });
  it("gives the concentration index and the mean incomes with units", () => {
    expect(text).toContain("concentration des caméras selon le niveau de vie des habitants : 0,129");
    expect(text).toContain("penchent vers les résidents aisés");
    expect(text).toContain(`33${N}868${N}€/an par personne, contre 31${N}699${N}€/an`);
  });
});

describe("stats stage against geopandas on the 2019 layers", () => {
  it("counts the same cameras as test/fixtures/report/independent_2019.py", () => {
    const ref = JSON.parse(readFileSync("test/fixtures/report/independent_2019.json", "utf8"));
    const s = JSON.parse(readFileSync(join(full, "stats", "summary.json"), "utf8"));
    expect([s.cameras.total, s.cameras.in_city, s.cameras.in_inhabited_cells]).toEqual([ref.cameras, ref.in_arrondissement, ref.in_inhabited_cell]);
    const share = (z: string) => s.shares.find((x: { zone: string }) => x.zone === z);
    expect([share("zti").cameras, share("zti").cameras_tolerance]).toEqual(ref.zti);
    expect([share("zsp").cameras, share("zsp").cameras_tolerance]).toEqual(ref.zsp);
    expect(share("central").cameras).toBe(ref.central_1_4);
    expect(share("terminals").cameras).toBe(ref.within_300m_terminal);
    expect(Math.round(s.mean_income_at_cameras)).toBe(ref.mean_income_at_cameras);
    expect(Math.round(s.mean_income_residents)).toBe(Math.round(ref.mean_income_residents));
  });
});

describe("hypothesis section", () => {
  it("states the verdict in French first, English beside it, and the caveats", () => {
    const text = sectionText(html, "hypothese");
    // The ZTI share from the independent geopandas counts (235 of 1 371), in French then English.
    const ind = JSON.parse(readFileSync("test/fixtures/report/independent_2019.json", "utf8"));
    const share = ((100 * ind.zti[0]) / ind.cameras).toFixed(1);
    const fr = `(ZTI) : ${share.replace(".", ",")} % des ${ind.cameras} caméras`;
    const en = `(ZTI): ${share}% of the ${ind.cameras} cameras`;
    expect(text.indexOf(fr)).toBeGreaterThan(0);
    expect(text.indexOf(fr)).toBeLessThan(text.indexOf(en));
    expect(html.match(/<ul id="caveats" lang="fr">(.*?)<\/ul>/)![1].match(/<li>/g)).toHaveLength(5);
  });
  it("tabulates both models' rate ratios, all 13 terms", () => {
    const table = html.match(/<table class="plain" id="rate-ratios">[\s\S]*?<\/table>/)![0];
    expect(table.match(/<tr data-term=/g)).toHaveLength(13); // 11 + log(1 + station entries) + street supply
    const zti = sectionText(`<section id="x">${table.match(/<tr data-term="zti_share">.*?<\/tr>/)![0]}</section>`, "x");
    // Formatting of the model's own numbers (the fit itself is checked against R in inference.test.ts).
    const h = JSON.parse(readFileSync(join(full, "stats", "hypothesis.json"), "utf8"));
    const term = (m: string) => h.models[m].terms.find((t: { term: string }) => t.term === "zti_share");
    const fmt = (v: number) => v.toFixed(2).replace(".", ",");
    for (const m of ["negative_binomial", "poisson"]) {
      const t = term(m);
      expect(zti).toContain(`${fmt(t.rate_ratio)} ${fmt(t.ci95[0])} – ${fmt(t.ci95[1])}`);
    }
  });
  it("draws the forest chart and one envelope chart per statistic, a band per null", () => {
    expect(html.match(/<svg class="chart" id="forest"[\s\S]*?<\/svg>/)![0].match(/class="est"/g)!.length).toBe(12 + 1); // 12 terms + legend
    for (const stat of ["share_zti", "share_zsp", "concentration_index", "mean_income"]) {
      const svg = html.match(new RegExp(`<svg class="chart" data-stat="${stat}"[\\s\\S]*?</svg>`))![0];
      expect(svg.match(/class="band"/g), stat).toHaveLength(3);
      expect(svg.match(/class="obs"/g), stat).toHaveLength(1);
    }
  });
});

describe("geocoding section", () => {
  it("gives placed sites, counts by method and the accuracy", () => {
    const text = sectionText(html, "geocodage");
    expect(text).toContain(`1${N}371 sites placés sur 1${N}391 (98,6${N}%)`);
    expect(text).toContain(`l'écart médian est de 0,0${N}m, le 95e centile de 8,5${N}m`);
    const counts = { address: 66, crossing_exact: 909, crossing_fuzzy: 75, street_lines: 39, prefecture_2012: 153, place: 82, street_centre: 47 };
    for (const [k, n] of Object.entries(counts)) expect(html).toMatch(new RegExp(`<tr data-method="${k}">.*?<td class="n">${n}</td>`));
  });
  it("shows the agreement with the Préfecture's 2012 points (values from geopandas, see test/geocode-stage.test.ts)", () => {
    const table = html.slice(html.indexOf('id="geo-agreement-2012"'), html.indexOf("</table>", html.indexOf('id="geo-agreement-2012"')));
    expect(table).toMatch(new RegExp(`<code>street_centre</code></th><td class="n">47</td><td class="n">104,0${N}m</td>`));
    expect(table).toMatch(new RegExp(`<code>address</code></th><td class="n">66</td><td class="n">18,4${N}m</td><td class="n">72,7${N}%</td>`));
  });
});

describe("inlineSvg", () => {
  it("prefixes ids and the references to them", () => {
    const r = inlineSvg('<?xml version="1.0"?><svg><clipPath id="clip"/><g clip-path="url(#clip)"><circle id="cam-1"/></g></svg>', "m-", (id) => (id === "cam-1" ? "c:cam-1" : undefined));
    expect(r.ok && r.svg).toBe('<svg><clipPath id="m-clip"/><g clip-path="url(#m-clip)"><circle id="m-cam-1" data-key="c:cam-1"/></g></svg>');
  });
  it("refuses an SVG that needs another file", () => {
    const r = inlineSvg('<svg><image href="photo.png"/></svg>', "m-", () => undefined);
    expect(r.ok).toBe(false);
  });
  // maps-section.ts skips keying a map whose body alone is over the page budget: sound only if
  // keying never shortens a body.
  it("never makes a body shorter when keying it", () => {
    const piece = fc.constantFrom(" id=\"a\"", " data-id=\"75101\"", "url(#h)", "url('#h')", " href=\"#x\"", " xlink:href=\"#x\"", "<g", "/>", "\"", "id=", " ", "<!-- c -->", "x");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom("", "m-"), (parts, prefix) => {
        const b = svgBody(`<?xml version="1.0"?><svg ${parts.join("")}</svg>`);
        if (!b.ok) return;
        const r = keySvgBody(b.svg, prefix, (id) => (id === "75101" ? "a:75101" : undefined));
        expect(r.ok && r.svg.length).toBeGreaterThanOrEqual(b.svg.length);
      }),
    );
  });
});
