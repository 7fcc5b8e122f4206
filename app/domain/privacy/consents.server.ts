// Consents (docs/decisions/022-personal-data.md): one row per grant with the exact words shown, in
// the language shown; withdrawing stamps the live row. Three kinds:
// - LEAD_SHARING, scope = an exhibitor organization: the person appears in its leads (name,
//   organization, when they bookmarked, chatted, asked for or had a meeting). Given by bookmarking,
//   chatting with or asking one of its booths for a meeting (the booth page says so).
// - CONTACT_SHARING, same scope: their email and their organization's phone appear with it. Given
//   by sending that organization a meeting request or accepting its invitation (the form says so).
// - RECORDING, scope = a meeting: given in the video room (app/domain/video/rooms.server.ts).
// Acts from before consents were recorded still count as consent (ADR 015's rule: asking for or
// having a meeting shares contacts); withdrawing wins over any act until the person gives it again.
// The rule is applied in SQL (`consentWithdrawn`, used by the leads source), so no page or export
// can show what was withdrawn.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma, type ConsentKind } from "~/generated/prisma/client";
import { pick, type Locale } from "~/i18n";
import { serverTranslator } from "~/i18n/all-catalogs.server";
import { isLocale } from "~/i18n/locale";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { CONSENT_WORDING, type ConsentWording } from "./policy";

const { sql } = Prisma;

type Tx = Pick<Prisma.TransactionClient, "consent" | "organization" | "auditLog">;

/** The wording as shown in `locale`, with the organization named. */
export function consentText(wording: ConsentWording, locale: Locale, org: string): string {
  return serverTranslator(locale)(CONSENT_WORDING[wording].key, { org });
}

async function orgName(tx: Tx, orgId: string, locale: Locale): Promise<string | null> {
  const o = await tx.organization.findUnique({ where: { id: orgId }, select: { nameZh: true, nameEn: true } });
  return o ? pick(locale, o.nameZh, o.nameEn) : null;
}

export interface Grant {
  userId: string;
  wording: Exclude<ConsentWording, "implied">;
  scopeType: "organization" | "meeting";
  scopeId: string;
  /** The organization the words name (the exhibitor; for recording, the other party). */
  orgId: string;
  locale: string;
  source: "bookmark" | "chat" | "meeting.request" | "meeting.accept" | "room";
}

/**
 * Records a consent unless one is live already for the same person, kind and scope (the partial
 * unique index hw_consent_live makes concurrent grants one). Returns whether a row was written.
 */
