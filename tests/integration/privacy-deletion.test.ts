// "Delete my account" (ADR 022): a grace period that logging in can cancel, then erasure after
// which no personal value of the person is left in any column of any table — checked by scanning
// every text, JSON and array column the database has, so a table added later that copies personal
// data fails here until the erasure handles it — while statistics, deal ledgers and the other
// party's records stay consistent.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../../app/auth/accounts.server.ts";
import { verifyPassword } from "../../app/auth/password.server.ts";
import { createSession } from "../../app/auth/session.server.ts";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import {
  cancelDeletionWithToken,
  deletionForToken,
  eraseDueAccounts,
  requestDeletion,
  restoreTokenForLogin,
  USER_DATA,
} from "../../app/domain/privacy/deletion.server.ts";
import { FORMER_PARTICIPANT, PRIVACY } from "../../app/domain/privacy/policy.ts";
import * as accountPage from "../../app/routes/account._index.tsx";
import * as listRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as loginPage from "../../app/routes/login.tsx";
import * as restorePage from "../../app/routes/account.restore.tsx";
import * as leadsPage from "../../app/routes/exhibitor.leads.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";
import { buildSubject, OTHER_SIDE, sessionUserOf, SUBJECT } from "../harness/privacy.ts";

const DAY = 864e5;

