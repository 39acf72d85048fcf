// Matching an operator's ridership rows (station name, network, lines; no coordinates) to the
// stop areas of a station gazetteer. Pure: no I/O. Names are compared after folding case,
// accents, punctuation and a trailing "-RER" (RATP writes the RER half of a shared station as
// "GARE DU NORD-RER"); names that still differ go through a documented alias table; a name
// shared by several stop areas (Saint-Fargeau: metro 3bis in Paris, RER D far south) is
// resolved by the row's network and lines.

/** One stop area of the gazetteer (IDFM: one `id_ref_zdc`), with every name it is known by. */
export interface StopArea {
  /** The gazetteer's stop-area id (IDFM id_ref_zdc). */
  id: string;
  name: string;
  names: string[];
  /** Upper-case modes ("METRO", "RER", "TRAMWAY"…). */
  modes: string[];
  /** Upper-case line labels ("5", "3BIS", "A", "FUNICULAIRE MONTMARTRE"…). */
  lines: string[];
  /** Planar position (mean of the stop area's points), for the caller. */
  xy: [number, number];
}

export interface RidershipRow {
  /** 1-based line in the source file. */
  line: number;
  station: string;
  network: string;
  entries: number;
  lines: string[];
  town: string;
}

export interface Alias {
  ratpName: string;
  network: string;
  stationId: string;
  why: string;
}

export type MatchMethod = "name" | "name+lines" | "alias";

export interface RowMatch {
  row: RidershipRow;
  area: StopArea;
  method: MatchMethod;
  /** Other stop areas with the same name, set aside by network and lines. */
  setAside: string[];
}

export interface RowMiss {
  row: RidershipRow;
  reason: string;
  candidates: string[];
}

/** Case, accents, punctuation, "ST"/"STE" abbreviations and a trailing "-RER" folded away. */
export function normaliseStationName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[\s-]+RER$/, "")
    .replace(/[^A-Z0-9]+/g, " ")
    .replace(/\bSTE\b/g, "SAINTE")
    .replace(/\bST\b/g, "SAINT")
    .trim();
}

/** The network word of a row ("Métro" → "METRO"), comparable with the gazetteer's modes. */
export function networkMode(network: string): string {
  const n = normaliseStationName(network);
  return n === "METRO" ? "METRO" : n.startsWith("RER") ? "RER" : n.startsWith("TRAM") ? "TRAMWAY" : n;
}

export class Gazetteer {
  private byName = new Map<string, StopArea[]>();
  readonly byId = new Map<string, StopArea>();

  constructor(readonly areas: StopArea[]) {
    for (const a of areas) {
      this.byId.set(a.id, a);
      for (const n of new Set(a.names.map(normaliseStationName))) {
        const list = this.byName.get(n) ?? [];
        list.push(a);
        this.byName.set(n, list);
      }
    }
  }

  candidates(name: string): StopArea[] {
    return this.byName.get(normaliseStationName(name)) ?? [];
  }
}

/** How well a stop area fits a row: its network served, then how many of the row's lines. */
function fit(row: RidershipRow, a: StopArea): [number, number] {
  const mode = networkMode(row.network);
  const lines = new Set(a.lines.map((l) => l.toUpperCase()));
  return [a.modes.includes(mode) ? 1 : 0, row.lines.filter((l) => lines.has(l.toUpperCase())).length];
}

export function matchRow(row: RidershipRow, gaz: Gazetteer, aliases: Map<string, Alias>): RowMatch | RowMiss {
  const alias = aliases.get(aliasKey(row.station, row.network));
  if (alias) {
    const area = gaz.byId.get(alias.stationId);
    if (area) return { row, area, method: "alias", setAside: [] };
    return { row, reason: `alias to stop area ${alias.stationId}, which the gazetteer does not have`, candidates: [] };
  }
  const cands = gaz.candidates(row.station);
  if (cands.length === 0) return { row, reason: "no station of that name", candidates: [] };
  if (cands.length === 1) return { row, area: cands[0], method: "name", setAside: [] };
  const scored = cands.map((a) => ({ a, s: fit(row, a) })).sort((p, q) => q.s[0] - p.s[0] || q.s[1] - p.s[1] || (p.a.id < q.a.id ? -1 : 1));
  const [best, second] = scored;
  if (best.s[0] === second.s[0] && best.s[1] === second.s[1]) {
    return { row, reason: "homonyms that network and lines do not tell apart", candidates: scored.map((x) => `${x.a.id} ${x.a.name}`) };
  }
  return { row, area: best.a, method: "name+lines", setAside: scored.slice(1).map((x) => `${x.a.id} ${x.a.name}`) };
}

export const aliasKey = (name: string, network: string) => `${normaliseStationName(name)}|${networkMode(network)}`;

export function isMatch(m: RowMatch | RowMiss): m is RowMatch {
  return (m as RowMatch).area !== undefined;
}