export async function grantConsent(g: Grant, tx: Tx = db()): Promise<boolean> {
  const locale: Locale = isLocale(g.locale) ? g.locale : "zh-CN";
  const w = CONSENT_WORDING[g.wording];
  const org = await orgName(tx, g.orgId, locale);
  if (org === null) return false;
  const { count } = await tx.consent.createMany({
    data: [
      {
        userId: g.userId,
        kind: w.kind,
        scopeType: g.scopeType,
        scopeId: g.scopeId,
        version: w.version,
        locale,
        wording: consentText(g.wording, locale, org),
        source: g.source,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Lead and contact sharing given together (a meeting request, an accepted invitation). */
export async function grantLeadConsents(
  user: Pick<SessionUser, "id">,
  exhibitorOrgId: string,
  locale: string,
  source: "meeting.request" | "meeting.accept",
): Promise<void> {
  const base = { userId: user.id, scopeType: "organization", scopeId: exhibitorOrgId, orgId: exhibitorOrgId, locale };
  await grantConsent({ ...base, wording: "lead", source } as Grant);
  await grantConsent({ ...base, wording: source === "meeting.accept" ? "contactAccept" : "contact", source } as Grant);
}

/** Bookmarking a booth or starting a chat with it: lead sharing with the booth's organization. */
export async function grantForBooth(
  userId: string,
  boothId: string,
  locale: string,
  source: "bookmark" | "chat",
): Promise<void> {
  const booth = await db().booth.findUnique({ where: { id: boothId }, select: { organizationId: true } });
  if (!booth) return;
  const member = await db().membership.findFirst({
    where: { userId, organizationId: booth.organizationId },
    select: { id: true },
  });
  if (member) return; // the booth's own team is never its lead
  await grantConsent({
    userId,
    wording: "lead",
    scopeType: "organization",
    scopeId: booth.organizationId,
    orgId: booth.organizationId,
    locale,
    source,
  });
}

/** An investor accepting an exhibitor's invitation shares lead and contacts with that exhibitor. */
export async function grantOnAccept(user: SessionUser, requestId: string, locale: string): Promise<void> {
  const req = await db().meetingRequest.findUnique({
    where: { id: requestId },
    select: { fromOrgId: true, toOrgId: true },
  });
  if (!req || !user.memberships.some((m) => m.organizationId === req.toOrgId && m.role === "INVESTOR")) return;
  const from = await db().organization.findUnique({ where: { id: req.fromOrgId }, select: { kind: true } });
  if (from?.kind !== "EXHIBITOR") return;
  await grantLeadConsents(user, req.fromOrgId, locale, "meeting.accept");
}

/**
 * SQL: this person withdrew this kind of consent for this scope and has not given it again (a
 * withdrawn row exists and no live one). Used wherever leads are read.
 */
export function consentWithdrawn(kind: ConsentKind, userId: Prisma.Sql, scopeId: Prisma.Sql): Prisma.Sql {
  const k = Prisma.raw(`'${kind}'::"ConsentKind"`);
  return sql`(EXISTS (SELECT 1 FROM "Consent" cw WHERE cw."userId" = ${userId} AND cw.kind = ${k} AND cw."scopeId" = ${scopeId} AND cw."withdrawnAt" IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM "Consent" cl WHERE cl."userId" = ${userId} AND cl.kind = ${k} AND cl."scopeId" = ${scopeId} AND cl."withdrawnAt" IS NULL))`;
}

/** Exhibitor organizations that have this person among their leads, with what they did first and whether it shares contacts. */
async function leadExposure(userId: string) {
  return db().$queryRaw<{ orgId: string; nameZh: string; nameEn: string; firstAt: Date; contactAct: boolean }[]>(sql`
    WITH acts AS (
      SELECT b."organizationId" AS org, k."createdAt" AS at, false AS c FROM "Bookmark" k JOIN "Booth" b ON b.id = k."boothId" WHERE k."userId" = ${userId}
      UNION ALL
      SELECT b."organizationId", t."createdAt", false FROM "ChatThread" t JOIN "Booth" b ON b.id = t."boothId" WHERE t."visitorUserId" = ${userId}
      UNION ALL
      SELECT r."toOrgId", r."createdAt", true FROM "MeetingRequest" r
        WHERE r."fromUserId" = ${userId} AND r.status <> 'CANCELLED'
          AND EXISTS (SELECT 1 FROM "Booth" b WHERE b."fairId" = r."fairId" AND b."organizationId" = r."toOrgId")
      UNION ALL
      SELECT m."exhibitorOrgId", m."startsAt", true FROM "Meeting" m JOIN "MeetingParticipant" p ON p."meetingId" = m.id
        WHERE p."userId" = ${userId} AND m.status <> 'CANCELLED'
    )
    SELECT a.org AS "orgId", o."nameZh", o."nameEn", min(a.at) AS "firstAt", bool_or(a.c) AS "contactAct"
    FROM acts a JOIN "Organization" o ON o.id = a.org
    WHERE o.kind = 'EXHIBITOR'
      AND NOT EXISTS (SELECT 1 FROM "Membership" ms WHERE ms."userId" = ${userId} AND ms."organizationId" = a.org)
    GROUP BY a.org, o."nameZh", o."nameEn"
    ORDER BY min(a.at) DESC`);
}

export type SharingState = "shared" | "withdrawn" | "none";
type Names = { nameZh: string; nameEn: string };

/** Everything the account page shows about consents: who has you as a lead, recordings, and every record. */
export async function consentOverview(user: SessionUser) {
  const [exposure, rows, agreed] = await Promise.all([
    leadExposure(user.id),
    db().consent.findMany({ where: { userId: user.id }, orderBy: [{ grantedAt: "desc" }, { id: "asc" }] }),
    db().meeting.findMany({ where: { recordingConsent: { has: user.id } }, select: { id: true } }),
  ]);
  const meetingIds = [
    ...new Set([...rows.filter((r) => r.scopeType === "meeting").map((r) => r.scopeId), ...agreed.map((m) => m.id)]),
  ];
  const meetings = await db().meeting.findMany({
    where: { id: { in: meetingIds } },
    orderBy: { startsAt: "desc" },
    select: {
      id: true,
      startsAt: true,
      investorOrgId: true,
      exhibitorOrgId: true,
      recordingConsent: true,
      participants: { where: { userId: user.id }, select: { id: true } },
      fair: { select: { timeZone: true } },
    },
  });
  const mineOrgs = new Set(user.memberships.map((m) => m.organizationId));
  const counterpartOf = new Map(
    meetings.map((m) => [m.id, mineOrgs.has(m.investorOrgId) ? m.exhibitorOrgId : m.investorOrgId]),
  );
  const orgIds = [
    ...new Set([
      ...rows.filter((r) => r.scopeType === "organization").map((r) => r.scopeId),
      ...counterpartOf.values(),
    ]),
  ];
  const names = new Map<string, Names>(
    (
      await db().organization.findMany({
        where: { id: { in: orgIds } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, { nameZh: o.nameZh, nameEn: o.nameEn }]),
  );
  for (const e of exposure) names.set(e.orgId, { nameZh: e.nameZh, nameEn: e.nameEn });
  const nameOf = (id: string | undefined): Names => (id && names.get(id)) || { nameZh: "", nameEn: "" };
  const state = (kind: ConsentKind, scopeId: string, implied: boolean): SharingState => {
    const mine = rows.filter((r) => r.kind === kind && r.scopeId === scopeId);
    if (mine.some((r) => !r.withdrawnAt)) return "shared";
    if (mine.length > 0) return "withdrawn";
    return implied ? "shared" : "none";
  };
  const active = new Map(exposure.map((e) => [e.orgId, e]));
  // Organizations with a record but no activity any more (e.g. a cancelled request) are listed too.
  const leadOrgIds = [
    ...exposure.map((e) => e.orgId),
    ...new Set(rows.filter((r) => r.scopeType === "organization" && !active.has(r.scopeId)).map((r) => r.scopeId)),
  ];
  return {
    leads: leadOrgIds.map((orgId) => {
      const e = active.get(orgId);
      const first = e?.firstAt ?? rows.filter((r) => r.scopeId === orgId).at(-1)!.grantedAt;
      return {
        orgId,
        ...nameOf(orgId),
        since: first.toISOString(),
        listed: state("LEAD_SHARING", orgId, !!e),
        contacts: state("CONTACT_SHARING", orgId, !!e?.contactAct),
      };
    }),
    recordings: meetings.map((m) => {
      const inRoom = m.recordingConsent.includes(user.id);
      const recorded = rows.some((r) => r.kind === "RECORDING" && r.scopeId === m.id);
      return {
        meetingId: m.id,
        startsAt: m.startsAt.toISOString(),
        timeZone: m.fair.timeZone,
        counterpart: nameOf(counterpartOf.get(m.id)),
        state: (inRoom ? "shared" : recorded ? "withdrawn" : "none") as SharingState,
        participant: m.participants.length > 0,
      };
    }),
    records: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      scopeType: r.scopeType,
      scope: nameOf(r.scopeType === "organization" ? r.scopeId : counterpartOf.get(r.scopeId)),
      version: r.version,
      locale: r.locale,
      wording: r.wording,
      source: r.source,
      grantedAt: r.grantedAt.toISOString(),
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Withdraws lead or contact sharing with an exhibitor organization. Takes effect at once in the
 * exhibitor's leads page and CSV and in the bureau's lead lists and exports (they read the same
 * SQL). Withdrawing lead sharing withdraws contact sharing too (there is no listing to show them
 * with). A consent implied by earlier acts (no record) gets a record stamped withdrawn.
 */
export async function withdrawLeadConsent(
  user: SessionUser,
  kind: "LEAD_SHARING" | "CONTACT_SHARING",
  orgId: string,
  locale: Locale,
  now = new Date(),
): Promise<void> {
  const exposure = await leadExposure(user.id);
  const known =
    exposure.some((e) => e.orgId === orgId) ||
    !!(await db().consent.findFirst({ where: { userId: user.id, scopeId: orgId, scopeType: "organization" } }));
  if (!known) throw new DomainError("errorPage.404.title", 404);
  const kinds: ("LEAD_SHARING" | "CONTACT_SHARING")[] =
    kind === "LEAD_SHARING" ? ["LEAD_SHARING", "CONTACT_SHARING"] : ["CONTACT_SHARING"];
  const first = exposure.find((e) => e.orgId === orgId)?.firstAt ?? now;
  await db().$transaction(async (tx) => {
    for (const k of kinds) {
      const live = await tx.consent.updateMany({
        where: { userId: user.id, kind: k, scopeId: orgId, withdrawnAt: null },
        data: { withdrawnAt: now },
      });
      if (live.count > 0) continue;
      if (await tx.consent.findFirst({ where: { userId: user.id, kind: k, scopeId: orgId }, select: { id: true } }))
        continue; // already withdrawn
      const org = (await orgName(tx, orgId, locale)) ?? "";
      await tx.consent.create({
        data: {
          userId: user.id,
          kind: k,
          scopeType: "organization",
          scopeId: orgId,
          version: CONSENT_WORDING.implied.version,
          locale,
          wording: consentText("implied", locale, org),
          source: "implied",
          grantedAt: first,
          withdrawnAt: now,
        },
      });
    }
    await audit(
      { actorId: user.id, action: "consent.withdraw", entityType: "Organization", entityId: orgId, after: { kinds } },
      tx,
    );
  });
}

/** Stamps a live recording consent withdrawn (the room module decides what that does to the recording). */
export async function markRecordingConsentWithdrawn(
  tx: Tx,
  userId: string,
  meetingId: string,
  now: Date,
): Promise<number> {
  return (
    await tx.consent.updateMany({
      where: { userId, kind: "RECORDING", scopeId: meetingId, withdrawnAt: null },
      data: { withdrawnAt: now },
    })
  ).count;
}
