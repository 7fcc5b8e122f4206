// What came out of a meeting (洽谈成果), as each side reports it: result, intended amount, next
// step, notes and a 1–5 rating. Its author may edit it for 7 days; every save is audit-logged.
import { z } from "zod";
import { formNumber, minorToDecimal, optionalCalendarDay, optionalMoney } from "~/lib/form-fields";
import { assertFairStaff, isMemberOf } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { MeetingOutcome } from "~/generated/prisma/client";
import { utcToWallTime } from "~/lib/time";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { OUTCOME_CURRENCIES, OUTCOME_RESULTS } from "./outcome-codes";

export const EDIT_DAYS = 7;

/** The largest amount the Decimal(16, 2) column holds, in minor units: 99,999,999,999,999.99. */
export const MAX_OUTCOME_AMOUNT = 10n ** 16n - 1n;

export const outcomeSchema = z.object({
  result: z.enum(OUTCOME_RESULTS, { errorMap: () => ({ message: "error.invalidChoice" }) }),
  // Exact decimal text for the Decimal column ("12000000.50"; blank: none). "12,000,000.50" and
  // full-width digits are fine; 12.345 and 1e5 are not.
  amount: optionalMoney({ max: MAX_OUTCOME_AMOUNT, allowZero: true, message: "outcome.error.amount" }).transform(
    (minor) => (minor === undefined ? undefined : minorToDecimal(minor)),
  ),
  currency: z.enum(OUTCOME_CURRENCIES, { errorMap: () => ({ message: "error.invalidChoice" }) }).default("CNY"),
  nextStep: z.string().trim().max(500, "error.tooLong").default(""),
  // A real day (2026-02-30 is refused, not rolled over); not before today: checked by saveOutcome.
  nextStepDate: optionalCalendarDay("outcome.error.date"),
  notes: z.string().trim().max(2000, "error.tooLong").default(""),
  rating: formNumber(
    z
      .number({ invalid_type_error: "outcome.error.rating" })
      .int("outcome.error.rating")
      .min(1, "outcome.error.rating")
      .max(5, "outcome.error.rating"),
  ),
});
export type OutcomeInput = z.infer<typeof outcomeSchema>;

const MEETING_SELECT = {
  id: true,
  fairId: true,
  status: true,
  startsAt: true,
  endsAt: true,
  investorOrgId: true,
  exhibitorOrgId: true,
  projectId: true,
  fair: { select: { timeZone: true } },
  participants: { where: { active: true }, select: { userId: true } },
} as const;

/** Outcome forms open once the meeting is over: completed, or still marked in progress past its end. */
export function outcomeOpen(m: { status: string; endsAt: Date }, now: Date): boolean {
  return m.status === "COMPLETED" || (m.status === "IN_PROGRESS" && now >= m.endsAt);
}

export const editableUntil = (o: Pick<MeetingOutcome, "createdAt">) =>
  new Date(o.createdAt.getTime() + EDIT_DAYS * 864e5);

async function participantMeeting(user: SessionUser, meetingId: string) {
  const m = await db().meeting.findUnique({ where: { id: meetingId }, select: MEETING_SELECT });
  if (!m) throw new DomainError("errorPage.404.title", 404);
  if (!m.participants.some((p) => p.userId === user.id)) throw new DomainError("errorPage.403.title", 403);
  return m;
}

const sideOf = (user: SessionUser, m: { investorOrgId: string }) =>
  (isMemberOf(user, m.investorOrgId) ? "INVESTOR" : "EXHIBITOR") as "INVESTOR" | "EXHIBITOR";

export const serializeOutcome = (o: MeetingOutcome) => ({
  id: o.id,
  side: o.side,
  result: o.result,
  amount: o.amount?.toString() ?? "",
  currency: o.currency,
  nextStep: o.nextStep,
  nextStepDate: o.nextStepDate ? o.nextStepDate.toISOString().slice(0, 10) : "",
  notes: o.notes,
  rating: o.rating,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
  editableUntil: editableUntil(o).toISOString(),
});
export type OutcomeView = ReturnType<typeof serializeOutcome>;

