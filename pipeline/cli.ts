// contrechamp command line. Exit codes: 0 done, 2 bad input or usage (or --out held by another
// run), 1 anything else, 130/143 interrupted by SIGINT/SIGTERM (core/interrupt.ts).
import { join } from "node:path";
import { isUserError, UsageError } from "./core/errors.js";
import { loadStudy, type Study, type StudyOverrides } from "./core/study.js";
import { STAGES, type Stage } from "./stages.js";
import { stopThread, warmThread } from "./core/on-thread.js";
import { clearStatus, detail, done, getVerbosity, setVerbosity, step, warn } from "./core/progress.js";
import { checkOutputDir, removeOwnTemps } from "./core/output.js";
import { acquireRunLock } from "./core/run-lock.js";
import { installInterruptHandlers, isInterrupted, onInterrupt, setInterruptContext } from "./core/interrupt.js";
import { manifestLines, seconds, stageCounts, verdictLines } from "./core/run-summary.js";
import { displayPath } from "./core/errors.js";
import { helpText, parseArgs } from "./cli-args.js";

export { parseArgs } from "./cli-args.js";

/** Commands that only read out/ (no study, no lock): `compare`, `districts`. */
export interface Command {
  name: string;
  summary: string;
  /** Commands that read the study file (export names and styles its layers); others need only --out. */
  needsStudy?: boolean;
  run(opts: { outDir: string; flags: Record<string, string | boolean>; positional: string[]; study?: Study }): Promise<void>;
}

