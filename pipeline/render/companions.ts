// Companion maps of Carte 1, driven by the study's declaration: a camera-density choropleth per
// declared level (the coarsest gets proportional circles too), the Lorenz chart, the two camera
// layers side by side. Maps that need the stats stage's files are skipped, with a note on the
// terminal, until out/stats exists. Returns [file stem under out/maps, scene] pairs.
//
// A new companion (another helper's module) takes CompanionInputs and returns [name, Scene]
// pairs: build the page with mapPage() (pipeline/render/map-page.ts), words from c.words.ctx.S,
// credit lines from c.words.ctx.credit([...layers drawn]), and set scene.caption for the
// caption file.
import type { Layers } from "./read-inputs.js";
import { readDistrictStats, readSummary } from "./read-inputs.js";
import type { MapText } from "./carte1.js";
import type { RenderSettings } from "../render.js";
import type { Scene } from "./scene.js";
import { districtChoropleth } from "./district-choropleth.js";
import { camerasBySymbols } from "./proportional-symbols.js";
import { lorenzChart } from "./lorenz-chart.js";
import { compareYears } from "./compare-years.js";
import { changeMap, readChange } from "./change-map.js";
import { commissioningTimeline } from "./change-timeline.js";
import { atlasPages } from "./atlas.js";
import { countPalette } from "./palettes.js";
import { CLASS_RULES } from "../stats/class-rules.js";

export interface CompanionInputs {
  layers: Layers;
  outDir: string;
  settings: RenderSettings;
  words: MapText;
  atlas: boolean;
  /** Where "skipped" notes go (the terminal, through pipeline/core/progress.ts). */
  note(message: string): void;
}

/** Location quotients read on a ratio scale: classes symmetric around 1 in log terms. */
export const LQ_BREAKS = [0.25, 0.5, 1, 2, 4];

/** Density maps are drawn for levels of at most this many districts (finer ones are unreadable). */
const MAX_CHOROPLETH = 1200;

export function companionMaps(c: CompanionInputs): Array<[string, Scene]> {
  const { layers, settings, words } = c;
  const { ctx } = words;
  const S = ctx.S;
  const out: Array<[string, Scene]> = [];
  const base = { page: settings.page, sources: words.sources };
  const camYear = ctx.year("cameras");
  const camSources = (extra: string[]) => ctx.credit(["cameras", "city", ...extra, ...ctx.zones.map((z) => z.layer)]);
  ctx.levels.forEach((level, i) => {
    const rows = readDistrictStats(c.outDir, level.layer);
    const lname = level.label[ctx.lang] ?? level.label.fr;
    if (!rows) {
      c.note(`render: skipped the ${lname} maps (out/stats/${level.layer}.csv missing: run \`contrechamp stats\`)`);
      return;
    }
    // The coarsest level as circles (counts read best as symbols over few, large districts).
    if (i === 0) {
      out.push([`cameras-${level.layer}`, camerasBySymbols(layers, rows, settings.page, settings.classing, {
        ...words, level, title: S.symbols.title(lname, camYear), sources: camSources([level.layer, ...(layers.income_cells ? ["income_cells"] : [])]),
      }).scene]);
    }
    if ((i > 0 || ctx.levels.length === 1) && layers[level.layer].length <= MAX_CHOROPLETH) {
      out.push([`cameras-per-km2-${level.layer}`, districtChoropleth(layers, {
        ...base, title: S.density.title(lname, camYear), subtitle: words.subtitle, districts: layers[level.layer], rows,
        column: "cameras_per_km2", unit: S.density.unit, heading: S.density.heading(lname), note: S.density.note(lname),
        classing: CLASS_RULES.cameras_per_km2, palette: (k) => countPalette(k), sources: camSources([level.layer]),
        caption: `${S.density.title(lname, camYear)}\n\n${S.density.note(lname)}\n${(words.captionNotes ?? []).join("\n")}\n`,
      }, words).scene]);
    }
  });
  const summary = readSummary(c.outDir);
  const chart = summary ? lorenzChart(summary, settings.page, { ...words, title: S.lorenz.title(camYear), sources: ctx.credit(["cameras", ...(layers.income_cells ? ["income_cells"] : []), ...ctx.levels.map((l) => l.layer)]) }) : null;
  if (chart) out.push(["lorenz", chart]);
  else c.note("render: skipped lorenz (out/stats/summary.json missing or without curves: run `contrechamp stats`)");
  // The change map (stats/change.ts outputs) replaces the side-by-side when it can be drawn.
  const change = readChange(c.outDir);
  const changeWords = { ...words, sources: ctx.credit(["cameras_2012", "cameras", "city", ...ctx.zones.map((z) => z.layer)]) };
  const changed = change && changeMap(layers, change, settings.page, { ...changeWords, title: "Caméras de vidéosurveillance : ce qui a changé depuis 2012" });
  const timeline = change && commissioningTimeline(change.report, settings.page, { ...changeWords, title: "Mises en service des caméras et désignation des zones" });
  if (timeline) out.push(["commissioning-timeline", timeline]);
  else if (change) c.note("render: skipped commissioning-timeline (no commissioning dates in out/stats/change.json)");
  const years = changed ? null : compareYears(layers, settings.page, { ...words, title: S.years.title, sources: ctx.credit(["cameras_2012", "cameras", "city"]) });
  if (changed) out.push(["cameras-change", changed]);
  else if (years) out.push(["cameras-2012-2019", years]);
  if (c.atlas) {
    const rows = ctx.coarse ? readDistrictStats(c.outDir, ctx.coarse.layer) : null;
    if (!rows) c.note("render: atlas pages drawn without indicators (stats missing)");
    out.push(...atlasPages(layers, rows, settings.page, settings.classing, { ...words, sources: ctx.credit(["cameras", "city", ...(layers.income_cells ? ["income_cells"] : []), ...ctx.zones.map((z) => z.layer)]) }));
  }
  return out;
}
