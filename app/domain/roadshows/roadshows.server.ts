// 云推介: live roadshows in a fair (docs/decisions/031-roadshows.md). Programme and pages,
// scheduling by the organizing bureau and proposals by exhibitors, registration, the join window,
// presenter controls and join tokens. Q&A, hands and stage live in live.server.ts; attendance from
// LiveKit webhooks in attendance.server.ts.
import { z } from "zod";
import { assertFairStaff, CO_ORGANIZER_IDS, isFairStaff, isMemberOf } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import type { Prisma, RoadshowStatus } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { choice, formNumber, localDateTime, required, text } from "~/lib/form-fields";
import { parseLocalDateTime } from "~/lib/dates";
import { audit } from "~/domain/audit/audit.server";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { enqueueRoadshow } from "~/search/outbox.server";
import { recordWhileLive } from "./recording.server";
import {
  deleteRoom,
  ensureRoadshowRoom,
  liveKitSettings,
  mintRoadshowToken,
  roadshowRoomFor,
} from "../../../media/video/livekit";

export const OPENS_BEFORE_MIN = 15;
export const CLOSES_AFTER_MIN = 30;
export const MAX_CAPACITY = 10_000;
const MIN = 60_000;

/** Statuses the public sees (a proposal or a rejected one stays between the exhibitor and the bureau). */
export const PUBLIC_ROADSHOW: RoadshowStatus[] = ["SCHEDULED", "LIVE", "PAUSED", "ENDED"];

export interface Speaker {
  name: string;
  orgZh: string;
  orgEn: string;
}

export function joinWindow(r: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(r.startsAt.getTime() - OPENS_BEFORE_MIN * MIN),
    closesAt: new Date(r.endsAt.getTime() + CLOSES_AFTER_MIN * MIN),
  };
}

export type RoadshowWindow = "early" | "open" | "closed";
/** A live or paused roadshow stays open past its planned end; an ended one is closed. */
export function windowState(r: { startsAt: Date; endsAt: Date; status: RoadshowStatus }, now: Date): RoadshowWindow {
  if (r.status === "ENDED" || r.status === "REJECTED" || r.status === "PROPOSED") return "closed";
  if (r.status === "LIVE" || r.status === "PAUSED") return "open";
  const w = joinWindow(r);
  if (now < w.opensAt) return "early";
  return now <= w.closesAt ? "open" : "closed";
}

const speakersOf = (v: Prisma.JsonValue): Speaker[] =>
  Array.isArray(v)
    ? v.flatMap((s) =>
        s && typeof s === "object" && !Array.isArray(s) && typeof s.name === "string"
          ? [{ name: s.name, orgZh: String(s.orgZh ?? ""), orgEn: String(s.orgEn ?? "") }]
          : [],
      )
    : [];

/** "Name | 机构 | Organization" per line → speakers (at most 12). */
export function parseSpeakers(lines: string): Speaker[] {
  return lines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 12)
    .map((l) => {
      const [name, orgZh = "", orgEn = ""] = l.split("|").map((x) => x.trim().slice(0, 120));
      return { name: name.slice(0, 80), orgZh, orgEn: orgEn || orgZh };
    })
    .filter((s) => s.name);
}

// ── Access ──────────────────────────────────────────────────────────────────────────────────────

/** What the roadshow pages need of a fair: its names, zone, status and who organizes it. */
const FAIR_SELECT = {
  id: true,
  slug: true,
  titleZh: true,
  titleEn: true,
  timeZone: true,
  status: true,
  organizerId: true,
  coOrganizers: CO_ORGANIZER_IDS,
} as const;

async function publicFair(slug: string) {
  if (!slug || slug.length > 100) throw new DomainError("errorPage.404.title", 404);
  const fair = await db().fair.findUnique({
    where: { slug },
    select: FAIR_SELECT,
  });
  if (!fair || (!PUBLIC_FAIR_STATUSES.includes(fair.status) && fair.status !== "CLOSED"))
    throw new DomainError("errorPage.404.title", 404);
  return fair;
}

const loadRoadshow = (id: string) =>
  db().roadshow.findUnique({
    where: { id },
    include: {
      fair: { select: FAIR_SELECT },
      booth: { select: { id: true, organizationId: true, organization: { select: { nameZh: true, nameEn: true } } } },
    },
  });
export type LoadedRoadshow = NonNullable<Awaited<ReturnType<typeof loadRoadshow>>>;

