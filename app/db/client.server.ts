import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "~/config.server";
import { PrismaClient } from "~/generated/prisma/client";

export type Db = PrismaClient;

declare global {
  var __cloudfairDb: Db | undefined;
  var __cloudfairDbPools: WeakMap<Db, pg.Pool> | undefined;
}
const pools = () => (globalThis.__cloudfairDbPools ??= new WeakMap());

/** Creates a Prisma client over the pg driver adapter. DB_POOL_MAX=1 is required on PGlite. */
export function createDb(connectionString = config().DATABASE_URL): Db {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const max = config().DB_POOL_MAX;
  // The pool is ours (so its sizes can be reported at /metrics); $disconnect still ends it.
  const pool = new pg.Pool({ connectionString, max });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools().set(client, pool);
  return client;
}

/** The process-wide client, created on first use. */
export function db(): Db {
  globalThis.__cloudfairDb ??= createDb();
  return globalThis.__cloudfairDb;
}

/** The process-wide client's pool: open, idle and waiting connections (null before first use). */
export function dbPoolStats(): { total: number; idle: number; waiting: number; max: number } | null {
  const client = globalThis.__cloudfairDb;
  const pool = client && pools().get(client);
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

/** The pg pool under the process-wide client (the job queue's connection on the embedded PGlite, ADR 030). */
export function dbPool(): pg.Pool {
  return pools().get(db())!;
}
