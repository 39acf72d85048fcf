// Command-line basics. Every bad input file is in the catalogue (test/catalogue.test.ts,
// test/fixtures/bad/catalogue.json).
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers.js";

describe("command line", () => {
  it("usage errors exit 2, help exits 0", () => {
    expect(runCli(["frobnicate"]).code).toBe(2);
    expect(runCli(["layers", "--bogus"]).code).toBe(2);
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/contrechamp run/);
  });
});
