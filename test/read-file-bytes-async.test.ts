// readFileBytesAsync (gunzipping on the thread pool) gives readFileBytes' bytes and errors.
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readFileBytes, readFileBytesAsync } from "../pipeline/geo/read-layer.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("readFileBytesAsync", () => {
  const dir = tempDir();
  const text = "a;b\n" + Array.from({ length: 5000 }, (_, i) => `${i};é${i}`).join("\n");

  it("gives the gunzipped bytes of a .gz, and a plain file's bytes as they are", async () => {
    const gz = join(dir, "a.csv.gz");
    writeFileSync(gz, gzipSync(text));
    const plain = join(dir, "a.csv");
    writeFileSync(plain, text);
    for (const f of [gz, plain]) {
      const got = Buffer.from(await readFileBytesAsync(f));
      expect(got.toString("utf8")).toBe(text);
      expect(got.equals(Buffer.from(readFileBytes(f)))).toBe(true);
    }
  });

  it("rejects with the message readFileBytes throws", async () => {
    const bad = join(dir, "bad.csv.gz");
    writeFileSync(bad, text);
    const missing = join(dir, "missing.csv.gz");
    for (const f of [bad, missing]) {
      let sync: Error | undefined;
      try {
        readFileBytes(f);
      } catch (e) {
        sync = e as Error;
      }
      expect(sync).toBeDefined();
      await expect(readFileBytesAsync(f)).rejects.toThrow(sync!.message);
    }
    await expect(readFileBytesAsync(bad)).rejects.toThrow(/named .gz but not gzip data/);
  });
});
