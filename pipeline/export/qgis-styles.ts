// Carte 1's symbology as QGIS styles (QML), for the GeoPackage's layer_styles table: QGIS opens the
// layer with the style marked default. The classes, colours and symbols are the render stage's own
// (income classes computed by render/income-layer.ts with the study's settings, the INK palette),
// so the layers open in QGIS looking as they do on Carte 1.
import type { Feature } from "geojson";
import { incomeClasses } from "../render/income-layer.js";
import { INK } from "../render/palettes.js";
import type { ClassifyOptions } from "../stats/classify.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** "#rrggbb" → QGIS "r,g,b,a". */
export function qgisColor(hex: string, alpha = 255): string {
  const n = parseInt(hex.replace("#", ""), 16);
  return `${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha}`;
}

function props(p: Record<string, string>): string {
  return Object.entries(p).map(([k, v]) => `<prop k="${k}" v="${esc(v)}"/>`).join("");
}

function fillSymbol(name: string, fill: string | null, stroke: string | null, widthMm: number, dash = false): string {
  return `<symbol type="fill" name="${name}" alpha="1" clip_to_extent="1"><layer class="SimpleFill" enabled="1" pass="0" locked="0">${props({
    color: fill ? qgisColor(fill) : "0,0,0,0",
    style: fill ? "solid" : "no",
    outline_color: stroke ? qgisColor(stroke) : "0,0,0,0",
    outline_style: stroke ? (dash ? "dash" : "solid") : "no",
    outline_width: String(widthMm),
    outline_width_unit: "MM",
  })}</layer></symbol>`;
}

function single(symbol: string): string {
  return `<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0" enableorderby="0"><symbols>${symbol}</symbols></renderer-v2>`;
}

function qml(renderer: string): string {
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version="3.28.0" styleCategories="Symbology">${renderer}<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode><layerOpacity>1</layerOpacity></qgis>\n`;
}

/** Income cells: graduated on mean_income with Carte 1's breaks and colours. */
function incomeQml(cells: Feature[], classing: ClassifyOptions): string {
  const c = incomeClasses(cells, classing);
  const edges = c.classification.edges;
  const ranges = edges.slice(0, -1).map((lo, i) => `<range lower="${lo}" upper="${edges[i + 1]}" symbol="${i}" label="${Math.round(lo)} – ${Math.round(edges[i + 1])} €" render="true"/>`).join("");
  const symbols = c.colors.map((col, i) => fillSymbol(String(i), col, null, 0)).join("");
  return qml(`<renderer-v2 type="graduatedSymbol" attr="mean_income" graduatedMethod="GraduatedColor" forceraster="0" symbollevels="0" enableorderby="0"><ranges>${ranges}</ranges><symbols>${symbols}</symbols></renderer-v2>`);
}

function cameraQml(): string {
  return qml(single(`<symbol type="marker" name="0" alpha="1" clip_to_extent="1"><layer class="SimpleMarker" enabled="1" pass="0" locked="0">${props({
    name: "circle", color: qgisColor(INK.camera), outline_color: qgisColor("#ffffff"), outline_width: "0.3", outline_width_unit: "MM", size: "1.2", size_unit: "MM",
  })}</layer></symbol>`));
}

/**
 * Layer name → QML. Zones: every declared zone is outlined; a tourist-kind zone dashed like the
 * ZTI, others bold like the ZSP (the study says which is which).
 */
export function carte1Styles(layers: Record<string, Feature[]>, classing: ClassifyOptions, decl: { levels: Array<{ layer: string }>; zones: Array<{ layer: string; kind: string }> }): Record<string, string> {
  const zones = decl.zones;
  const out: Record<string, string> = {};
  if (layers.income_cells?.length) out.income_cells = incomeQml(layers.income_cells, classing);
  for (const name of ["cameras", "cameras_joined"]) if (layers[name]) out[name] = cameraQml();
  for (const z of zones) {
    if (!layers[z.layer]) continue;
    out[z.layer] = qml(single(z.kind === "tourist" ? fillSymbol("0", null, INK.zti, 0.55, true) : fillSymbol("0", null, INK.zsp, 1.1)));
  }
  if (layers.city) out.city = qml(single(fillSymbol("0", INK.noResidents, INK.arrLimit, 0.6)));
  if (layers.river) out.river = qml(single(fillSymbol("0", INK.seine, null, 0)));
  if (layers.woods) out.woods = qml(single(fillSymbol("0", INK.bois, "#a6c99a", 0.2)));
  // District limits: the coarsest level as Carte 1 draws it, finer levels thinner.
  decl.levels.forEach((l, i) => {
    if (layers[l.layer]) out[l.layer] = qml(single(fillSymbol("0", null, INK.arrLimit, i === 0 ? 0.3 : 0.15)));
  });
  return out;
}
