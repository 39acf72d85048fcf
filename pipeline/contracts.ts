// Stage contracts as types: what one stage writes under out/ and the next one reads.

/** out/layers/ridership_match.json: how the ridership rows were placed on stations. */
export interface RidershipMatchReport {
  file: string;
  /** The study's `options.year` (null when not set: the latest file is used). */
  year_requested: number | null;
  /** The year of the file used (null if its name says none). */
  year: number | null;
  years_available: number[];
  /** Set when the year used is not the one requested (nearest year). */
  year_note: string | null;
  rows: number;
  rows_matched: number;
  entries: number;
  entries_placed: number;
  entries_placed_share: number;
  by_method: { name: number; "name+lines": number; alias: number };
  /** Rows, matched rows, entries and entries placed per town named in the file. */
  by_town: Record<string, { rows: number; matched: number; entries: number; placed: number }>;
  homonyms: Array<{ line: number; station: string; network: string; lines: string[]; chosen: string; set_aside: string[] }>;
  aliases: Array<{ line: number; station: string; network: string; chosen: string; why: string }>;
  unmatched: Array<{ line: number; station: string; network: string; entries: number; town: string; reason: string; candidates: string[] }>;
}
