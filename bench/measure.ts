// Whole-process timings with public tools only: wall time from process.hrtime around the child,
// peak resident memory from GNU time (`/usr/bin/time -v`, "Maximum resident set size").
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface Timed {
  seconds: number;
  peakRssMb: number | null;
  /** User + system CPU seconds of the process tree (GNU time): shows contention on a busy machine. */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

export function hasCommand(cmd: string): boolean {
  if (cmd.includes("/")) return existsSync(cmd);
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

/** Runs cmd to completion; throws with its stderr if it fails (a failed baseline is loud). */
export function timed(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Timed {
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? ["-v", cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(useTime ? GNU_TIME : cmd, argv, {
    cwd: opts.cwd,
    env: { ...process.env, CI: "true", ...opts.env },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${(r.stderr ?? "").slice(-3000)}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpuSeconds = user && sys ? Number(user[1]) + Number(sys[1]) : null;
  return { seconds, peakRssMb: m ? Number(m[1]) / 1024 : null, cpuSeconds, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The median of `runs` whole-process runs (peak memory: the largest seen). Short runs on a
 * shared machine swing with the neighbours' load; the median of three damps that. Used for
 * contrechamp and for the nearest baseline (PostGIS); the minute-long baselines run once.
 */
export function timedMedian(cmd: string, args: string[], runs = 3, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Timed & { runs: number[] } {
  const all = Array.from({ length: runs }, () => timed(cmd, args, opts));
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor(runs / 2)];
  const rss = all.map((t) => t.peakRssMb).filter((v): v is number => v !== null);
  return { ...mid, peakRssMb: rss.length ? Math.max(...rss) : null, runs: all.map((t) => Math.round(t.seconds * 100) / 100) };
}
