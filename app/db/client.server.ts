import { createHash } from "node:crypto";
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

/** How many distinct statements are prepared by name; any beyond run unnamed (ADR 038). */
export const PREPARED_STATEMENTS_MAX = 500;
const statementNames = new Map<string, string>();
/** `SELECT *`, `SELECT x.*`, `, x.*`, `RETURNING *`: not `COUNT(*)` or a product. */
const STAR_EXPANSION = /(?:\bSELECT|\bRETURNING|,|\.)\s*\*/i;

/**
 * The name a statement is prepared under on each pooled connection: the same text, the same name,
 * so PostgreSQL parses it once per connection and, once it settles on a generic plan, stops planning
 * it (ADR 038). Past PREPARED_STATEMENTS_MAX distinct texts (an `IN` list of every length, say)
 * statements run unnamed, so neither this map nor a connection's statements grow without bound.
 */
export function statementName(sql: string): string {
  const known = statementNames.get(sql);
  if (known !== undefined) return known;
  if (statementNames.size >= PREPARED_STATEMENTS_MAX) return ""; // pg: "" is the unnamed statement
  // A `*` expanded into columns: once a migration adds a column, PostgreSQL refuses to run the
  // prepared statement ("cached plan must not change result type"). Such statements stay unnamed.
  const name = STAR_EXPANSION.test(sql)
    ? ""
    : `cf_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
  statementNames.set(sql, name);
  return name;
}

/**
 * Creates a Prisma client over the pg driver adapter. DB_POOL_MAX=1 is required on PGlite, and
 * DB_PREPARED_STATEMENTS=0 (its one session outlives a pooled connection that reconnects).
 */
export function createDb(connectionString = config().DATABASE_URL): Db {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const { DB_POOL_MAX: max, DB_PREPARED_STATEMENTS: prepared } = config();
  // The pool is ours (so its sizes can be reported at /metrics); $disconnect still ends it. Its
  // connections stay open once made (pg's default closes one idle for 10 s): they are in the
  // deployment's connection budget anyway (docs/deploy), and a fresh one costs the request that waits
  // on it a PostgreSQL backend's start and every prepared statement again (ADR 033). An idle
  // connection does not keep a script's process alive.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 0, allowExitOnIdle: true });
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    ...(prepared ? { statementNameGenerator: (query) => statementName(query.sql) } : {}),
  });
  const client = new PrismaClient({ adapter });
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
