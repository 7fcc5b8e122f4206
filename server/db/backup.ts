// `npm run db:backup` / `npm run db:restore` (docs/decisions/029): PostgreSQL through pg_dump /
// pg_restore (custom format: compressed, restorable table by table), the embedded PGlite through its
// own data-directory dump (a .tar.gz of the whole cluster, restorable by the same PGlite version).
// The kind of a backup file is read from its first bytes, so a restore never mixes the two up.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  openSync,
  readSync,
  closeSync,
} from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { childProcessEnv } from "../../app/config.server.ts";

export type BackupKind = "postgres" | "pglite";

/** The newest pg_dump / pg_restore: a Debian cluster's bin directory first, then PATH. */
export function pgTool(name: "pg_dump" | "pg_restore"): string | null {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, "bin", name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], "bin", name);
  }
  const which = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** "postgres" (pg_dump's custom format starts with PGDMP), "pglite" (gzip) or null. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(5);
    readSync(fd, head, 0, 5, 0);
    if (head.toString("latin1") === "PGDMP") return "postgres";
    if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    return null;
  } finally {
    closeSync(fd);
  }
}

function run(tool: string, args: string[], what: string): void {
  const out = spawnSync(tool, args, { encoding: "utf8", env: childProcessEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (out.error) throw new Error(`${what}: ${out.error.message}`);
  if (out.status !== 0) throw new Error(`${what} failed (exit ${out.status}): ${out.stderr.trim().slice(-2_000)}`);
}

function requireTool(name: "pg_dump" | "pg_restore"): string {
  const tool = pgTool(name);
  if (!tool)
    throw new Error(`${name} not found: install the PostgreSQL client tools (e.g. apt-get install postgresql-client)`);
  return tool;
}

/** pg_dump of the whole database (schema and data, no owners or grants) into `file`. */
export function backupPostgres(url: string, file: string): void {
  run(
    requireTool("pg_dump"),
    ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`],
    "pg_dump",
  );
}

/**
 * Restores a pg_dump backup into the database at `url`, replacing the objects it contains, in one
 * transaction (a failed restore leaves the database as it was).
 */
export function restorePostgres(url: string, file: string): void {
  run(
    requireTool("pg_restore"),
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${url}`,
      file,
    ],
    "pg_restore",
  );
}

/** The lock the running server holds on the embedded database (server/db/embedded.ts). */
export const pgliteLockFile = (dataDir: string) => `${dataDir}.lock`;

/** Refuses to touch the embedded database while a live server process has it open. */
export function assertPGliteIdle(dataDir: string): void {
  const lock = pgliteLockFile(dataDir);
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale lock: that process is gone
  }
  throw new Error(
    `the server (pid ${pid}) has the embedded database open: stop it first (Ctrl-C), then run this again ` +
      `(if pid ${pid} is not CloudFair, delete ${lock})`,
  );
}

/** A .tar.gz of the embedded database's data directory, made by PGlite itself. */
export async function backupPGlite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`no embedded database in ${dataDir}`);
  assertPGliteIdle(dataDir);
  const db = await PGlite.create(dataDir, { extensions: { btree_gist } });
  try {
    const dump = await db.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/**
 * Replaces the embedded database with a backup. The current data directory is kept beside it as
 * `pglite.before-restore-<time>` until you delete it.
 */
export async function restorePGlite(dataDir: string, file: string): Promise<{ previous: string | null }> {
  assertPGliteIdle(dataDir);
  const fresh = `${dataDir}.restoring`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  const db = await PGlite.create(fresh, {
    extensions: { btree_gist },
    loadDataDir: new Blob([new Uint8Array(readFileSync(file))]),
  });
  await db.query("SELECT 1"); // the restored cluster starts and answers
  await db.close();
  let previous: string | null = null;
  if (existsSync(dataDir)) {
    previous = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dataDir, previous);
  }
  renameSync(fresh, dataDir);
  return { previous };
}