/** Acting staff of the organizing or a co-organizing bureau, or a member of the presenting exhibitor: may run the room. */
export function canModerate(user: SessionUser | null, r: LoadedRoadshow): boolean {
  if (!user) return false;
  if (isFairStaff(user, r.fair)) return true;
  return !!r.booth && isMemberOf(user, r.booth.organizationId, "EXHIBITOR");
}

/**
 * The roadshow as `user` may see it: public ones in a public fair for everyone; a proposal or a
 * rejected one only for the bureau and the proposing exhibitor; anything else (another fair's id,
 * a draft fair) 404, so nothing leaks.
 */
export async function visibleRoadshow(
  user: SessionUser | null,
  /** null: any fair (socket events name the roadshow only) */
  slug: string | null,
  id: string,
): Promise<LoadedRoadshow> {
  if (!id || id.length > 64) throw new DomainError("errorPage.404.title", 404);
  const r = await loadRoadshow(id);
  if (!r || (slug !== null && r.fair.slug !== slug)) throw new DomainError("errorPage.404.title", 404);
  const fairPublic = PUBLIC_FAIR_STATUSES.includes(r.fair.status) || r.fair.status === "CLOSED";
  if (fairPublic && PUBLIC_ROADSHOW.includes(r.status)) return r;
  if (canModerate(user, r) || (!!user && isFairStaff(user, r.fair, "read"))) return r;
  throw new DomainError("errorPage.404.title", 404);
}

export async function moderated(user: SessionUser, slug: string | null, id: string) {
  const r = await visibleRoadshow(user, slug, id);
  if (!canModerate(user, r)) throw new DomainError("roadshow.error.notModerator", 403);
  return r;
}

// ── Programme and page ──────────────────────────────────────────────────────────────────────────

