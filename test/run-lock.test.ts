// One run at a time per --out folder (pipeline/core/run-lock.ts): the lock itself in-process
// (refusal naming the holder, stale locks of dead processes or another boot recovered, --wait),
// then two real `layers` runs started together on one folder: one refuses at once with exit 2
// and one line, or, with --wait, runs after the other; either way the folder ends up exactly as
// a single run leaves it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireRunLock, LOCK_NAME } from "../pipeline/core/run-lock.js";
import { InputError } from "../pipeline/core/errors.js";
import { CAMERAS_2012, removeTempDirs, runCliAsync, snapshot, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);

describe("the lock of an output folder", () => {
  it("is a file naming its holder, refused to a second taker with the holder's pid, removed on release", async () => {
    const out = tempDir();
    const lock = await acquireRunLock(out, "contrechamp run --out x");
    const holder = JSON.parse(readFileSync(join(out, LOCK_NAME), "utf8"));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: "contrechamp run --out x" });
    expect(Date.parse(holder.started)).not.toBeNaN();
    let err: unknown;
    try {
      await acquireRunLock(out, "contrechamp layers");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `contrechamp: ${join(out, LOCK_NAME)}: another contrechamp run is writing this folder (pid ${process.pid}, \`contrechamp run --out x\`, started ${holder.started}) ` +
        "(wait for it to finish, re-run with --wait, or choose another --out; remove the lock file only if that process is gone)",
    );
    lock.release();
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
    // The folder existed before: it stays.
    expect(existsSync(out)).toBe(true);
  });

  it("removes the output folder it created if nothing was written there", async () => {
    const out = join(tempDir(), "new", "out");
    const lock = await acquireRunLock(out, "contrechamp layers");
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
    lock.release();
    expect(existsSync(out)).toBe(false);
  });

  it("recovers the lock of a process that is gone, with a note", async () => {
    const out = tempDir();
    const pid = deadPid();
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid, host: hostname(), started: "2026-01-01T00:00:00.000Z", command: "contrechamp run" }));
    const notes: string[] = [];
    const lock = await acquireRunLock(out, "contrechamp layers", { onNote: (n) => notes.push(n) });
    expect(notes).toEqual([`removed a stale lock ${join(out, LOCK_NAME)} (pid ${pid}, \`contrechamp run\`, started 2026-01-01T00:00:00.000Z; that process is gone)`]);
    expect(JSON.parse(readFileSync(join(out, LOCK_NAME), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("recovers a lock from another boot even if its pid is alive now, never one from another host", async () => {
    const out = tempDir();
    // Our own pid is alive; the boot id says it is not the same process.
    writeFileSync(join(out, LOCK_NAME), JSON.stringify({ pid: process.pid, host: hostname(), started: "x", command: "c", boot: "another-boot" }));
    if (existsSync("/proc/sys/kernel/random/boot_id")) (await acquireRunLock(out, "c")).release();
    const other = tempDir();
    writeFileSync(join(other, LOCK_NAME), JSON.stringify({ pid: deadPid(), host: "some-other-host", started: "x", command: "c" }));
    await expect(acquireRunLock(other, "c")).rejects.toThrow(/on some-other-host/);
  });

  it("with wait, is taken as soon as the holder releases it", async () => {
    const out = tempDir();
    const first = await acquireRunLock(out, "first");
    const waits: string[] = [];
    const second = acquireRunLock(out, "second", { wait: true, pollMs: 20, onWait: (w) => waits.push(w) });
    await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(readFileSync(join(out, LOCK_NAME), "utf8")).command).toBe("first");
    first.release();
    const lock = await second;
    expect(JSON.parse(readFileSync(join(out, LOCK_NAME), "utf8")).command).toBe("second");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(/^waiting for the run holding .*\.contrechamp\.lock \(pid \d+, `first`/);
    lock.release();
  });
});

describe("two layers runs on one --out at once", () => {
  let single: Record<string, string>;
  const rel = (snap: Record<string, string>, root: string) => Object.fromEntries(Object.entries(snap).map(([k, v]) => [k.slice(root.length), v]));

  beforeAll(async () => {
    const one = tempDir();
    expect((await runCliAsync(["layers", "--out", one, ...CAMERAS_2012])).code).toBe(0);
    single = rel(snapshot(one), one);
  }, 60_000);

  /** Starts a run and resolves once it holds the lock (its lock file has appeared). */
  const startHolding = (out: string) => {
    const child = spawn(process.execPath, ["bin/contrechamp.js", "layers", "--out", out, ...CAMERAS_2012], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CI: "true" } });
    const ended = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const holding = new Promise<void>((r) => {
      const poll = setInterval(() => {
        if (existsSync(join(out, LOCK_NAME))) {
          clearInterval(poll);
          r();
        }
      }, 10);
    });
    return { child, ended, holding };
  };

  it("the second refuses at once, exit 2, one line naming the holder's pid and the lock file", async () => {
    const out = tempDir();
    const first = startHolding(out);
    await first.holding;
    const second = await runCliAsync(["layers", "--out", out, ...CAMERAS_2012]);
    // "At once": the second has given up while the first is still at work (it did not wait).
    expect(first.child.exitCode).toBeNull();
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `contrechamp: ${join(out, LOCK_NAME)}: another contrechamp run is writing this folder (pid ${first.child.pid}, \`contrechamp layers --out ${out} ${CAMERAS_2012.join(" ")}\`, started ${JSON.parse(readFileSync(join(out, LOCK_NAME), "utf8")).started}) ` +
        "(wait for it to finish, re-run with --wait, or choose another --out; remove the lock file only if that process is gone)\n",
    );
    expect(await first.ended).toBe(0);
    expect(rel(snapshot(out), out)).toEqual(single);
  }, 60_000);

  it("with --wait the second runs after the first, and the folder is that of one run", async () => {
    const out = tempDir();
    const first = startHolding(out);
    await first.holding;
    const second = await runCliAsync(["layers", "--out", out, ...CAMERAS_2012, "--wait"]);
    // The second could only have started once the first had finished and released the lock.
    expect(first.child.exitCode).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr.split("\n")[0]).toMatch(new RegExp(`^contrechamp: waiting for the run holding .*\\.contrechamp\\.lock \\(pid ${first.child.pid}, `));
    expect(rel(snapshot(out), out)).toEqual(single);
  }, 60_000);

  it("a lock left by a killed run is recovered with a note by the next run", async () => {
    const out = tempDir();
    mkdirSync(out, { recursive: true });
    const first = startHolding(out);
    await first.holding;
    first.child.kill("SIGKILL");
    await first.ended;
    expect(existsSync(join(out, LOCK_NAME))).toBe(true);
    const next = await runCliAsync(["layers", "--out", out, ...CAMERAS_2012]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr.split("\n")[0]).toBe(`contrechamp: removed a stale lock ${join(out, LOCK_NAME)} (pid ${first.child.pid}, \`contrechamp layers --out ${out} ${CAMERAS_2012.join(" ")}\`, started ${/started (\S+?)[;)]/.exec(next.stderr)![1]}; that process is gone)`);
    expect(rel(snapshot(out), out)).toEqual(single);
  }, 60_000);
});
