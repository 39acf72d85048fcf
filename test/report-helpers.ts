// The report tests run on the real study: every stage (layers, geocode, join, stats, render,
// report) into a fresh folder, asynchronously (about 10 s on two cores).
import { runCliAsync } from "./render-helpers.js";
import { tempDir } from "./helpers.js";

/** The stderr of the last runRealStudy (progress and closing summary, checked by report-stage). */
export let realStudyStderr = "";

export async function runRealStudy(): Promise<string> {
  const out = tempDir("contrechamp-report-");
  const r = await runCliAsync(["run", "--out", out]);
  if (r.code !== 0) throw new Error(`contrechamp run failed (${r.code}): ${r.stderr}`);
  realStudyStderr = r.stderr;
  return out;
}

/** The text of one section of the page, tags removed and spaces folded (U+202F kept). */
export function sectionText(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  const body = html.slice(start, html.indexOf("</section>", start));
  return body.replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/[ \t\n]+/g, " ");
}
