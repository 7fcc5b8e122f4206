// Staff curation of fairs: create/edit, halls, booth tiers with fees, status transitions.
import { z } from "zod";
import { calendarDay, formNumber, localDateTime, money, required, text, zonedProblem } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { ACTING_ROLES, bureauIdsOf, isPlatformAdmin } from "~/auth/fair-access.server";
import { listBureaus } from "~/domain/bureaus/bureaus.server";
import { db } from "~/db/client.server";
import type { FairStatus } from "~/generated/prisma/enums";
import { DomainError } from "~/lib/errors";
import { isTimeZone, utcToWallTime, wallTimeToUtc } from "~/lib/time";
import { enqueueFair } from "~/search/outbox.server";
import { audit } from "~/domain/audit/audit.server";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { surveyInvitees } from "~/domain/reports/surveys.server";

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "staff.error.slug");
const wallTime = localDateTime("staff.error.datetime");
const meetingDay = calendarDay("staff.error.meetingDays");

/** Days typed as a list ("2026-12-08, 2026-12-09"; commas, full-width commas or spaces), each a real day. */
const meetingDayList = z
  .string()
  .trim()
  .default("")
  .transform((v) => [...new Set(v.split(/[\s,，]+/).filter(Boolean))].sort())
  .refine((days) => days.length <= 14, "staff.error.meetingDays")
  .pipe(z.array(meetingDay));

export const fairFormSchema = z
  .object({
    slug,
    titleZh: required(120),
    titleEn: required(160),
    descriptionZh: text(4000).default(""),
    descriptionEn: text(6000).default(""),
    timeZone: z.string().refine(isTimeZone, "staff.error.timeZone"),
    startsAt: wallTime,
    endsAt: wallTime,
    applicationDeadline: z.union([z.literal(""), wallTime]).default(""),
    meetingDays: meetingDayList,
    sessionStart: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "staff.error.time")
      .default("09:00"),
    sessionEnd: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "staff.error.time")
      .default("17:00"),
    slotMinutes: formNumber(
      z
        .number({ invalid_type_error: "staff.error.slotMinutes" })
        .int("staff.error.slotMinutes")
        .min(10, "staff.error.slotMinutes")
        .max(120, "staff.error.slotMinutes"),
    ).default(20),
  })
  .superRefine((f, ctx) => {
    // Wall times must exist in the fair's own zone (not in the hour a DST change skips).
    for (const path of ["startsAt", "endsAt", "applicationDeadline"] as const) {
      const problem = f[path] ? zonedProblem(f[path], f.timeZone) : null;
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: problem });
    }
    // Meeting days lie within the fair: between the days it starts and ends, in its own zone.
    const [first, last] = [f.startsAt.slice(0, 10), f.endsAt.slice(0, 10)];
    if (f.meetingDays.some((d) => d < first || d > last))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["meetingDays"], message: "staff.error.meetingDayOutside" });
  })
  .refine((f) => f.sessionEnd > f.sessionStart, { path: ["sessionEnd"], message: "staff.error.endBeforeStart" })
  .refine((f) => f.endsAt > f.startsAt, { path: ["endsAt"], message: "staff.error.endBeforeStart" })
  .refine((f) => !f.applicationDeadline || f.applicationDeadline <= f.endsAt, {
    path: ["applicationDeadline"],
    message: "staff.error.deadlineAfterEnd",
  });
export type FairFormInput = z.infer<typeof fairFormSchema>;

/**
 * A new fair also starts no earlier than today in its own zone (a fair "in 2020" is a typo). Editing
 * keeps the plain schema: a running or past fair must stay editable.
 */
export const newFairFormSchema = (now = new Date()) =>
  fairFormSchema.superRefine((f, ctx) => {
    // Zod runs this even when a field failed (e.g. no valid zone): that field's own message says so.
    if (!isTimeZone(f.timeZone)) return;
    if (f.startsAt.slice(0, 10) < utcToWallTime(now, f.timeZone).slice(0, 10))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["startsAt"], message: "staff.error.startsInPast" });
  });

export const hallFormSchema = z.object({
  hallId: z.string().optional().default(""),
  slug,
  nameZh: required(60),
  nameEn: required(80),
  sector: required(60),
});

export const tierFormSchema = z.object({
  tierId: z.string().optional().default(""),
  code: slug,
  nameZh: required(40),
  nameEn: required(60),
  // Minor units; at most 10,000,000.00 (fits the Int column), 0 for a free tier.
  fee: money({ max: 1_000_000_000n, allowZero: true, message: "staff.error.fee" }),
  currency: z
    .enum(["CNY", "USD", "EUR", "HKD"], { errorMap: () => ({ message: "error.invalidChoice" }) })
    .default("CNY"),
});

const NEXT_STATUS: Record<FairStatus, FairStatus[]> = {
  DRAFT: ["PUBLISHED"],
  PUBLISHED: ["LIVE", "DRAFT", "CLOSED"],
  LIVE: ["CLOSED"],
  CLOSED: [],
};
export const allowedTransitions = (s: FairStatus) => NEXT_STATUS[s];

