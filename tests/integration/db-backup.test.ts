// `npm run db:backup` / `npm run db:restore` round trips (ADR 029): for PostgreSQL (pg_dump /
// pg_restore) and for the embedded PGlite (its data-directory dump). After a backup, the database
// is changed (rows deleted, updated, added); the restore brings back exactly the backed-up state:
// the same row count in every table and the same sample rows.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../server/db/embedded.ts";
import { migrate } from "../../server/db/migrate.ts";
import { backupKindOf, pgliteLockFile, pgTool } from "../../server/db/backup.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "cf-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an npm script's entry the way `npm run` does, with only the given variables changed. */
function script(name: "db-backup" | "db-restore", args: string[], env: Record<string, string | undefined>) {
  const clean: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn" };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete clean[k];
    else clean[k] = v;
  }
  const out = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [`scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    env: clean,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

type Snapshot = Record<string, { count: number; sample: unknown[] }>;

/** Every table's row count, and its first rows by primary key (first column) as JSON. */
async function snapshot(url: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const snap: Snapshot = {};
    for (const { name } of tables.rows) {
      const q = `"${name.replace(/"/g, '""')}"`;
      const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${q}`);
      const sample = await client.query(`SELECT row_to_json(t)::text AS j FROM ${q} t ORDER BY 1 LIMIT 20`);
      snap[name] = { count: Number(count.rows[0].n), sample: sample.rows.map((r: { j: string }) => r.j) };
    }
    return snap;
  } finally {
    await client.end();
  }
}

async function sql(url: string, statements: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgTool("pg_dump"))("db:backup / db:restore on PostgreSQL", () => {
  let url = "";
  beforeAll(async () => {
    url = await useTestDatabase();
    const fair = await makeFair();
    for (let i = 0; i < 3; i++) {
      const owner = await makeUser("EXHIBITOR");
      await makeBooth(fair, owner.organizationId!, "APPROVED");
    }
    await makeUser("INVESTOR");
  });

  it("restores exactly what was backed up after the database changed", async () => {
    const before = await snapshot(url);
    expect(before.User.count).toBeGreaterThanOrEqual(4);
    expect(before.Booth.count).toBe(3);
    const file = path.join(work, "pg.dump");
    const backup = script("db-backup", [file], { DATABASE_URL: url });
    expect(backup.output).toContain("backup written");
    expect(backup.status).toBe(0);
    expect(backupKindOf(file)).toBe("postgres");

    await sql(
      url,
      `DELETE FROM "BoothMedia"; UPDATE "Booth" SET "isPublic" = false;
       DELETE FROM "Session"; UPDATE "User" SET name = 'changed after the backup'`,
    );
    await makeUser("VISITOR");
    expect(await snapshot(url)).not.toEqual(before);

    const restore = script("db-restore", [file], { DATABASE_URL: url });
    expect(restore.output).toContain("restored from");
    expect(restore.status).toBe(0);
    expect(await snapshot(url)).toEqual(before);
  }, 120_000);

  it("refuses a PGlite backup, a stranger file and a missing file, changing nothing", async () => {
    const before = await snapshot(url);
    const stranger = path.join(work, "notes.txt");
    writeFileSync(stranger, "not a backup");
    const fakeGz = path.join(work, "x.tar.gz");
    writeFileSync(fakeGz, Buffer.from([0x1f, 0x8b, 8, 0]));
    expect(script("db-restore", [fakeGz], { DATABASE_URL: url })).toMatchObject({ status: 2 });
    const r = script("db-restore", [stranger], { DATABASE_URL: url });
    expect(r.status).toBe(2);
    expect(r.output).toContain("not a CloudFair backup");
    expect(script("db-restore", [], { DATABASE_URL: url }).output).toContain("usage:");
    expect(script("db-restore", [path.join(work, "missing.dump")], { DATABASE_URL: url }).status).toBe(2);
    expect(await snapshot(url)).toEqual(before);
  }, 120_000);
});

describe("db:backup / db:restore on the embedded PGlite", () => {
  const dataDir = path.join(work, "data");
  const pgliteDir = path.join(dataDir, "pglite");

  /** Opens the embedded database the way the server does, runs `fn` on its URL, closes it. */
  async function withEmbedded<T>(fn: (url: string) => Promise<T>): Promise<T> {
    const embedded = await startEmbeddedPostgres(pgliteDir);
    try {
      return await fn(embedded.url);
    } finally {
      await embedded.stop();
    }
  }

  it("restores exactly what was backed up, keeping the replaced directory", async () => {
    const before = await withEmbedded(async (url) => {
      await migrate(url);
      await sql(
        url,
        `CREATE TABLE probe (id int PRIMARY KEY, name text, at timestamptz);
         INSERT INTO probe SELECT i, '展位 ' || i || ' booth', now() FROM generate_series(1, 2000) i;`,
      );
      return snapshot(url);
    });
    expect(before.probe.count).toBe(2000);
    expect(before._prisma_migrations.count).toBeGreaterThan(0);

    const file = path.join(work, "embedded.tar.gz");
    const backup = script("db-backup", [file], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(backup.output).toContain("backup written");
    expect(backup.status).toBe(0);
    expect(backupKindOf(file)).toBe("pglite");
    // A PostgreSQL target refuses it.
    expect(script("db-restore", [file], { DATABASE_URL: "postgresql://x@127.0.0.1:9/none" }).output).toContain(
      "is a pglite backup",
    );

    await withEmbedded((url) => sql(url, `DELETE FROM probe WHERE id > 10; UPDATE probe SET name = 'changed'`));

    const restore = script("db-restore", [file], { DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(restore.output).toContain("restored from");
    expect(restore.status).toBe(0);
    expect(readdirSync(dataDir).some((n) => n.startsWith("pglite.before-restore-"))).toBe(true);
    expect(await withEmbedded(snapshot)).toEqual(before);
  }, 240_000);

  it("refuses while a running server holds the embedded database", async () => {
    writeFileSync(pgliteLockFile(pgliteDir), String(process.pid)); // this (live) process "is the server"
    try {
      for (const [name, args] of [
        ["db-backup", [path.join(work, "no.tar.gz")]],
        ["db-restore", [path.join(work, "embedded.tar.gz")]],
      ] as const) {
        const r = script(name, [...args], { DATA_DIR: dataDir, DATABASE_URL: undefined });
        expect(r.status, name).toBe(1);
        expect(r.output).toContain(`the server (pid ${process.pid}) has the embedded database open`);
      }
      expect(existsSync(path.join(work, "no.tar.gz"))).toBe(false);
    } finally {
      rmSync(pgliteLockFile(pgliteDir), { force: true });
    }
  }, 60_000);
});
