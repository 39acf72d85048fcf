// One reader of plain decimals from bytes, shared by the byte-level readers (point CSVs, the BAN
// address file, stage GeoJSON lines), so all of them give the double Number() gives.

// 10^k for k ≤ 15: exact doubles, as are mantissas of up to 15 digits.
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of a plain decimal in b[from, to) — "-"? digits with at most one ".", at least one
 * digit ("-12.5", "3", ".5", "5.") — or NaN for any other text (a "+", an exponent, a space, a
 * comma). Up to 15 digits by Clinger's fast path (mantissa and 10^k exact, so one division is
 * correctly rounded: the same double Number() gives) without a string; more digits through Number.
 */
export function plainDecimal(b: Uint8Array, from: number, to: number): number {
  let i = from;
  const neg = b[i] === 45;
  if (neg) i++;
  let digits = 0, frac = -1, mant = 0;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0) return NaN;
  if (digits > 15) return Number(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString("latin1"));
  const v = frac > 0 ? mant / POW10[frac] : mant;
  return neg ? -v : v;
}
