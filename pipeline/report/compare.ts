// The side-by-side comparison of `contrechamp compare`, as one self-contained pure function: the
// page's script embeds it with Function.prototype.toString, so it must not reference anything
// outside its own body (no imports, no helpers). Ranks are among every district of the level,
// 1 = highest value, ties share the best rank; a district with no value has no rank.

export interface CompareRow {
  code: string;
  name: string;
  values: Record<string, number | null>;
}

export interface CompareResult {
  districts: Array<{ code: string; name: string }>;
  /** Inputs that matched no district (by code, or by name ignoring case and accents). */
  unknown: string[];
  lines: Array<{
    key: string;
    city: number | null;
    cells: Array<{ value: number | null; rank: number | null; of: number }>;
  }>;
}

export function compareDistricts(
  rows: CompareRow[],
  wanted: string[],
  keys: string[],
  city: Record<string, number | null>,
): CompareResult {
  const norm = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const picked: CompareRow[] = [];
  const unknown: string[] = [];
  for (const w of wanted) {
    const n = norm(w);
    const row = rows.find((r) => r.code === w.trim()) ?? rows.find((r) => norm(r.name) === n);
    if (!row) unknown.push(w);
    else if (!picked.includes(row)) picked.push(row);
  }
  const lines = keys.map((key) => {
    const all: number[] = [];
    for (const r of rows) {
      const v = r.values[key];
      if (v !== null && v !== undefined && Number.isFinite(v)) all.push(v);
    }
    const cells = picked.map((r) => {
      const v = r.values[key];
      if (v === null || v === undefined || !Number.isFinite(v)) return { value: null, rank: null, of: all.length };
      let above = 0;
      for (const x of all) if (x > v) above++;
      return { value: v, rank: above + 1, of: all.length };
    });
    const c = city[key];
    return { key, city: c === undefined ? null : c, cells };
  });
  return { districts: picked.map((r) => ({ code: r.code, name: r.name })), unknown, lines };
}
