// The report stage: out/report/index.html, one self-contained page presenting the whole study.
// Reads only files under out/ (and the study file, for provenance); absent stats or maps become
// "not computed" notes, so the page can be built as soon as the layers exist.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { OutputSet } from "./core/output.js";
import { fileDigest } from "./core/hash.js";
import { densityThreshold, type Study } from "./core/study.js";
import { readReportInputs } from "./report/read-inputs.js";
import { reportPage } from "./report/page.js";
import { reportStudy } from "./report/study-terms.js";

/** The version of package.json (same file in a checkout and under dist/). */
export function contrechampVersion(): string {
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8"));
      if (pkg.name === "contrechamp") return String(pkg.version);
    } catch {
      // not at this level: dist/pipeline is one folder deeper than pipeline/
    }
  }
  return "unknown";
}

export async function runReport(study: Study, outDir: string, flags: Record<string, string | boolean> = {}): Promise<string> {
  const inputs = readReportInputs(outDir, reportStudy(study), densityThreshold(study.settings));
  const rel = relative(process.cwd(), study.file) || study.file;
  const html = reportPage({
    inputs,
    study: { path: rel.startsWith("..") ? study.file : rel, title: study.title, sha256: fileDigest(study.file).sha256, settings: study.settings },
    title: study.title,
    subtitle: study.subtitle,
    sourcesLine: study.sourcesLine ?? "",
    version: contrechampVersion(),
    // The maps' language: --lang, else the study's.
    lang: flags.lang === "en" || flags.lang === "fr" ? flags.lang : study.lang,
  });
  const path = join(outDir, "report", "index.html");
  const out = new OutputSet();
  out.add(path, html);
  out.commit();
  return path;
}
