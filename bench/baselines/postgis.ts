// Bench case 2 baseline: PostGIS. A throwaway cluster in the bench's temp folder, listening on a
// Unix socket only (no TCP), is started before timing; the timed part is one psql session that
// loads both files (COPY), builds the geometries and GiST indexes, and runs the ST_Contains join.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { timedMedian, type Timed } from "../measure.js";

const PG_ROOT = "/usr/lib/postgresql";

/** bin folder of the newest installed PostgreSQL that also has PostGIS, or undefined. */
export function findPostgis(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  for (const v of readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a))) {
    const bin = join(PG_ROOT, v, "bin");
    const control = `/usr/share/postgresql/${v}/extension/postgis.control`;
    if (existsSync(join(bin, "initdb")) && existsSync(control)) return bin;
  }
  return undefined;
}

export interface Cluster {
  socketDir: string;
  port: number;
  stop(): void;
}

function asPostgres(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  // initdb refuses to run as root; Debian's postgres account owns the cluster instead.
  const r = root ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" }) : spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
}

export function startCluster(bin: string, tmp: string): Cluster {
  chmodSync(tmp, 0o755);
  const data = join(tmp, "pgdata");
  mkdirSync(data);
  if (process.getuid?.() === 0) spawnSync("chown", ["postgres:postgres", data]);
  const port = 54329;
  asPostgres(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  asPostgres(join(bin, "pg_ctl"), ["-D", data, "-w", "-l", join(data, "log"), "-o", `-k ${data} -p ${port} -c listen_addresses='' -c fsync=off`, "start"]);
  return {
    socketDir: data,
    port,
    stop: () => asPostgres(join(bin, "pg_ctl"), ["-D", data, "-w", "-m", "fast", "stop"]),
  };
}

export function psqlArgs(c: Cluster): string[] {
  return ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", c.socketDir, "-p", String(c.port), "-U", "postgres"];
}

/** Timed: load points CSV and polygon WKT TSV, geometries, GiST indexes, join; counts to out. */
export function postgisJoin(c: Cluster, dir: string, pointsCsv: string, polygonsTsv: string, srid: number, out: string, runs = 1): Timed & { runs: number[] } {
  spawnSync("psql", [...psqlArgs(c), "-c", "CREATE DATABASE bench"], { encoding: "utf8" });
  const setup = spawnSync("psql", [...psqlArgs(c), "-d", "bench", "-c", "CREATE EXTENSION IF NOT EXISTS postgis"], { encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`CREATE EXTENSION postgis failed: ${setup.stderr}`);
  const sql = join(dir, "postgis-join.sql");
  writeFileSync(
    sql,
    `SET maintenance_work_mem = '512MB';
SET work_mem = '256MB';
DROP TABLE IF EXISTS pts_raw, pts, polys_raw, polys;
CREATE UNLOGGED TABLE pts_raw (id int, x float8, y float8);
\\copy pts_raw FROM '${pointsCsv}' WITH (FORMAT csv, HEADER true)
CREATE UNLOGGED TABLE pts AS SELECT id, ST_SetSRID(ST_MakePoint(x, y), ${srid}) AS geom FROM pts_raw;
CREATE UNLOGGED TABLE polys_raw (pid int, wkt text);
\\copy polys_raw FROM '${polygonsTsv}'
CREATE UNLOGGED TABLE polys AS SELECT pid, ST_GeomFromText(wkt, ${srid}) AS geom FROM polys_raw;
CREATE INDEX pts_gix ON pts USING gist (geom);
CREATE INDEX polys_gix ON polys USING gist (geom);
ANALYZE pts;
ANALYZE polys;
\\copy (SELECT pid, count(*) FROM (SELECT p.id, min(g.pid) AS pid FROM pts p JOIN polys g ON ST_Contains(g.geom, p.geom) GROUP BY p.id) s GROUP BY pid ORDER BY pid) TO '${out}' WITH (FORMAT csv, HEADER true)
`,
  );
  // Each run starts with DROP TABLE, so every run loads and indexes from scratch.
  return timedMedian("psql", [...psqlArgs(c), "-d", "bench", "-f", sql], runs);
}
