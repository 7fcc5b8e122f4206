// "Delete my account" (docs/decisions/022-personal-data.md). A request ends every session and
// starts a grace period of PRIVACY.deletionGraceDays; logging in during it offers to cancel. When it
// is over, the privacy job erases the account for good:
// - the User row stays (meetings, outcomes, chats and statistics point at it) but pseudonymous:
//   email → a unique placeholder, name → FORMER_PARTICIPANT, a password nobody knows, no calendar
//   feed, default locale and zone, erasedAt set;
// - gone: sessions, reset links, login attempts for the email, availability, the person's own
//   notifications, memberships, the live consents (stamped withdrawn; the records stay as proof);
// - free text they wrote is emptied: chat messages, meeting request messages, outcome notes and
//   next steps, survey comments, their cancel reasons (and their copies in notifications and the
//   audit log); booth contact entries they added or that are them are deleted;
// - visits lose their link to the person (visitor key replaced by a random one, IP hash dropped);
// - kept as they are, because they are the fair's statistics and the other party's records:
//   meetings and participants, attendance, outcomes' results, amounts and ratings, survey scores,
//   bookmarks, the chat threads (the booth's inbox shows the former participant), recordings;
// - organizations are not people: one the person alone belonged to keeps its name, booths,
//   projects and history, but loses its contact person, email and phone and its booths' team
//   contacts; in shared organizations only the contact fields that are the person are cleared;
// - future meetings the person was the only participant of their side in are cancelled, and the
//   other side is told; their pending requests are withdrawn.
// USER_DATA below names every column that can hold a person or point at one; a test fails when a
// new one appears without a decision here.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { sha256 } from "~/auth/session.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { notify, publish, type PendingNotification } from "~/domain/notifications/notifications.server";
import { FORMER_PARTICIPANT, PRIVACY } from "./policy";

const { sql } = Prisma;
const DAY = 864e5;

/** What erased free text inside JSON (audit entries, notifications) becomes. */
export const ERASED = "[已删除 / erased]";

/**
 * Every column that holds personal data or points at a person, and what erasure does with it.
 * tests/integration/privacy-deletion.test.ts compares this list with the database's columns.
 */
