// The investor dashboard's raw reads (ADR 033) against the Prisma reads they replaced
// (tests/harness/dashboard-prisma-reference.ts): the profile, the bookmarks (limit, order, ties,
// fairs no longer on show, booths not public) and the fairs whose survey is still to answer (drafts,
// answered, cancelled meetings, someone else's meeting, pending booths, the limit of five); and the
// four of them read in one statement (readTogether) exactly as each read alone.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { investorDashboard, investorDashboardReads } from "../../app/domain/accounts/personal-dashboard.server.ts";
import { recommendationsForInvestor } from "../../app/domain/recommendations/recommendations.server.ts";
import { listBookmarks } from "../../app/domain/booths/engagement.server.ts";
import { pendingSurveys } from "../../app/domain/reports/surveys.server.ts";
import {
  investorDashboardByPrisma,
  listBookmarksByPrisma,
  pendingSurveyFairsByPrisma,
} from "../harness/dashboard-prisma-reference.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeInvestorProfile, makeMeeting, makeUser, req } from "../harness/factories.ts";

const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
const AFTER_ALL_FAIRS = new Date("2027-06-01T00:00:00Z");

describe("investor dashboard reads", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("reads the investor profile as the Prisma read did, the first by creation with several organizations", async () => {
    const investor = await makeUser("INVESTOR");
    expect(await investorDashboard(await me(investor))).toBeNull();
    await makeInvestorProfile(investor.organizationId!, {
      stages: ["SERIES_A", "GROWTH"],
      ticketMax: 900_000_000_000n,
      thesisZh: "长期投资",
      thesisEn: "Long term",
      currency: "USD",
    });
    const second = await makeUser("INVESTOR");
    await makeInvestorProfile(second.organizationId!, { sectors: ["ai"] });
    await db().membership.create({
      data: { userId: investor.user.id, organizationId: second.organizationId!, role: "INVESTOR" },
    });
    const user = await me(investor);
    const raw = await investorDashboard(user);
    expect(raw).toEqual(await investorDashboardByPrisma(user));
    expect(raw).toMatchObject({ stages: ["SERIES_A", "GROWTH"], ticketMax: 900_000_000_000, currency: "USD" });
    // Not an investor: no profile, however many exhibitors' organizations.
    expect(await investorDashboard(await me(await makeUser("EXHIBITOR")))).toBeNull();
  });

  it("lists bookmarks as the Prisma read did: newest 50 public booths, ties by booth, fairs on show first", async () => {
    const investor = await makeUser("INVESTOR");
    const [onShow, closed, draft] = await Promise.all([makeFair(), makeFair(), makeFair("DRAFT")]);
    await db().fair.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
    const booths: Awaited<ReturnType<typeof makeBooth>>[] = [];
    for (let i = 0; i < 58; i++) {
      const exhibitor = await makeUser("EXHIBITOR");
      const fair = i % 7 === 0 ? closed : i % 11 === 0 ? draft : onShow;
      booths.push(await makeBooth(fair, exhibitor.organizationId!, i % 13 === 5 ? "SUBMITTED" : "APPROVED"));
    }
    // Shared instants: six bookmarks at each of ten moments, so ties decide the order.
    await db().bookmark.createMany({
      data: booths.map((b, i) => ({
        userId: investor.user.id,
        boothId: b.id,
        createdAt: new Date(Date.UTC(2026, 11, 1, 0, Math.floor(i / 6))),
      })),
    });
    const user = await me(investor);
    const raw = await listBookmarks(user);
    expect(raw).toEqual(await listBookmarksByPrisma(user));
    expect(raw).toHaveLength(50);
    expect(raw.some((b) => !b.onShow)).toBe(true);
    expect(raw.findIndex((b) => !b.onShow)).toBeGreaterThan(raw.findLastIndex((b) => b.onShow));
    // Someone else's bookmarks are not the user's.
    expect(await listBookmarks(await me(await makeUser("INVESTOR")))).toEqual([]);
  });

  it("finds the fairs whose survey is still to answer as the Prisma read did", async () => {
    const investor = await makeUser("INVESTOR");
    const colleague = await makeUser("INVESTOR", investor.organizationId!);
    const exhibitor = await makeUser("EXHIBITOR");
    const fairs: Awaited<ReturnType<typeof makeFair>>[] = [];
    for (let i = 0; i < 9; i++) fairs.push(await makeFair(i === 8 ? "DRAFT" : "PUBLISHED"));
    // Two fairs start at the same instant (ties by id); one is live, one closed.
    await db().fair.update({ where: { id: fairs[1].id }, data: { startsAt: fairs[0].startsAt, status: "LIVE" } });
    await db().fair.update({ where: { id: fairs[2].id }, data: { status: "CLOSED" } });
    // One hour apart: a participant cannot be in two meetings at once.
    const at = (i: number) => ({
      startsAt: new Date(fairs[i].startsAt.getTime() + (i + 1) * 3600_000),
      endsAt: new Date(fairs[i].startsAt.getTime() + (i + 1) * 3600_000 + 1200_000),
    });
    const meeting = (i: number, status?: "CANCELLED") =>
      makeMeeting({ fair: fairs[i], investor, exhibitor, ...at(i), status });
    await Promise.all([
      meeting(0),
      meeting(1),
      meeting(2),
      meeting(3, "CANCELLED"),
      meeting(5),
      meeting(6),
      meeting(8),
    ]);
    // The colleague's meeting in fair 4 is not the investor's; fair 5's survey is answered.
    await makeMeeting({ fair: fairs[4], investor: colleague, exhibitor, ...at(4) });
    await db().fairSurvey.create({
      data: { fairId: fairs[5].id, userId: investor.user.id, role: "INVESTOR", nps: 9, satisfaction: 5 },
    });
    // The investor's organization also has an approved booth in fair 7 and a submitted one in fair 4.
    await makeBooth(fairs[7], investor.organizationId!);
    await makeBooth(fairs[4], investor.organizationId!, "SUBMITTED");

    const user = await me(investor);
    const reference = await pendingSurveyFairsByPrisma(user);
    expect(reference.map((f) => fairs.findIndex((x) => x.slug === f.slug)).sort()).toEqual([0, 1, 2, 6, 7]);
    const open = (now: Date) =>
      reference
        .slice()
        .filter((f) => f.status === "LIVE" || f.status === "CLOSED" || now >= f.startsAt)
        .map((f) => ({ slug: f.slug, titleZh: f.titleZh, titleEn: f.titleEn }));
    expect(await pendingSurveys(user, AFTER_ALL_FAIRS)).toEqual(open(AFTER_ALL_FAIRS));
    const early = new Date("2026-01-01T00:00:00Z"); // before every start: only the live and closed fairs
    expect(await pendingSurveys(user, early)).toEqual(open(early));
    expect((await pendingSurveys(user, early)).length).toBe(2);
    // The limit of five: a sixth fair pushes the oldest out, as in the reference.
    const sixth = await makeFair();
    await makeBooth(sixth, investor.organizationId!);
    await db().fair.update({ where: { id: sixth.id }, data: { startsAt: new Date("2026-12-20T00:00:00Z") } });
    const six = await pendingSurveys(user, AFTER_ALL_FAIRS);
    expect(six.map((f) => f.slug)).toEqual((await pendingSurveyFairsByPrisma(user)).map((f) => f.slug));
    expect(six).toHaveLength(5);
    expect(six[0].slug).toBe(sixth.slug);
    // No organization: nothing, without a query that could fail on an empty list.
    expect(await pendingSurveys(await me(await makeUser("VISITOR")), AFTER_ALL_FAIRS)).toEqual([]);
  });

  it("reads an investor's surveys, profile, bookmarks and recommendations in one statement as each read alone", async () => {
    const investor = await makeUser("INVESTOR");
    await makeInvestorProfile(investor.organizationId!, {
      stages: ["SERIES_A", "GROWTH"],
      ticketMax: 900_000_000_000n, // through JSON a number, as Number() of the bigint makes it
      thesisZh: "长期投资",
      thesisEn: "Long term",
    });
    const [onShow, closed] = await Promise.all([makeFair(), makeFair()]);
    await db().fair.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
    const booths: Awaited<ReturnType<typeof makeBooth>>[] = [];
    for (let i = 0; i < 12; i++) {
      const exhibitor = await makeUser("EXHIBITOR");
      booths.push(
        await makeBooth(i % 4 === 0 ? closed : onShow, exhibitor.organizationId!, i === 7 ? "SUBMITTED" : "APPROVED"),
      );
    }
    // Bookmarks at three shared instants (ties by booth id); one of a booth that is not public.
    await db().bookmark.createMany({
      data: booths.map((b, i) => ({
        userId: investor.user.id,
        boothId: b.id,
        createdAt: new Date(Date.UTC(2026, 11, 1, 0, i % 3)),
      })),
    });
    // Recommendations in an order unlike the projects' creation, with a score that is no round number;
    // one project dismissed, one in the booth that is not public.
    const projects = await db().project.findMany({ where: { boothId: { in: booths.map((b) => b.id) } } });
    await db().recommendation.createMany({
      data: projects.map((p, i) => ({
        direction: "FOR_INVESTOR" as const,
        investorOrgId: investor.organizationId!,
        projectId: p.id,
        rank: (i * 5) % projects.length,
        score: 0.1 + i / 7,
        reasons: [{ code: "same-sector", params: { sector: "biomedicine", keywords: ["基因", "gene"] } }],
        computedAt: new Date(),
      })),
    });
    await db().matchFeedback.create({
      data: {
        investorOrgId: investor.organizationId!,
        projectId: projects[2].id,
        by: "investor",
        userId: investor.user.id,
      },
    });
    // A meeting in the fair on show: its survey is to answer once it has started.
    const exhibitor = await makeUser("EXHIBITOR");
    await makeMeeting({
      fair: onShow,
      investor,
      exhibitor,
      startsAt: new Date(onShow.startsAt.getTime() + 3600_000),
      endsAt: new Date(onShow.startsAt.getTime() + 3600_000 + 1200_000),
    });

    const user = await me(investor);
    for (const now of [AFTER_ALL_FAIRS, new Date("2026-01-01T00:00:00Z")]) {
      const together = await investorDashboardReads(user, now);
      expect(together).toEqual({
        surveys: await pendingSurveys(user, now),
        profile: await investorDashboard(user),
        bookmarks: await listBookmarks(user),
        recommended: await recommendationsForInvestor(user),
      });
      expect(together.surveys).toHaveLength(now === AFTER_ALL_FAIRS ? 1 : 0); // open once the fair has started
    }
    const together = await investorDashboardReads(user);
    expect(together.bookmarks).toHaveLength(11); // the booth that is not public is left out
    expect(together.bookmarks.some((b) => !b.onShow)).toBe(true);
    expect(together.recommended.length).toBeGreaterThan(3);
    expect(together.recommended.map((r) => r.projectId)).not.toContain(projects[2].id);
    expect(together.profile).toMatchObject({ ticketMax: 900_000_000_000, stages: ["SERIES_A", "GROWTH"] });

    // Someone with no organization: every part empty, and no statement that could fail on an empty list.
    expect(await investorDashboardReads(await me(await makeUser("VISITOR")))).toEqual({
      surveys: [],
      profile: null,
      bookmarks: [],
      recommended: [],
    });
  });
});
