// Migrations are the schema's history: applying all of them to an empty database must give
// exactly the schema that prisma/schema.prisma describes. Objects Prisma cannot express
// (extensions, exclusion constraints) are hand-written in migrations and named `hw_*`.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../server/db/migrate.ts";
import { schemaDiffScript } from "../../server/db/schema-diff.ts";
import { useTestDatabase } from "../harness/db.ts";

async function describeSchema(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows.map((r) => Object.values(r).join(" | ")).sort();
    return {
      columns:
        await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '') FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      constraints: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                            WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE 'hw\\_%' AND conrelid::regclass::text <> '_prisma_migrations'`),
      indexes: await q(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE 'hw\\_%' AND tablename <> '_prisma_migrations'`,
      ),
      enums: await q(
        `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
      ),
    };
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  let migratedUrl: string;
  let freshUrl: string;

  beforeAll(async () => {
    migratedUrl = await useTestDatabase(); // every migration applied by server/db/migrate.ts
    const admin = new pg.Client({ connectionString: migratedUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE schema_from_prisma");
    await admin.end();
    freshUrl = migratedUrl.replace(/\/[^/]+$/, "/schema_from_prisma");
  });

  it("applying every migration gives the schema that schema.prisma describes", async () => {
    const sql = await schemaDiffScript("empty", "prisma/schema.prisma", freshUrl);
    const c = new pg.Client({ connectionString: freshUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
    const [fromMigrations, fromSchema] = await Promise.all([describeSchema(migratedUrl), describeSchema(freshUrl)]);
    expect(fromMigrations.columns.length).toBeGreaterThan(50);
    expect(fromMigrations).toEqual(fromSchema);
  }, 60_000);

  it("is recorded in Prisma's ledger and re-running applies nothing", async () => {
    const c = new pg.Client({ connectionString: migratedUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
    await c.end();
    const files = await readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(await migrate(migratedUrl)).toEqual([]);
  });
});
