// One small world for the generated suites (authorization matrix, hostile input): two bureaus, a
// live fair of bureau A with a public booth, a draft booth, a submitted booth, a held meeting with
// an outcome, a scheduled meeting, a pending request and a chat thread; a published fair of bureau B
// and a draft fair of bureau A. Every role the matrix asks about is a signed-in user here.
//
// Roles (actors) are a list; the bureaus (issue 18, ADR 028) form a tree: province P above cities A
// and B, district D under A (organizing the child fair), and bureau C co-organizing fair A. A new
// actor goes into ACTOR_NAMES and is built below; the matrix then fails, naming every row that has
// no expectation for it.
import { randomBytes } from "node:crypto";
import { createSession, sha256 } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { createApiKey } from "../../app/api/keys.server.ts";
import { issueFeedToken } from "../../app/domain/meetings/calendar-feed.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { makeBooth, makeFair, makeUser, makeInvestorProfile } from "./factories.ts";

/** Who asks, in the order the matrix's columns use. */
export const ACTOR_NAMES = [
  "anon", // not signed in
  "visitor", // signed in, no organization
  "investor", // investor org I: requested and held meetings with exhibitor E, chats with E's booth
  "investorB", // another investor org: no relation to anything
  "exhibitor", // exhibitor org E: owns the public booth of fair A
  "exhibitorB", // exhibitor org F: owns the draft booth of fair A
  "staffA", // staff of bureau A, which organizes fair A (and the draft fair)
  "staffB", // staff of bureau B, which organizes fair B (a sibling of A under province P)
  "staffParent", // staff of province P, the parent of bureaus A and B: reads their fairs' dashboards
  "staffChild", // staff of district D under bureau A, which organizes the child fair
  "staffCo", // staff of bureau C, which co-organizes fair A
  "viewerA", // read-only member (viewer) of bureau A
  "bureauAdminA", // bureau admin of bureau A: its staff, and manages its members
  "admin", // platform admin
] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

