// Gives a test file its own migrated database and points the app's db() at it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { configure } from "../../app/config.server.ts";
import { startEmbeddedPostgres } from "../../server/db/embedded.ts";
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
    configure({ DATABASE_URL: url, DB_POOL_MAX: 1 });
    cleanups.push(() => embedded.stop());
  }
  globalThis.__cloudfairDb = undefined;
  cleanups.push(async () => {
    await globalThis.__cloudfairDb?.$disconnect();
    globalThis.__cloudfairDb = undefined;
  });
  return url;
}