export async function programme(user: SessionUser | null, slug: string) {
  const fair = await publicFair(slug);
  const staff = !!user && isFairStaff(user, fair, "read");
  const myOrgs = user?.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId) ?? [];
  const rows = await db().roadshow.findMany({
    where: {
      fairId: fair.id,
      OR: [
        { status: { in: PUBLIC_ROADSHOW } },
        ...(staff ? [{ status: { in: ["PROPOSED", "REJECTED"] as RoadshowStatus[] } }] : []),
        ...(myOrgs.length ? [{ booth: { organizationId: { in: myOrgs } } }] : []),
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 200,
    include: {
      booth: { select: { organization: { select: { nameZh: true, nameEn: true } } } },
      _count: { select: { registrations: true } },
    },
  });
  const mine = user
    ? new Set(
        (
          await db().roadshowRegistration.findMany({
            where: { userId: user.id, roadshowId: { in: rows.map((r) => r.id) } },
            select: { roadshowId: true },
          })
        ).map((x) => x.roadshowId),
      )
    : new Set<string>();
  const ownBooth = myOrgs.length
    ? await db().booth.findFirst({
        where: { fairId: fair.id, organizationId: { in: myOrgs }, status: "APPROVED" },
        select: { id: true, projects: { select: { id: true, titleZh: true, titleEn: true }, take: 50 } },
      })
    : null;
  return {
    fair: { slug: fair.slug, titleZh: fair.titleZh, titleEn: fair.titleEn, timeZone: fair.timeZone, id: fair.id },
    staff,
    /** An exhibitor with an approved booth here may propose a roadshow. */
    canPropose: !!ownBooth && fair.status !== "CLOSED",
    ownProjects: ownBooth?.projects ?? [],
    roadshows: rows.map((r) => ({
      id: r.id,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      status: r.status,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      capacity: r.capacity,
      registered: r._count.registrations,
      mine: mine.has(r.id),
      presenterZh: r.booth?.organization.nameZh ?? null,
      presenterEn: r.booth?.organization.nameEn ?? null,
      speakers: speakersOf(r.speakers),
    })),
  };
}

export async function roadshowPage(user: SessionUser | null, slug: string, id: string, now = new Date()) {
  const r = await visibleRoadshow(user, slug, id);
  const [projects, registration, registered, recordings, organizer] = await Promise.all([
    db().project.findMany({
      where: { id: { in: r.projectIds }, booth: { fairId: r.fairId } },
      select: {
        id: true,
        titleZh: true,
        titleEn: true,
        descriptionZh: true,
        descriptionEn: true,
        sector: true,
        stage: true,
        amountSought: true,
        currency: true,
        boothId: true,
        organizationId: true,
        organization: { select: { nameZh: true, nameEn: true } },
      },
    }),
    user
      ? db().roadshowRegistration.findUnique({ where: { roadshowId_userId: { roadshowId: r.id, userId: user.id } } })
      : null,
    db().roadshowRegistration.count({ where: { roadshowId: r.id } }),
    db().roadshowRecording.findMany({
      where: { roadshowId: r.id, status: "complete" },
      orderBy: { startedAt: "asc" },
      select: { id: true, filename: true, location: true, endedAt: true },
    }),
    db().organization.findUnique({ where: { id: r.fair.organizerId }, select: { nameZh: true, nameEn: true } }),
  ]);
  const w = joinWindow(r);
  const s = liveKitSettings(config());
  const moderator = canModerate(user, r);
  return {
    fair: { slug: r.fair.slug, titleZh: r.fair.titleZh, titleEn: r.fair.titleEn, timeZone: r.fair.timeZone },
    roadshow: {
      id: r.id,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      descriptionZh: r.descriptionZh,
      descriptionEn: r.descriptionEn,
      agendaZh: r.agendaZh.split("\n").filter(Boolean),
      agendaEn: r.agendaEn.split("\n").filter(Boolean),
      speakers: speakersOf(r.speakers),
      status: r.status,
      reviewNote: moderator ? r.reviewNote : null,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      opensAt: w.opensAt.toISOString(),
      capacity: r.capacity,
      registered,
      presenter: r.booth
        ? {
            boothId: r.booth.id,
            orgId: r.booth.organizationId,
            nameZh: r.booth.organization.nameZh,
            nameEn: r.booth.organization.nameEn,
          }
        : null,
      organizer: organizer ?? { nameZh: "", nameEn: "" },
    },
    projects: projects.map((p) => ({ ...p, amountSought: p.amountSought.toString() })),
    window: windowState(r, now),
    signedIn: !!user,
    registration: registration ? { shareContact: registration.shareContact } : null,
    full: registered >= r.capacity,
    moderator,
    videoConfigured: !!s,
    replayConfigured: !!s?.egress,
    recordings: recordings.map((x) => ({ ...x, endedAt: x.endedAt?.toISOString() ?? null })),
  };
}

// ── Registration ────────────────────────────────────────────────────────────────────────────────

export async function register(user: SessionUser, slug: string, id: string, shareContact: boolean) {
  const r = await visibleRoadshow(user, slug, id);
  if (!PUBLIC_ROADSHOW.includes(r.status) || r.status === "ENDED")
    throw new DomainError("roadshow.error.notOpenForRegistration", 409);
  await db().$transaction(async (tx) => {
    const existing = await tx.roadshowRegistration.findUnique({
      where: { roadshowId_userId: { roadshowId: r.id, userId: user.id } },
    });
    if (existing) {
      await tx.roadshowRegistration.update({ where: { id: existing.id }, data: { shareContact } });
      return;
    }
    // Capacity under a row lock on the roadshow, so a burst cannot overbook it.
    await tx.$queryRaw`SELECT id FROM "Roadshow" WHERE id = ${r.id} FOR UPDATE`;
    const count = await tx.roadshowRegistration.count({ where: { roadshowId: r.id } });
    if (count >= r.capacity) throw new DomainError("roadshow.error.full", 409);
    await tx.roadshowRegistration.create({ data: { roadshowId: r.id, userId: user.id, shareContact } });
  });
  return { registered: true };
}

export async function unregister(user: SessionUser, slug: string, id: string) {
  const r = await visibleRoadshow(user, slug, id);
  await db().roadshowRegistration.deleteMany({ where: { roadshowId: r.id, userId: user.id } });
  return { registered: false };
}

// ── Scheduling (bureau) and proposals (exhibitors) ───────────────────────────────────────────────

export const roadshowFields = {
  titleZh: required(200),
  titleEn: required(200),
  descriptionZh: text(4000).default(""),
  descriptionEn: text(4000).default(""),
  agendaZh: text(4000).default(""),
  agendaEn: text(4000).default(""),
  speakers: text(3000).default(""),
  startsAt: localDateTime("roadshow.error.startsAt"),
  durationMin: choice(["30", "45", "60", "90", "120", "180"] as const),
  capacity: formNumber(
    z
      .number({ invalid_type_error: "roadshow.error.capacity" })
      .int("roadshow.error.capacity")
      .min(1, "roadshow.error.capacity")
      .max(MAX_CAPACITY, "roadshow.error.capacity"),
  ),
  projectIds: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(64, "roadshow.error.project")).max(20, "error.tooLong"),
  ),
};
export const roadshowSchema = z.object(roadshowFields);
export type RoadshowInput = z.infer<typeof roadshowSchema>;

