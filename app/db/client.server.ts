import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "~/config.server";
import { PrismaClient } from "~/generated/prisma/client";

export type Db = PrismaClient;

const pools = new WeakMap<Db, pg.Pool>();

/** Creates a Prisma client over the pg driver adapter. DB_POOL_MAX=1 is required on PGlite. */
export function createDb(connectionString = config().DATABASE_URL): Db {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const max = config().DB_POOL_MAX;
  // The pool is ours so that the job queue can share it on the embedded PGlite (ADR 030); Prisma
  // still ends it on $disconnect.
  const pool = new pg.Pool({ connectionString, max });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

declare global {
  var __cloudfairDb: Db | undefined;
}

/** The process-wide client, created on first use. */
export function db(): Db {
  globalThis.__cloudfairDb ??= createDb();
  return globalThis.__cloudfairDb;
}

/** The pg pool under the process-wide client (the job queue's connection on the embedded PGlite). */
export function dbPool(): pg.Pool {
  return pools.get(db())!;
}
