// A real, temporary PostgreSQL cluster for tests: initdb into a temp dir, a free loopback port,
// fsync off. initdb refuses root, so as root we run it as the `postgres` user (or `nobody`).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../server/lib/ports.ts";

export interface TempPostgres {
  /** superuser URL of the `postgres` database */
  url: string;
  urlFor(database: string): string;
  /** Creates an empty database (a plain identifier) and returns its URL. */
  createDatabase(database: string): Promise<string>;
  stop(): Promise<void>;
  /** Stops the server as an outage would (its data and port are kept); `resume` starts it again. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

export function findPostgresBin(): string | null {
  if (process.env.PG_BIN && existsSync(path.join(process.env.PG_BIN, "initdb"))) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, "bin/initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : null;
}

function runAs(): { uid: number; gid: number; user: string } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ["postgres", "nobody"]) {
    const id = spawnSync("id", ["-u", user], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
    if (id.status === 0) return { uid: Number(id.stdout), gid: Number(gid.stdout), user };
  }
  throw new Error("running as root and no unprivileged user to run postgres as");
}

export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (scripts/setup installs them)");
  const dir = mkdtempSync(path.join(tmpdir(), "cf-pg-"));
  const owner = runAs();
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const init = spawnSync(
    path.join(bin, "initdb"),
    ["-D", path.join(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
    { encoding: "utf8", ...asOwner, cwd: dir },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  let log = "";
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const launch = async (): Promise<ChildProcess> => {
    const proc: ChildProcess = spawn(
      path.join(bin, "postgres"),
      [
        "-D",
        path.join(dir, "data"),
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=400",
        "-c",
        "shared_buffers=128MB",
      ],
      { stdio: ["ignore", "ignore", "pipe"], ...asOwner, cwd: dir },
    );
    proc.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`postgres exited: ${log}`);
      try {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.end();
        return proc;
      } catch {
        if (Date.now() > deadline) throw new Error(`postgres did not start: ${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  let child = await launch();
  /** Ends the server (a fast shutdown: open sessions are cut), keeping its data and port. */
  const halt = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT");
    });
  const cleanup = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  return {
    url,
    urlFor: (db) => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    createDatabase: async (db) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`not a plain database name: ${db}`);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${db}`);
      } finally {
        await admin.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${db}`;
    },
    halt,
    resume: async () => {
      if (child.exitCode === null) return;
      child = await launch();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          cleanup();
          return resolve();
        }
        child.once("exit", () => {
          cleanup();
          resolve();
        });
        child.kill("SIGINT"); // fast shutdown
      }),
  };
}