function timesOf(input: RoadshowInput, timeZone: string) {
  const local = parseLocalDateTime(input.startsAt, timeZone);
  if (!local.ok) throw new DomainError("error.date.nonexistent", 400, {}, "startsAt");
  const startsAt = local.value.utc;
  return { startsAt, endsAt: new Date(startsAt.getTime() + Number(input.durationMin) * MIN) };
}

/** A roadshow of this fair, title, start and presenter that is still on (a repeated submission). */
function sameRoadshow(fairId: string, titleZh: string, startsAt: Date, boothId: string | null) {
  return db().roadshow.findFirst({
    where: { fairId, titleZh, startsAt, boothId, status: { notIn: ["REJECTED", "ENDED"] } },
  });
}

function dataOf(input: RoadshowInput) {
  return {
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    agendaZh: input.agendaZh,
    agendaEn: input.agendaEn,
    speakers: parseSpeakers(input.speakers) as unknown as Prisma.InputJsonValue,
    capacity: input.capacity,
  };
}

/** Projects of the fair (of `boothId` when given) among the ids typed; others are refused. */
async function checkedProjects(fairId: string, ids: string[], boothId: string | null) {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return [];
  const found = await db().project.findMany({
    where: { id: { in: unique }, booth: { fairId, ...(boothId ? { id: boothId } : {}) } },
    select: { id: true },
  });
  if (found.length !== unique.length) throw new DomainError("roadshow.error.project", 400, {}, "projectIds");
  return unique;
}

/** Bureau staff schedule a roadshow (optionally presented by a booth of the fair). */
export async function scheduleRoadshow(
  user: SessionUser,
  fairId: string,
  input: RoadshowInput,
  boothId: string | null,
) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: { id: true, timeZone: true, organizerId: true },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  await assertFairStaff(user, fair.id, "act");
  if (boothId) {
    const booth = await db().booth.findFirst({ where: { id: boothId, fairId }, select: { id: true } });
    if (!booth) throw new DomainError("roadshow.error.booth", 400, {}, "boothId");
  }
  let projectIds = await checkedProjects(fair.id, input.projectIds, boothId);
  if (boothId && projectIds.length === 0)
    projectIds = (await db().project.findMany({ where: { boothId }, select: { id: true }, take: 20 })).map((p) => p.id);
  const times = timesOf(input, fair.timeZone);
  const same = await sameRoadshow(fairId, input.titleZh, times.startsAt, boothId);
  if (same) return same; // the same form submitted twice schedules one roadshow
  // with its search outbox row, so the roadshow and the fair's programme are found within seconds
  const r = await db().$transaction(async (tx) => {
    const created = await tx.roadshow.create({
      data: {
        fairId,
        ...dataOf(input),
        ...times,
        boothId,
        projectIds,
        status: "SCHEDULED",
        presenterIds: [user.id],
      },
    });
    await enqueueRoadshow(tx, created.id);
    return created;
  });
  await audit({ actorId: user.id, action: "roadshow.schedule", entityType: "Roadshow", entityId: r.id, after: times });
  return r;
}

/** An exhibitor with an approved booth in the fair proposes a roadshow of its own projects. */
export async function proposeRoadshow(user: SessionUser, slug: string, input: RoadshowInput) {
  const fair = await publicFair(slug);
  if (fair.status === "CLOSED") throw new DomainError("roadshow.error.fairClosed", 409);
  const orgIds = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  const booth = orgIds.length
    ? await db().booth.findFirst({
        where: { fairId: fair.id, organizationId: { in: orgIds }, status: "APPROVED" },
        select: { id: true },
      })
    : null;
  if (!booth) throw new DomainError("roadshow.error.noBooth", 403);
  const pending = await db().roadshow.count({ where: { boothId: booth.id, status: "PROPOSED" } });
  if (pending >= 5) throw new DomainError("roadshow.error.tooManyProposals", 409);
  const projectIds = await checkedProjects(fair.id, input.projectIds, booth.id);
  const times = timesOf(input, fair.timeZone);
  const same = await sameRoadshow(fair.id, input.titleZh, times.startsAt, booth.id);
  if (same) return same; // the same proposal submitted twice is one proposal
  // (a proposal is not public; its outbox row only keeps every write announced the same way)
  const r = await db().$transaction(async (tx) => {
    const created = await tx.roadshow.create({
      data: {
        fairId: fair.id,
        ...dataOf(input),
        ...times,
        boothId: booth.id,
        projectIds,
        status: "PROPOSED",
        proposedById: user.id,
        presenterIds: [user.id],
      },
    });
    await enqueueRoadshow(tx, created.id);
    return created;
  });
  await audit({ actorId: user.id, action: "roadshow.propose", entityType: "Roadshow", entityId: r.id, after: times });
  return r;
}

