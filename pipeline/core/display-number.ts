// Numbers of the district tables as a person reads them in a terminal or a Markdown page:
// rounded to what means something for the indicator, thousands grouped ("2,101,351"), shares and
// rates as percentages. Only for the table and md formats of `compare`; csv and json keep the
// full precision. The indicator decides by its name, so zone columns added by a study
// (share_in_<zone>, cameras_in_<zone>, <zone>_area_share) are covered without a list.

/** "1234567.891" with `digits` decimals → "1,234,567.89". Hand-written: no dependence on ICU data. */
export function grouped(v: number, digits: number): string {
  const fixed = Math.abs(v).toFixed(digits);
  const [whole, frac] = fixed.split(".");
  const g = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = v < 0 && /[1-9]/.test(fixed);
  return (negative ? "-" : "") + g + (frac ? "." + frac : "");
}

export function displayKind(indicator: string): { percent: boolean; digits: number } {
  const k = indicator.toLowerCase();
  if (/(_share|_rate)$|^share_in_|_share_/.test(k)) return { percent: true, digits: 1 };
  if (/^lq_/.test(k)) return { percent: false, digits: 2 };
  if (/_per_/.test(k)) return { percent: false, digits: 1 };
  if (/_km2$|_km$/.test(k)) return { percent: false, digits: 2 };
  // Counts and sums: cameras, cameras_in_<zone>, residents, households (fractional in Filosofi's
  // imputed cells, but a tenth of a household means nothing to a reader), incomes in euros.
  if (/^cameras|population|households|income|^n_|_count$|^(kept|new|gone)$/.test(k)) return { percent: false, digits: 0 };
  return { percent: false, digits: 2 };
}

/** The display text of one value; "–" when there is none. */
export function displayNumber(indicator: string, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "–";
  const { percent, digits } = displayKind(indicator);
  if (!percent) return grouped(v, digits);
  // Below 1 % one decimal would show most small shares as 0.0 %: give them two.
  const p = 100 * v;
  return `${grouped(p, Math.abs(p) < 1 && p !== 0 ? 2 : digits)} %`;
}
