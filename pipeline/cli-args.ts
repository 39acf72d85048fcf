// The command line, parsed by Node's own util.parseArgs (no dependency) and turned into the
// house's usage errors: one line, exit 2, "(see contrechamp --help)".
import { parseArgs as nodeParseArgs } from "node:util";
import { UsageError } from "./core/errors.js";
import type { Verbosity } from "./core/progress.js";

export const DEFAULT_STUDY = "data/paris/study.json";

export interface Parsed {
  command: string;
  positional: string[];
  study: string;
  /** Whether --study was given (compare and districts need no study unless asked). */
  studyGiven: boolean;
  out: string;
  layers: Record<string, string>;
  crs?: string;
  verbosity: Verbosity;
  wait: boolean;
  /** Everything else, passed to the stages as StageOptions.flags. */
  flags: Record<string, string | boolean>;
}

/** Options a stage or command reads from StageOptions.flags (what each does: helpText). */
const PASSED_VALUES = ["level", "format", "seed", "arrondissement", "area", "page", "lang", "label", "source", "vintage"] as const;
const PASSED_BOOLEANS = ["atlas"] as const;

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  study: { type: "string" },
  out: { type: "string" },
  crs: { type: "string" },
  layer: { type: "string", multiple: true },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean", short: "v" },
  wait: { type: "boolean" },
  ...Object.fromEntries(PASSED_VALUES.map((k) => [k, { type: "string" }])),
  ...Object.fromEntries(PASSED_BOOLEANS.map((k) => [k, { type: "boolean" }])),
} as const satisfies Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/** util.parseArgs errors name the option in quotes: turn them into our one-line usage errors. */
function usageFrom(e: unknown): UsageError {
  const err = e as NodeJS.ErrnoException;
  const opt = /'(-{1,2}[^' <]+)/.exec(err.message)?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new UsageError(`unknown option ${opt} (see contrechamp --help)`);
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(err.message)) return new UsageError(`${opt} takes no value (see contrechamp --help)`);
    return new UsageError(`${opt} needs a value (see contrechamp --help)`);
  }
  return new UsageError(`${err.message.split("\n")[0]} (see contrechamp --help)`);
}

export function parseArgs(argv: string[]): Parsed {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = nodeParseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) throw usageFrom(e);
    throw e;
  }
  const layers: Record<string, string> = {};
  for (const v of (values.layer as string[] | undefined) ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--layer ${v}: expected NAME=PATH (e.g. --layer cameras=my.csv)`);
    layers[v.slice(0, eq)] = v.slice(eq + 1);
  }
  if (values.quiet && values.verbose) throw new UsageError("--quiet and --verbose: choose one (see contrechamp --help)");
  if (values.lang !== undefined && values.lang !== "fr" && values.lang !== "en") throw new UsageError(`--lang ${values.lang}: use fr or en`);
  const flags: Record<string, string | boolean> = {};
  for (const k of [...PASSED_VALUES, ...PASSED_BOOLEANS]) if (values[k] !== undefined) flags[k] = values[k] as string | boolean;
  let command = values.version ? "version" : (positionals[0] ?? "help");
  if (values.help) command = "help";
  return {
    command,
    positional: positionals.slice(1),
    study: (values.study as string | undefined) ?? DEFAULT_STUDY,
    studyGiven: values.study !== undefined,
    out: (values.out as string | undefined) ?? "out",
    layers,
    crs: values.crs as string | undefined,
    verbosity: values.quiet ? "quiet" : values.verbose ? "verbose" : "normal",
    wait: values.wait === true,
    flags,
  };
}

export function helpText(stages: Array<{ name: string; summary: string }>): string {
  const lines = [
    "contrechamp — where surveillance cameras stand in a city, and who they watch",
    "",
    "Usage:",
    "  contrechamp run [--study FILE] [--out DIR] [--layer NAME=PATH ...] [--crs EPSG:n]",
    "  contrechamp <stage> [same options]",
    "  contrechamp compare A B [C ...] [--out DIR] [--level L] [--format table|csv|json|md]",
    "  contrechamp districts [--out DIR] [--level L] [--format table|csv|json|md]",
    "",
    "Commands:",
    "  run        run every stage of the study, in order",
    ...stages.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`),
    "  compare    side-by-side indicators of districts (by code or name), from out/stats",
    "  districts  the codes and names of the districts of each level, from out/stats",
    "",
    "Options:",
    `  --study FILE        the study file (default ${DEFAULT_STUDY}; compare and districts need none)`,
    "  --out DIR           where outputs go (default out)",
    "  --layer NAME=PATH   replace one input of the study, e.g. --layer cameras=my.csv",
    "  --crs EPSG:n        the CRS of files given with --layer, when they do not say",
    "  --area CODES        restrict the analysis to these districts (comma-separated codes)",
    "  --label COL         the camera layer's label column",
    "  --source TEXT       who published the camera layer (legend and sources line)",
    "  --vintage TEXT      its date or edition",
    "  --page PRESET       the maps' page size",
    "  --lang fr|en        the language of the report and the closing summary",
    "  --level L           compare/districts: one level (a file out/stats/<level>.csv)",
    "  --format F          compare/districts: table (default), csv, json or md",
    "  --atlas             render: also one page per district",
    "  --wait              if another run holds --out, wait for it instead of stopping",
    "  -q, --quiet         errors only on stderr",
    "  -v, --verbose       more detail on stderr (each step as a line, the verdict in full)",
    "",
    "Progress and a summary go to stderr (redrawn in place on a terminal, plain lines otherwise).",
    "Exit codes: 0 done, 2 bad input or usage (or --out busy), 1 anything else,",
    "130/143 interrupted by SIGINT/SIGTERM.",
  ];
  return lines.join("\n") + "\n";
}
