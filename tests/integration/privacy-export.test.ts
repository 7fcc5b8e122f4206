// "Download my data" (ADR 022): a streamed ZIP with everything held about the person as JSON and the
// files they uploaded; the other side appears by organization only; once per 10 minutes; logged.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { mediaStorage } from "../../app/domain/booths/media.server.ts";
import { PRIVACY } from "../../app/domain/privacy/policy.ts";
import * as accountPage from "../../app/routes/account._index.tsx";
import * as exportRoute from "../../app/routes/account.export.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeUser, req } from "../harness/factories.ts";
import { buildSubject, OTHER_SIDE, readZip, SUBJECT } from "../harness/privacy.ts";

describe("download my data", () => {
  let w: Awaited<ReturnType<typeof buildSubject>>;
  let files: Map<string, Buffer>;
  const read = (name: string) => JSON.parse(files.get(name)!.toString("utf8"));

  beforeAll(async () => {
    await useTestDatabase();
    configure({ MEDIA_DIR: mkdtempSync(path.join(tmpdir(), "cf-media-")) });
    w = await buildSubject();
  }, 120_000);

  it("streams a ZIP of JSON files and the person's uploads, and logs it", async () => {
    const res = await call(exportRoute.action, req("/account/export", { cookie: w.subject.cookie, form: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="cloudfair-my-data-\d{4}-\d\d-\d\d\.zip"/,
    );
    expect(res.headers.get("Content-Length")).toBeNull(); // streamed, not built first
    files = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        "README.txt",
        "account.json",
        "organizations.json",
        "activity.json",
        "meetings.json",
        "chat.json",
        "notifications.json",
        "surveys.json",
        "consents.json",
        "audit-log.json",
        "uploads.json",
      ]),
    );
    expect(await db().auditLog.count({ where: { action: "account.export", actorId: w.subject.user.id } })).toBe(1);
  });

  it("holds the account, organizations, activity, meetings, own outcomes, chat, survey, consents and audit entries", () => {
    const account = read("account.json");
    expect(account.user).toMatchObject({ email: SUBJECT.email, name: SUBJECT.name, calendarFeed: true });
    expect(account.user.passwordHash).toBeUndefined();
    expect(account.loginAttempts).toEqual([expect.objectContaining({ success: false })]);

    const orgs = read("organizations.json");
    expect(orgs.map((o: { organization: { nameZh: string } }) => o.organization.nameZh).sort()).toEqual([
      "测试展商Qz7",
      "测试投资机构Qz7",
    ]);
    // The exhibitor's organization (not theirs) is not there.
    expect(JSON.stringify(orgs)).not.toContain(w.exhibitor.organizationId!);

    const activity = read("activity.json");
    expect(activity.bookmarks).toHaveLength(1);
    expect(activity.visits).toHaveLength(1);
    expect(activity.availability).toHaveLength(1);
    expect(activity.notInterested).toHaveLength(1);

    const meetings = read("meetings.json");
    expect(meetings.requests).toEqual(
      expect.arrayContaining([expect.objectContaining({ sentByYou: true, message: SUBJECT.request })]),
    );
    const past = meetings.meetings.find((m: { id: string }) => m.id === w.pastMeetingId);
    expect(past.yourOutcome).toMatchObject({ notes: SUBJECT.notes, nextStep: SUBJECT.nextStep, amount: "1200000" });
    // The other side by its organization's names, nothing about the person.
    expect(past.exhibitor).toEqual({ nameZh: expect.stringMatching(/^机构/), nameEn: expect.stringMatching(/^Org /) });
    // Only their own outcome: the other side's notes are not in the export.
    expect(files.get("meetings.json")!.toString()).not.toContain(OTHER_SIDE.notes);
    expect(meetings.meetings.find((m: { id: string }) => m.id === w.cancelledMeetingId).cancelReason).toBe(
      SUBJECT.cancel,
    );

    const [thread] = read("chat.json");
    expect(thread.youAre).toBe("visitor");
    expect(thread.messages).toEqual([
      expect.objectContaining({ from: "you", body: SUBJECT.chat }),
      expect.objectContaining({ from: "other side", body: OTHER_SIDE.reply }),
    ]);

    expect(read("surveys.json")).toEqual([expect.objectContaining({ nps: 9, comment: SUBJECT.survey })]);
    const consents = read("consents.json");
    expect(consents.map((c: { kind: string }) => c.kind).sort()).toEqual([
      "CONTACT_SHARING",
      "LEAD_SHARING",
      "RECORDING",
    ]);
    expect(consents.find((c: { kind: string }) => c.kind === "CONTACT_SHARING").wording).toContain("电子邮箱");
    const audit = read("audit-log.json");
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(["user.rename", "meeting.request", "meeting.cancel", "outcome.create", "booth.banner"]),
    );
    expect(read("notifications.json").length).toBeGreaterThan(0);
  });

  it("includes the files they uploaded, byte for byte as stored", async () => {
    const uploads = read("uploads.json") as { key: string; action: string }[];
    expect(uploads).toEqual([expect.objectContaining({ action: "booth.banner" })]);
    const stored = await mediaStorage().get(uploads[0].key);
    expect(stored).not.toBeNull();
    expect(files.get(`uploads/${uploads[0].key}`)!.equals(stored!)).toBe(true);
  });

  it("carries no other user's email or phone, and names the other side by organization only", async () => {
    const everything = [...files.values()].map((b) => b.toString("utf8")).join("\n");
    const others = await db().user.findMany({
      where: { id: { not: w.subject.user.id } },
      select: { email: true, name: true },
    });
    for (const o of others) {
      expect(everything, o.email).not.toContain(o.email);
      expect(everything, o.name).not.toContain(o.name);
    }
    const otherOrgs = await db().organization.findMany({
      where: { memberships: { none: { userId: w.subject.user.id } }, contactPhone: { not: null } },
      select: { contactPhone: true, contactEmail: true },
    });
    expect(otherOrgs.length).toBeGreaterThan(0);
    for (const o of otherOrgs) {
      expect(everything).not.toContain(o.contactPhone!);
      if (o.contactEmail) expect(everything).not.toContain(o.contactEmail);
    }
    // The exhibitor's booth contact (not the person) is not there either.
    expect(everything).not.toContain("zhang@booth.example.cn");
  });

  it(`allows one export per ${PRIVACY.exportEveryMinutes} minutes and says how long to wait`, async () => {
    const again = await call(exportRoute.action, req("/account/export", { cookie: w.subject.cookie, form: {} }));
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toMatch(/^\/account\?exportWait=(10|9)$/);
    const page = await call(accountPage.loader, req(again.headers.get("Location")!, { cookie: w.subject.cookie }));
    expect((await page.json()).exportWait).toBeGreaterThan(0);
    expect(await db().auditLog.count({ where: { action: "account.export", actorId: w.subject.user.id } })).toBe(1);
    // A made-up wait in the URL is bounded; GET never exports.
    const silly = await call(accountPage.loader, req("/account?exportWait=99999999", { cookie: w.subject.cookie }));
    expect((await silly.json()).exportWait).toBe(0);
    expect((await call(exportRoute.loader, req("/account/export", { cookie: w.subject.cookie }))).status).toBe(302);
  });

  it("needs a signed-in user; anyone else gets their own data only", async () => {
    const anon = await call(exportRoute.action, req("/account/export", { form: {} }));
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login/);
    const visitor = await makeUser("VISITOR");
    const res = await call(exportRoute.action, req("/account/export", { cookie: visitor.cookie, form: {} }));
    expect(res.status).toBe(200);
    const mine = readZip(Buffer.from(await res.arrayBuffer()));
    const all = [...mine.values()].map((b) => b.toString("utf8")).join("\n");
    expect(all).toContain(visitor.email);
    expect(all).not.toContain(SUBJECT.email);
    expect(JSON.parse(mine.get("chat.json")!.toString())).toEqual([]);
  });
});
