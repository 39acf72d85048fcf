// What the user reads on stderr while the pipeline works. Three kinds of line:
//  - results (`done`): one line per finished stage, warnings, the closing summary. Always shown,
//    terminal or not (make, CI and `2>log` deserve to know what happened), except with --quiet.
//  - status (`step`, `counter`): what is being done right now. On a terminal it is one line redrawn
//    in place (\r) and replaced by the next result; on a pipe it is shown only with --verbose, as
//    plain lines, since a log full of "12/80 (15%)" says nothing a result line does not.
//  - errors: written by the CLI itself, always.
// A module-level setting, not a parameter threaded through every stage: the stages call step()
// and counter() without knowing who is listening.

export type Verbosity = "quiet" | "normal" | "verbose";

let verbosity: Verbosity = "normal";
// A test or a user can force plain lines with CI set, as many tools do.
let tty = Boolean(process.stderr.isTTY) && !process.env.CI;
/** Length of the status line drawn on the terminal and not yet ended by a newline. */
let pending = 0;

export function setVerbosity(v: Verbosity): void {
  verbosity = v;
}

export function getVerbosity(): Verbosity {
  return verbosity;
}

/** For tests: pretend stderr is (or is not) a terminal. */
export function setTerminal(isTerminal: boolean): void {
  tty = isTerminal;
}

function write(text: string): void {
  process.stderr.write(text);
}

/** Erases the status line, so that a result or an error starts on a clean line. */
export function clearStatus(): void {
  if (pending > 0) write(`\r${" ".repeat(pending)}\r`);
  pending = 0;
}

function status(message: string): void {
  if (verbosity === "quiet") return;
  const line = `contrechamp: ${message}`;
  if (verbosity === "verbose") {
    clearStatus();
    write(line + "\n");
  } else if (tty) {
    // Cut to the terminal's width: a wrapped status line could not be redrawn in place.
    const width = Math.max(20, (process.stderr.columns || 80) - 1);
    const shown = line.length > width ? line.slice(0, width - 1) + "…" : line;
    write(`\r${shown}${" ".repeat(Math.max(0, pending - shown.length))}`);
    pending = shown.length;
  }
}

/** What a stage is doing now (status: redrawn on a terminal, shown on a pipe with --verbose). */
export function step(message: string): void {
  status(message);
}

/** A result line: a finished stage, the summary. Shown unless --quiet. */
export function done(message: string): void {
  if (verbosity === "quiet") return;
  clearStatus();
  write(`contrechamp: ${message}\n`);
}

/** A warning: something the user should know (data dropped, a map skipped). Shown unless --quiet. */
export function warn(message: string): void {
  done(message);
}

/** Detail for --verbose only, as plain lines. */
export function detail(message: string): void {
  if (verbosity !== "verbose") return;
  clearStatus();
  write(`contrechamp:   ${message}\n`);
}

/** A counter that redraws one line at most ~10 times a second (terminal), or logs every ~10 % (--verbose). */
export function counter(label: string, total: number): { tick(n?: number): void; done(): void } {
  let k = 0;
  let last = 0;
  let lastDecile = -1;
  const pct = () => Math.round((100 * k) / Math.max(total, 1));
  return {
    tick(n = 1) {
      k += n;
      if (verbosity === "quiet") return;
      if (verbosity === "verbose") {
        const decile = Math.floor(pct() / 10);
        if (decile > lastDecile && k < total) {
          lastDecile = decile;
          status(`${label} ${k}/${total} (${pct()}%)`);
        }
        return;
      }
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && k < total) return;
      last = now;
      status(`${label} ${k}/${total} (${pct()}%)`);
    },
    done() {
      k = total;
      status(`${label} ${total}/${total} (100%)`);
    },
  };
}
