// A stage piece run on a worker thread must give what it gives in this thread, and a user error
// thrown there must come back as the same InputError (one line, exit 2), not an internal error.
// The compiled module is tested: threads start only from dist/ (built before the tests).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = (p: string) => import(pathToFileURL(join(process.cwd(), "dist/pipeline/core", p)).href);
const tasks = pathToFileURL(join(process.cwd(), "test/fixtures/on-thread/tasks.mjs"));

describe("onThread", () => {
  it("returns the function's value, Maps and all", async () => {
    const { onThread } = await dist("on-thread.js");
    const got = await onThread(tasks, "tally", [["a", "b", "a"], [1, 2, 4]]).result;
    expect(got.total).toBe(7);
    expect([...got.byWord]).toEqual([["a", 5], ["b", 2]]);
  });

  it("brings back an InputError with its file, place and fix", async () => {
    const { onThread } = await dist("on-thread.js");
    const { InputError } = await dist("errors.js");
    const err = await onThread(tasks, "badRow", ["cams.csv", 12]).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe("contrechamp: cams.csv:row 12: no coordinates (fill the x and y columns)");
  });

  it("rejects when the thread dies without answering", async () => {
    const { onThread } = await dist("on-thread.js");
    await expect(onThread(tasks, "crash", []).result).rejects.toThrow(/crash stopped \(exit code 3\)/);
  });
});
