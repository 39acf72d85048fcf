// One error type for everything a user can fix: a bad file, a bad row, a bad option.
// The CLI prints `format()` and exits 2; anything else is a bug and exits 1.
import { isAbsolute, relative } from "node:path";

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | undefined,
    readonly what: string,
    readonly fix: string,
  ) {
    super(formatInputError(file, where, what, fix));
    this.name = "InputError";
  }
}

export function formatInputError(file: string, where: string | undefined, what: string, fix: string): string {
  const shown = displayPath(file);
  const place = where ? `${shown}:${where}` : shown;
  return `contrechamp: ${place}: ${what} (${fix})`;
}

/**
 * Paths are resolved to absolute ones internally; the user sees them as they would type them
 * (relative to the working folder when inside it).
 */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** A command-line mistake: exit code 2 like bad input, but no file to name. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`contrechamp: ${message}`);
    this.name = "UsageError";
  }
}

export function isUserError(e: unknown): e is InputError | UsageError {
  return e instanceof InputError || e instanceof UsageError;
}
