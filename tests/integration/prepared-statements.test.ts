// Named prepared statements on a real PostgreSQL (ADR 038): the app's reads are parsed once per
// pooled connection and PostgreSQL moves them to a generic plan (no planning per execution); a
// statement expanding `*` is never prepared, and a column added while the server runs breaks nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeUser } from "../harness/factories.ts";

interface Prepared {
  name: string;
  statement: string;
  generic_plans: bigint;
  custom_plans: bigint;
}

describe("prepared statements", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("prepares the app's statements by name and reuses a generic plan, on one connection", async () => {
    const { user } = await makeUser("INVESTOR");
    const prepared = await db().$transaction(async (tx) => {
      for (let i = 0; i < 8; i++)
        expect((await tx.user.findUnique({ where: { email: user.email } }))?.id).toBe(user.id);
      return tx.$queryRaw<Prepared[]>`SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements`;
    });
    const read = prepared.find((p) => /FROM "public"\."User"/.test(p.statement) && /"email" = \$1/.test(p.statement));
    expect(read, JSON.stringify(prepared.map((p) => p.statement))).toBeDefined();
    expect(read!.name).toMatch(/^cf_/);
    expect(Number(read!.generic_plans + read!.custom_plans)).toBe(8);
    expect(Number(read!.generic_plans)).toBeGreaterThan(0); // planned once, then reused
  });

  it("never prepares a statement that expands *, and a column added meanwhile breaks neither kind", async () => {
    const { user } = await makeUser("INVESTOR");
    const starSql = 'SELECT u.* FROM "User" u WHERE u.id = $1';
    await db().$transaction(async (tx) => {
      await tx.user.findUnique({ where: { id: user.id }, select: { id: true, name: true } });
      await tx.$queryRawUnsafe(starSql, user.id);
      const names = await tx.$queryRaw<Prepared[]>`SELECT name, statement FROM pg_prepared_statements`;
      expect(names.some((p) => p.statement === starSql)).toBe(false);
      expect(names.some((p) => /"public"\."User"/.test(p.statement) && p.name.startsWith("cf_"))).toBe(true);

      // A migration adds a column while this connection holds the prepared read.
      await tx.$executeRawUnsafe('ALTER TABLE "User" ADD COLUMN "preparedProbe" int');
      const again = await tx.user.findUnique({ where: { id: user.id }, select: { id: true, name: true } });
      expect(again).toEqual({ id: user.id, name: user.name });
      const [row] = await tx.$queryRawUnsafe<Record<string, unknown>[]>(starSql, user.id);
      expect(row).toHaveProperty("preparedProbe", null);
      // Left as it was for the other tests of this database.
      await tx.$executeRawUnsafe('ALTER TABLE "User" DROP COLUMN "preparedProbe"');
    });
  });
});
