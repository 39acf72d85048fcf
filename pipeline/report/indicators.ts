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

/** The columns every level's table has (stats/district-table.ts BASE_COLUMNS but code and name). */
export const BASE_INDICATORS: Indicator[] = [
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
];

/** The base columns, then each declared zone's `<zone>_area_share`, then its `cameras_in_<zone>` (the stats contract's order). */
export function indicatorsFor(zones: Array<{ layer: string; short: string }>): Indicator[] {
  return [
    ...BASE_INDICATORS,
    ...zones.map((z): Indicator => ({ key: `${z.layer}_area_share`, label: `Surface en ${z.short}`, kind: "share", digits: 1 })),
    ...zones.map((z): Indicator => ({ key: `cameras_in_${z.layer}`, label: `Caméras en ${z.short}`, kind: "int", digits: 0 })),
  ];
}
