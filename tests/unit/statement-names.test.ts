// Named prepared statements (ADR 038): one name per statement text, none for a statement that
// expands `*` (a column added later would make PostgreSQL refuse it), and none past the cap.
import { beforeEach, describe, expect, it, vi } from "vitest";

type ClientModule = typeof import("../../app/db/client.server.ts");
let mod: ClientModule;
beforeEach(async () => {
  vi.resetModules(); // a fresh map of names per test
  mod = await import("../../app/db/client.server.ts");
});

describe("statementName", () => {
  it("gives a text the same name every time and different texts different names", () => {
    const a = 'SELECT "t0"."id" FROM "public"."User" AS "t0" WHERE "t0"."email" = $1';
    const b = 'SELECT "t0"."id" FROM "public"."User" AS "t0" WHERE "t0"."id" = $1';
    const name = mod.statementName(a);
    expect(name).toMatch(/^cf_[\w-]{24}$/);
    expect(mod.statementName(`${a}`)).toBe(name);
    expect(mod.statementName(b)).not.toBe(name);
  });

  it("leaves statements that expand * unnamed, and not COUNT(*) or a product", () => {
    for (const sql of [
      'SELECT * FROM "User"',
      'select u.* from "User" u',
      'SELECT u.id, m.* FROM "User" u JOIN "Membership" m ON m."userId" = u.id',
      'SELECT x.id FROM (SELECT true AS a, r . * FROM "MeetingRequest" r) x',
      'INSERT INTO "Bookmark" ("userId") VALUES ($1) RETURNING *',
    ])
      expect(mod.statementName(sql), sql).toBe("");
    for (const sql of [
      'SELECT COUNT(*)::int FROM "Notification" WHERE "userId" = $1',
      'SELECT p."ticketMin" * 2 AS twice FROM "InvestorProfile" p',
    ])
      expect(mod.statementName(sql), sql).toMatch(/^cf_/);
  });

  it(`names at most ${500} distinct statements; later ones run unnamed, earlier ones keep their names`, () => {
    expect(mod.PREPARED_STATEMENTS_MAX).toBe(500);
    const first = mod.statementName("SELECT $1::int AS n0");
    for (let i = 1; i < mod.PREPARED_STATEMENTS_MAX; i++)
      expect(mod.statementName(`SELECT $1::int AS n${i}`)).not.toBe("");
    expect(mod.statementName("SELECT $1::int AS one_too_many")).toBe("");
    expect(mod.statementName("SELECT $1::int AS n0")).toBe(first);
  });
});
