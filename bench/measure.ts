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
