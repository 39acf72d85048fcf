// Commissioning dates of the 2019 list: `dd/mm/yy` (all 20xx), or a word saying it is unknown.
export type DateParse = { iso: string } | { iso: null; reason: "unknown" | "not_available" | "imprecise" | "empty" | "unreadable" };

export function parseCommissioningDate(raw: string): DateParse {
  const s = raw.trim();
  if (s === "") return { iso: null, reason: "empty" };
  if (/^inconnue$/i.test(s)) return { iso: null, reason: "unknown" };
  if (/^#N\/A$/i.test(s)) return { iso: null, reason: "not_available" };
  // "Début 2019": a year without a day; an ISO date would invent the day, so it stays null.
  if (/^d[ée]but\s+\d{4}$/i.test(s)) return { iso: null, reason: "imprecise" };
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s);
  if (!m) return { iso: null, reason: "unreadable" };
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return { iso: null, reason: "unreadable" };
  return { iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}
