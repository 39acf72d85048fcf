// Numbers in French typography: narrow no-break space (U+202F) between thousands, decimal comma,
// true minus sign (U+2212), "—" for a value that does not exist. Written by hand rather than with
// Intl so the bytes do not depend on the ICU data of the Node.js build, and self-contained (no
// reference to anything outside each function) because the page's script embeds these very
// functions with Function.prototype.toString: the table and the comparison view cannot disagree.

/** `digits` decimals, fixed; null, undefined and NaN give "—". */
export function formatFr(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const fixed = Math.abs(value).toFixed(digits);
  const dot = fixed.indexOf(".");
  const whole = dot < 0 ? fixed : fixed.slice(0, dot);
  const frac = dot < 0 ? "" : fixed.slice(dot + 1);
  let grouped = "";
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += "\u202f";
    grouped += whole[i];
  }
  // -0,0 reads as a negative number that rounds to nothing: show it as 0.
  const negative = value < 0 && /[1-9]/.test(fixed);
  return (negative ? "\u2212" : "") + grouped + (frac ? "," + frac : "");
}

/** A share (0.123) as a percentage ("12,3 %"), with the no-break space French puts before %. */
export function formatPercentFr(share: number | null | undefined, digits: number): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  const fixed = Math.abs(share * 100).toFixed(digits);
  const negative = share < 0 && /[1-9]/.test(fixed);
  return (negative ? "\u2212" : "") + fixed.replace(".", ",") + "\u202f%";
}
