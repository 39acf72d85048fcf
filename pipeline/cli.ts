// contrechamp command line. Exit codes: 0 done, 2 bad input or usage, 1 anything else.
import { isUserError, UsageError } from "./core/errors.js";
import { loadStudy } from "./core/study.js";
import { STAGES, type Stage } from "./stages.js";
import { step } from "./core/progress.js";
import { checkOutputDir } from "./core/output.js";

const DEFAULT_STUDY = "data/paris/study.json";

interface Parsed {
  command: string;
  positional: string[];
  study: string;
  out: string;
  layers: Record<string, string>;
  crs?: string;
  flags: Record<string, string | boolean>;
}

const VALUE_FLAGS = new Set(["level", "format", "seed", "arrondissement", "area", "label", "source", "vintage", "lang", "page"]);
const BOOLEAN_FLAGS = new Set(["atlas"]);

export function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { command: "", positional: [], study: DEFAULT_STUDY, out: "out", layers: {}, flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value (see contrechamp --help)`);
      return v;
    };
    if (a === "--help" || a === "-h") p.command = p.command || "help";
    else if (a === "--version") p.command = "version";
    else if (a === "--study") p.study = value();
    else if (a === "--out") p.out = value();
    else if (a === "--crs") p.crs = value();
    else if (a === "--layer") {
      const v = value();
      const eq = v.indexOf("=");
      if (eq <= 0) throw new UsageError(`--layer ${v}: expected NAME=PATH (e.g. --layer cameras=my.csv)`);
      p.layers[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (a.startsWith("--")) {
      const name = a.slice(2);
      if (VALUE_FLAGS.has(name)) p.flags[name] = value();
      else if (BOOLEAN_FLAGS.has(name)) p.flags[name] = true;
      else throw new UsageError(`unknown option ${a} (see contrechamp --help)`);
    } else if (!p.command) p.command = a;
    else p.positional.push(a);
  }
  if (!p.command) p.command = "help";
  return p;
}

export function helpText(): string {
  const lines = [
    "contrechamp — where surveillance cameras stand in a city, and who they watch",
    "",
    "Usage:",
    "  contrechamp run [--study FILE] [--out DIR] [--layer NAME=PATH ...] [--crs EPSG:n]",
    "  contrechamp <stage> [same options]",
    "  contrechamp compare A B [C ...] [--level arrondissement|quartier|iris] [--format table|csv|json|md]",
    "",
    "Commands:",
    "  run        run every stage of the study, in order",
    ...STAGES.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`),
    "  compare    side-by-side indicators of districts (by code or name)",
    "",
    "Options:",
    `  --study FILE        the study file (default ${DEFAULT_STUDY})`,
    "  --out DIR           where outputs go (default out)",
    "  --layer NAME=PATH   replace one input of the study, e.g. --layer cameras=my.csv",
    "  --crs EPSG:n        the CRS of files given with --layer, when they do not say",
    "",
    "Exit codes: 0 done, 2 bad input or usage, 1 anything else.",
  ];
  return lines.join("\n") + "\n";
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === "help") {
      process.stdout.write(helpText());
      return 0;
    }
    if (args.command === "version") {
      process.stdout.write("contrechamp 0.1.0\n");
      return 0;
    }
    let stages: Stage[];
    if (args.command === "run") stages = STAGES;
    else {
      const s = STAGES.find((x) => x.name === args.command) ?? EXTRA_COMMANDS[args.command];
      if (!s) throw new UsageError(`unknown command "${args.command}" (see contrechamp --help)`);
      stages = [s];
    }
    const lang = args.flags.lang;
    if (lang !== undefined && lang !== "fr" && lang !== "en") throw new UsageError(`--lang ${lang}: use fr or en`);
    const area = typeof args.flags.area === "string" ? args.flags.area.split(",").map((c) => c.trim()).filter(Boolean) : undefined;
    if (area !== undefined && area.length === 0) throw new UsageError("--area needs district codes, e.g. --area 75101,75102 (or --area all)");
    const text = (k: string) => (typeof args.flags[k] === "string" ? (args.flags[k] as string) : undefined);
    const study = loadStudy(args.study, { layers: args.layers, crs: args.crs, area, label: text("label"), source: text("source"), vintage: text("vintage"), lang: lang as "fr" | "en" | undefined });
    // Stages write under --out: say now, not after the work, if they cannot (compare only reads).
    if (!EXTRA_COMMANDS[args.command]) checkOutputDir(args.out);
    for (const s of stages) {
      step(`${s.name}…`);
      await s.run({ study, outDir: args.out, flags: args.flags, positional: args.positional });
    }
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(e.message + "\n");
      return 2;
    }
    process.stderr.write(`contrechamp: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 1;
  }
}

/** Commands that are not pipeline stages (compare) register here. */
export const EXTRA_COMMANDS: Record<string, Stage> = {
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
};


// Run when executed directly (`node dist/pipeline/cli.js`); bin/contrechamp.js calls main itself.
if (process.argv[1] && /pipeline[\\/]cli\.js$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