/** The form for the signed-in participant: their own outcome only (the other side's stays private). */
export async function outcomeForm(user: SessionUser, meetingId: string, now = new Date()) {
  const m = await participantMeeting(user, meetingId);
  const mine = await db().meetingOutcome.findUnique({
    where: { meetingId_authorId: { meetingId, authorId: user.id } },
  });
  const orgs = await db().organization.findMany({
    where: { id: { in: [m.investorOrgId, m.exhibitorOrgId] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const other = orgs.find((o) => o.id === (sideOf(user, m) === "INVESTOR" ? m.exhibitorOrgId : m.investorOrgId));
  return {
    meeting: { id: m.id, status: m.status, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() },
    counterpart: { nameZh: other?.nameZh ?? "", nameEn: other?.nameEn ?? "" },
    side: sideOf(user, m),
    open: outcomeOpen(m, now),
    outcome: mine ? serializeOutcome(mine) : null,
    editable: outcomeOpen(m, now) && (!mine || now <= editableUntil(mine)),
  };
}

/** Saving one also marks matching stale (recommendationsStale sees outcome changes): outcomes are interaction history. */
export async function saveOutcome(user: SessionUser, meetingId: string, input: OutcomeInput, now = new Date()) {
  const m = await participantMeeting(user, meetingId);
  if (!outcomeOpen(m, now)) throw new DomainError("outcome.error.notOver", 409);
  const before = await db().meetingOutcome.findUnique({
    where: { meetingId_authorId: { meetingId, authorId: user.id } },
  });
  if (before && now > editableUntil(before)) throw new DomainError("outcome.error.locked", 409);
  // A next step is ahead: not dated before today in the fair's zone (a date saved earlier may stay).
  const kept = before?.nextStepDate?.toISOString().slice(0, 10);
  if (
    input.nextStepDate &&
    input.nextStepDate !== kept &&
    input.nextStepDate < utcToWallTime(now, m.fair.timeZone).slice(0, 10)
  )
    throw new DomainError("outcome.error.datePast", 400, undefined, "nextStepDate");
  const data = {
    result: input.result,
    amount: input.amount ?? null,
    currency: input.currency,
    nextStep: input.nextStep,
    nextStepDate: input.nextStepDate ? new Date(`${input.nextStepDate}T00:00:00Z`) : null,
    notes: input.notes,
    rating: input.rating,
  };
  const after = await db().$transaction(async (tx) => {
    const row = before
      ? await tx.meetingOutcome.update({ where: { id: before.id }, data })
      : await tx.meetingOutcome.create({ data: { ...data, meetingId, authorId: user.id, side: sideOf(user, m) } });
    await audit(
      {
        actorId: user.id,
        action: before ? "outcome.update" : "outcome.create",
        entityType: "MeetingOutcome",
        entityId: row.id,
        before: before ? serializeOutcome(before) : undefined,
        after: serializeOutcome(row),
      },
      tx,
    );
    return row;
  });
  return serializeOutcome(after);
}

export const NEGOTIATIONS_PER_PAGE = 25;

/**
 * Staff view per fair: every meeting with its attendance and both sides' outcomes, newest first.
 * `meetingId` narrows it to one meeting (the per-meeting view).
 */
export async function negotiationsOfFair(
  staff: SessionUser,
  fairId: string,
  opts: { page?: number; status?: string; meetingId?: string } = {},
) {
  await assertFairStaff(staff, fairId, "read");
  const page = Math.max(1, opts.page ?? 1);
  const where = {
    fairId,
    ...(opts.status ? { status: opts.status as never } : {}),
    ...(opts.meetingId ? { id: opts.meetingId } : {}),
  };
  const [fair, total, rows] = await Promise.all([
    db().fair.findUniqueOrThrow({ where: { id: fairId }, select: { timeZone: true } }),
    db().meeting.count({ where }),
    db().meeting.findMany({
      where,
      orderBy: [{ startsAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * NEGOTIATIONS_PER_PAGE,
      take: NEGOTIATIONS_PER_PAGE,
      include: { outcomes: true, attendance: { where: { observer: false } } },
    }),
  ]);
  const orgIds = [...new Set(rows.flatMap((r) => [r.investorOrgId, r.exhibitorOrgId]))];
  const orgs = new Map(
    (
      await db().organization.findMany({
        where: { id: { in: orgIds } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, o]),
  );
  // Time the room was in use by the parties: first join to last leave.
  const minutes = (a: { joinedAt: Date; leftAt: Date | null }[], end: Date) =>
    a.length === 0
      ? 0
      : Math.round(
          (Math.max(...a.map((x) => (x.leftAt ?? end).getTime())) - Math.min(...a.map((x) => x.joinedAt.getTime()))) /
            60_000,
        );
  return {
    timeZone: fair.timeZone,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / NEGOTIATIONS_PER_PAGE)),
    meetings: rows.map((r) => {
      const org = (id: string) => orgs.get(id) ?? { id, nameZh: "", nameEn: "" };
      const bySide = (side: "INVESTOR" | "EXHIBITOR") => r.outcomes.find((o) => o.side === side);
      const inv = bySide("INVESTOR");
      const exh = bySide("EXHIBITOR");
      return {
        id: r.id,
        status: r.status,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        investor: org(r.investorOrgId),
        exhibitor: org(r.exhibitorOrgId),
        attendedMinutes: minutes(r.attendance, r.endedAt ?? r.endsAt),
        joins: r.attendance.length,
        noShows: r.noShowUserIds.length,
        investorOutcome: inv ? serializeOutcome(inv) : null,
        exhibitorOutcome: exh ? serializeOutcome(exh) : null,
      };
    }),
  };
}