export const USER_DATA: Record<string, string> = {
  "User.email": "replaced by a unique placeholder",
  "User.name": "replaced by FORMER_PARTICIPANT",
  "User.passwordHash": "replaced by the hash of a random password",
  "User.calendarTokenHash": "removed (the feed URL stops working)",
  "Session.userId": "deleted",
  "PasswordResetToken.userId": "deleted",
  "PasswordResetToken.tokenHash": "deleted",
  "LoginAttempt.email": "deleted (every attempt on the email)",
  "LoginAttempt.ip": "deleted with the attempt (and after PRIVACY.loginAttemptDays anyway)",
  "Organization.contactName": "cleared when the person alone was a member, or when it is them",
  "Organization.contactEmail": "cleared when the person alone was a member, or when it is them",
  "Organization.contactPhone": "cleared when the person alone was a member, or when the contact is them",
  "Membership.userId": "deleted",
  "TeamContact.name": "deleted: entries they added, that are them, and all of an organization they alone belonged to",
  "TeamContact.email": "as TeamContact.name",
  "TeamContact.phone": "as TeamContact.name",
  "BoothVisit.userId": "cleared",
  "BoothVisit.visitorId": "replaced by a random key (the visit still counts)",
  "BoothVisit.ipKey": "cleared (and after PRIVACY.visitSaltDays anyway)",
  "Bookmark.userId": "kept, pseudonymous: fair statistics",
  "MatchFeedback.userId": "kept, pseudonymous: the organization's 'not interested'",
  "MeetingRequest.fromUserId": "kept, pseudonymous; pending ones cancelled",
  "MeetingRequest.message": "emptied",
  "MeetingRequest.declineReason": "cleared for requests to an organization they alone belonged to",
  "Meeting.cancelReason": "cleared where they cancelled",
  "Meeting.noShowUserIds": "kept: attendance statistics (an id, pseudonymous)",
  "Meeting.recordingConsent": "kept as it was when the meeting happened (an id, pseudonymous)",
  "MeetingParticipant.userId": "kept, pseudonymous: the other party's record; future ones cancelled",
  "Notification.userId": "deleted (theirs); others' notifications lose their names and reasons",
  "Notification.data": "free text and identifiers of the person replaced by ERASED",
  "ScheduleProposal.createdById": "kept, pseudonymous: a staff action",
  "ChatThread.visitorUserId": "kept, pseudonymous: the booth's inbox",
  "ChatMessage.senderUserId": "kept, pseudonymous",
  "ChatMessage.body": "emptied for their messages",
  "Availability.userId": "deleted",
  "ApiKey.createdById": "kept, pseudonymous: an admin action",
  "MeetingAttendance.userId": "kept, pseudonymous: attendance statistics",
  "MeetingOutcome.authorId": "kept, pseudonymous: the deal ledger",
  "MeetingOutcome.notes": "emptied for their outcomes",
  "MeetingOutcome.nextStep": "emptied for their outcomes",
  "FairSurvey.userId": "kept, pseudonymous: survey statistics",
  "FairSurvey.comment": "emptied",
  "AuditLog.actorId": "kept, pseudonymous: who did what stays accountable",
  "AuditLog.before": "their identifiers and free text replaced by ERASED",
  "AuditLog.after": "their identifiers and free text replaced by ERASED",
  "Consent.userId": "kept, pseudonymous, live ones stamped withdrawn: proof of what was agreed",
  "AccountDeletion.userId": "deleted when carried out",
  "AccountDeletion.restoreTokenHash": "deleted with the request",
  "MailOutbox.userId": "deleted: every mail to them, sent or not (ADR 026)",
  "MailOutbox.toEmail": "deleted with their mails (also mails to the address without a user id)",
  "ImportJob.createdById": "kept, pseudonymous: a staff action",
  "ImportJob.fileName": "kept: the name of a bureau's file, not of a person",
  "Invitation.userId": "kept, pseudonymous: the bureau's onboarding record; its claim link deleted",
  "Invitation.tokenHash": "cleared (the claim link stops working)",
  "Roadshow.stageUserIds": "their id removed (they leave the stage)",
  "RoadshowRegistration.userId": "deleted (theirs)",
  "RoadshowAttendance.userId": "kept, pseudonymous: attendance statistics",
  "RoadshowQuestion.userId": "kept, pseudonymous; the text of their questions emptied",
  "RoadshowVote.userId": "kept, pseudonymous: vote counts",
};

export const restoreCookie = createCookie("cf_restore", {
  httpOnly: true,
  sameSite: "lax",
  path: "/account/restore",
  secure: config().COOKIE_SECURE,
  maxAge: PRIVACY.restoreLinkMinutes * 60,
});

export async function pendingDeletion(userId: string) {
  return db().accountDeletion.findUnique({ where: { userId }, select: { requestedAt: true, dueAt: true } });
}

/**
 * Starts the grace period after the password is confirmed: every session ends (this one too), and
 * the account is erased at the returned time unless the person logs in and cancels first.
 */
