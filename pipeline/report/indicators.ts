// The per-district columns of out/stats/*.csv (DESIGN.md contract), with how the report names and
// formats each. One list drives the tables, the tooltips and the comparison view.

export type Kind = "int" | "dec" | "share";

export interface Indicator {
  key: string;
  label: string;
  kind: Kind;
  digits: number;
  /** Shown in district tooltips. */
  key_figure?: boolean;
}

export const INDICATORS: Indicator[] = [
  { key: "cameras", label: "Caméras", kind: "int", digits: 0, key_figure: true },
  { key: "area_km2", label: "Surface (km²)", kind: "dec", digits: 2 },
  { key: "population", label: "Habitants", kind: "int", digits: 0, key_figure: true },
  { key: "households", label: "Ménages", kind: "int", digits: 0 },
  { key: "mean_income", label: "Niveau de vie moyen (€/an)", kind: "int", digits: 0, key_figure: true },
  // Assumed a share (0–1) like the other *_share columns; see the report section of README.md.
  { key: "poverty_rate", label: "Taux de pauvreté", kind: "share", digits: 1 },
  { key: "cameras_per_km2", label: "Caméras par km²", kind: "dec", digits: 1, key_figure: true },
  { key: "cameras_per_10k_residents", label: "Caméras pour 10 000 hab.", kind: "dec", digits: 2, key_figure: true },
  { key: "camera_share", label: "Part des caméras", kind: "share", digits: 1 },
  { key: "area_share", label: "Part de la surface", kind: "share", digits: 1 },
  { key: "population_share", label: "Part des habitants", kind: "share", digits: 1 },
  { key: "lq_area", label: "Quotient de localisation (surface)", kind: "dec", digits: 2, key_figure: true },
  { key: "lq_population", label: "Quotient de localisation (habitants)", kind: "dec", digits: 2 },
  { key: "zti_area_share", label: "Surface en ZTI", kind: "share", digits: 1 },
  { key: "zsp_area_share", label: "Surface en ZSP", kind: "share", digits: 1 },
  { key: "cameras_in_zti", label: "Caméras en ZTI", kind: "int", digits: 0 },
  { key: "cameras_in_zsp", label: "Caméras en ZSP", kind: "int", digits: 0 },
];

export const LEVELS = [
  { level: "arrondissements", singular: "arrondissement", title: "Arrondissements" },
  { level: "quartiers", singular: "quartier", title: "Quartiers administratifs" },
  { level: "iris", singular: "iris", title: "IRIS" },
] as const;
export type Level = (typeof LEVELS)[number]["level"];