/** The bureau's list of a fair's roadshows (proposals first). */
export async function staffRoadshows(user: SessionUser, fairId: string) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: { id: true, slug: true, titleZh: true, titleEn: true, timeZone: true, organizerId: true },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  await assertFairStaff(user, fair.id, "read");
  const [rows, booths] = await Promise.all([
    db().roadshow.findMany({
      where: { fairId },
      orderBy: [{ startsAt: "asc" }],
      take: 500,
      include: {
        booth: { select: { organization: { select: { nameZh: true, nameEn: true } } } },
        _count: { select: { registrations: true } },
      },
    }),
    db().booth.findMany({
      where: { fairId, status: "APPROVED" },
      orderBy: { position: "asc" },
      take: 500,
      select: { id: true, organization: { select: { nameZh: true, nameEn: true } } },
    }),
  ]);
  return {
    fair: { id: fair.id, slug: fair.slug, titleZh: fair.titleZh, titleEn: fair.titleEn, timeZone: fair.timeZone },
    booths: booths.map((b) => ({ id: b.id, nameZh: b.organization.nameZh, nameEn: b.organization.nameEn })),
    roadshows: rows
      .sort((a, b) => Number(b.status === "PROPOSED") - Number(a.status === "PROPOSED"))
      .map((r) => ({
        id: r.id,
        titleZh: r.titleZh,
        titleEn: r.titleEn,
        status: r.status,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        capacity: r.capacity,
        registered: r._count.registrations,
        presenterZh: r.booth?.organization.nameZh ?? null,
        presenterEn: r.booth?.organization.nameEn ?? null,
      })),
  };
}

/** Approve or reject an exhibitor's proposal (only while it is a proposal: a second click is a 409). */
export async function reviewProposal(
  user: SessionUser,
  fairId: string,
  roadshowId: string,
  decision: "approve" | "reject",
  note: string,
) {
  const r = await db().roadshow.findUnique({
    where: { id: roadshowId },
    include: { fair: { select: { organizerId: true } } },
  });
  if (!r || r.fairId !== fairId) throw new DomainError("errorPage.404.title", 404);
  await assertFairStaff(user, r.fairId, "act");
  const status = decision === "approve" ? "SCHEDULED" : "REJECTED";
  const done = await db().$transaction(async (tx) => {
    const updated = await tx.roadshow.updateMany({
      where: { id: r.id, status: "PROPOSED" },
      data: { status, reviewNote: note || null },
    });
    if (updated.count) await enqueueRoadshow(tx, r.id); // approved: now in search
    return updated;
  });
  if (done.count === 0) throw new DomainError("roadshow.error.notProposal", 409);
  await audit({
    actorId: user.id,
    action: `roadshow.${decision}`,
    entityType: "Roadshow",
    entityId: r.id,
    before: { status: r.status },
    after: { status, note },
  });
}

// ── Presenter controls ──────────────────────────────────────────────────────────────────────────

const TRANSITIONS: Record<string, { from: RoadshowStatus[]; to: RoadshowStatus }> = {
  start: { from: ["SCHEDULED", "PAUSED"], to: "LIVE" },
  pause: { from: ["LIVE"], to: "PAUSED" },
  end: { from: ["LIVE", "PAUSED"], to: "ENDED" },
};
export type ControlAction = "start" | "pause" | "end";