export async function requestDeletion(user: SessionUser, password: string, now = new Date()): Promise<Date> {
  const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true, erasedAt: true } });
  if (!row || row.erasedAt) throw new DomainError("errorPage.404.title", 404);
  if (!(await verifyPassword(row.passwordHash, password)))
    throw new DomainError("privacy.delete.error.password", 400, undefined, "password");
  if (user.roles.includes("ADMIN")) {
    const admins = await db().membership.count({
      where: { role: "ADMIN", user: { erasedAt: null, deletion: null }, userId: { not: user.id } },
    });
    if (admins === 0) throw new DomainError("privacy.delete.error.lastAdmin", 409);
  }
  const dueAt = new Date(now.getTime() + PRIVACY.deletionGraceDays * DAY);
  await db().$transaction(async (tx) => {
    await tx.accountDeletion.upsert({
      where: { userId: user.id },
      create: { userId: user.id, requestedAt: now, dueAt },
      update: { requestedAt: now, dueAt, restoreTokenHash: null, restoreTokenExpiresAt: null },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await audit(
      { actorId: user.id, action: "account.deletion.request", entityType: "User", entityId: user.id, after: { dueAt } },
      tx,
    );
  });
  return dueAt;
}

/**
 * Called by the login page once the password was right: when a deletion is pending, returns a
 * one-time token (valid PRIVACY.restoreLinkMinutes) for the page that offers to cancel it, and the
 * login does not start a session. Null when nothing is pending.
 */
export async function restoreTokenForLogin(userId: string, now = new Date()): Promise<string | null> {
  const token = randomBytes(32).toString("base64url");
  const { count } = await db().accountDeletion.updateMany({
    where: { userId },
    data: {
      restoreTokenHash: sha256(token),
      restoreTokenExpiresAt: new Date(now.getTime() + PRIVACY.restoreLinkMinutes * 60_000),
    },
  });
  return count === 1 ? token : null;
}

/** The pending deletion a restore token belongs to, or null (unknown, expired, already cancelled). */
export async function deletionForToken(token: string | null, now = new Date()) {
  if (!token || token.length > 100) return null;
  const row = await db().accountDeletion.findUnique({
    where: { restoreTokenHash: sha256(token) },
    select: { userId: true, dueAt: true, restoreTokenExpiresAt: true },
  });
  if (!row || !row.restoreTokenExpiresAt || row.restoreTokenExpiresAt <= now) return null;
  return { userId: row.userId, dueAt: row.dueAt };
}

/** Cancels the deletion the token belongs to (one use); returns the user id to start a session for. */
export async function cancelDeletionWithToken(token: string | null, now = new Date()): Promise<string> {
  const pending = await deletionForToken(token, now);
  if (!pending) throw new DomainError("privacy.restore.expired", 410);
  const { count } = await db().accountDeletion.deleteMany({
    where: { userId: pending.userId, restoreTokenHash: sha256(token!) },
  });
  if (count !== 1) throw new DomainError("privacy.restore.expired", 410);
  await audit({
    actorId: pending.userId,
    action: "account.deletion.cancel",
    entityType: "User",
    entityId: pending.userId,
  });
  return pending.userId;
}

/** The privacy job: erases every account whose grace period is over. Returns how many. */
export async function eraseDueAccounts(now = new Date()): Promise<number> {
  const due = await db().accountDeletion.findMany({
    where: { dueAt: { lte: now } },
    orderBy: { dueAt: "asc" },
    take: 20,
    select: { userId: true },
  });
  let erased = 0;
  for (const { userId } of due) if (await eraseAccount(userId, now)) erased++;
  return erased;
}

/** Keys whose values are free text the author wrote (in audit entries made by the person). */
export const FREE_TEXT_KEYS = new Set(["reason", "notes", "nextStep", "message", "comment", "body"]);
/** Keys of a booth contact entry (in the person's booth.contact.* audit entries: the entries are deleted). */
export const CONTACT_KEYS = new Set(["name", "title", "email", "phone"]);

/** Replaces, inside a JSON value, strings that are (or contain) the person's data. */
export function scrubJson(
  value: unknown,
  opts: { exact: Set<string>; contains: string[]; keys?: Set<string> },
): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") {
      if (opts.keys && key && opts.keys.has(key) && v !== "") return ((changed = true), "");
      if (opts.exact.has(v)) return ((changed = true), ERASED);
      let out = v;
      for (const c of opts.contains) if (out.includes(c)) out = out.split(c).join(ERASED);
      if (out !== v) changed = true;
      return out;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  const out = walk(value);
  return { value: out, changed };
}

const likePatterns = (values: string[]) =>
  [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))].map(
    (v) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  );

type Tx = Prisma.TransactionClient;

