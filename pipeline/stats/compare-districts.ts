// The side-by-side comparison behind both `contrechamp compare` and the report page's comparison
// view: find districts by code, name or arrondissement number (exact matches at any level before
// unique prefixes; close names suggested for what matches nothing), rank each indicator among the
// districts of its level (1 = highest, ties share the best rank, no value = no rank), and the city
// value recomputed from the level's districts (they tile the city): totals for counts, ratios of
// totals for rates, means weighted by residents, households or area.
// ONE self-contained function on purpose: the page embeds it with Function.prototype.toString, so
// it must not reference anything outside its own body (no imports, no module-level helpers).

export interface CompareRow {
  code: string;
  name: string;
  /** Indicator values, null where the stats stage wrote an empty cell. */
  values: Record<string, number | null>;
}

export interface CompareTable<R extends CompareRow = CompareRow> {
  /** "arrondissement" (or "arrondissements") enables look-up by number: 18e, 18ème, 18. */
  level: string;
  rows: R[];
}

export interface Compared<R extends CompareRow = CompareRow> {
  picked: Array<{ level: string; row: R; ranks: Record<string, number | null>; of: number }>;
  /** Queries that matched no district at any level given. */
  unknown: string[];
  /** For each unknown query, the names closest to it (closest first, at most 5; may be empty). */
  suggestions: Record<string, string[]>;
  /** City values from the level of the first district picked; {} when none was found. */
  city: Record<string, number | null>;
}

export function compareDistricts<R extends CompareRow>(tables: Array<CompareTable<R>>, queries: string[], keys: string[]): Compared<R> {
  const norm = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
  // Exact matches (code, arrondissement number, whole name) at every level come before any
  // prefix: "Batignolles" is the quartier, not the arrondissement Batignolles-Monceau.
  const exact = (query: string, t: CompareTable<R>): R | undefined => {
    const q = query.trim();
    const byCode = t.rows.find((r) => r.code === q);
    if (byCode) return byCode;
    if (t.level.startsWith("arrondissement")) {
      const m = /^(\d{1,2})\s*(e|er|eme|ème|è|re)?(\s*arr.*)?$/i.exec(q);
      if (m && Number(m[1]) >= 1 && Number(m[1]) <= 20) return t.rows.find((r) => r.code === `751${m[1].padStart(2, "0")}`);
    }
    const n = norm(q);
    return n ? t.rows.find((r) => norm(r.name) === n) : undefined;
  };
  // A unique prefix of at least 4 letters ("Goutte" for Goutte-d'Or) is as clear as the name.
  const prefix = (query: string, t: CompareTable<R>): R | undefined => {
    const n = norm(query);
    if (n.length < 4) return undefined;
    const hits = t.rows.filter((r) => norm(r.name).startsWith(n));
    return hits.length === 1 ? hits[0] : undefined;
  };
  const find = (q: string): { t: CompareTable<R>; row: R } | undefined => {
    for (const how of [exact, prefix]) {
      for (const t of tables) {
        const row = how(q, t);
        if (row) return { t, row };
      }
    }
    return undefined;
  };
  // "Did you mean": names within a few edits of the query (Levenshtein on folded names), or that
  // the query is an ambiguous prefix of; the closest first, at most 5.
  const edits = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  };
  const suggest = (q: string): string[] => {
    const n = norm(q);
    if (!n) return [];
    const scored: Array<[number, number, string]> = [];
    // Numbered siblings (IRIS "Faubourg Montmartre 1", "… 2") are suggested once.
    const seen = new Set<string>();
    tables.forEach((t, level) => {
      for (const r of t.rows) {
        const m = norm(r.name);
        const family = m.replace(/[0-9]+$/, "");
        if (seen.has(family)) continue;
        // A prefix ("Saint") or a part of the name ("Montmartre" in Buttes-Montmartre) is closer than a typo.
        const d = m.startsWith(n) && n.length >= 3 ? 0.5 : m.includes(n) && n.length >= 4 ? 1 : edits(n, m);
        if (d <= Math.max(2, Math.floor(n.length / 3))) {
          seen.add(family);
          scored.push([d, level, r.name]);
        }
      }
    });
    // Closest first; at equal distance, coarser levels first (the order of the tables).
    return scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2])).slice(0, 5).map((x) => x[2]);
  };
  const ok = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const cityOf = (rows: R[]): Record<string, number | null> => {
    const sum = (k: string): number | null => {
      let s = 0;
      for (const r of rows) {
        if (!ok(r.values[k])) return null;
        s += r.values[k] as number;
      }
      return rows.length ? s : null;
    };
    // A district without a value but with weight would bias the mean: then there is no city value.
    // Without weight (no residents, hence no income) it is simply absent from the mean.
    const weighted = (k: string, w: string): number | null => {
      let num = 0;
      let den = 0;
      for (const r of rows) {
        const v = r.values[k];
        const wt = r.values[w];
        if (!ok(wt)) return null;
        if (!ok(v)) {
          if (wt > 0) return null;
          continue;
        }
        num += v * wt;
        den += wt;
      }
      return den > 0 ? num / den : null;
    };
    const ratio = (a: number | null, b: number | null, f = 1) => (a === null || b === null || b === 0 ? null : (f * a) / b);
    const cameras = sum("cameras");
    const area = sum("area_km2");
    const population = sum("population");
    const one = (...need: Array<number | null>) => (need.some((v) => v === null) ? null : 1);
    return {
      cameras,
      area_km2: area,
      population,
      households: sum("households"),
      // mean_income is Σ Ind_snv / Σ Ind per district, so the residents-weighted mean is exact.
      mean_income: weighted("mean_income", "population"),
      // A share of households (Filosofi counts poor households), hence the household weights.
      poverty_rate: weighted("poverty_rate", "households"),
      cameras_per_km2: ratio(cameras, area),
      cameras_per_10k_residents: ratio(cameras, population, 10_000),
      camera_share: one(cameras),
      area_share: one(area),
      population_share: one(population),
      lq_area: one(cameras, area),
      lq_population: one(cameras, population),
      zti_area_share: weighted("zti_area_share", "area_km2"),
      zsp_area_share: weighted("zsp_area_share", "area_km2"),
      cameras_in_zti: sum("cameras_in_zti"),
      cameras_in_zsp: sum("cameras_in_zsp"),
      // Change since the earlier camera layer (out/stats/change_<level>.csv), when joined in.
      cameras_2012: sum("cameras_2012"),
      cameras_2019: sum("cameras_2019"),
      kept: sum("kept"),
      new: sum("new"),
      gone: sum("gone"),
    };
  };
  const picked: Compared<R>["picked"] = [];
  const unknown: string[] = [];
  const suggestions: Record<string, string[]> = {};
  for (const q of queries) {
    const hit = find(q);
    if (!hit) {
      unknown.push(q);
      suggestions[q] = suggest(q);
      continue;
    }
    const { t, row } = hit;
    const ranks: Record<string, number | null> = {};
    for (const k of keys) {
      const v = row.values[k];
      if (!ok(v)) ranks[k] = null;
      else {
        let above = 0;
        for (const r of t.rows) if (ok(r.values[k]) && (r.values[k] as number) > v) above++;
        ranks[k] = above + 1;
      }
    }
    picked.push({ level: t.level, row, ranks, of: t.rows.length });
  }
  const first = picked.length ? tables.find((t) => t.level === picked[0].level) : undefined;
  const all = first ? cityOf(first.rows) : {};
  const city: Record<string, number | null> = {};
  if (first) for (const k of keys) city[k] = all[k] === undefined ? null : all[k];
  return { picked, unknown, suggestions, city };
}