export async function control(
  user: SessionUser,
  slug: string | null,
  id: string,
  action: ControlAction,
  now = new Date(),
) {
  const r = await moderated(user, slug, id);
  const t = TRANSITIONS[action];
  if (action === "start" && r.status === "SCHEDULED" && now < joinWindow(r).opensAt)
    throw new DomainError("roadshow.error.tooEarly", 409);
  const done = await db().$transaction(async (tx) => {
    const updated = await tx.roadshow.updateMany({
      where: { id: r.id, status: { in: t.from } },
      data: {
        status: t.to,
        ...(action === "start" && !r.startedAt ? { startedAt: now } : {}),
        ...(action === "end" ? { endedAt: now, stageUserIds: [], raisedHandIds: [], spotlight: null } : {}),
      },
    });
    if (updated.count) await enqueueRoadshow(tx, r.id); // the search card's LIVE badge follows
    return updated;
  });
  if (done.count === 0) throw new DomainError("roadshow.error.badTransition", 409);
  await audit({
    actorId: user.id,
    action: `roadshow.${action}`,
    entityType: "Roadshow",
    entityId: r.id,
    before: { status: r.status },
    after: { status: t.to },
  });
  const s = liveKitSettings(config());
  if (s) await recordWhileLive(s, r.id, t.to === "LIVE", now).catch(() => {});
  if (s && t.to === "ENDED") await deleteRoom(s, roadshowRoomFor(r.id)).catch(() => {});
  return { status: t.to };
}

export async function setSpotlight(user: SessionUser, slug: string | null, id: string, identity: string | null) {
  const r = await moderated(user, slug, id);
  await db().roadshow.update({ where: { id: r.id }, data: { spotlight: identity } });
  return { spotlight: identity };
}

// ── Join token ──────────────────────────────────────────────────────────────────────────────────

export const roadshowIdentity = (userId: string) => `u_${userId}`;

/**
 * A token for this roadshow's room only, inside its window. Moderators (bureau staff, the presenting
 * exhibitor) and people on stage may publish; everyone else joins subscribe-only, and only once
 * registered (joining registers them when there is room).
 */
export async function issueRoadshowToken(user: SessionUser, slug: string, id: string, now = new Date()) {
  const r = await visibleRoadshow(user, slug, id);
  const state = windowState(r, now);
  if (state === "early") throw new DomainError("roadshow.error.notOpen", 403);
  if (state === "closed") throw new DomainError("roadshow.error.closed", 403);
  const s = liveKitSettings(config());
  if (!s) throw new DomainError("video.error.notConfigured", 503);
  const moderator = canModerate(user, r);
  const room = roadshowRoomFor(r.id);
  try {
    await ensureRoadshowRoom(s, room, Math.min(MAX_CAPACITY, r.capacity + 50));
  } catch {
    throw new DomainError("video.error.connect", 503); // LiveKit unreachable: nothing registered yet
  }
  if (!moderator) {
    const reg = await db().roadshowRegistration.findUnique({
      where: { roadshowId_userId: { roadshowId: r.id, userId: user.id } },
    });
    if (!reg) await register(user, r.fair.slug, id, false);
  }
  const publish = moderator || r.stageUserIds.includes(user.id);
  const token = await mintRoadshowToken(s, {
    room,
    identity: roadshowIdentity(user.id),
    name: user.name,
    metadata: { name: user.name, role: moderator ? "presenter" : "viewer" },
    publish,
  });
  return { token, url: s.url, identity: roadshowIdentity(user.id), publish, moderator };
}

export { loadRoadshow };

// ── Reminders (a job, never a page load) ─────────────────────────────────────────────────────────

/** "Starts within 10 minutes": each registration is reminded once (claimed by a conditional update). */
export async function sendRoadshowReminders(now = new Date()): Promise<number> {
  const due = await db().roadshowRegistration.findMany({
    where: {
      remindedAt: null,
      roadshow: {
        status: { in: ["SCHEDULED", "LIVE"] },
        startsAt: { gt: now, lte: new Date(now.getTime() + 10 * MIN) },
      },
    },
    include: {
      roadshow: {
        select: {
          id: true,
          titleZh: true,
          titleEn: true,
          startsAt: true,
          fair: { select: { slug: true, timeZone: true } },
        },
      },
    },
    take: 1000,
  });
  let sent = 0;
  for (const reg of due) {
    const rows = await db().$transaction(async (tx) => {
      const claimed = await tx.roadshowRegistration.updateMany({
        where: { id: reg.id, remindedAt: null },
        data: { remindedAt: now },
      });
      if (claimed.count === 0) return [];
      return notify(tx, [reg.userId], "roadshow.starting", {
        nameZh: reg.roadshow.titleZh,
        nameEn: reg.roadshow.titleEn,
        startsAt: reg.roadshow.startsAt.toISOString(),
        timeZone: reg.roadshow.fair.timeZone,
        fairSlug: reg.roadshow.fair.slug,
        roadshowId: reg.roadshow.id,
      });
    });
    publish(rows);
    sent += rows.length;
  }
  return sent;
}
