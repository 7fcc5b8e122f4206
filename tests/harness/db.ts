// Gives a test file its own migrated database and points the app's db() at it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { configure } from "../../app/config.server.ts";
import { PGLITE_DB_CONFIG, startEmbeddedPostgres } from "../../server/db/embedded.ts";
import { migrate } from "../../server/db/migrate.ts";
import { TEMPLATE_DB } from "./global-setup.ts";

// Vitest ignores hooks registered from inside another hook, so cleanup is registered once, when a
// test file imports this module, and runs whatever useTestDatabase() (called in beforeAll) set up.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export async function useTestDatabase(): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  let url: string;
  if (adminUrl) {
    const name = `t_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    url = adminUrl.replace(/\/postgres$/, `/${name}`);
    configure({ DATABASE_URL: url, DB_POOL_MAX: 10 });
  } else {
    const embedded = await startEmbeddedPostgres();
    await migrate(embedded.url);
    url = embedded.url;
    configure({ DATABASE_URL: url, ...PGLITE_DB_CONFIG });
    cleanups.push(() => embedded.stop());
  }
  globalThis.__cloudfairDb = undefined;
  cleanups.push(async () => {
    const client = globalThis.__cloudfairDb;
    globalThis.__cloudfairDb = undefined;
    if (client) await disconnectOrReport(client, adminUrl, url);
  });
  return url;
}

const DISCONNECT_MS = 15_000;

/**
 * Disconnects the file's Prisma client. pg's pool.end() waits for every checked-out connection, so
 * a query that never finishes would hang the file's cleanup (seen once under full-suite load): after
 * 15 s the sessions still open on the test database are printed (to find the query) and terminated,
 * instead of the whole file failing on a hook timeout after its tests passed.
 */
async function disconnectOrReport(
  client: NonNullable<typeof globalThis.__cloudfairDb>,
  adminUrl: string | undefined,
  url: string,
) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), DISCONNECT_MS)));
  const result = await Promise.race([client.$disconnect().then(() => "ok" as const), timedOut]);
  clearTimeout(timer);
  if (result === "ok" || !adminUrl) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS xact_age, left(query, 300) AS query
         FROM pg_stat_activity WHERE datname = $1`,
      [name],
    );
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    console.error(
      `[harness] database client did not disconnect within ${DISCONNECT_MS} ms; open sessions were terminated:`,
      rows,
    );
  } finally {
    await admin.end();
  }
}
