// The embedded default database: PGlite (Postgres compiled to Wasm) served on loopback by
// pglite-socket. PGlite has ONE session, so Prisma must use a single pooled connection
// (DB_POOL_MAX=1) — see docs/decisions/001-embedded-defaults.md.
import { rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { config, configure } from "../../app/config.server.ts";
import { freePort } from "../lib/ports.ts";
import { pgliteLockFile } from "./backup.ts";

/**
 * The app's database settings on PGlite: its ONE session takes one pooled connection, and no named
 * prepared statements (a connection that reconnects would find the old one's names taken, ADR 038).
 */
export const PGLITE_DB_CONFIG = { DB_POOL_MAX: 1, DB_PREPARED_STATEMENTS: false } as const;

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** dataDir undefined = in memory (tests); otherwise persisted on disk. */
export async function startEmbeddedPostgres(dataDir?: string, port?: number): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? "memory://", { extensions: { btree_gist } });
  const listenPort = port ?? (await freePort());
  // At least 2 connections: pg-pool reconnects after an SQL error while the old socket closes.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: listenPort, maxConnections: 8 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * The embedded default of the server and the scripts: PGlite persisted in `<DATA_DIR>/pglite`,
 * made the app's database (configure, not process.env) with one pooled connection.
 */
export async function startEmbeddedDefault(): Promise<EmbeddedPostgres & { dataDir: string }> {
  const dataDir = path.resolve(config().DATA_DIR, "pglite");
  // `npm run db:backup` / `db:restore` refuse to open the directory while this process has it (ADR 029).
  // (Not checked here: after a crash in a container, the lock's pid may belong to another process.)
  const embedded = await startEmbeddedPostgres(dataDir);
  const lock = pgliteLockFile(dataDir);
  writeFileSync(lock, String(process.pid));
  const release = () => rmSync(lock, { force: true });
  process.once("exit", release);
  configure({ DATABASE_URL: embedded.url, ...PGLITE_DB_CONFIG });
  return {
    ...embedded,
    dataDir,
    async stop() {
      await embedded.stop();
      release();
    },
  };
}
