// Classification for maps that never fails on a study's odd data: a method the schema does not
// know falls back to quantiles (the schema refuses it first; render must not TypeError), and a
// variable with one distinct value, or fewer values than classes, gets as many classes as it
// has distinct values (1 included).
import { classify, type Classification, type ClassifyOptions } from "../stats/classify.js";
import { CLASS_METHODS } from "../core/study-schema.js";

export function mapClasses(values: number[], opts: ClassifyOptions): Classification | null {
  const x = values.filter(Number.isFinite);
  if (x.length === 0) return null;
  const method = (CLASS_METHODS as readonly string[]).includes(opts.method) ? opts.method : "quantiles";
  const distinct = new Set(x).size;
  const k = Math.max(1, Math.min(opts.k ?? 5, distinct));
  const c = classify(x, { ...opts, method, k });
  if (c.edges.length >= 2) return c;
  // One distinct value: one class [v ; v].
  return { method, edges: [c.edges[0], c.edges[0]], counts: [x.length], gvf: 1 };
}

/** GVF is printed only when the classes were computed, not for breaks a person chose. */
export const gvfShown = (c: Classification) => c.method !== "user" && c.edges.length > 2;