export const EXTRA_COMMANDS: Record<string, Command> = {
  compare: {
    name: "compare",
    summary: "side-by-side indicators of districts (by code or name)",
    run: async ({ outDir, flags, positional }) => {
      // Loaded on demand, like the stages: the other commands need none of it.
      const { compareDistricts, formatComparison } = await import("./compare.js");
      const queries = positional.filter((q) => q !== "");
      const level = typeof flags.level === "string" ? flags.level : undefined;
      const format = typeof flags.format === "string" ? flags.format : "table";
      process.stdout.write(formatComparison(compareDistricts(outDir, queries, level), format));
    },
  },
  districts: {
    name: "districts",
    summary: "the codes and names of the districts of each level",
    run: async ({ outDir, flags, positional }) => {
      const { listDistricts, formatDistricts } = await import("./compare.js");
      if (positional.length) throw new UsageError(`districts takes no names (got "${positional[0]}"); use --level to choose a level`);
      const level = typeof flags.level === "string" ? flags.level : undefined;
      const format = typeof flags.format === "string" ? flags.format : "table";
      process.stdout.write(formatDistricts(listDistricts(outDir, level), format));
    },
  },
  export: {
    name: "export",
    summary: "the study's layers and tables for GIS tools: --format gpkg (GeoPackage with QGIS styles) or parquet (GeoParquet), into <out>/export/",
    needsStudy: true,
    run: async ({ study, outDir, flags }) => {
      for (const f of await (await import("./export.js")).runExport(study!, outDir, flags.format)) process.stderr.write(`contrechamp: wrote ${f}\n`);
    },
  },
};

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    setVerbosity(args.verbosity);
    if (args.command === "help") {
      process.stdout.write(helpText(STAGES));
      return 0;
    }
    if (args.command === "version") {
      process.stdout.write("contrechamp 0.1.0\n");
      return 0;
    }
    const extra = EXTRA_COMMANDS[args.command];
    if (extra) {
      // Read-only commands need only --out; a study given explicitly is still checked.
      const study = extra.needsStudy || args.studyGiven ? loadStudy(args.study, studyOverrides(args)) : undefined;
      await extra.run({ outDir: args.out, flags: args.flags, positional: args.positional, study });
      return 0;
    }
    let stages: Stage[];
    if (args.command === "run") stages = STAGES;
    else {
      const s = STAGES.find((x) => x.name === args.command);
      if (!s) throw new UsageError(`unknown command "${args.command}" (see contrechamp --help)`);
      stages = [s];
    }
    if (args.positional.length) throw new UsageError(`${args.command} takes no arguments (got "${args.positional[0]}"; see contrechamp --help)`);
    // A stage's helper thread starts now, on the other core, while this one reads the study and
    // runs the stages before it (the process has one helper thread; it is stopped with the stage).
    for (const s of stages) if (s.helperModule) warmThread(s.helperModule);
    const study = loadStudy(args.study, studyOverrides(args));
    // Stages write under --out: say now, not after the work, if they cannot.
    checkOutputDir(args.out);
    await runStages(stages, study, args, argv);
    return 0;
  } catch (e) {
    stopThread(); // a helper thread started for a stage that will not run, or did not finish
    // Interrupted: what failed failed because its workers were ended; the signal handler prints
    // the one line and exits (130/143) once cleanup is done. Wait for it.
    if (isInterrupted()) await new Promise(() => {});
    clearStatus();
    if (isUserError(e)) {
      process.stderr.write(e.message + "\n");
      return 2;
    }
    process.stderr.write(`contrechamp: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 1;
  }
}

/** What the command line changes in the study: inputs, their CRS, the area, the credits, the language. */
function studyOverrides(args: ReturnType<typeof parseArgs>): StudyOverrides {
  const text = (k: string) => (typeof args.flags[k] === "string" ? (args.flags[k] as string) : undefined);
  const areaFlag = text("area");
  const area = areaFlag === undefined ? undefined : areaFlag.split(",").map((c) => c.trim()).filter(Boolean);
  if (area !== undefined && area.length === 0) throw new UsageError("--area needs district codes, e.g. --area 75101,75102 (or --area all)");
  const lang = text("lang") as "fr" | "en" | undefined; // checked by cli-args
  return { layers: args.layers, crs: args.crs, area, label: text("label"), source: text("source"), vintage: text("vintage"), lang };
}

async function runStages(stages: Stage[], study: Study, args: ReturnType<typeof parseArgs>, argv: string[]): Promise<void> {
  installInterruptHandlers();
  // Recorded in the lock so that a second run can say who holds the folder.
  const lock = await acquireRunLock(args.out, ["contrechamp", ...argv].join(" "), { wait: args.wait, onWait: warn, onNote: warn });
  const unregister = [
    onInterrupt(() => lock.release(), { final: true }),
    onInterrupt(
      () => {
        const n = removeOwnTemps();
        if (n) detail(`removed ${n} temporary file${n === 1 ? "" : "s"}`);
      },
      { final: true },
    ),
  ];
  const t0 = Date.now();
  try {
    for (const s of stages) {
      // A signal arrived while the last stage was finishing: start nothing new, the handler exits.
      if (isInterrupted()) await new Promise(() => {});
      setInterruptContext(s.name);
      step(`${s.name}…`);
      const started = Date.now();
      await s.run({ study, outDir: args.out, flags: args.flags, positional: args.positional });
      const counts = stageCounts(s.name, args.out, started);
      done(`${s.name.padEnd(8)} ${counts ? counts + "  " : ""}${seconds(Date.now() - started)}`);
      if (s.name === "layers") for (const l of manifestLines(args.out)) (l.kind === "warning" ? warn : done)(`  ${l.kind}: ${l.text}`);
    }
    setInterruptContext("");
    if (args.command === "run") closingSummary(study, args, Date.now() - t0);
  } finally {
    for (const u of unregister) u();
    lock.release();
  }
}

function closingSummary(study: Study, args: ReturnType<typeof parseArgs>, ms: number): void {
  const lang = typeof args.flags.lang === "string" ? args.flags.lang : ((study as { lang?: string }).lang ?? "en");
  const verdict = verdictLines(args.out, lang, getVerbosity() === "verbose");
  if (verdict.length) {
    done(lang === "fr" ? "verdict :" : "verdict:");
    for (const v of verdict) done(`  ${v}`);
  }
  done(`done in ${seconds(ms)}; open ${displayPath(join(args.out, "report", "index.html"))}`);
}

// Run when executed directly (`node dist/pipeline/cli.js`); bin/contrechamp.js calls main itself.
if (process.argv[1] && /pipeline[\\/]cli\.js$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
