// One class rule per indicator, shared by the render stage's maps and the report's district maps,
// so that a reader who compares them sees the same classes. Quantiles use R's type 7
// (pipeline/stats/quantile.ts, via classify.ts); classes are left-closed [a ; b[, the last closed.
import type { ClassifyOptions } from "./classify.js";

export const CLASS_RULES: Record<string, ClassifyOptions> = {
  cameras_per_km2: { method: "quantiles", k: 5 },
  cameras_per_10k_residents: { method: "quantiles", k: 5 },
};

/** ColorBrewer OrRd, 5 classes: the colours of camera densities on every map and in the report. */
export const DENSITY_COLOURS_5 = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
