// "Download my data" (docs/decisions/022-personal-data.md): everything held about the person as
// JSON files plus the files they uploaded, in one zip that is streamed as it is built — each section
// is read from the database when the zip reaches it, big ones in batches, uploads one file at a
// time — so neither the zip nor the uploads are ever whole in memory.
//
// What it contains and what it leaves out:
// - their account, sessions (times only), login attempts on their email, a pending deletion;
// - organizations they are a member of, with the organization's profile and investor preferences
//   (an organization's data only through membership), their booths, and booth contact entries that
//   are the person;
// - their bookmarks, counted visits, availability and "not interested" marks;
// - meeting requests they sent or that were addressed to their organizations, meetings they take
//   part in, their attendance, the recordings' file names, and the outcomes *they* recorded: the
//   other party appears by organization name only, never by person, email or phone;
// - chat: every message they sent, and in the conversations they are part of the other side's
//   messages too, marked "from the other side" without a name. A conversation is unreadable without
//   the replies, and those were addressed to the person, who has already read them in the app, so
//   returning them discloses nothing new; the other side's identity is not added to them;
// - their notifications, survey answers, consents (with the words shown), audit entries made by
//   them or about their account, and the uploads the audit log attributes to them.
// A last pass replaces any other user's email that a stored text might carry (e.g. an admin's entry
// recording a staff account they created) with "[redacted]".
import { PassThrough, Readable } from "node:stream";
import { ZipArchive } from "archiver";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError, ServiceUnavailableError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { mediaStorage } from "~/domain/booths/media.server";
import { contentDisposition } from "~/domain/reports/exports.server";
import { isMediaStoreUnavailable } from "../../../media/storage";
import { PRIVACY } from "./policy";

const BATCH = 500;

