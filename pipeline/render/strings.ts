// Every word the maps print, in French and English, from one table: a map is set in the study's
// language (study.lang, or `--lang`). Names of things the study declares (levels, zones) come
// from the study file's labels, never from here.
export type Lang = "fr" | "en";

export interface Strings {
  lang: Lang;
  income: { heading(year: string): string; unit: string; note(n: string): string; imputed(n: string): string; noData(n: string): string; noResidents: string };
  methods: Record<string, string>;
  classesNote(method: string, gvf: string | null): string;
  cameras: { heading: string; heading2: string; heading3: string; one(n: string): string; stacked: string; drawn(n: string): string };
  /** Cameras drawn as density above the threshold (camera-density.ts). */
  cameraDensity: { cameras: string; layer(cell: string): string; cell(n: string): string; note(what: string, n: string, threshold: string, cell: string, occupied: string): string; squares: string; perCell(lo: string, hi: string | null, plural: boolean): string };
  context: { river: string; woods: string; limit(level: string): string; city: string; missing: string };
  zone: { approximated: string };
  density: { title(level: string, year: string): string; heading(level: string): string; unit: string; note(level: string): string };
  symbols: { title(level: string, year: string): string; subtitle: string; heading(level: string): string; note(total: string): string; n(v: string): string };
  lorenz: { title(year: string): string; subtitle: string; area(level: string): string; residents(level: string): string; anyLevel: string; areaCells: string; residentsCells: string; equality: string; lorenzHeading: string; concHeading: string; concLabel: string; xLorenz: string; xConc: string; y: string; note(index: string | null): string; noIncome: string };
  years: { title: string; subtitle: string; panel(year: string, n: string): string; study: string };
  atlas: { subtitle: string; heading: string; missing: string };
  inset(names: string): string;
  /** Subtitle part of a map zoomed to the analysis area. */
  areaShown(names: string): string;
  km: string;
  north: string;
  credit: { data: string; map: string; userCameras: string };
  notComputed: string;
  dec: (n: number, d?: number) => string;
}

const FR: Omit<Strings, "dec"> = {
  lang: "fr",
  income: {
    heading: (y) => `Niveau de vie moyen des résidents${y ? `, ${y}` : ""}`,
    unit: "€",
    note: (n) => `€ par personne et par an, carreaux de 200 m (n = ${n}).`,
    imputed: (n) => `valeur imputée (secret statistique, ${n} carreaux)`,
    noData: (n) => `donnée absente (${n} carreaux)`,
    noResidents: "pas de résident",
  },
  methods: { quantiles: "quantiles", equal: "amplitudes égales", fisher: "Fisher–Jenks", q6: "Q6", stddev: "écarts-types", user: "seuils choisis" },
  classesNote: (m, gvf) => `Classes [a\u00a0;\u00a0b[ : ${m}${gvf ? `, GVF ${gvf}` : ""}.`,
  cameras: { heading: "Vidéosurveillance", heading2: "Zonages", heading3: "Repères", one: (n) => `caméra (${n})`, stacked: "caméras au même point", drawn: (n) => `${n} caméras dessinées` },
  cameraDensity: {
    cameras: "Caméras",
    layer: (c) => `Caméras : densité par carreau de ${c} m`,
    cell: (n) => `${n} caméras`,
    note: (what, n, t, c, o) => `${what} : ${n}, au-delà de ${t} dessinées en densité (nombre de caméras par carreau INSPIRE de ${c} m, classes par quintiles des ${o} carreaux occupés).`,
    squares: "Sur les revenus, un carré au centre de chaque carreau, d’autant plus grand que les caméras y sont nombreuses.",
    perCell: (lo, hi, plural) => (hi === null ? `${lo} caméra${plural ? "s" : ""} par carreau` : `${lo} à ${hi} caméras par carreau`),
  },
  context: { river: "cours d’eau", woods: "bois", limit: (l) => `limite ${/^[aeéèêiîoôuhy]/i.test(l) ? "d’" : "de "}${l}`, city: "limite de la ville", missing: "sans donnée" },
  zone: { approximated: "périmètre approché" },
  density: {
    title: (l, y) => `Caméras par km², par ${l}${y ? `, ${y}` : ""}`,
    heading: (l) => `Caméras par km², par ${l}`,
    unit: "par km²",
    note: (l) => `Caméras du ${l} rapportées à sa surface.`,
  },
  symbols: {
    title: (l, y) => `Caméras par ${l} et niveau de vie des résidents${y ? `, ${y}` : ""}`,
    subtitle: "Cercles proportionnels au nombre de caméras",
    heading: (l) => `Caméras par ${l}`,
    note: (t) => `Surface des cercles proportionnelle au nombre de caméras (${t} au total).`,
    n: (v) => `${v} caméras`,
  },
  lorenz: {
    title: (y) => `Concentration des caméras${y ? `, ${y}` : ""}`,
    subtitle: "Courbes de Lorenz et courbe de concentration selon le revenu",
    area: (level) => `surface (${level})`, residents: (level) => `résidents (${level})`, anyLevel: "territoires", areaCells: "surface (carreaux 200 m)", residentsCells: "résidents (carreaux 200 m)",
    equality: "répartition égale",
    lorenzHeading: "Lorenz : caméras selon…",
    concHeading: "Concentration selon le revenu",
    concLabel: "caméras selon le rang de revenu des résidents",
    xLorenz: "part cumulée de la surface ou des résidents",
    xConc: "part cumulée des résidents, du plus pauvre au plus riche",
    y: "part cumulée des caméras",
    note: (i) => `Carreaux habités classés par niveau de vie, pondérés par leurs résidents.${i ? ` Indice de concentration ${i} (négatif : caméras chez les plus pauvres).` : ""}`,
    noIncome: "Non calculé : l'étude n'a pas de couche de revenus (income_cells).",
  },
  years: { title: "Deux couches de caméras sur le même fond", subtitle: "Couche ancienne et couche étudiée", panel: (y, n) => `${y} : ${n} caméras`, study: "Couche étudiée" },
  atlas: { subtitle: "Caméras, niveau de vie des résidents et zonages", heading: "Indicateurs", missing: "indicateurs non calculés (étape stats non exécutée)" },
  inset: (names) => `Centre : ${names}`,
  areaShown: (names) => `zone d’analyse : ${names}`,
  km: "km",
  north: "N",
  credit: { data: "Données", map: "Carte : contrechamp", userCameras: "couche de caméras fournie par l’utilisateur, source non déclarée" },
  notComputed: "non calculé",
};

