// fileDigest reads through one reused buffer: every file's digest is still that of its whole bytes.
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileDigest } from "../pipeline/core/hash.js";
import { removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe("fileDigest", () => {
  it("gives each file's sha256 and size, around and across the buffer's size, one file after another", () => {
    const dir = tempDir();
    for (const size of [200_003, 0, 1, 65_535, 65_536, 65_537, 131_072, 7]) {
      const bytes = Buffer.alloc(size, 0);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + size) & 0xff;
      const f = join(dir, `f${size}`);
      writeFileSync(f, bytes);
      expect(fileDigest(f)).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), bytes: size });
    }
  });
});