function storeAway(err: unknown): never {
  throw isMediaStoreUnavailable(err) ? new ServiceUnavailableError(false) : err;
}
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Once per PRIVACY.exportEveryMinutes per person (counted in the audit log, so across instances). */
export async function assertExportAllowed(userId: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - PRIVACY.exportEveryMinutes * 60_000);
  const last = await db().auditLog.findFirst({
    where: { actorId: userId, action: "account.export", createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (last) {
    const minutes = Math.max(
      1,
      Math.ceil((last.createdAt.getTime() + PRIVACY.exportEveryMinutes * 60_000 - now.getTime()) / 60_000),
    );
    throw new DomainError("privacy.export.error.tooSoon", 429, { minutes });
  }
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), 2);

/** Replaces emails of other users in a JSON text with "[redacted]". */
async function redactOthers(text: string, ownEmail: string): Promise<string> {
  const found = [...new Set(text.match(EMAIL_IN_TEXT) ?? [])].filter((e) => e.toLowerCase() !== ownEmail.toLowerCase());
  if (found.length === 0) return text;
  const users = await db().user.findMany({
    where: { OR: found.map((e) => ({ email: { equals: e, mode: "insensitive" as const } })) },
    select: { email: true },
  });
  const others = new Set(users.map((u) => u.email.toLowerCase()));
  return text.replace(EMAIL_IN_TEXT, (e) => (others.has(e.toLowerCase()) ? "[redacted]" : e));
}

/** A JSON file whose content is built when the zip reaches it. */
function jsonFile(build: () => Promise<unknown>, ownEmail: string): Readable {
  return Readable.from(
    (async function* () {
      yield await redactOthers(json(await build()), ownEmail);
    })(),
  );
}

/** A JSON array written batch by batch (for lists that can be long). */
function jsonArrayFile<T>(batches: () => AsyncGenerator<T[]>, ownEmail: string): Readable {
  return Readable.from(
    (async function* () {
      yield "[";
      let first = true;
      for await (const batch of batches()) {
        for (const item of batch) {
          yield (first ? "\n" : ",\n") + (await redactOthers(json(item), ownEmail));
          first = false;
        }
      }
      yield "\n]\n";
    })(),
  );
}

/** Keyset pages of `fetch(after)` until it returns fewer than BATCH rows. */
async function* pages<T extends { id: string }>(fetch: (after: string | undefined) => Promise<T[]>) {
  let after: string | undefined;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length) yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
const keyset = (after: string | undefined) =>
  ({ take: BATCH, orderBy: { id: "asc" as const }, ...(after ? { cursor: { id: after }, skip: 1 } : {}) }) as const;

async function orgNames(ids: string[]) {
  const rows = await db().organization.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return new Map(rows.map((o) => [o.id, { nameZh: o.nameZh, nameEn: o.nameEn }]));
}

const README = `云展洽 CloudFair — 您的个人数据 / Your personal data

本压缩包包含云展洽保存的关于您的全部数据（JSON，UTF-8），以及您上传的文件（uploads/）。
对方参会人仅以其所属机构名称出现，不含其姓名或联系方式。聊天记录包含您发送的全部消息，
以及您所在会话中对方发给您的消息（仅标注为“对方”）。说明见 /privacy。

This archive holds everything CloudFair keeps about you (JSON, UTF-8) and the files you uploaded
(uploads/). Other people appear by their organization's name only, never by name or contact. Chat
holds every message you sent and, in your conversations, the messages the other side sent you
(marked "other side" only). See /privacy for what each file means.

account.json        your account, sessions, login attempts, a pending deletion
organizations.json  your memberships, those organizations' profiles and investor preferences
activity.json       bookmarks, counted booth visits, availability, "not interested" marks
meetings.json       meeting requests, meetings, attendance, recordings, your outcomes
chat.json           your conversations
notifications.json  your notifications
surveys.json        your post-fair survey answers
consents.json       your consents, with the words you were shown
audit-log.json      audit entries made by you or about your account
uploads.json        the files in uploads/ and where you uploaded them
`;

/** The uploads the audit log attributes to the person (logo, banner, gallery, attachments). */
async function uploadsOf(userId: string) {
  const rows = await db().auditLog.findMany({
    where: {
      actorId: userId,
      action: {
        in: ["booth.logo", "booth.banner", "booth.gallery.add", "booth.attachment.add", "organization.update"],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { action: true, entityType: true, entityId: true, before: true, after: true, createdAt: true },
  });
  const out = new Map<string, { key: string; action: string; entity: string; at: string }>();
  for (const r of rows) {
    const after = (r.after ?? {}) as Record<string, unknown>;
    const before = (r.before ?? {}) as Record<string, unknown>;
    const key =
      r.action === "organization.update"
        ? after.logoKey !== before.logoKey
          ? after.logoKey
          : null
        : (after.key ?? after.logoKey ?? after.bannerKey);
    if (typeof key === "string" && key && !out.has(key))
      out.set(key, { key, action: r.action, entity: `${r.entityType}:${r.entityId}`, at: r.createdAt.toISOString() });
  }
  return [...out.values()];
}

/**
 * Starts the export: checks the rate limit, logs it, and returns the zip as a streamed response.
 * The sections are read as the client downloads.
 */
export async function exportMyData(user: SessionUser, now = new Date()): Promise<Response> {
  await assertExportAllowed(user.id, now);
  const me = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const uploads = await uploadsOf(user.id);
  // The files are read while the zip streams, after the status is sent: with the media store away,
  // refuse now (503, not counted against the export limit) rather than send a zip without them.
  if (uploads.length) await mediaStorage().exists(uploads[0].key).catch(storeAway);
  await audit({
    actorId: user.id,
    action: "account.export",
    entityType: "User",
    entityId: user.id,
    after: { uploads: uploads.length },
  });

  const email = me.email;
  const memberships = await db().membership.findMany({
    where: { userId: user.id },
    include: { organization: { include: { investorProfile: true } } },
    orderBy: { createdAt: "asc" },
  });
  const orgIds = memberships.map((m) => m.organizationId);

  const zip = new ZipArchive({ zlib: { level: 6 } });
  const out = new PassThrough();
  zip.on("error", (err) => out.destroy(err));
  zip.pipe(out);

  zip.append(README, { name: "README.txt" });
  zip.append(
    jsonFile(async () => {
      const [sessions, attempts, deletion] = await Promise.all([
        db().session.findMany({
          where: { userId: user.id },
          select: { createdAt: true, expiresAt: true },
          orderBy: { createdAt: "desc" },
        }),
        db().loginAttempt.findMany({
          where: { email: { equals: email, mode: "insensitive" } },
          select: { ip: true, success: true, createdAt: true },
          orderBy: { createdAt: "desc" },
        }),
        db().accountDeletion.findUnique({
          where: { userId: user.id },
          select: { requestedAt: true, dueAt: true },
        }),
      ]);
      return {
        exportedAt: now.toISOString(),
        user: {
          id: me.id,
          email: me.email,
          name: me.name,
          locale: me.locale,
          timeZone: me.timeZone,
          calendarFeed: !!me.calendarTokenHash,
          createdAt: me.createdAt,
          updatedAt: me.updatedAt,
        },
        sessions,
        loginAttempts: attempts,
        deletion,
      };
    }, email),
    { name: "account.json" },
  );

  zip.append(
    jsonFile(async () => {
      const booths = await db().booth.findMany({
        where: { organizationId: { in: orgIds } },
        orderBy: { createdAt: "asc" },
        include: {
          fair: { select: { slug: true, titleZh: true, titleEn: true } },
          hall: { select: { nameZh: true, nameEn: true } },
          contacts: {
            where: { OR: [{ email: { equals: email, mode: "insensitive" } }, { name: me.name }] },
            select: { name: true, title: true, email: true, phone: true },
          },
        },
      });
      return memberships.map((m) => ({
        role: m.role,
        memberSince: m.createdAt,
        organization: { ...m.organization, investorProfile: undefined },
        investorProfile: m.organization.investorProfile,
        booths: booths
          .filter((b) => b.organizationId === m.organizationId)
          .map((b) => ({
            id: b.id,
            fair: b.fair,
            hall: b.hall,
            status: b.status,
            paymentStatus: b.paymentStatus,
            descriptionZh: b.descriptionZh,
            descriptionEn: b.descriptionEn,
            createdAt: b.createdAt,
            teamContactsThatAreYou: b.contacts,
          })),
      }));
    }, email),
    { name: "organizations.json" },
  );

  zip.append(
    jsonFile(async () => {
      const [bookmarks, visits, availability, notInterested] = await Promise.all([
        db().bookmark.findMany({
          where: { userId: user.id },
          orderBy: { createdAt: "asc" },
          select: {
            createdAt: true,
            booth: { select: { id: true, organization: { select: { nameZh: true, nameEn: true } } } },
          },
        }),
        db().boothVisit.findMany({
          where: { OR: [{ userId: user.id }, { visitorId: `u:${user.id}` }] },
          orderBy: { createdAt: "asc" },
          select: {
            day: true,
            createdAt: true,
            booth: { select: { id: true, organization: { select: { nameZh: true, nameEn: true } } } },
          },
        }),
        db().availability.findMany({ where: { userId: user.id }, orderBy: { startsAt: "asc" } }),
        db().matchFeedback.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }),
      ]);
      return { bookmarks, visits, availability, notInterested };
    }, email),
    { name: "activity.json" },
  );

  zip.append(
    jsonFile(async () => {
      const [requests, participations] = await Promise.all([
        db().meetingRequest.findMany({
          where: { OR: [{ fromUserId: user.id }, { toOrgId: { in: orgIds } }, { fromOrgId: { in: orgIds } }] },
          orderBy: { createdAt: "asc" },
          include: { slots: { select: { startsAt: true, endsAt: true } } },
        }),
        db().meetingParticipant.findMany({
          where: { userId: user.id },
          orderBy: { startsAt: "asc" },
          select: {
            active: true,
            meeting: {
              include: {
                attendance: { where: { userId: user.id }, select: { joinedAt: true, leftAt: true } },
                outcomes: { where: { authorId: user.id } },
                recordings: { select: { status: true, filename: true, startedAt: true, endedAt: true } },
              },
            },
          },
        }),
      ]);
      const names = await orgNames([
        ...requests.flatMap((r) => [r.fromOrgId, r.toOrgId]),
        ...participations.flatMap((p) => [p.meeting.investorOrgId, p.meeting.exhibitorOrgId]),
      ]);
      return {
        requests: requests.map((r) => ({
          id: r.id,
          sentByYou: r.fromUserId === user.id,
          from: names.get(r.fromOrgId) ?? null,
          to: names.get(r.toOrgId) ?? null,
          status: r.status,
          message: r.message,
          declineReason: r.declineReason,
          slots: r.slots,
          createdAt: r.createdAt,
          respondedAt: r.respondedAt,
        })),
        meetings: participations.map(({ active, meeting: m }) => ({
          id: m.id,
          youTakePart: active,
          investor: names.get(m.investorOrgId) ?? null,
          exhibitor: names.get(m.exhibitorOrgId) ?? null,
          startsAt: m.startsAt,
          endsAt: m.endsAt,
          status: m.status,
          cancelReason: m.cancelReason,
          youDidNotShow: m.noShowUserIds.includes(user.id),
          youAgreedToRecord: m.recordingConsent.includes(user.id),
          yourAttendance: m.attendance,
          recordings: m.recordings,
          yourOutcome: m.outcomes[0]
            ? {
                side: m.outcomes[0].side,
                result: m.outcomes[0].result,
                amount: m.outcomes[0].amount?.toString() ?? null,
                currency: m.outcomes[0].currency,
                nextStep: m.outcomes[0].nextStep,
                nextStepDate: m.outcomes[0].nextStepDate,
                notes: m.outcomes[0].notes,
                rating: m.outcomes[0].rating,
                createdAt: m.outcomes[0].createdAt,
                updatedAt: m.outcomes[0].updatedAt,
              }
            : null,
        })),
      };
    }, email),
    { name: "meetings.json" },
  );

  // Conversations the person is in: as the visitor, or as a team member who wrote in the thread.
  zip.append(
    jsonArrayFile(async function* () {
      const threads = await db().chatThread.findMany({
        where: { OR: [{ visitorUserId: user.id }, { messages: { some: { senderUserId: user.id } } }] },
        orderBy: { createdAt: "asc" },
        select: { id: true, createdAt: true, visitorUserId: true, boothId: true },
      });
      const booths = new Map(
        (
          await db().booth.findMany({
            where: { id: { in: threads.map((t) => t.boothId) } },
            select: { id: true, organizationId: true },
          })
        ).map((b) => [b.id, b.organizationId]),
      );
      const names = await orgNames([...booths.values()]);
      for (const t of threads) {
        const messages: { at: Date; from: "you" | "other side"; body: string }[] = [];
        for await (const batch of pages((after) =>
          db().chatMessage.findMany({ where: { threadId: t.id }, ...keyset(after) }),
        ))
          for (const m of batch)
            messages.push({ at: m.createdAt, from: m.senderUserId === user.id ? "you" : "other side", body: m.body });
        messages.sort((a, b) => a.at.getTime() - b.at.getTime());
        yield [
          {
            booth: names.get(booths.get(t.boothId) ?? "") ?? null,
            youAre: t.visitorUserId === user.id ? "visitor" : "booth team",
            startedAt: t.createdAt,
            messages,
          },
        ];
      }
    }, email),
    { name: "chat.json" },
  );

  zip.append(
    jsonArrayFile(
      () =>
        pages((after) =>
          db().notification.findMany({
            where: { userId: user.id },
            select: { id: true, kind: true, data: true, readAt: true, createdAt: true },
            ...keyset(after),
          }),
        ),
      email,
    ),
    { name: "notifications.json" },
  );

  zip.append(
    jsonFile(async () => {
      const rows = await db().fairSurvey.findMany({
        where: { userId: user.id },
        orderBy: { createdAt: "asc" },
        include: { fair: { select: { titleZh: true, titleEn: true } } },
      });
      return rows.map((s) => ({
        fair: s.fair,
        role: s.role,
        nps: s.nps,
        satisfaction: s.satisfaction,
        comment: s.comment,
        createdAt: s.createdAt,
      }));
    }, email),
    { name: "surveys.json" },
  );

  zip.append(
    jsonFile(
      () =>
        db().consent.findMany({
          where: { userId: user.id },
          orderBy: { grantedAt: "asc" },
          select: {
            kind: true,
            scopeType: true,
            scopeId: true,
            version: true,
            locale: true,
            wording: true,
            source: true,
            grantedAt: true,
            withdrawnAt: true,
          },
        }),
      email,
    ),
    { name: "consents.json" },
  );

  zip.append(
    jsonArrayFile(
      () =>
        pages((after) =>
          db().auditLog.findMany({
            where: { OR: [{ actorId: user.id }, { entityType: "User", entityId: user.id }] },
            select: {
              id: true,
              action: true,
              entityType: true,
              entityId: true,
              before: true,
              after: true,
              createdAt: true,
              actorId: true,
            },
            ...keyset(after),
          }),
        ),
      email,
    ),
    { name: "audit-log.json" },
  );

  zip.append(json(uploads), { name: "uploads.json" });
  const storage = mediaStorage();
  for (const u of uploads)
    zip.append(
      // Read when the zip reaches this entry: one file in memory at a time.
      Readable.from(
        (async function* () {
          // A file gone since (deleted) is skipped; a store gone away mid-export breaks the download
          // (the client sees a failed transfer, never a zip silently missing files).
          const bytes = await storage.get(u.key).catch((err: unknown) => {
            if (isMediaStoreUnavailable(err)) throw err;
            return null;
          });
          if (bytes) yield bytes;
        })(),
      ),
      { name: `uploads/${u.key}` },
    );
  void zip.finalize().catch((err: Error) => out.destroy(err));

  return new Response(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(`cloudfair-my-data-${now.toISOString().slice(0, 10)}.zip`),
      "Cache-Control": "no-store",
    },
  });
}
