// Retention (ADR 022): the periods the privacy notice states are the ones the code applies — the
// session and reset-link lifetimes where they are made, and the privacy job's deletions.
import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../../app/auth/accounts.server.ts";
import { createSession } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { recordVisit } from "../../app/domain/booths/visits.server.ts";
import { PRIVACY } from "../../app/domain/privacy/policy.ts";
import { pruneExpired } from "../../app/domain/privacy/retention.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";

const DAY = 864e5;

describe("retention", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("makes sessions and reset links last as long as the notice says", async () => {
    const u = await makeUser("VISITOR");
    const t0 = Date.now();
    await createSession(u.user.id);
    const s = await db().session.findFirstOrThrow({ where: { userId: u.user.id }, orderBy: { createdAt: "desc" } });
    expect(Math.round((s.expiresAt.getTime() - t0) / DAY)).toBe(PRIVACY.sessionDays);
    await requestPasswordReset(u.email, "http://localhost");
    const r = await db().passwordResetToken.findFirstOrThrow({ where: { userId: u.user.id } });
    expect(Math.round((r.expiresAt.getTime() - t0) / 3600_000)).toBe(PRIVACY.resetLinkHours);
  });

  it("deletes expired sessions, old login attempts, used or expired reset links, and old visit IP hashes and salts", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const u = await makeUser("VISITOR");
    await db().session.createMany({
      data: [
        { id: "expired-session", userId: u.user.id, expiresAt: ago(0.01) },
        { id: "live-session", userId: u.user.id, expiresAt: new Date(now.getTime() + DAY) },
      ],
    });
    await db().loginAttempt.createMany({
      data: [
        { email: u.email, ip: "192.0.2.1", success: false, createdAt: ago(PRIVACY.loginAttemptDays + 1) },
        { email: u.email, ip: "192.0.2.1", success: true, createdAt: ago(PRIVACY.loginAttemptDays - 1) },
      ],
    });
    await db().passwordResetToken.createMany({
      data: [
        { userId: u.user.id, tokenHash: "used-long-ago", expiresAt: ago(3), usedAt: ago(3) },
        { userId: u.user.id, tokenHash: "expired-long-ago", expiresAt: ago(2) },
        { userId: u.user.id, tokenHash: "still-valid", expiresAt: new Date(now.getTime() + 3600_000) },
      ],
    });
    const fair = await makeFair();
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!);
    const visit = {
      boothId: booth.id,
      timeZone: "Asia/Shanghai",
      userId: null,
      visitorId: "anon-visitor",
      fromCookie: false,
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
    };
    await recordVisit({ ...visit, now: ago(PRIVACY.visitSaltDays + 1) });
    await recordVisit({ ...visit, visitorId: "anon-visitor-2", now });
    await db().boothVisit.updateMany({
      where: { visitorId: "anon-visitor" },
      data: { createdAt: ago(PRIVACY.visitSaltDays + 1) },
    });
    await db().visitSalt.create({ data: { day: ago(PRIVACY.visitSaltDays + 5), salt: "old" } });

    const pruned = await pruneExpired(now);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(
      await db().session.findMany({
        where: { id: { in: ["expired-session", "live-session"] } },
        select: { id: true },
      }),
    ).toEqual([{ id: "live-session" }]);
    expect(await db().loginAttempt.findMany({ where: { email: u.email }, select: { success: true } })).toEqual([
      { success: true },
    ]);
    expect(
      (await db().passwordResetToken.findMany({ where: { userId: u.user.id }, select: { tokenHash: true } })).map(
        (t) => t.tokenHash,
      ),
    ).toEqual(["still-valid"]);
    const visits = await db().boothVisit.findMany({ where: { boothId: booth.id }, orderBy: { createdAt: "asc" } });
    expect(visits.map((v) => v.ipKey === null)).toEqual([true, false]); // the visits stay; the old hash goes
    expect(await db().visitSalt.count({ where: { salt: "old" } })).toBe(0);
  });

  it("states those numbers in the notice, in both languages", () => {
    const params = {
      sessionDays: PRIVACY.sessionDays,
      loginDays: PRIVACY.loginAttemptDays,
      saltDays: PRIVACY.visitSaltDays,
      graceDays: PRIVACY.deletionGraceDays,
    };
    expect(serverTranslator("en")("notice.keep.login", params)).toBe("Login attempts: deleted after 30 days.");
    expect(serverTranslator("zh-CN")("notice.keep.login", params)).toBe("登录尝试：30 天后删除。");
    expect(serverTranslator("en")("notice.keep.deletion", params)).toContain("14 days");
    expect(serverTranslator("en")("notice.keep.visits", params)).toContain("after 2 days");
  });
});
