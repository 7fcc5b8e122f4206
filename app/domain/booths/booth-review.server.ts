// The staff review queue: approve, reject with a reason (refunding a paid fee), request changes,
// feature, order within a hall, waive fees. Every action writes an audit row.
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { BoothStatus } from "~/generated/prisma/enums";
import { DomainError } from "~/lib/errors";
import { enqueueBooth } from "~/search/outbox.server";
import { audit } from "~/domain/audit/audit.server";
import { refundBoothFee } from "~/domain/payments/booth-fees.server";
import { isBoothPublic } from "~/domain/fairs/visibility";
import { parsePage } from "~/lib/paging";
import {
  notify,
  publish,
  type NotificationKind,
  type PendingNotification,
} from "~/domain/notifications/notifications.server";

export const REVIEW_PAGE_SIZE = 20;

export const reviewQuerySchema = z.object({
  status: z.enum(["SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "DRAFT", "ALL"]).catch("SUBMITTED"),
  hall: z.string().max(64).optional().catch(undefined),
  page: z.unknown().transform((v) => parsePage(v, 10_000)),
});

export const reviewDecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject", "changes"], { errorMap: () => ({ message: "error.invalidChoice" }) }),
    reason: z.string().trim().max(1000, "error.tooLong").default(""),
  })
  .refine((d) => d.decision === "approve" || d.reason.length > 0, {
    path: ["reason"],
    message: "review.error.reasonRequired",
  });

export async function listApplications(fairId: string, q: z.infer<typeof reviewQuerySchema>) {
  const where = {
    fairId,
    ...(q.status === "ALL" ? {} : { status: q.status as BoothStatus }),
    ...(q.hall ? { hall: { slug: q.hall } } : {}),
  };
  const [total, rows] = await Promise.all([
    db().booth.count({ where }),
    db().booth.findMany({
      where,
      orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }],
      skip: (q.page - 1) * REVIEW_PAGE_SIZE,
      take: REVIEW_PAGE_SIZE,
      include: {
        organization: { select: { nameZh: true, nameEn: true, sector: true, region: true } },
        hall: { select: { slug: true, nameZh: true, nameEn: true } },
        tier: { select: { nameZh: true, nameEn: true } },
        _count: { select: { projects: true } },
      },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE)),
    rows: rows.map((b) => ({
      id: b.id,
      status: b.status,
      paymentStatus: b.paymentStatus,
      featured: b.featured,
      isPublic: b.isPublic,
      feeAmount: b.feeAmount,
      currency: b.currency,
      reviewNote: b.reviewNote,
      submittedAt: b.submittedAt?.toISOString() ?? null,
      orgZh: b.organization.nameZh,
      orgEn: b.organization.nameEn,
      sector: b.organization.sector,
      region: b.organization.region,
      hall: b.hall,
      tier: b.tier,
      projects: b._count.projects,
    })),
  };
}

async function boothInFair(boothId: string, fairId: string) {
  const booth = await db().booth.findFirst({ where: { id: boothId, fairId } });
  if (!booth) throw new DomainError("errorPage.404.title", 404);
  return booth;
}

export async function reviewBooth(
  staff: SessionUser,
  fairId: string,
  boothId: string,
  input: z.infer<typeof reviewDecisionSchema>,
) {
  const booth = await boothInFair(boothId, fairId);
  if (booth.status === "DRAFT") throw new DomainError("review.error.notSubmitted", 409);
  const status: BoothStatus =
    input.decision === "approve" ? "APPROVED" : input.decision === "reject" ? "REJECTED" : "CHANGES_REQUESTED";
  if (status === "REJECTED" && booth.paymentStatus === "PAID") await refundBoothFee(booth.id, staff.id);
  const fresh = await db().booth.findUniqueOrThrow({
    where: { id: boothId },
    include: { fair: { select: { slug: true, titleZh: true, titleEn: true } } },
  });
  let pushed: PendingNotification[] = [];
  await db().$transaction(async (tx) => {
    await tx.booth.update({
      where: { id: boothId },
      data: {
        status,
        reviewNote: input.reason || null,
        reviewedAt: new Date(),
        isPublic: isBoothPublic(status, fresh.paymentStatus),
      },
    });
    await enqueueBooth(tx, boothId);
    await audit(
      {
        actorId: staff.id,
        action: `booth.review.${input.decision}`,
        entityType: "Booth",
        entityId: boothId,
        before: { status: booth.status, reviewNote: booth.reviewNote },
        after: { status, reviewNote: input.reason || null },
      },
      tx,
    );
    // Everyone acting for the exhibitor learns the decision and the note, linked to the builder
    // (notified in this transaction, pushed after commit: ADR 013).
    const members = await tx.membership.findMany({
      where: { organizationId: booth.organizationId },
      select: { userId: true },
    });
    pushed = await notify(
      tx,
      members.map((m) => m.userId),
      DECISION_NOTICE[input.decision],
      {
        boothId,
        fairSlug: fresh.fair.slug,
        nameZh: fresh.fair.titleZh,
        nameEn: fresh.fair.titleEn,
        reason: input.reason || null,
      },
    );
  });
  publish(pushed);
}

const DECISION_NOTICE: Record<z.infer<typeof reviewDecisionSchema>["decision"], NotificationKind> = {
  approve: "booth.approved",
  changes: "booth.changes",
  reject: "booth.rejected",
};

export async function waiveFee(staff: SessionUser, fairId: string, boothId: string) {
  const booth = await boothInFair(boothId, fairId);
  if (booth.paymentStatus === "PAID" || booth.paymentStatus === "WAIVED" || booth.paymentStatus === "NOT_REQUIRED")
    throw new DomainError("review.error.nothingToWaive", 409);
  await db().$transaction(async (tx) => {
    await tx.booth.update({
      where: { id: boothId },
      data: { paymentStatus: "WAIVED", isPublic: isBoothPublic(booth.status, "WAIVED") },
    });
    await enqueueBooth(tx, boothId);
    await audit(
      {
        actorId: staff.id,
        action: "booth.fee.waive",
        entityType: "Booth",
        entityId: boothId,
        before: { paymentStatus: booth.paymentStatus, feeAmount: booth.feeAmount },
        after: { paymentStatus: "WAIVED" },
      },
      tx,
    );
  });
}

export async function setFeatured(staff: SessionUser, fairId: string, boothId: string, featured: boolean) {
  const booth = await boothInFair(boothId, fairId);
  await db().$transaction(async (tx) => {
    await tx.booth.update({ where: { id: boothId }, data: { featured } });
    await audit(
      {
        actorId: staff.id,
        action: "booth.feature",
        entityType: "Booth",
        entityId: boothId,
        before: { featured: booth.featured },
        after: { featured },
      },
      tx,
    );
  });
}

/** Moves a booth one place up or down among the booths of its hall (swapping positions). */
export async function moveBooth(staff: SessionUser, fairId: string, boothId: string, direction: "up" | "down") {
  const booth = await boothInFair(boothId, fairId);
  const siblings = await db().booth.findMany({
    where: { hallId: booth.hallId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, position: true },
  });
  const i = siblings.findIndex((s) => s.id === boothId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= siblings.length) return;
  [siblings[i], siblings[j]] = [siblings[j], siblings[i]];
  await db().$transaction(async (tx) => {
    for (const [position, s] of siblings.entries())
      if (s.position !== position) await tx.booth.update({ where: { id: s.id }, data: { position } });
    await audit(
      {
        actorId: staff.id,
        action: "booth.move",
        entityType: "Booth",
        entityId: boothId,
        before: { position: i },
        after: { position: j },
      },
      tx,
    );
  });
}
