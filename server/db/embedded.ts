// The embedded default database: PGlite (Postgres compiled to Wasm) served on loopback by
// pglite-socket. PGlite has ONE session, so Prisma must use a single pooled connection
// (DB_POOL_MAX=1, set by the caller) — see docs/decisions/001-embedded-defaults.md.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { freePort } from "../lib/ports.ts";

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