/** Every text-like column of every table: text, varchar, json(b) and arrays of them. */
async function textColumns() {
  return db().$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
           OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))
    ORDER BY 1, 2`;
}

/** Where a value still occurs: "Table.column" for every column holding it. */
async function occurrences(value: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { table, column } of await textColumns()) {
    const [row] = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`,
      `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
    if (row.n > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

describe("delete my account", () => {
  let w: Awaited<ReturnType<typeof buildSubject>>;
  let secrets: string[];

  beforeAll(async () => {
    await useTestDatabase();
    configure({ MEDIA_DIR: mkdtempSync(path.join(tmpdir(), "cf-media-")) });
    w = await buildSubject();
    const row = await db().user.findUniqueOrThrow({ where: { id: w.subject.user.id } });
    // (The password hash is shared by every test user: checked below by not verifying instead.)
    secrets = [row.calendarTokenHash!];
    // Staff and the exhibitor look at their leads: logged views (counts only).
    await call(listRoute.loader, req(`/staff/fairs/${w.fair.id}/dashboard/leads`, { cookie: w.staff.cookie }), {
      id: w.fair.id,
      list: "leads",
    });
  }, 120_000);

  it("declares what erasure does with every column that can hold a person or point at one", async () => {
    const cols = await db().$queryRaw<{ c: string }[]>`
      SELECT table_name || '.' || column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        AND (column_name ~* '(user|author|actor|sender|createdBy)Id$' OR column_name ~* 'userIds$'
             OR column_name ~* '(email|phone|name|ip|ipKey|visitorId|passwordHash|tokenHash|body|message|notes|comment|reason|nextStep|recordingConsent)$')
        AND NOT (column_name ~* '^(name|nameZh|nameEn)$' AND table_name NOT IN ('User', 'TeamContact'))
        AND column_name NOT IN ('originalName', 'filename', 'keyHash', 'roomName')
      ORDER BY 1`;
    const undeclared = cols.map((r) => r.c).filter((c) => !(c in USER_DATA));
    expect(undeclared, "add these to USER_DATA in app/domain/privacy/deletion.server.ts and erase them").toEqual([]);
  });

  it("before: the person's values are in the database (the scan can see them)", async () => {
    for (const v of [...Object.values(SUBJECT), ...secrets]) expect(await occurrences(v), v).not.toEqual([]);
    // e.g. the email sits in the account, the organization, booth contacts, login attempts and the audit log.
    expect(await occurrences(SUBJECT.email)).toEqual(
      expect.arrayContaining(["User.email", "Organization.contactEmail", "TeamContact.email", "LoginAttempt.email"]),
    );
    // Copies inside JSON: the other side's notification and the audit log carry the cancel reason.
    expect(await occurrences(SUBJECT.cancel)).toEqual(
      expect.arrayContaining(["Meeting.cancelReason", "Notification.data", "AuditLog.after"]),
    );
    expect(await occurrences(SUBJECT.oldName)).toEqual(["AuditLog.before"]);
  });

  it("asks for the password, ends every session, and offers to cancel at the next login", async () => {
    const bad = await call(
      accountPage.action,
      req("/account", { cookie: w.subject.cookie, form: { intent: "delete", password: "wrong", confirm: "on" } }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.password).toBe("密码不正确。");
    const unconfirmed = await call(
      accountPage.action,
      req("/account", { cookie: w.subject.cookie, form: { intent: "delete", password: w.password } }),
    );
    expect(unconfirmed.status).toBe(400);
    // Hostile input: a huge or repeated field is a localized 400, never a 500.
    const huge = await call(
      accountPage.action,
      req("/account", {
        cookie: w.subject.cookie,
        form: { intent: "delete", password: "x".repeat(5000), confirm: "on" },
      }),
    );
    expect(huge.status).toBe(400);

    const res = await call(
      accountPage.action,
      req("/account", { cookie: w.subject.cookie, form: { intent: "delete", password: w.password, confirm: "on" } }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/account\/deleted\?on=/);
    expect(res.headers.get("Set-Cookie")).toMatch(/cf_session=;/);
    expect(await db().session.count({ where: { userId: w.subject.user.id } })).toBe(0);
    const pending = await db().accountDeletion.findUniqueOrThrow({ where: { userId: w.subject.user.id } });
    expect(Math.round((pending.dueAt.getTime() - pending.requestedAt.getTime()) / DAY)).toBe(PRIVACY.deletionGraceDays);
    // The old cookie is dead.
    expect((await call(accountPage.loader, req("/account", { cookie: w.subject.cookie }))).status).toBe(302);

    // Logging in starts no session but lands on the offer to cancel.
    const login = await call(
      loginPage.action,
      req("/login", { form: { email: SUBJECT.email, password: w.password } }),
      {},
      { clientIp: "192.0.2.44" },
    );
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe("/account/restore");
    const restoreCookie = login.headers.get("Set-Cookie")!.split(";")[0];
    expect(restoreCookie).toMatch(/^cf_restore=/);
    expect(await db().session.count({ where: { userId: w.subject.user.id } })).toBe(0);
    const page = await call(restorePage.loader, req("/account/restore", { cookie: restoreCookie }));
    expect(page.status).toBe(200);
    // Without the cookie, or with a forged one, there is nothing to cancel.
    expect((await call(restorePage.loader, req("/account/restore"))).status).toBe(302);
    expect(
      (
        await call(
          restorePage.action,
          req("/account/restore", { cookie: "cf_restore=forged", form: { intent: "cancel" } }),
        )
      ).status,
    ).toBe(410);
    const cancelled = await call(
      restorePage.action,
      req("/account/restore", { cookie: restoreCookie, form: { intent: "cancel" } }),
    );
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("Location")).toBe("/account?restored=1");
    expect(await db().accountDeletion.count({ where: { userId: w.subject.user.id } })).toBe(0);
    expect(await db().session.count({ where: { userId: w.subject.user.id } })).toBe(1);
    // The token was for one use.
    expect(
      (await call(restorePage.action, req("/account/restore", { cookie: restoreCookie, form: { intent: "cancel" } })))
        .status,
    ).toBe(410);
  });

  it("erases nothing before the grace period ends, and everything personal after it", async () => {
    const me = await sessionUserOf({ cookie: (await createSession(w.subject.user.id)).split(";")[0] });
    const now = new Date();
    await requestDeletion(me, w.password, now);
    const token = await restoreTokenForLogin(w.subject.user.id, now);
    expect(await deletionForToken(token, now)).toMatchObject({ userId: w.subject.user.id });
    expect(await deletionForToken(token, new Date(now.getTime() + (PRIVACY.restoreLinkMinutes + 1) * 60_000))).toBe(
      null,
    );

    // What must stay consistent: statistics, the deal ledger, the other side's records.
    const counts = async () => ({
      visits: await db().boothVisit.count({ where: { boothId: w.booth.id } }),
      bookmarks: await db().bookmark.count({ where: { boothId: w.booth.id } }),
      meetings: await db().meeting.count({ where: { fairId: w.fair.id } }),
      outcomes: (
        await db().meetingOutcome.findMany({
          where: { meetingId: w.pastMeetingId },
          orderBy: { side: "asc" },
          select: { side: true, result: true, amount: true, rating: true },
        })
      ).map((o) => ({ ...o, amount: o.amount?.toString() })),
      survey: await db().fairSurvey.findMany({
        where: { fairId: w.fair.id },
        select: { nps: true, satisfaction: true },
      }),
      messages: await db().chatMessage.count(),
    });
    const before = await counts();

    expect(await eraseDueAccounts(new Date(now.getTime() + (PRIVACY.deletionGraceDays - 1) * DAY))).toBe(0);
    expect(await occurrences(SUBJECT.email)).not.toEqual([]);
    expect(await eraseDueAccounts(new Date(now.getTime() + (PRIVACY.deletionGraceDays + 1) * DAY))).toBe(1);
    // Irreversible: the restore link is gone with the request.
    expect(await cancelDeletionWithToken(token).catch((e) => e.status)).toBe(410);

    // No personal value of the person remains in any column of any table.
    const values = [...Object.values(SUBJECT), ...secrets];
    const left: Record<string, string[]> = {};
    for (const v of values) {
      const hits = await occurrences(v);
      if (hits.length) left[v] = hits;
    }
    expect(left).toEqual({});

    // The row stays, pseudonymous; nobody can log in with the old credentials.
    const erased = await db().user.findUniqueOrThrow({ where: { id: w.subject.user.id } });
    expect(erased).toMatchObject({ name: FORMER_PARTICIPANT, calendarTokenHash: null });
    expect(erased.email).toBe(`erased-${w.subject.user.id}@erased.invalid`);
    expect(erased.erasedAt).not.toBeNull();
    expect(await verifyPassword(erased.passwordHash, w.password)).toBe(false);
    await expect(authenticate(SUBJECT.email, w.password, "192.0.2.45")).rejects.toMatchObject({ status: 401 });
    expect(await db().membership.count({ where: { userId: w.subject.user.id } })).toBe(0);
    expect(await db().consent.count({ where: { userId: w.subject.user.id, withdrawnAt: null } })).toBe(0);

    // Statistics and the ledger are unchanged; the other side keeps what it wrote.
    expect(await counts()).toEqual(before);
    expect(await db().chatMessage.count({ where: { body: OTHER_SIDE.reply } })).toBe(1);
    expect(await db().meetingOutcome.count({ where: { notes: OTHER_SIDE.notes } })).toBe(1);
    const past = await db().meeting.findUniqueOrThrow({
      where: { id: w.pastMeetingId },
      include: { participants: true },
    });
    expect(past.status).toBe("COMPLETED");
    expect(past.participants.map((p) => p.userId)).toContain(w.subject.user.id);

    // The future meeting the person alone attended for their side is cancelled, and the other side told.
    expect(await db().meeting.findUniqueOrThrow({ where: { id: w.futureMeetingId } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: null,
    });
    expect(
      await db().notification.count({
        where: {
          userId: w.exhibitor.user.id,
          kind: "meeting.cancelled",
          data: { path: ["meetingId"], equals: w.futureMeetingId },
        },
      }),
    ).toBe(1);

    // The other side sees "former participant"; erased people are no longer anyone's lead.
    const requests = await call(
      listRoute.loader,
      req(`/staff/fairs/${w.fair.id}/dashboard/requests`, { cookie: w.staff.cookie }),
      { id: w.fair.id, list: "requests" },
    );
    expect(await requests.text()).toContain(FORMER_PARTICIPANT);
    const leads = await call(leadsPage.loader, req("/exhibitor/leads", { cookie: w.exhibitor.cookie }));
    expect(await leads.text()).not.toContain(FORMER_PARTICIPANT);

    // The organization the person alone belonged to stays, without its contact details or booth contacts.
    const org = await db().organization.findUniqueOrThrow({ where: { id: w.exOrgId } });
    expect(org).toMatchObject({ nameZh: "测试展商Qz7", contactName: null, contactEmail: null, contactPhone: null });
    expect(await db().booth.count({ where: { id: w.ownBooth.id } })).toBe(1);
    expect(await db().teamContact.count({ where: { boothId: w.ownBooth.id } })).toBe(0);
    // The exhibitor's own contacts are untouched.
    expect(await db().teamContact.count({ where: { boothId: w.booth.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: "account.erase", entityId: w.subject.user.id } })).toBe(1);

    // Running the job again erases nothing more.
    expect(await eraseDueAccounts(new Date(now.getTime() + 30 * DAY))).toBe(0);
  }, 120_000);

  it("refuses the last platform administrator", async () => {
    const { makeUser } = await import("../harness/factories.ts");
    const admins = await db().membership.findMany({ where: { role: "ADMIN" } });
    expect(admins).toHaveLength(0);
    const admin = await makeUser("ADMIN");
    const res = await call(
      accountPage.action,
      req("/account", { cookie: admin.cookie, form: { intent: "delete", password: w.password, confirm: "on" } }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).formError).toBe("您是最后一位平台管理员，请先指定另一位管理员。");
    await makeUser("ADMIN");
    const ok = await call(
      accountPage.action,
      req("/account", { cookie: admin.cookie, form: { intent: "delete", password: w.password, confirm: "on" } }),
    );
    expect(ok.status).toBe(302);
  });
});