function toData(f: FairFormInput) {
  return {
    slug: f.slug,
    titleZh: f.titleZh,
    titleEn: f.titleEn,
    descriptionZh: f.descriptionZh,
    descriptionEn: f.descriptionEn,
    timeZone: f.timeZone,
    startsAt: wallTimeToUtc(f.startsAt, f.timeZone)!,
    endsAt: wallTimeToUtc(f.endsAt, f.timeZone)!,
    applicationDeadline: f.applicationDeadline ? wallTimeToUtc(f.applicationDeadline, f.timeZone) : null,
    meetingDays: f.meetingDays,
    sessionStart: f.sessionStart,
    sessionEnd: f.sessionEnd,
    slotMinutes: f.slotMinutes,
  };
}

/** The new-fair form's choice of organizer: a bureau id, absent when the form has no such field. */
export const organizerField = z.object({
  bureauId: z.string().min(1, "staff.error.organizerChoose").max(64, "staff.error.organizer").optional(),
});

export interface OrganizerChoice {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Depth in the bureau tree (indentation of a platform admin's list); 0 otherwise. */
  depth: number;
}

/**
 * The bureaus a user may create a fair for (ADR 028): those they act for (staff or bureau admin),
 * never one they only view or sit above; a platform admin, any bureau (on a platform that has none
 * yet, the platform itself, as before bureaus). The user's own bureaus come first.
 */
export async function organizerChoices(user: SessionUser): Promise<OrganizerChoice[]> {
  const own = bureauIdsOf(user, ACTING_ROLES);
  if (isPlatformAdmin(user)) {
    const all = await listBureaus();
    if (all.length > 0) {
      const rank = (id: string) => (own.includes(id) ? 0 : 1);
      return all
        .map(({ id, nameZh, nameEn, depth }) => ({ id, nameZh, nameEn, depth }))
        .sort((x, y) => rank(x.id) - rank(y.id));
    }
    own.push(...user.memberships.filter((m) => m.role === "ADMIN").map((m) => m.organizationId));
  }
  const orgs = await db().organization.findMany({
    where: { id: { in: own } },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return orgs.map((o) => ({ ...o, depth: 0 }));
}

/**
 * The organizer of a new fair: the bureau chosen, if the user may create fairs for it (any other id,
 * known or not, is the same 400: another bureau's existence is not confirmed); with no choice sent,
 * the user's only bureau. Someone who may create fairs for no bureau: 403.
 */
async function organizerOf(user: SessionUser, bureauId: string | undefined): Promise<string> {
  const choices = await organizerChoices(user);
  if (choices.length === 0) throw new DomainError("errorPage.403.title", 403);
  if (bureauId === undefined) {
    if (choices.length === 1) return choices[0].id;
    throw new DomainError("staff.error.organizerChoose", 400, undefined, "bureauId");
  }
  if (!choices.some((c) => c.id === bureauId))
    throw new DomainError("staff.error.organizer", 400, undefined, "bureauId");
  return bureauId;
}

export async function createFair(staff: SessionUser, input: FairFormInput, bureauId?: string) {
  // Who organizes it first: a refused bureau says so whatever else the form holds.
  const organizerId = await organizerOf(staff, bureauId);
  if (await db().fair.findUnique({ where: { slug: input.slug }, select: { id: true } }))
    throw new DomainError("staff.error.slugTaken", 409, undefined, "slug");
  return db().$transaction(async (tx) => {
    const fair = await tx.fair.create({
      data: {
        ...toData(input),
        organizerId,
        tiers: { create: [{ code: "standard", nameZh: "标准展位", nameEn: "Standard booth", position: 0 }] },
      },
    });
    await audit(
      { actorId: staff.id, action: "fair.create", entityType: "Fair", entityId: fair.id, after: toData(input) },
      tx,
    );
    return fair;
  });
}

export async function updateFair(staff: SessionUser, fairId: string, input: FairFormInput) {
  const before = await db().fair.findUnique({ where: { id: fairId } });
  if (!before) throw new DomainError("errorPage.404.title", 404);
  const clash = await db().fair.findFirst({ where: { slug: input.slug, id: { not: fairId } }, select: { id: true } });
  if (clash) throw new DomainError("staff.error.slugTaken", 409, undefined, "slug");
  await db().$transaction(async (tx) => {
    const after = await tx.fair.update({ where: { id: fairId }, data: toData(input) });
    await enqueueFair(tx, fairId);
    await audit({ actorId: staff.id, action: "fair.update", entityType: "Fair", entityId: fairId, before, after }, tx);
  });
}

export async function setFairStatus(staff: SessionUser, fairId: string, next: FairStatus) {
  const fair = await db().fair.findUnique({ where: { id: fairId } });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  if (!NEXT_STATUS[fair.status].includes(next)) throw new DomainError("staff.error.transition", 409);
  if (next === "PUBLISHED" && (await db().hall.count({ where: { fairId } })) === 0)
    throw new DomainError("staff.error.noHalls", 409);
  const invited = await db().$transaction(async (tx) => {
    await tx.fair.update({ where: { id: fairId }, data: { status: next } });
    await enqueueFair(tx, fairId);
    await audit(
      {
        actorId: staff.id,
        action: "fair.status",
        entityType: "Fair",
        entityId: fairId,
        before: { status: fair.status },
        after: { status: next },
      },
      tx,
    );
    // Closing a fair asks its exhibitors and the investors who met them for the post-fair survey.
    if (next !== "CLOSED") return [];
    return notify(tx, await surveyInvitees(tx, fairId), "fair.survey", {
      nameZh: fair.titleZh,
      nameEn: fair.titleEn,
      fairSlug: fair.slug,
    });
  });
  publish(invited);
}

export async function saveHall(staff: SessionUser, fairId: string, input: z.infer<typeof hallFormSchema>) {
  const clash = await db().hall.findFirst({
    where: { fairId, slug: input.slug, ...(input.hallId ? { id: { not: input.hallId } } : {}) },
  });
  if (clash) throw new DomainError("staff.error.slugTaken", 409, undefined, "slug");
  const { hallId, ...data } = input;
  await db().$transaction(async (tx) => {
    if (hallId) {
      const before = await tx.hall.findFirst({ where: { id: hallId, fairId } });
      if (!before) throw new DomainError("errorPage.404.title", 404);
      await tx.hall.update({ where: { id: hallId }, data });
      await enqueueFair(tx, fairId);
      await audit(
        { actorId: staff.id, action: "hall.update", entityType: "Hall", entityId: hallId, before, after: data },
        tx,
      );
    } else {
      const position = await tx.hall.count({ where: { fairId } });
      const hall = await tx.hall.create({ data: { ...data, fairId, position } });
      await audit({ actorId: staff.id, action: "hall.create", entityType: "Hall", entityId: hall.id, after: data }, tx);
    }
  });
}

export async function saveTier(staff: SessionUser, fairId: string, input: z.infer<typeof tierFormSchema>) {
  const clash = await db().boothTier.findFirst({
    where: { fairId, code: input.code, ...(input.tierId ? { id: { not: input.tierId } } : {}) },
  });
  if (clash) throw new DomainError("staff.error.slugTaken", 409, undefined, "code");
  const data = {
    code: input.code,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    feeAmount: Number(input.fee),
    currency: input.currency,
  };
  await db().$transaction(async (tx) => {
    if (input.tierId) {
      const before = await tx.boothTier.findFirst({ where: { id: input.tierId, fairId } });
      if (!before) throw new DomainError("errorPage.404.title", 404);
      await tx.boothTier.update({ where: { id: input.tierId }, data });
      await enqueueFair(tx, fairId);
      await audit(
        {
          actorId: staff.id,
          action: "tier.update",
          entityType: "BoothTier",
          entityId: input.tierId,
          before,
          after: data,
        },
        tx,
      );
    } else {
      const position = await tx.boothTier.count({ where: { fairId } });
      const tier = await tx.boothTier.create({ data: { ...data, fairId, position } });
      await audit(
        { actorId: staff.id, action: "tier.create", entityType: "BoothTier", entityId: tier.id, after: data },
        tx,
      );
    }
  });
}

/** Everything the fair editor shows, with times as wall-clock values in the fair's zone. */
export async function getFairForStaff(fairId: string) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    include: { halls: { orderBy: { position: "asc" } }, tiers: { orderBy: { position: "asc" } } },
  });
  if (!fair) return null;
  const counts = await db().booth.groupBy({ by: ["status"], where: { fairId }, _count: { _all: true } });
  return {
    id: fair.id,
    status: fair.status,
    transitions: NEXT_STATUS[fair.status],
    form: {
      slug: fair.slug,
      titleZh: fair.titleZh,
      titleEn: fair.titleEn,
      descriptionZh: fair.descriptionZh,
      descriptionEn: fair.descriptionEn,
      timeZone: fair.timeZone,
      startsAt: utcToWallTime(fair.startsAt, fair.timeZone),
      endsAt: utcToWallTime(fair.endsAt, fair.timeZone),
      applicationDeadline: fair.applicationDeadline ? utcToWallTime(fair.applicationDeadline, fair.timeZone) : "",
      meetingDays: fair.meetingDays.join(", "),
      sessionStart: fair.sessionStart,
      sessionEnd: fair.sessionEnd,
      slotMinutes: String(fair.slotMinutes),
    },
    halls: fair.halls.map((h) => ({ id: h.id, slug: h.slug, nameZh: h.nameZh, nameEn: h.nameEn, sector: h.sector })),
    tiers: fair.tiers.map((t) => ({
      id: t.id,
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      feeAmount: t.feeAmount,
      currency: t.currency,
    })),
    boothCounts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>,
  };
}
