// Mail (ADR 026) against a real SMTP server: Mailpit, started for this file. Meeting mails in the
// recipient's language with an iCalendar invitation whose UID stays and SEQUENCE grows; reminders in
// the recipient's zone with the fair's named; the outcome form after a meeting and the post-fair
// survey, linked on APP_URL; the reset link on APP_URL; retries, backoff and FAILED; KEPT without
// SMTP_URL; one mail per event.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, signUp } from "../../app/auth/accounts.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { deliverDue, MAX_ATTEMPTS, retryMail } from "../../app/domain/mail/delivery.server.ts";
import { enqueueMail } from "../../app/domain/mail/outbox.server.ts";
import { acceptRequest, declineRequest } from "../../app/domain/meetings/booking.server.ts";
import { queueDueDigests } from "../../app/domain/mail/digest.server.ts";
import { nextDigestAt } from "../../app/domain/mail/digest-time.ts";
import { queueInvitation } from "../../app/domain/onboarding/invitations.server.ts";
import { cancelMeeting, rescheduleMeeting } from "../../app/domain/meetings/changes.server.ts";
import { queueReminderMails } from "../../app/domain/meetings/reminders.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { setFairStatus } from "../../app/domain/fairs/fair-admin.server.ts";
import { settleMeetings } from "../../app/domain/video/attendance.server.ts";
import { whenText } from "../../app/domain/mail/templates/meeting.ts";
import { appOrigin } from "../../app/lib/app-url.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeMeeting, makeUser, req } from "../harness/factories.ts";
import { signedToken } from "../../app/domain/mail/links.server.ts";
import * as unsubscribeRoute from "../../app/routes/mail.unsubscribe.$token.tsx";
import * as verifyRoute from "../../app/routes/verify-email.$token.tsx";
import * as settingsRoute from "../../app/routes/account.notifications.tsx";
import * as rootRoute from "../../app/root.tsx";
import * as agendaRoute from "../../app/routes/meetings.tsx";
import { issueFeedToken } from "../../app/domain/meetings/calendar-feed.server.ts";
import { useMailpit } from "../harness/mailpit.ts";
import { localDay } from "../../app/domain/mail/digest-time.ts";

const localDayOf = (at: Date, zone: string) => localDay(at, zone).day;

type Mailpit = Awaited<ReturnType<typeof useMailpit>>;
const APP = "https://fair.example.cn";

