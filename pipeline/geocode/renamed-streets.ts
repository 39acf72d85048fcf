// Streets whose name in the 2019 list differs from the name in the reference files for a reason
// no spelling rule can see: a renaming, or the list's own name for a way. Keys are normalised
// (normaliseStreetName). Each entry says why; nothing here is a coordinate.
const RENAMED: Record<string, { to: string; why: string }> = {};

// A Map, not the object: looking up an arbitrary string as a property internalises it first,
// and every name of every gazetteer is looked up here.
const RENAMED_TO = new Map(Object.entries(RENAMED).map(([from, e]) => [from, e.to]));

export function renamedTo(key: string): string | undefined {
  return RENAMED_TO.get(key);
}

export function renamedEntries(): Array<{ from: string; to: string; why: string }> {
  return Object.entries(RENAMED).map(([from, e]) => ({ from, ...e }));
}
