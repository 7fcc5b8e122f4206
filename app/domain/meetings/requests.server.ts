// Asking for a meeting: an investor from a booth page, or an exhibitor inviting an investor, proposes
// up to three slots of the fair's grid; the other side's team is notified.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { membersOf, notify, publish, type PendingNotification } from "~/domain/notifications/notifications.server";
import { orgNames } from "./org-names.server";
import type { MeetingRequestInput } from "./request-input.server";
import { fairSlots, futureSlots, slotKey, type SlotGrid } from "./slots";

export const MAX_PENDING_PER_FAIR = 20;
function actingOrg(user: SessionUser): { orgId: string; role: "INVESTOR" | "EXHIBITOR" } {
  const m = user.memberships.find((x) => x.role === "INVESTOR" || x.role === "EXHIBITOR");
  if (!m) throw new DomainError("errorPage.403.title", 403);
  return { orgId: m.organizationId, role: m.role as "INVESTOR" | "EXHIBITOR" };
}

/** Sends a meeting request, or returns the identical one this organization already has pending. */
export async function requestMeeting(user: SessionUser, fairId: string, input: MeetingRequestInput) {
  const from = actingOrg(user);
  const [fair, to] = await Promise.all([
    db().fair.findUnique({ where: { id: fairId } }),
    db().organization.findUnique({ where: { id: input.toOrgId }, select: { id: true, kind: true } }),
  ]);
  if (!fair || !["PUBLISHED", "LIVE"].includes(fair.status)) throw new DomainError("errorPage.404.title", 404);
  const wanted = from.role === "INVESTOR" ? "EXHIBITOR" : "INVESTOR";
  if (!to || to.kind !== wanted || to.id === from.orgId) throw new DomainError("meetings.error.badCounterpart", 400);
  if (
    input.projectId &&
    !(await db().project.findFirst({
      where: { id: input.projectId, organizationId: from.role === "INVESTOR" ? to.id : from.orgId },
      select: { id: true },
    }))
  )
    throw new DomainError("error.invalidChoice", 400, undefined, "projectId");
  const grid = new Map(fairSlots(fair).map((s) => [slotKey(s), s]));
  const now = Date.now();
  const slots = [...new Set(input.slots.map((s) => new Date(s).toISOString()))].map((k) => grid.get(k));
  if (slots.some((s) => !s || s.startsAt.getTime() <= now))
    throw new DomainError("meetings.error.badSlot", 400, undefined, "slots");
  const pending = await db().meetingRequest.count({ where: { fromUserId: user.id, fairId, status: "PENDING" } });
  if (pending >= MAX_PENDING_PER_FAIR)
    throw new DomainError("meetings.error.tooManyPending", 429, { max: MAX_PENDING_PER_FAIR });
  const fromName = await orgNames(from.orgId);
  const recipients = await membersOf(to.id);
  let pushed: PendingNotification[] = [];
  const created = await db().$transaction(async (tx) => {
    // The same request sent again (a form submitted twice, a double click) while the first is still
    // pending is that request, not a second one. The user's row lock orders their concurrent requests.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    const keys = slots.map((s) => slotKey(s!)).sort();
    const pendingAlike = await tx.meetingRequest.findMany({
      where: {
        fairId,
        fromOrgId: from.orgId,
        toOrgId: to.id,
        status: "PENDING",
        projectId: input.projectId ?? null,
        message: input.message,
      },
      include: { slots: { select: { startsAt: true } } },
    });
    const same = pendingAlike.find((r) => r.slots.map(slotKey).sort().join() === keys.join());
    if (same) return same;
    const req = await tx.meetingRequest.create({
      data: {
        fairId,
        fromUserId: user.id,
        fromOrgId: from.orgId,
        toOrgId: to.id,
        projectId: input.projectId,
        message: input.message,
        slots: { create: slots.map((s) => ({ startsAt: s!.startsAt, endsAt: s!.endsAt })) },
      },
    });
    await audit(
      {
        actorId: user.id,
        action: "meeting.request",
        entityType: "MeetingRequest",
        entityId: req.id,
        after: { toOrgId: to.id, slots: slots.map((s) => slotKey(s!)) },
      },
      tx,
    );
    pushed = await notify(tx, recipients, "meeting.request", {
      ...fromName,
      requestId: req.id,
      startsAt: slotKey(slots[0]!),
      timeZone: fair.timeZone,
    });
    return req;
  });
  publish(pushed);
  return created;
}

/** What the booth page needs to offer "request a meeting": the fair's future slots and projects. */
export async function meetingOptionsForBooth(user: SessionUser | null, boothId: string) {
  if (!user || !user.memberships.some((m) => m.role === "INVESTOR")) return null;
  const booth = await db().booth.findUnique({
    where: { id: boothId },
    include: {
      fair: true,
      projects: { select: { id: true, titleZh: true, titleEn: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return booth ? meetingOptionsOf(user, booth) : null;
}

/** `meetingOptionsForBooth` for a booth already read (the booth page reads it once). */
export function meetingOptionsOf(
  user: SessionUser | null,
  booth: {
    isPublic: boolean;
    fairId: string;
    organizationId: string;
    fair: SlotGrid;
    projects: { id: string; titleZh: string; titleEn: string }[];
  },
) {
  if (!user || !user.memberships.some((m) => m.role === "INVESTOR")) return null;
  if (!booth.isPublic) return null;
  const slots = futureSlots(booth.fair);
  return {
    fairId: booth.fairId,
    toOrgId: booth.organizationId,
    timeZone: booth.fair.timeZone,
    slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    projects: booth.projects.map((p) => ({ id: p.id, titleZh: p.titleZh, titleEn: p.titleEn })),
  };
}

/** For an exhibitor inviting an investor: the exhibitor's public booth's fair slots and projects. */
export async function meetingOptionsForInvestor(user: SessionUser, investorOrgId: string) {
  const exhibitorOrgs = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  if (exhibitorOrgs.length === 0) throw new DomainError("errorPage.403.title", 403);
  const investor = await db().organization.findUnique({
    where: { id: investorOrgId },
    select: { id: true, kind: true, nameZh: true, nameEn: true },
  });
  if (!investor || investor.kind !== "INVESTOR") throw new DomainError("errorPage.404.title", 404);
  const booth = await db().booth.findFirst({
    where: { organizationId: { in: exhibitorOrgs }, isPublic: true },
    include: { fair: true, projects: { select: { id: true, titleZh: true, titleEn: true } } },
    orderBy: { createdAt: "desc" },
  });
  if (!booth) throw new DomainError("meetings.error.noPublicBooth", 409);
  return {
    investor,
    fairId: booth.fairId,
    toOrgId: investor.id,
    timeZone: booth.fair.timeZone,
    slots: futureSlots(booth.fair).map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    projects: booth.projects,
  };
}
