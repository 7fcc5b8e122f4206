// Mail (ADR 026) against a real SMTP server: Mailpit, started for this file. Meeting mails in the
// recipient's language with an iCalendar invitation whose UID stays and SEQUENCE grows; the reset
// link on APP_URL; retries, backoff and FAILED; KEPT without SMTP_URL; one mail per event.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../../app/auth/accounts.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { deliverDue, MAX_ATTEMPTS, retryMail } from "../../app/domain/mail/delivery.server.ts";
import { enqueueMail } from "../../app/domain/mail/outbox.server.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { cancelMeeting, rescheduleMeeting } from "../../app/domain/meetings/changes.server.ts";
import { queueReminderMails } from "../../app/domain/meetings/reminders.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { appOrigin } from "../../app/lib/app-url.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeFair, makeUser, req } from "../harness/factories.ts";
import { useMailpit } from "../harness/mailpit.ts";

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
    const shape = { meetingDays: [day], sessionStart: "09:00", sessionEnd: "11:00", slotMinutes: 20 };
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

  it("reminds a day and 15 minutes before, once per start time", async () => {
    const inv = await confirmed("INVESTOR", "en");
    const ex = await confirmed("EXHIBITOR");
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
});