describe("mail through SMTP (Mailpit)", () => {
  let mp: Mailpit;
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: { startsAt: Date }[];
  const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
  const confirmed = async (
    role: "INVESTOR" | "EXHIBITOR" | "VISITOR",
    locale = "zh-CN",
    timeZone = "Asia/Shanghai",
  ) => {
    const u = await makeUser(role);
    await db().user.update({ where: { id: u.user.id }, data: { emailVerifiedAt: new Date(), locale, timeZone } });
    return u;
  };
  const drain = async () => {
    for (let i = 0; i < 10; i++) {
      const r = await deliverDue();
      if (r.sent + r.kept + r.retried + r.failed === 0) return;
    }
  };

  beforeAll(async () => {
    await useTestDatabase();
    configure({ APP_URL: APP });
    mp = await useMailpit();
    fair = await makeFair();
    const day = new Date(Date.now() + 9 * 864e5).toISOString().slice(0, 10);
    const shape = { meetingDays: [day], sessionStart: "09:00", sessionEnd: "13:00", slotMinutes: 20 };
    await db().fair.update({ where: { id: fair.id }, data: shape });
    slots = fairSlots({ ...shape, timeZone: "Asia/Shanghai" });
  }, 60_000);
  afterAll(async () => {
    await mp?.stop();
    configure({ APP_URL: undefined });
  });

  async function meeting(
    inv: { cookie: string; user: { id: string } },
    ex: { cookie: string; organizationId: string | null },
    slot: number,
  ) {
    const r = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[slot].startsAt.toISOString()],
    });
    const s = await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } });
    return acceptRequest(await me(ex), r.id, s.id);
  }

  function parseIcs(text: string) {
    const comp = new ICAL.Component(ICAL.parse(text));
    const ev = comp.getFirstSubcomponent("vevent")!;
    return {
      method: comp.getFirstPropertyValue("method"),
      uid: ev.getFirstPropertyValue("uid"),
      sequence: Number(ev.getFirstPropertyValue("sequence")),
      start: new ICAL.Event(ev).startDate.toJSDate(),
    };
  }

  async function invitation(id: string) {
    const msg = await mp.get(id);
    const part = msg.Attachments.find((a) => a.FileName.endsWith(".ics"));
    expect(part, "an .ics attachment").toBeTruthy();
    return { msg, ics: parseIcs(await mp.part(id, part!.PartID)) };
  }

  it("mails the requester when a meeting is accepted, in their language, with an invitation; a reschedule keeps the UID and raises SEQUENCE; a cancel says CANCEL", async () => {
    const inv = await confirmed("INVESTOR", "en", "Europe/Berlin");
    const ex = await confirmed("EXHIBITOR", "zh-CN");
    const m = await meeting(inv, ex, 0);
    await drain();

    // The exhibitor got the request (Chinese), the investor the acceptance (English).
    const [toEx] = await mp.to(ex.email);
    expect(toEx.Subject).toContain("邀请您洽谈");
    const acceptedList = await mp.to(inv.email);
    expect(acceptedList).toHaveLength(1);
    const first = await invitation(acceptedList[0].ID);
    expect(first.msg.Subject).toMatch(/^Meeting confirmed: /);
    expect(first.msg.Text).toContain("Hello");
    expect(first.msg.Text).toContain("Central European"); // the recipient's zone …
    expect(first.msg.Text).toContain("Asia/Shanghai"); // … and the fair's, named
    expect(first.msg.Text).toContain(`${APP}/meetings#meeting-${m.id}`);
    expect(first.msg.HTML).toContain(`href="${APP}/meetings#meeting-${m.id}"`);
    expect(first.ics).toMatchObject({ method: "REQUEST", uid: `meeting-${m.id}@cloudfair`, sequence: 0 });
    expect(first.ics.start.getTime()).toBe(slots[0].startsAt.getTime());

    // The exhibitor moves it: the investor's calendar updates the same event.
    await rescheduleMeeting(await me(ex), m.id, slots[3].startsAt.toISOString(), "航班改签");
    await drain();
    const moved = (await mp.to(inv.email)).find((x) => x.Subject.startsWith("Meeting moved"))!;
    const second = await invitation(moved.ID);
    expect(second.ics).toMatchObject({ method: "REQUEST", uid: first.ics.uid, sequence: 1 });
    expect(second.ics.start.getTime()).toBe(slots[3].startsAt.getTime());
    expect(second.msg.Text).toContain("Reason: 航班改签");

    await cancelMeeting(await me(ex), m.id, "");
    await drain();
    const cancelled = (await mp.to(inv.email)).find((x) => x.Subject.startsWith("Meeting cancelled"))!;
    const third = await invitation(cancelled.ID);
    expect(third.ics).toMatchObject({ method: "CANCEL", uid: first.ics.uid, sequence: 2 });

    // Every notification mail can be stopped in one click (RFC 8058).
    const headers = await mp.headers(cancelled.ID);
    expect(headers["List-Unsubscribe"]?.[0]).toMatch(new RegExp(`^<${APP}/mail/unsubscribe/[A-Za-z0-9_.-]+>$`));
    expect(headers["List-Unsubscribe-Post"]?.[0]).toBe("List-Unsubscribe=One-Click");
    // Nothing was mailed twice.
    expect(await mp.to(inv.email)).toHaveLength(3);
  });

  it("sends unconfirmed accounts and turned-off categories no notification mail", async () => {
    const inv = await makeUser("INVESTOR"); // never confirmed
    const ex = await confirmed("EXHIBITOR");
    await db().user.update({ where: { id: ex.user.id }, data: { mailSettings: { off: ["meeting.request"] } } });
    await meeting(inv, ex, 5);
    await drain();
    expect(await mp.to(inv.email)).toHaveLength(0);
    expect(await mp.to(ex.email)).toHaveLength(0);
  });

  it("reminds a day and 15 minutes before, once per start time, at the recipient's zone time with the fair's zone named", async () => {
    const inv = await confirmed("INVESTOR", "en", "America/New_York");
    const ex = await confirmed("EXHIBITOR", "zh-CN", "Europe/London");
    const m = await meeting(inv, ex, 1);
    const startsAt = m.startsAt;
    await drain();
    await mp.clear();
    await queueReminderMails(new Date(startsAt.getTime() - 20 * 3_600_000));
    await queueReminderMails(new Date(startsAt.getTime() - 19 * 3_600_000)); // nothing new
    await queueReminderMails(new Date(startsAt.getTime() - 10 * 60_000));
    await drain();
    const subjects = (await mp.to(inv.email)).map((x) => x.Subject).sort();
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toMatch(/^In 15 minutes/);
    expect(subjects[1]).toMatch(/^Meeting reminder/);
    expect(await mp.to(ex.email)).toHaveLength(2);

    // Each reminder's body gives the time in the recipient's own zone and in the fair's, both named.
    const at = startsAt.toISOString();
    for (const [who, locale, zone] of [
      [inv, "en", "America/New_York"],
      [ex, "zh-CN", "Europe/London"],
    ] as const) {
      for (const sum of await mp.to(who.email)) {
        const { Text } = await mp.get(sum.ID);
        expect(Text, sum.Subject).toContain(whenText(locale, at, zone));
        expect(Text, sum.Subject).toContain(`(${zone})`);
        expect(Text, sum.Subject).toContain(whenText(locale, at, "Asia/Shanghai"));
        expect(Text, sum.Subject).toContain("(Asia/Shanghai)");
      }
    }
  });

  it("asks both sides for the outcome once a meeting is over, in each one's language, linking the outcome form on APP_URL", async () => {
    const inv = await confirmed("INVESTOR", "en");
    const ex = await confirmed("EXHIBITOR", "zh-CN");
    const m = await meeting(inv, ex, 10);
    await drain();
    // The meeting took place: it started 30 minutes ago, both joined and both left 10 minutes ago.
    const now = Date.now();
    await db().meeting.update({
      where: { id: m.id },
      data: {
        startsAt: new Date(now - 30 * 60_000),
        endsAt: new Date(now - 10 * 60_000),
        status: "IN_PROGRESS",
        attendanceSettledAt: new Date(now - 20 * 60_000),
      },
    });
    for (const u of [inv, ex])
      await db().meetingAttendance.create({
        data: {
          meetingId: m.id,
          userId: u.user.id,
          participantSid: `PA_mail_${u.user.id}`,
          joinedAt: new Date(now - 29 * 60_000),
          leftAt: new Date(now - 10 * 60_000),
        },
      });
    expect(await settleMeetings()).toMatchObject({ completed: 1 });
    await drain();

    const link = `${APP}/meetings/${m.id}/outcome`;
    const orgs = await db().organization.findMany({ where: { id: { in: [inv.organizationId!, ex.organizationId!] } } });
    const nameOf = (id: string | null) => orgs.find((o) => o.id === id)!;
    const toInv = (await mp.to(inv.email)).filter((x) => x.Subject.startsWith("How did it go?"));
    expect(toInv).toHaveLength(1);
    const en = await mp.get(toInv[0].ID);
    expect(en.Subject).toBe(`How did it go? Record the outcome: ${nameOf(ex.organizationId).nameEn}`);
    expect(en.Text).toContain("Hello");
    expect(en.Text).toContain(link);
    expect(en.HTML).toContain(`href="${link}"`);
    const toEx = (await mp.to(ex.email)).filter((x) => x.Subject.startsWith("请填写洽谈结果"));
    expect(toEx).toHaveLength(1);
    const zh = await mp.get(toEx[0].ID);
    expect(zh.Subject).toBe(`请填写洽谈结果：${nameOf(inv.organizationId).nameZh}`);
    expect(zh.Text).toContain("您好");
    expect(zh.Text).toContain(link);
    expect(zh.HTML).toContain(`href="${link}"`);

    await settleMeetings(); // a second run asks nobody again
    await drain();
    expect((await mp.to(inv.email)).filter((x) => x.Subject.startsWith("How did it go?"))).toHaveLength(1);
  });

  it("closing a fair mails the post-fair survey to its exhibitors and the investors who met there, in their language, linking the survey on APP_URL", async () => {
    const closing = await makeFair();
    const inv = await confirmed("INVESTOR", "en");
    const ex = await confirmed("EXHIBITOR", "zh-CN");
    const bystander = await confirmed("INVESTOR", "en"); // met nobody at this fair
    await makeBooth(closing, ex.organizationId!);
    await makeMeeting({
      fair: closing,
      investor: inv,
      exhibitor: ex,
      startsAt: new Date(Date.now() - 2 * 3_600_000),
      endsAt: new Date(Date.now() - 3_600_000),
      status: "COMPLETED",
    });
    const staff = await makeUser("STAFF", closing.organizerId);
    await setFairStatus(await me(staff), closing.id, "CLOSED");
    await drain();

    const link = `${APP}/fairs/${closing.slug}/survey`;
    const [toInv, ...moreToInv] = await mp.to(inv.email);
    expect(moreToInv).toHaveLength(0);
    const en = await mp.get(toInv.ID);
    expect(en.Subject).toBe("Test Fair: post-fair survey");
    expect(en.Text).toContain("Test Fair has closed.");
    expect(en.Text).toContain(link);
    expect(en.HTML).toContain(`href="${link}"`);
    const [toEx, ...moreToEx] = await mp.to(ex.email);
    expect(moreToEx).toHaveLength(0);
    const zh = await mp.get(toEx.ID);
    expect(zh.Subject).toBe("测试展会 展后调查");
    expect(zh.Text).toContain("测试展会 已结束。");
    expect(zh.Text).toContain(link);
    expect(zh.HTML).toContain(`href="${link}"`);
    expect(await mp.to(bystander.email)).toHaveLength(0);
  });

  it("mails the reset link built on APP_URL, and blanks the stored link once sent", async () => {
    const u = await confirmed("VISITOR", "zh-CN");
    const link = await requestPasswordReset(u.email, appOrigin(), "192.0.2.77");
    expect(link!.startsWith(`${APP}/reset-password/`)).toBe(true);
    await drain();
    const [sum] = await mp.to(u.email);
    const msg = await mp.get(sum.ID);
    expect(msg.Subject).toBe("重置您的云展洽密码");
    expect(msg.Text).toContain(link!);
    expect(msg.HTML).toContain(`href="${link}"`);
    const row = await db().mailOutbox.findFirstOrThrow({ where: { userId: u.user.id, kind: "password-reset" } });
    expect(row.status).toBe("SENT");
    expect(JSON.stringify(row.data)).not.toContain(link!.split("/").pop()!);
  });

  it("retries with backoff while the server is unreachable, marks FAILED after the last attempt, and an admin retry sends it once", async () => {
    const eventKey = `test.retry:${Date.now()}`;
    await db().$transaction((tx) =>
      enqueueMail(tx, {
        kind: "password-reset",
        eventKey,
        toEmail: "retry@test.cloudfair.cn",
        locale: "en",
        data: { name: "R", link: `${APP}/x` },
      }),
    );
    configure({ SMTP_URL: "smtp://127.0.0.1:1" }); // nothing listens there
    const before = Date.now();
    await deliverDue();
    let row = await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(29_000);
    // Not due yet: nothing happens.
    await deliverDue();
    expect((await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } })).attempts).toBe(1);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await db().mailOutbox.update({ where: { eventKey }, data: { nextAttemptAt: new Date(0) } });
      await deliverDue();
    }
    row = await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    await db().mailOutbox.update({ where: { eventKey }, data: { nextAttemptAt: new Date(0) } });
    await deliverDue();
    expect((await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } })).attempts).toBe(MAX_ATTEMPTS);

    configure({ SMTP_URL: mp.smtpUrl });
    expect(await retryMail(row.id)).toBe(true);
    expect(await retryMail(row.id)).toBe(false); // no longer failed
    await Promise.all([deliverDue(), deliverDue(), deliverDue()]); // several workers: one delivery
    await drain();
    expect(await mp.to("retry@test.cloudfair.cn")).toHaveLength(1);
    expect(await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } })).toMatchObject({ status: "SENT" });
  });

  it("keeps mails, composed and unsent, when no SMTP_URL is configured", async () => {
    configure({ SMTP_URL: undefined });
    try {
      const eventKey = `test.kept:${Date.now()}`;
      await db().$transaction((tx) =>
        enqueueMail(tx, {
          kind: "verify-email",
          eventKey,
          toEmail: "kept@test.cloudfair.cn",
          locale: "en",
          data: { name: "K", link: `${APP}/v` },
        }),
      );
      await drain();
      expect(await db().mailOutbox.findUniqueOrThrow({ where: { eventKey } })).toMatchObject({
        status: "KEPT",
        sentAt: null,
      });
      expect(await mp.to("kept@test.cloudfair.cn")).toHaveLength(0);
    } finally {
      configure({ SMTP_URL: mp.smtpUrl });
    }
  });

  it("unsubscribes in one click without a login (GET only asks), and answers hostile tokens with 400", async () => {
    const inv = await confirmed("INVESTOR", "en");
    const ex = await confirmed("EXHIBITOR");
    await meeting(inv, ex, 4);
    await drain();
    const [mailToEx] = await mp.to(ex.email);
    const header = (await mp.headers(mailToEx.ID))["List-Unsubscribe"][0];
    const token = decodeURIComponent(header.slice(1, -1).split("/").pop()!);
    const path = `/mail/unsubscribe/${token}`;
    const settings = async () => (await db().user.findUniqueOrThrow({ where: { id: ex.user.id } })).mailSettings;

    const asked = await call(unsubscribeRoute.loader, req(path), { token });
    expect(asked.status).toBe(200);
    expect(await settings()).toEqual({});
    // What a mail provider sends (RFC 8058): no cookie, the one-click body.
    const done = await call(unsubscribeRoute.action, req(path, { form: { "List-Unsubscribe": "One-Click" } }), {
      token,
    });
    expect(done.status).toBe(200);
    expect(await settings()).toMatchObject({ off: ["meeting.request"] });
    expect((await call(unsubscribeRoute.action, req(path, { form: {} }), { token })).status).toBe(200); // idempotent

    const [payload, sig] = token.split(".");
    const verifyToken = await signedToken(db(), "verify", ex.user.id, ex.email);
    const otherUsersSig = (await signedToken(db(), "unsubscribe", inv.user.id, "meeting.request")).split(".")[1];
    const hostile = [
      "",
      "x",
      `${payload}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, // tampered signature
      `${payload}.${otherUsersSig}`, // another user's key
      verifyToken, // right key, wrong purpose
      `${Buffer.from(`u|${ex.user.id}|everything`).toString("base64url")}.${sig}`, // unknown category
      "a".repeat(5000) + "." + sig,
      `${payload}\u0000.${sig}`,
      `${payload}.${sig}.${sig}`,
    ];
    for (const bad of hostile) {
      expect((await call(unsubscribeRoute.loader, req("/mail/unsubscribe/x"), { token: bad })).status, bad).toBe(400);
      expect(
        (await call(unsubscribeRoute.action, req("/mail/unsubscribe/x", { form: {} }), { token: bad })).status,
        bad,
      ).toBe(400);
      if (bad !== verifyToken)
        expect((await call(verifyRoute.loader, req("/verify-email/x"), { token: bad })).status, bad).toBe(400);
    }
  });

  it("mails a sign-up the link confirming the address, in the sign-up's language; an address changed since voids the link", async () => {
    const email = `signup-${Date.now()}@test.cloudfair.cn`;
    const { id } = await signUp(
      { accountType: "visitor", name: "Ada", email, password: "Lanterns-over-Qinhuai-47", orgName: "" } as never,
      "en",
    );
    await drain();
    const [sum] = await mp.to(email);
    const msg = await mp.get(sum.ID);
    expect(msg.Subject).toBe("Confirm your CloudFair email address");
    const link = /https:\/\/fair\.example\.cn\/verify-email\/\S+/.exec(msg.Text)![0];
    const u = { user: { id } };
    const token = link.split("/").pop()!;
    // The stored copy no longer holds the link once sent (ADR 026).
    const row = await db().mailOutbox.findFirstOrThrow({ where: { userId: id, kind: "verify-email" } });
    expect(row.status).toBe("SENT");
    expect(JSON.stringify(row.data)).not.toContain(token);
    expect((await call(verifyRoute.loader, req("/"), { token })).status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.user.id } })).emailVerifiedAt).not.toBeNull();
    const v = await makeUser("VISITOR");
    const old = await signedToken(db(), "verify", v.user.id, v.email);
    await db().user.update({ where: { id: v.user.id }, data: { email: `changed-${v.email}` } });
    expect((await call(verifyRoute.loader, req("/"), { token: old })).status).toBe(400);
    expect((await db().user.findUniqueOrThrow({ where: { id: v.user.id } })).emailVerifiedAt).toBeNull();
  });
  it("shows the banner and the settings' state from the session read until the address is confirmed; the agenda's feed button too", async () => {
    const u = await makeUser("INVESTOR"); // factories' accounts are unconfirmed
    const shell = async () => (await (await call(rootRoute.loader, req("/", { cookie: u.cookie }))).json()).user;
    const settings = async () =>
      (await (await call(settingsRoute.loader, req("/account/notifications", { cookie: u.cookie }))).json()).confirmed;
    const feed = async () =>
      (await (await call(agendaRoute.loader, req("/meetings", { cookie: u.cookie }))).json()).hasFeed;
    expect(await shell()).toMatchObject({ unconfirmed: true });
    expect(await settings()).toBe(false);
    expect(await feed()).toBe(false);
    await db().user.update({ where: { id: u.user.id }, data: { emailVerifiedAt: new Date() } });
    await issueFeedToken((await getUser(req("/", { cookie: u.cookie })))!);
    expect(await shell()).not.toHaveProperty("unconfirmed");
    expect(await settings()).toBe(true);
    expect(await feed()).toBe(true);
  });
  it("gathers a digest reader's mails into one digest a day, in their language and zone, with both events, List-Unsubscribe and the invitation; the job running twice (or at once) sends one", async () => {
    const inv = await confirmed("INVESTOR", "en", "Europe/Berlin");
    await db().user.update({ where: { id: inv.user.id }, data: { mailSettings: { off: [], digest: true } } });
    const ex1 = await confirmed("EXHIBITOR");
    const ex2 = await confirmed("EXHIBITOR");
    const accepted = await meeting(inv, ex1, 6); // meeting.accepted (with an invitation) for the investor
    const r = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex2.organizationId!,
      message: "",
      slots: [slots[2].startsAt.toISOString()],
    });
    await declineRequest(await me(ex2), r.id, "日程已满"); // meeting.declined for the investor
    await drain();
    expect(await mp.to(inv.email)).toHaveLength(0); // held, not sent
    expect(await mp.to(ex1.email)).toHaveLength(1); // the exhibitor reads single mails: the request came
    const held = await db().mailOutbox.findMany({ where: { userId: inv.user.id } });
    expect(held.map((h) => [h.kind, h.status]).sort()).toEqual([
      ["meeting.accepted", "HELD"],
      ["meeting.declined", "HELD"],
    ]);

    // Before 08:00 in Berlin nothing is due; from then on one digest, however often the job runs.
    const due = nextDigestAt(new Date(), "Europe/Berlin", 8);
    expect(await queueDueDigests(new Date(due.getTime() - 60_000))).toBe(0);
    const counts = await Promise.all([queueDueDigests(due), queueDueDigests(due)]);
    expect(counts.reduce((a, b) => a + b)).toBe(1);
    expect(await queueDueDigests(new Date(due.getTime() + 3_600_000))).toBe(0);
    await drain();
    const [digest, ...more] = await mp.to(inv.email);
    expect(more).toHaveLength(0);
    const msg = await mp.get(digest.ID);
    expect(msg.Subject).toBe("CloudFair daily digest: 2 new notifications");
    expect(msg.Text).toContain("Hello");
    expect(msg.Text).toMatch(/Meeting confirmed: /);
    expect(msg.Text).toMatch(/declined your meeting request/);
    expect(msg.Text).toContain(`${APP}/meetings#meeting-${accepted.id}`);
    expect(msg.Text).toMatch(/GMT\+1|CET/); // times in the investor's zone
    expect(msg.HTML).toContain(`href="${APP}/meetings#meeting-${accepted.id}"`);
    const headers = await mp.headers(digest.ID);
    expect(headers["List-Unsubscribe"]?.[0]).toMatch(new RegExp(`^<${APP}/mail/unsubscribe/[A-Za-z0-9_.-]+>$`));
    expect(headers["List-Unsubscribe-Post"]?.[0]).toBe("List-Unsubscribe=One-Click");
    const { ics } = await invitation(digest.ID);
    expect(ics).toMatchObject({ method: "REQUEST", uid: `meeting-${accepted.id}@cloudfair`, sequence: 0 });
    const rows = await db().mailOutbox.findMany({ where: { userId: inv.user.id }, orderBy: { kind: "asc" } });
    expect(rows.map((x) => [x.kind, x.status])).toEqual([
      ["digest", "SENT"],
      ["meeting.accepted", "DIGESTED"],
      ["meeting.declined", "DIGESTED"],
    ]);
    expect(rows[0].eventKey).toBe(`digest:${inv.user.id}:${localDayOf(due, "Europe/Berlin")}`);

    // Something new after today's digest waits for tomorrow's.
    await cancelMeeting(await me(ex1), accepted.id, ""); // a change: always sent at once
    const r2 = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex2.organizationId!,
      message: "",
      slots: [slots[7].startsAt.toISOString()],
    });
    await declineRequest(await me(ex2), r2.id, "");
    await drain();
    expect(
      (await mp.to(inv.email)).map((x) => x.Subject).filter((x) => x.startsWith("Meeting cancelled")),
    ).toHaveLength(1);
    expect(await queueDueDigests(new Date(due.getTime() + 2 * 3_600_000))).toBe(0);
    expect(await queueDueDigests(new Date(due.getTime() + 24 * 3_600_000))).toBe(1);

    // The digest's one-click unsubscribe stops what digests carry.
    const token = decodeURIComponent(headers["List-Unsubscribe"][0].slice(1, -1).split("/").pop()!);
    const path = `/mail/unsubscribe/${token}`;
    expect(
      (await call(unsubscribeRoute.action, req(path, { form: { "List-Unsubscribe": "One-Click" } }), { token })).status,
    ).toBe(200);
    const after = (await db().user.findUniqueOrThrow({ where: { id: inv.user.id } })).mailSettings as { off: string[] };
    expect(after.off.sort()).toEqual([
      "booth.review",
      "fair.survey",
      "meeting.answer",
      "meeting.outcome",
      "meeting.request",
    ]);
  });

  it("sends single mails when the digest is off, and turning it off releases what was held", async () => {
    const inv = await confirmed("INVESTOR", "zh-CN");
    // The settings page's choice: one daily digest (anything else is refused, nothing stored).
    const save = (delivery: string[]) =>
      call(
        settingsRoute.action,
        new Request("http://localhost/account/notifications", {
          method: "POST",
          headers: { Cookie: inv.cookie },
          body: new URLSearchParams([
            ["intent", "save"],
            ["on", "meeting.answer"],
            ...delivery.map((d): [string, string] => ["delivery", d]),
          ]),
        }),
        {},
      );
    const stored = async () => (await db().user.findUniqueOrThrow({ where: { id: inv.user.id } })).mailSettings;
    expect((await save(["digest"])).status).toBe(302);
    expect(await stored()).toMatchObject({ digest: true });
    for (const bad of [["on"], ["digest", "single"], ["digest\u0000"], [""]])
      expect((await save(bad)).status, JSON.stringify(bad)).toBe(400);
    expect((await save([])).status).toBe(302); // no choice sent: the current one stays
    expect(await stored()).toMatchObject({ digest: true });
    const ex = await confirmed("EXHIBITOR");
    const first = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[8].startsAt.toISOString()],
    });
    await declineRequest(await me(ex), first.id, "");
    await drain();
    expect(await mp.to(inv.email)).toHaveLength(0);
    expect((await save(["single"])).status).toBe(302); // releases what was held
    expect(await stored()).toMatchObject({ digest: false });
    await drain();
    expect((await mp.to(inv.email)).map((x) => x.Subject)).toEqual([expect.stringContaining("婉拒")]);
    const second = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[9].startsAt.toISOString()],
    });
    await declineRequest(await me(ex), second.id, "");
    await drain();
    expect(await mp.to(inv.email)).toHaveLength(2);
    expect(await queueDueDigests(new Date(Date.now() + 2 * 864e5))).toBe(0);
    expect(await db().mailOutbox.count({ where: { userId: inv.user.id, kind: "digest" } })).toBe(0);
  });

  it("blanks a claim link from the stored invitation once SENT, keeps it in a KEPT row", async () => {
    const send = async (id: string) => {
      const token = `tok-${id}-${Date.now()}`;
      await db().$transaction((tx) =>
        queueInvitation(tx, {
          invitationId: id,
          sends: 1,
          kind: "EXHIBITOR",
          token,
          expiresAt: new Date(Date.now() + 864e5),
          toEmail: `${id}@test.cloudfair.cn`,
          userId: `user-${id}`,
          locale: "zh-CN",
          name: "联系人",
          orgZh: "导入公司",
          orgEn: "Imported Co",
          fairZh: "展会",
          fairEn: "Fair",
        }),
      );
      await drain();
      return { token, row: await db().mailOutbox.findUniqueOrThrow({ where: { eventKey: `invitation:${id}:1` } }) };
    };
    const sent = await send(`inv-sent-${Date.now()}`);
    const [sum] = await mp.to(sent.row.toEmail);
    expect((await mp.get(sum.ID)).Text).toContain(`${APP}/claim/${sent.token}`);
    expect(sent.row.status).toBe("SENT");
    expect(JSON.stringify(sent.row.data)).not.toContain(sent.token);
    expect(sent.row.data).toMatchObject({ claimPath: "", redacted: true, orgZh: "导入公司" });

    configure({ SMTP_URL: undefined });
    try {
      const kept = await send(`inv-kept-${Date.now()}`);
      expect(kept.row.status).toBe("KEPT");
      expect(kept.row.data).toMatchObject({ claimPath: `/claim/${kept.token}` });
    } finally {
      configure({ SMTP_URL: mp.smtpUrl });
    }
  });
});