export interface Actor {
  name: ActorName;
  userId: string | null;
  email: string | null;
  organizationId: string | null;
  /** A session cookie made when the world was built (null for anon). */
  cookie: string | null;
  /** What only this actor (and whom it deals with) may see: account email, name, its organization's names. */
  secrets: string[];
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

const day = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 864e5;

export async function buildWorld() {
  const now = Date.now();
  const meetingDay = day(new Date(now + 10 * DAY));
  const grid = { meetingDays: [meetingDay], sessionStart: "09:00", sessionEnd: "12:00", slotMinutes: 20 };

  // Fair A (bureau A): live since two days, meeting day in ten days.
  const fairA = await makeFair();
  await db().fair.update({
    where: { id: fairA.id },
    data: { status: "LIVE", startsAt: new Date(now - 2 * DAY), endsAt: new Date(now + 20 * DAY), ...grid },
  });
  const slots = fairSlots({ ...grid, timeZone: "Asia/Shanghai" });
  // Fair B (bureau B): published, a month ahead, open for applications.
  const fairB = await makeFair();
  await db().fair.update({
    where: { id: fairB.id },
    data: {
      startsAt: new Date(now + 30 * DAY),
      endsAt: new Date(now + 32 * DAY),
      meetingDays: [day(new Date(now + 31 * DAY))],
    },
  });
  // A draft fair of bureau A: nobody outside its staff may see it.
  const draftFair = await db().fair.create({
    data: {
      slug: `draft-${randomBytes(4).toString("hex")}`,
      titleZh: "筹备中的展会",
      titleEn: "Fair in preparation",
      organizerId: fairA.organizerId,
      startsAt: new Date(now + 60 * DAY),
      endsAt: new Date(now + 61 * DAY),
    },
  });

  // The bureau tree (ADR 028).
  const bureau = (id: string, data: object) => db().organization.update({ where: { id }, data });
  const tag = randomBytes(3).toString("hex");
  const p = await db().organization.create({
    data: { kind: "BUREAU", nameZh: "省商务厅", nameEn: "Province Dept", slug: `p-${tag}`, level: "PROVINCE" },
  });
  const a = await bureau(fairA.organizerId, { slug: `a-${tag}`, level: "CITY", parentId: p.id });
  const b = await bureau(fairB.organizerId, { slug: `b-${tag}`, level: "CITY", parentId: p.id });
  const d = await db().organization.create({
    data: {
      kind: "BUREAU",
      nameZh: "区商务局",
      nameEn: "District",
      slug: `d-${tag}`,
      level: "DISTRICT",
      parentId: a.id,
    },
  });
  const c = await db().organization.create({
    data: { kind: "BUREAU", nameZh: "协办商务局", nameEn: "Co-organizer", slug: `c-${tag}`, level: "CITY" },
  });
  await db().fairCoOrganizer.create({ data: { fairId: fairA.id, organizationId: c.id } });
  const childFair = await db().fair.create({
    data: {
      slug: `child-${tag}`,
      titleZh: "区级展会",
      titleEn: "District fair",
      organizerId: d.id,
      status: "PUBLISHED",
      startsAt: new Date(now + 40 * DAY),
      endsAt: new Date(now + 41 * DAY),
    },
  });

  const [visitor, investor, investorB, exhibitor, exhibitorB, staffA, staffB, admin] = await Promise.all([
    makeUser("VISITOR"),
    makeUser("INVESTOR"),
    makeUser("INVESTOR"),
    makeUser("EXHIBITOR"),
    makeUser("EXHIBITOR"),
    makeUser("STAFF", fairA.organizerId),
    makeUser("STAFF", fairB.organizerId),
    makeUser("ADMIN"),
  ]);
  const [staffParent, staffChild, staffCo, viewerA, bureauAdminA] = await Promise.all([
    makeUser("STAFF", p.id),
    makeUser("STAFF", d.id),
    makeUser("STAFF", c.id),
    makeUser("VIEWER", a.id),
    makeUser("BUREAU_ADMIN", a.id),
  ]);
  const actor = (name: ActorName, u: Awaited<ReturnType<typeof makeUser>> | null): Actor => ({
    name,
    userId: u?.user.id ?? null,
    email: u?.email ?? null,
    organizationId: u?.organizationId ?? null,
    cookie: u?.cookie ?? null,
    secrets: u ? [u.email, u.user.name ?? ""].filter(Boolean) : [],
  });
  const actors: Record<ActorName, Actor> = {
    anon: actor("anon", null),
    visitor: actor("visitor", visitor),
    investor: actor("investor", investor),
    investorB: actor("investorB", investorB),
    exhibitor: actor("exhibitor", exhibitor),
    exhibitorB: actor("exhibitorB", exhibitorB),
    staffA: actor("staffA", staffA),
    staffB: actor("staffB", staffB),
    staffParent: actor("staffParent", staffParent),
    staffChild: actor("staffChild", staffChild),
    staffCo: actor("staffCo", staffCo),
    viewerA: actor("viewerA", viewerA),
    bureauAdminA: actor("bureauAdminA", bureauAdminA),
    admin: actor("admin", admin),
  };

  // The names of the organizations only their members deal with (the bureaus' names are public on
  // their fairs, the exhibitor's on its public booth).
  for (const a of [actors.investor, actors.investorB, actors.exhibitorB]) {
    const org = await db().organization.findUniqueOrThrow({ where: { id: a.organizationId! } });
    a.secrets.push(org.nameZh, org.nameEn);
  }

  await makeInvestorProfile(investor.organizationId!);

  const publicBooth = await makeBooth(fairA, exhibitor.organizationId!, "APPROVED");
  await db().product.create({ data: { boothId: publicBooth.id, nameZh: "检测试剂", nameEn: "Test kit" } });
  const project = await db().project.findFirstOrThrow({ where: { boothId: publicBooth.id } });
  const draftBooth = await makeBooth(fairA, exhibitorB.organizationId!, "DRAFT");
  const thirdOrg = await db().organization.create({
    data: { kind: "EXHIBITOR", nameZh: "第三家参展商", nameEn: "Third exhibitor" },
  });
  const submittedBooth = await makeBooth(fairA, thirdOrg.id, "SUBMITTED");

  // A held meeting (two days ago) with the investor's outcome; a scheduled one on the meeting day.
  const party = { investorOrgId: investor.organizationId!, exhibitorOrgId: exhibitor.organizationId! };
  const participants = (startsAt: Date, endsAt: Date) => ({
    create: [investor.user.id, exhibitor.user.id].map((userId) => ({ userId, startsAt, endsAt })),
  });
  const heldStart = new Date(now - 2 * DAY);
  const heldEnd = new Date(heldStart.getTime() + 20 * 60_000);
  const heldMeeting = await db().meeting.create({
    data: {
      fairId: fairA.id,
      ...party,
      projectId: project.id,
      startsAt: heldStart,
      endsAt: heldEnd,
      status: "COMPLETED",
      participants: participants(heldStart, heldEnd),
    },
  });
  await db().meetingOutcome.create({
    data: {
      meetingId: heldMeeting.id,
      authorId: investor.user.id,
      side: "INVESTOR",
      result: "FOLLOW_UP",
      rating: 4,
    },
  });
  const next = slots[3];
  const scheduledMeeting = await db().meeting.create({
    data: {
      fairId: fairA.id,
      ...party,
      startsAt: next.startsAt,
      endsAt: next.endsAt,
      participants: participants(next.startsAt, next.endsAt),
    },
  });

  /** A pending meeting request from the investor to the exhibitor of the public booth, with two free slots. */
  const pendingRequest = async () =>
    db().meetingRequest.create({
      data: {
        fairId: fairA.id,
        fromUserId: investor.user.id,
        fromOrgId: investor.organizationId!,
        toOrgId: exhibitor.organizationId!,
        message: "想了解项目",
        slots: { create: slots.slice(0, 2).map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })) },
      },
    });
  const request = await pendingRequest();

  const thread = await db().chatThread.create({
    data: {
      boothId: publicBooth.id,
      visitorUserId: investor.user.id,
      messages: { create: { senderUserId: investor.user.id, body: "您好" } },
    },
  });
  await db().notification.create({
    data: { userId: investor.user.id, kind: "meeting.accepted", data: { meetingId: scheduledMeeting.id } },
  });

  // Roadshows (云推介): one live now in fair A presented by the exhibitor's booth (the investor is
  // registered), one proposed by the exhibitor awaiting approval, one scheduled in fair B.
  const roadshowLive = await db().roadshow.create({
    data: {
      fairId: fairA.id,
      titleZh: "检测试剂项目推介",
      titleEn: "Test kit roadshow",
      startsAt: new Date(now - 10 * 60_000),
      endsAt: new Date(now + 60 * 60_000),
      status: "LIVE",
      boothId: publicBooth.id,
      projectIds: [project.id],
      presenterIds: [exhibitor.user.id],
      registrations: { create: { userId: investor.user.id, shareContact: true } },
    },
  });
  const roadshowProposed = await db().roadshow.create({
    data: {
      fairId: fairA.id,
      titleZh: "待审批推介",
      titleEn: "Proposed roadshow",
      startsAt: new Date(now + 5 * DAY),
      endsAt: new Date(now + 5 * DAY + 3600_000),
      status: "PROPOSED",
      boothId: publicBooth.id,
      proposedById: exhibitor.user.id,
    },
  });
  const roadshowB = await db().roadshow.create({
    data: {
      fairId: fairB.id,
      titleZh: "B 展会推介",
      titleEn: "Fair B roadshow",
      startsAt: new Date(now + 30 * DAY),
      endsAt: new Date(now + 30 * DAY + 3600_000),
    },
  });

  const sessionUser = async (cookie: string) =>
    (await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))!;
  const feedToken = await issueFeedToken(await sessionUser(investor.cookie));
  const apiKey = await createApiKey(await sessionUser(admin.cookie), "hostile-suite");

  // Whose password reset token: a user of its own, so using one ends nobody's session in the world.
  const resetOwner = await makeUser("VISITOR");
  /** A live password-reset token (the only one of its owner, as the app keeps it). */
  const freshResetToken = async () => {
    const token = randomBytes(32).toString("base64url");
    await db().passwordResetToken.deleteMany({ where: { userId: resetOwner.user.id } });
    await db().passwordResetToken.create({
      data: { userId: resetOwner.user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) },
    });
    return token;
  };

  /** A new session for the actor (null for anon), so one cell's logout cannot end another's. */
  const freshCookie = async (name: ActorName): Promise<string | null> => {
    const id = actors[name].userId;
    return id ? (await createSession(id)).split(";")[0] : null;
  };

  return {
    actors,
    fairA,
    fairB,
    draftFair,
    childFair,
    bureaus: { p, a, b, c, d },
    slots,
    publicBooth,
    draftBooth,
    submittedBooth,
    project,
    heldMeeting,
    scheduledMeeting,
    request,
    pendingRequest,
    thread,
    roadshowLive,
    roadshowProposed,
    roadshowB,
    feedToken,
    apiKey,
    /** The booths' contact (tests/harness/factories.ts): only for their exhibitors, staff and engaged investors (ADR 021). */
    contacts: ["zhang@booth.example.cn"],
    freshResetToken,
    freshCookie,
  };
}

/**
 * Every table's row count and a digest of its rows (the sum of a 64-bit hash of each row, so order
 * does not matter), in one query: two equal snapshots mean the database did not change. Refused
 * requests must leave it exactly as it was.
 */
export async function snapshotDatabase(): Promise<Map<string, string>> {
  const tables = await tableNames();
  const parts = tables.map(
    (t) =>
      `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0)::text AS v FROM "${t}" x`,
  );
  const rows = await db().$queryRawUnsafe<{ t: string; v: string }[]>(parts.join(" UNION ALL "));
  return new Map(rows.map((r) => [r.t, r.v]));
}

/** The tables whose snapshot differs, with their row counts before → after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [t, v] of after)
    if (before.get(t) !== v) changed.push(`${t} (${before.get(t)?.split(":")[0]} → ${v.split(":")[0]} rows)`);
  return changed;
}

let names: Promise<string[]> | null = null;
function tableNames(): Promise<string[]> {
  names ??= db()
    .$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_%' ORDER BY 1`,
    )
    .then((rows) => rows.map((r) => r.tablename));
  return names;
}