const EN: Omit<Strings, "dec"> = {
  lang: "en",
  income: {
    heading: (y) => `Mean standard of living of residents${y ? `, ${y}` : ""}`,
    unit: "€",
    note: (n) => `€ per person per year, 200 m cells (n = ${n}).`,
    imputed: (n) => `imputed value (statistical secrecy, ${n} cells)`,
    noData: (n) => `no data (${n} cells)`,
    noResidents: "no residents",
  },
  methods: { quantiles: "quantiles", equal: "equal intervals", fisher: "Fisher–Jenks", q6: "Q6", stddev: "standard deviations", user: "chosen breaks" },
  classesNote: (m, gvf) => `Classes [a, b): ${m}${gvf ? `, GVF ${gvf}` : ""}.`,
  cameras: { heading: "Video surveillance", heading2: "Zones", heading3: "Reference", one: (n) => `camera (${n})`, stacked: "cameras at one point", drawn: (n) => `${n} cameras drawn` },
  cameraDensity: {
    cameras: "Cameras",
    layer: (c) => `Cameras: density per ${c} m cell`,
    cell: (n) => `${n} cameras`,
    note: (what, n, t, c, o) => `${what}: ${n}, above ${t} drawn as density (cameras per ${c} m INSPIRE grid cell, classes by quintiles of the ${o} occupied cells).`,
    squares: "Over the income, a square at the centre of each cell, larger where cameras are more numerous.",
    perCell: (lo, hi, plural) => (hi === null ? `${lo} camera${plural ? "s" : ""} per cell` : `${lo}–${hi} cameras per cell`),
  },
  context: { river: "river", woods: "woods", limit: (l) => `${l} boundary`, city: "city boundary", missing: "no data" },
  zone: { approximated: "approximate perimeter" },
  density: {
    title: (l, y) => `Cameras per km², by ${l}${y ? `, ${y}` : ""}`,
    heading: (l) => `Cameras per km², by ${l}`,
    unit: "per km²",
    note: (l) => `Cameras in the ${l} divided by its area.`,
  },
  symbols: {
    title: (l, y) => `Cameras by ${l} and residents’ standard of living${y ? `, ${y}` : ""}`,
    subtitle: "Circles proportional to the number of cameras",
    heading: (l) => `Cameras by ${l}`,
    note: (t) => `Circle area proportional to the number of cameras (${t} in all).`,
    n: (v) => `${v} cameras`,
  },
  lorenz: {
    title: (y) => `Concentration of cameras${y ? `, ${y}` : ""}`,
    subtitle: "Lorenz curves and concentration curve over income",
    area: (level) => `area (${level})`, residents: (level) => `residents (${level})`, anyLevel: "districts", areaCells: "area (200 m cells)", residentsCells: "residents (200 m cells)",
    equality: "equal distribution",
    lorenzHeading: "Lorenz: cameras against…",
    concHeading: "Concentration over income",
    concLabel: "cameras by residents’ income rank",
    xLorenz: "cumulative share of area or residents",
    xConc: "cumulative share of residents, poorest to richest",
    y: "cumulative share of cameras",
    note: (i) => `Inhabited cells ranked by standard of living, weighted by residents.${i ? ` Concentration index ${i} (negative: cameras among the poorest).` : ""}`,
    noIncome: "Not computed: the study has no income layer (income_cells).",
  },
  years: { title: "Two camera layers on the same base", subtitle: "Older layer and studied layer", panel: (y, n) => `${y}: ${n} cameras`, study: "Studied layer" },
  atlas: { subtitle: "Cameras, residents’ standard of living and zones", heading: "Indicators", missing: "indicators not computed (stats stage not run)" },
  inset: (names) => `Centre: ${names}`,
  areaShown: (names) => `analysis area: ${names}`,
  km: "km",
  north: "N",
  credit: { data: "Data", map: "Map: contrechamp", userCameras: "camera layer supplied by the user, source not declared" },
  notComputed: "not computed",
};

/** English numbers: thin-space thousands would look French; a comma and a point are the norm. */
function decEn(n: number, d = 0): string {
  if (!Number.isFinite(n)) return "–";
  return n.toLocaleString("en-GB", { minimumFractionDigits: d, maximumFractionDigits: d });
}

import { formatFr } from "../core/format-fr.js";

export function strings(lang: Lang | undefined): Strings {
  return lang === "en" ? { ...EN, dec: decEn } : { ...FR, dec: (n, d = 0) => formatFr(n, d) };
}

/** "fr"/"en" from `--lang` (flags arrive as strings or booleans; anything else is refused upstream). */
export function langOf(flag: unknown, studyLang: Lang | undefined): Lang {
  return flag === "en" || flag === "fr" ? flag : studyLang === "en" ? "en" : "fr";
}
