// Streets whose name in the 2019 list differs from the name in the reference files for a reason
// no spelling rule can see: a renaming, or the list's own name for a way. Keys are normalised
// (normaliseStreetName). Each entry says why; nothing here is a coordinate.
const RENAMED: Record<string, { to: string; why: string }> = {};

export function renamedTo(key: string): string | undefined {
  return RENAMED[key]?.to;
}

export function renamedEntries(): Array<{ from: string; to: string; why: string }> {
  return Object.entries(RENAMED).map(([from, e]) => ({ from, ...e }));
}
