// Fixed number formatting for CSV outputs: same value → same bytes, whatever the platform.
export function fixed(v: number | null | undefined, decimals: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "";
  const s = v.toFixed(decimals);
  return s.charCodeAt(0) === 45 && /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(header: string[], rows: string[][]): string {
  return csvTextOf(header, rows.length, (i) => rows[i]);
}

/** csvText of `n` rows made one at a time by `rowAt` (a table of a million rows holds no array of arrays). */
export function csvTextOf(header: string[], n: number, rowAt: (i: number) => string[]): string {
  const lines = new Array<string>(n + 1);
  lines[0] = header.map(csvCell).join(",");
  for (let i = 0; i < n; i++) lines[i + 1] = rowAt(i).map(csvCell).join(",");
  return lines.join("\n") + "\n";
}