/** Erases one account now (idempotent). Returns false when there was nothing to erase. */
export async function eraseAccount(userId: string, now = new Date()): Promise<boolean> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: {
      memberships: { include: { organization: { include: { _count: { select: { memberships: true } } } } } },
    },
  });
  if (!user || user.erasedAt) {
    await db().accountDeletion.deleteMany({ where: { userId } });
    return false;
  }
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const orgs = user.memberships.map((m) => m.organization);
  const memberOrgIds = orgs.map((o) => o.id);
  const soleOrgIds = orgs.filter((o) => o._count.memberships === 1).map((o) => o.id);
  const isThem = (o: (typeof orgs)[number]) =>
    soleOrgIds.includes(o.id) ||
    (!!o.contactEmail && o.contactEmail.toLowerCase() === user.email.toLowerCase()) ||
    o.contactName === user.name;
  const phones = orgs.filter((o) => isThem(o) && o.contactPhone).map((o) => o.contactPhone!);
  // Identifiers are searched inside other text; names only as whole values (a short name would match words).
  const contains = [user.email, ...phones].filter((v) => v.length >= 5);
  const exact = new Set([user.email, user.name, ...phones]);

  let pushed: PendingNotification[] = [];
  await db().$transaction(
    async (tx) => {
      const texts = await authoredTexts(tx, userId, soleOrgIds);
      for (const s of texts) exact.add(s);
      pushed = await cancelFutureMeetings(tx, userId, memberOrgIds, now);
      await tx.meetingRequest.updateMany({
        where: { fromUserId: userId, status: "PENDING" },
        data: { status: "CANCELLED", respondedAt: now },
      });

      // Free text they wrote.
      await tx.meetingRequest.updateMany({ where: { fromUserId: userId }, data: { message: "" } });
      if (soleOrgIds.length)
        await tx.meetingRequest.updateMany({
          where: { toOrgId: { in: soleOrgIds }, declineReason: { not: null } },
          data: { declineReason: null },
        });
      const cancelled = await tx.auditLog.findMany({
        where: { actorId: userId, action: "meeting.cancel", entityType: "Meeting" },
        select: { entityId: true },
      });
      if (cancelled.length)
        await tx.meeting.updateMany({
          where: { id: { in: cancelled.map((c) => c.entityId) } },
          data: { cancelReason: null },
        });
      await tx.meetingOutcome.updateMany({ where: { authorId: userId }, data: { notes: "", nextStep: "" } });
      await tx.fairSurvey.updateMany({ where: { userId }, data: { comment: "" } });
      await tx.chatMessage.updateMany({ where: { senderUserId: userId }, data: { body: "" } });
      await tx.roadshowQuestion.updateMany({ where: { userId }, data: { text: "" } });

      // Organizations: not people, but their contact fields may be this person.
      for (const o of orgs) {
        const sole = soleOrgIds.includes(o.id);
        const emailIsThem = !!o.contactEmail && o.contactEmail.toLowerCase() === user.email.toLowerCase();
        const nameIsThem = o.contactName === user.name;
        if (!sole && !emailIsThem && !nameIsThem) continue;
        await tx.organization.update({
          where: { id: o.id },
          data: {
            contactEmail: sole || emailIsThem ? null : undefined,
            contactName: sole || nameIsThem ? null : undefined,
            contactPhone: null,
          },
        });
      }
      await eraseTeamContacts(tx, userId, user.email, user.name, phones, soleOrgIds);

      // What only served the person.
      await tx.session.deleteMany({ where: { userId } });
      await tx.passwordResetToken.deleteMany({ where: { userId } });
      await tx.loginAttempt.deleteMany({ where: { email: { equals: user.email, mode: "insensitive" } } });
      await tx.availability.deleteMany({ where: { userId } });
      await tx.mailOutbox.deleteMany({
        where: { OR: [{ userId }, { toEmail: { equals: user.email, mode: "insensitive" } }] },
      });
      await tx.invitation.updateMany({ where: { userId }, data: { tokenHash: null } });
      await tx.roadshowRegistration.deleteMany({ where: { userId } });
      await tx.$executeRaw(sql`
        UPDATE "Roadshow" SET "stageUserIds" = array_remove("stageUserIds", ${userId}),
          "raisedHandIds" = array_remove("raisedHandIds", ${userId})
        WHERE ${userId} = ANY("stageUserIds") OR ${userId} = ANY("raisedHandIds")`);
      await tx.notification.deleteMany({ where: { userId } });
      await tx.membership.deleteMany({ where: { userId } });
      await tx.$executeRaw(sql`
        UPDATE "BoothVisit" SET "userId" = NULL, "visitorId" = 'erased:' || id, "ipKey" = NULL
        WHERE "userId" = ${userId} OR "visitorId" = ${`u:${userId}`}`);
      await tx.consent.updateMany({ where: { userId, withdrawnAt: null }, data: { withdrawnAt: now } });

      // Copies of their data inside JSON: the audit log and other people's notifications.
      await scrubAuditLog(tx, userId, exact, contains);
      await scrubNotifications(tx, exact, contains);

      await tx.user.update({
        where: { id: userId },
        data: {
          email: `erased-${userId}@erased.invalid`,
          name: FORMER_PARTICIPANT,
          passwordHash,
          calendarTokenHash: null,
          locale: "zh-CN",
          timeZone: "Asia/Shanghai",
          erasedAt: now,
        },
      });
      await tx.accountDeletion.deleteMany({ where: { userId } });
      await audit({ actorId: null, action: "account.erase", entityType: "User", entityId: userId }, tx);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  publish(pushed);
  return true;
}

/**
 * Free text the person wrote, to find its copies (cancel and reschedule reasons live in
 * notifications too), and the names they had before renaming themselves.
 */
async function authoredTexts(tx: Tx, userId: string, soleOrgIds: string[]): Promise<string[]> {
  const [requests, outcomes, surveys, reasons, declines, renames] = await Promise.all([
    tx.meetingRequest.findMany({ where: { fromUserId: userId, message: { not: "" } }, select: { message: true } }),
    tx.meetingOutcome.findMany({ where: { authorId: userId }, select: { notes: true, nextStep: true } }),
    tx.fairSurvey.findMany({ where: { userId, comment: { not: "" } }, select: { comment: true } }),
    tx.auditLog.findMany({
      where: { actorId: userId, action: { in: ["meeting.cancel", "meeting.reschedule"] } },
      select: { after: true },
    }),
    soleOrgIds.length
      ? tx.meetingRequest.findMany({
          where: { toOrgId: { in: soleOrgIds }, declineReason: { not: null } },
          select: { declineReason: true },
        })
      : Promise.resolve([]),
    // Names the person had before renaming themselves.
    tx.auditLog.findMany({ where: { actorId: userId, action: "user.rename" }, select: { before: true, after: true } }),
  ]);
  const out = [
    ...renames.flatMap((r) => [
      (r.before as { name?: unknown } | null)?.name,
      (r.after as { name?: unknown } | null)?.name,
    ]),
    ...requests.map((r) => r.message),
    ...outcomes.flatMap((o) => [o.notes, o.nextStep]),
    ...surveys.map((s) => s.comment),
    ...reasons.map((r) => (r.after as { reason?: unknown } | null)?.reason),
    ...declines.map((d) => d.declineReason),
  ];
  return [...new Set(out.filter((s): s is string => typeof s === "string" && s.trim() !== ""))];
}

/** Booth contact entries that are the person, that they added, and all of organizations they alone belonged to. */
async function eraseTeamContacts(
  tx: Tx,
  userId: string,
  email: string,
  name: string,
  phones: string[],
  soleOrgIds: string[],
) {
  await tx.teamContact.deleteMany({
    where: {
      OR: [
        { booth: { organizationId: { in: soleOrgIds } } },
        { email: { equals: email, mode: "insensitive" } },
        ...(phones.length ? [{ phone: { in: phones } }] : []),
        { name, booth: { organization: { memberships: { some: { userId } } } } },
      ],
    },
  });
  const added = await tx.auditLog.findMany({
    where: { actorId: userId, action: "booth.contact.add", entityType: "Booth" },
    select: { entityId: true, after: true },
  });
  for (const a of added) {
    const c = (a.after ?? {}) as { name?: string; email?: string | null; phone?: string | null };
    if (typeof c.name !== "string") continue;
    await tx.teamContact.deleteMany({
      where: { boothId: a.entityId, name: c.name, email: c.email ?? null, phone: c.phone ?? null },
    });
  }
}

/**
 * Future scheduled meetings: the person leaves them; a meeting with nobody left on their side is
 * cancelled and the other side is told (no reason text, the organization's name).
 */
async function cancelFutureMeetings(
  tx: Tx,
  userId: string,
  memberOrgIds: string[],
  now: Date,
): Promise<PendingNotification[]> {
  const rows = await tx.meetingParticipant.findMany({
    where: { userId, active: true, meeting: { status: "SCHEDULED", startsAt: { gt: now } } },
    select: { meeting: { include: { participants: { where: { active: true } } } } },
  });
  const pushed: PendingNotification[] = [];
  for (const { meeting } of rows) {
    const side = memberOrgIds.includes(meeting.investorOrgId) ? meeting.investorOrgId : meeting.exhibitorOrgId;
    const others = meeting.participants.filter((p) => p.userId !== userId).map((p) => p.userId);
    const colleagues = await tx.membership.count({ where: { organizationId: side, userId: { in: others } } });
    if (colleagues > 0) {
      await tx.meetingParticipant.updateMany({ where: { meetingId: meeting.id, userId }, data: { active: false } });
      continue;
    }
    await tx.meetingParticipant.updateMany({ where: { meetingId: meeting.id }, data: { active: false } });
    await tx.meeting.update({
      where: { id: meeting.id },
      data: { status: "CANCELLED", cancelReason: null, sequence: { increment: 1 } },
    });
    const org = await tx.organization.findUnique({ where: { id: side }, select: { nameZh: true, nameEn: true } });
    await audit(
      {
        actorId: null,
        action: "meeting.cancel",
        entityType: "Meeting",
        entityId: meeting.id,
        before: { status: "SCHEDULED" },
        after: { status: "CANCELLED", reason: "account.erase" },
      },
      tx,
    );
    pushed.push(
      ...(await notify(tx, others, "meeting.cancelled", {
        nameZh: org?.nameZh ?? "",
        nameEn: org?.nameEn ?? "",
        meetingId: meeting.id,
        startsAt: meeting.startsAt.toISOString(),
        reason: null,
      })),
    );
  }
  return pushed;
}

async function scrubAuditLog(tx: Tx, userId: string, exact: Set<string>, contains: string[]) {
  const patterns = likePatterns([...exact, ...contains]);
  const rows = await tx.$queryRaw<
    { id: string; actorId: string | null; action: string; before: unknown; after: unknown }[]
  >(sql`
    SELECT id, "actorId", action, before, after FROM "AuditLog"
    WHERE "actorId" = ${userId}
       OR (coalesce(before::text, '') || ' ' || coalesce(after::text, '')) ILIKE ANY (${patterns}::text[])`);
  for (const r of rows) {
    const mine = r.actorId === userId;
    const keys = !mine
      ? undefined
      : r.action.startsWith("booth.contact.")
        ? new Set([...FREE_TEXT_KEYS, ...CONTACT_KEYS])
        : FREE_TEXT_KEYS;
    const opts = { exact, contains, keys };
    const b = scrubJson(r.before, opts);
    const a = scrubJson(r.after, opts);
    if (!b.changed && !a.changed) continue;
    await tx.auditLog.update({
      where: { id: r.id },
      data: {
        before: r.before === null ? Prisma.DbNull : (b.value as Prisma.InputJsonValue),
        after: r.after === null ? Prisma.DbNull : (a.value as Prisma.InputJsonValue),
      },
    });
  }
}

async function scrubNotifications(tx: Tx, exact: Set<string>, contains: string[]) {
  const patterns = likePatterns([...exact, ...contains]);
  const rows = await tx.$queryRaw<{ id: string; data: unknown }[]>(sql`
    SELECT id, data FROM "Notification" WHERE data::text ILIKE ANY (${patterns}::text[])`);
  for (const r of rows) {
    const d = scrubJson(r.data, { exact, contains });
    if (d.changed)
      await tx.notification.update({ where: { id: r.id }, data: { data: d.value as Prisma.InputJsonValue } });
  }
}
