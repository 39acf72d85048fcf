// One row of the Préfecture's 2019 list (annexe1.csv) to what the matchers need: the streets
// named, the postal address if there is one, and the free-text segments of a described point.
export const PRECISIONS = ["croisement", "point décrit", "adresse imprécise", "adresse précise"] as const;

export interface Site {
  numero: string;
  postalCode: string;
  /** INSEE code of the arrondissement: 75001 → 75101. */
  arrondissement: string;
  implantation: string;
  precision: string;
  dateRaw: string;
  /** Street names of the crossing columns, or of the implantation split on its separators. */
  streets: string[];
  address?: PostalAddress;
  /** Implantation split on its separators, for place names ("Pont d'Iéna amont", "Seine"). */
  segments: string[];
  /** Row notes, e.g. a shifted row repaired. */
  notes: string[];
}

export interface PostalAddress {
  number: number;
  suffix: string;
  /** Last number of a range ("15-17"). */
  to?: number;
  street: string;
}

const SEPARATORS = /\s*(?:—|–|,|\/|\(|\)|«|»|\s-\s)\s*/;

export function splitSegments(text: string): string[] {
  return text.split(SEPARATORS).map((s) => s.trim()).filter((s) => s !== "" && !/^\d+(\s*(bis|ter))?(\s*-\s*\d+)?$/i.test(s));
}

/** "15-17, avenue Simon Bolivar", "Vis-à-vis du 61, rue Saint-Blaise", "11 bis, rue Scribe". */
export function parseAddress(text: string): PostalAddress | undefined {
  const m = /(?:^|[^\d\w])(\d{1,3})\s*(bis|ter|quater)?(?:\s*-\s*(\d{1,3}))?\s*,\s*([^,—(]+)/i.exec(text);
  if (!m) return undefined;
  const street = m[4].trim();
  if (!/[a-zA-Z]{3}/.test(street)) return undefined;
  return { number: Number(m[1]), suffix: (m[2] ?? "").toLowerCase(), to: m[3] ? Number(m[3]) : undefined, street };
}

/** `cells` in the order of the file's header: code, numéro, implantation, rue 1..3, précision, date. */
export function parseSite(cells: string[]): Site {
  const [cp, numero, implantation, r1, r2, r3] = cells.map((c) => (c ?? "").trim());
  let precision = (cells[6] ?? "").trim();
  const dateRaw = (cells[7] ?? "").trim();
  const notes: string[] = [];
  const cols = [r1, r2, r3];
  // One row has four crossing streets: the fourth shifted into the précision column.
  if (!(PRECISIONS as readonly string[]).includes(precision)) {
    notes.push(`précision column holds "${precision}": read as a fourth crossing street`);
    cols.push(precision);
    precision = "croisement";
  }
  let streets = cols.flatMap((c) => splitSegments(c));
  const segments = splitSegments(implantation);
  if (streets.length === 0) streets = segments.filter((s) => !/^\d/.test(s));
  return {
    numero,
    postalCode: cp,
    arrondissement: `751${cp.slice(-2)}`,
    implantation,
    precision,
    dateRaw,
    streets,
    address: parseAddress(implantation),
    segments,
    notes,
  };
}
