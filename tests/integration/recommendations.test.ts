// Recommendations in the app: computed in the background from profiles, public projects and
// interactions; read from storage; "not interested" sticks; staff see match quality.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "../../app/db/client.server.ts";
import {
  LIST_SIZE,
  recommendationsForInvestor,
  recommendationsStale,
  refreshRecommendations,
} from "../../app/domain/recommendations/recommendations.server.ts";
import { getUser, type SessionUser } from "../../app/auth/session.server.ts";
import { PUBLIC_BOOTH } from "../../app/domain/fairs/fairs.server.ts";
import * as dashboard from "../../app/routes/dashboard.tsx";
import * as dismiss from "../../app/routes/recommendations.dismiss.tsx";
import * as profileRoute from "../../app/routes/investor.profile.tsx";
import * as staffFair from "../../app/routes/staff.fairs.$id.tsx";
import { LocalMediaStorage } from "../../media/storage.ts";
import { DEMO_PASSWORD, seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";
import * as login from "../../app/routes/login.tsx";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

async function cookieFor(email: string) {
  const res = await call(
    login.action,
    req("/login", { form: { email, password: DEMO_PASSWORD } }),
    {},
    { clientIp: `10.1.${Math.floor(Math.random() * 250)}.1` },
  );
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

describe("recommendations in the app", () => {
  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    // A blank start: the match-quality counts below begin at zero requests.
    await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-rec-"))), () => {}, {
      pendingRequests: false,
    });
    await seedDb.$disconnect();
  });

  it("is stale before the first computation and fresh right after", async () => {
    expect(await recommendationsStale()).toBe(true);
    const r = await refreshRecommendations();
    expect(r.pairs).toBeGreaterThan(0);
    expect(await recommendationsStale()).toBe(false);
  });

  it("shows an investor ranked projects that pass their hard constraints, with reasons", async () => {
    const cookie = await cookieFor("investor01@demo.cloudfair.cn");
    const data = await (await call(dashboard.loader, req("/dashboard", { cookie }))).json();
    const recs = data.investor.recommended as {
      projectId: string;
      stage: string;
      amountSought: number;
      reasons: { code: string }[];
    }[];
    expect(recs.length).toBeGreaterThan(0);
    const profile = await db().investorProfile.findFirstOrThrow({
      where: { organization: { memberships: { some: { user: { email: "investor01@demo.cloudfair.cn" } } } } },
    });
    for (const r of recs) {
      expect(profile.stages).toContain(r.stage);
      expect(r.amountSought).toBeGreaterThanOrEqual(Number(profile.ticketMin));
      expect(r.amountSought).toBeLessThanOrEqual(Number(profile.ticketMax));
      expect(r.reasons.length).toBeGreaterThan(0);
    }
  });

  it("gives an exhibitor matching investors per public project", async () => {
    const cookie = await cookieFor("exhibitor01@demo.cloudfair.cn");
    const data = await (await call(dashboard.loader, req("/dashboard", { cookie }))).json();
    expect(data.matches.length).toBe(2);
    expect(data.matches.some((m: { investors: unknown[] }) => m.investors.length > 0)).toBe(true);
  });

  it("drops a project for good when the investor says not interested, and recomputes without it", async () => {
    const cookie = await cookieFor("investor01@demo.cloudfair.cn");
    const before = (await (await call(dashboard.loader, req("/dashboard", { cookie }))).json()).investor.recommended;
    const victim = before[0].projectId;
    const res = await call(
      dismiss.action,
      req("/recommendations/dismiss", { cookie, form: { projectId: victim, redirectTo: "/dashboard" } }),
    );
    expect(res.status).toBe(302);
    const after = (await (await call(dashboard.loader, req("/dashboard", { cookie }))).json()).investor.recommended;
    expect(after.map((r: { projectId: string }) => r.projectId)).not.toContain(victim);
    expect(await recommendationsStale()).toBe(true);
    await refreshRecommendations();
    const recomputed = (await (await call(dashboard.loader, req("/dashboard", { cookie }))).json()).investor
      .recommended;
    expect(recomputed.map((r: { projectId: string }) => r.projectId)).not.toContain(victim);
  });

  it("lets exhibitors dismiss investors only for their own projects", async () => {
    const other = await cookieFor("exhibitor02@demo.cloudfair.cn");
    const project = await db().project.findFirstOrThrow({
      where: { organization: { memberships: { some: { user: { email: "exhibitor01@demo.cloudfair.cn" } } } } },
    });
    const inv = await db()
      .organization.findFirstOrThrow({ where: { kind: "INVESTOR" }, select: { id: true } })
      .then((o) => ({ investorOrgId: o.id }));
    const res = await call(
      dismiss.action,
      req("/recommendations/dismiss", {
        cookie: other,
        form: { projectId: project.id, investorOrgId: inv.investorOrgId },
      }),
    );
    expect(res.status).toBe(403);
    expect(await db().matchFeedback.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("recomputes when an investor changes preferences, rejecting bad input with field errors", async () => {
    await refreshRecommendations();
    const cookie = await cookieFor("investor03@demo.cloudfair.cn");
    const bad = await call(
      profileRoute.action,
      req("/investor/profile", { cookie, form: { ticketMin: "5000000", ticketMax: "100", meetingCapacity: "8" } }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({
      sectors: inZh("profile.error.pickOne"),
      ticketMax: inZh("profile.error.ticket"),
    });
    const form = new URLSearchParams([
      ["sectors", "semiconductors"],
      ["stages", "SERIES_A"],
      ["stages", "SERIES_B"],
      ["ticketMin", "1000000"],
      ["ticketMax", "500000000"],
      ["meetingCapacity", "8"],
      ["thesisZh", "专注芯片设计"],
    ]);
    const ok = await call(
      profileRoute.action,
      new Request("http://localhost/investor/profile", { method: "POST", headers: { Cookie: cookie }, body: form }),
    );
    expect(ok.status).toBe(302);
    expect(await recommendationsStale()).toBe(true);
    await refreshRecommendations();
    const recs = (await (await call(dashboard.loader, req("/dashboard", { cookie }))).json()).investor.recommended as {
      sector: string;
      stage: string;
    }[];
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(["SERIES_A", "SERIES_B"]).toContain(r.stage);
    expect(recs[0].sector).toBe("semiconductors");
  });

  it("reports match quality per fair to staff only", async () => {
    const fair = await db().fair.findFirstOrThrow({ where: { slug: "jiangsu-2026" } });
    const staff = await cookieFor("staff@demo.cloudfair.cn");
    const q = (
      await (await call(staffFair.loader, req(`/staff/fairs/${fair.id}`, { cookie: staff }), { id: fair.id })).json()
    ).quality;
    expect(q.projects).toBe(70);
    expect(q.pairs).toBe(await db().recommendation.count({ where: { direction: "FOR_INVESTOR" } }));
    expect(q.coverage).toBeGreaterThan(0);
    expect(q.requestedPairs).toBe(0);
    // An investor requests a meeting about a recommended project, and it is accepted: both counts move.
    const rec = await db().recommendation.findFirstOrThrow({
      where: { direction: "FOR_INVESTOR" },
      orderBy: { rank: "asc" },
    });
    const project = await db().project.findUniqueOrThrow({ where: { id: rec.projectId } });
    const investorUser = await db().membership.findFirstOrThrow({
      where: { organizationId: rec.investorOrgId, role: "INVESTOR" },
      include: { user: true },
    });
    const exhibitorUser = await db().membership.findFirstOrThrow({
      where: { organizationId: project.organizationId, role: "EXHIBITOR" },
      include: { user: true },
    });
    const { requestMeeting } = await import("../../app/domain/meetings/requests.server.ts");
    const { acceptRequest } = await import("../../app/domain/meetings/booking.server.ts");
    const { getUser } = await import("../../app/auth/session.server.ts");
    const inv = (await getUser(req("/", { cookie: await cookieFor(investorUser.user.email) })))!;
    const ex = (await getUser(req("/", { cookie: await cookieFor(exhibitorUser.user.email) })))!;
    const slot = (await db().fair.findFirstOrThrow({ where: { slug: "jiangsu-2026" } })).meetingDays[1];
    const { fairSlots } = await import("../../app/domain/meetings/slots.ts");
    const start = fairSlots({
      ...(await db().fair.findFirstOrThrow({ where: { slug: "jiangsu-2026" } })),
      meetingDays: [slot],
    })[0].startsAt.toISOString();
    const r = await requestMeeting(inv, fair.id, {
      toOrgId: project.organizationId,
      projectId: project.id,
      message: "",
      slots: [start],
    });
    const q2 = (
      await (await call(staffFair.loader, req(`/staff/fairs/${fair.id}`, { cookie: staff }), { id: fair.id })).json()
    ).quality;
    expect(q2.requestedPairs).toBeGreaterThanOrEqual(1);
    await acceptRequest(ex, r.id, (await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } })).id);
    const q3 = (
      await (await call(staffFair.loader, req(`/staff/fairs/${fair.id}`, { cookie: staff }), { id: fair.id })).json()
    ).quality;
    expect(q3.meetingPairs).toBeGreaterThanOrEqual(1);
    expect(q3.positivePairs).toBe(0);
    // The investor reports intent to invest after the meeting: the pair counts as a positive outcome.
    const meeting = await db().meeting.findFirstOrThrow({ where: { requestId: r.id } });
    await db().meetingOutcome.create({
      data: {
        meetingId: meeting.id,
        authorId: investorUser.userId,
        side: "INVESTOR",
        result: "INTENT_TO_INVEST",
        amount: "5000000",
        rating: 5,
      },
    });
    const q4 = (
      await (await call(staffFair.loader, req(`/staff/fairs/${fair.id}`, { cookie: staff }), { id: fair.id })).json()
    ).quality;
    expect(q4.positivePairs).toBeGreaterThanOrEqual(1);
    const exhibitor = await cookieFor("exhibitor01@demo.cloudfair.cn");
    expect(
      (await call(staffFair.loader, req(`/staff/fairs/${fair.id}`, { cookie: exhibitor }), { id: fair.id })).status,
    ).toBe(403);
  });

  it("reads an investor's list in one raw statement exactly as the Prisma reads did", async () => {
    // The Prisma reads the raw statement replaced (ADR 033), as the reference.
    const reference = async (user: SessionUser) => {
      const orgId = user.memberships.find((m) => m.role === "INVESTOR")!.organizationId;
      const rows = await db().recommendation.findMany({
        where: { direction: "FOR_INVESTOR", investorOrgId: orgId },
        orderBy: { rank: "asc" },
        take: LIST_SIZE,
      });
      const dismissed = new Set(
        (await db().matchFeedback.findMany({ where: { investorOrgId: orgId } })).map((f) => f.projectId),
      );
      const projects = await db().project.findMany({
        where: { id: { in: rows.map((r) => r.projectId) }, booth: PUBLIC_BOOTH },
        include: { organization: true },
      });
      const byId = new Map(projects.map((p) => [p.id, p]));
      return rows
        .filter((r) => byId.has(r.projectId) && !dismissed.has(r.projectId))
        .map((r) => {
          const p = byId.get(r.projectId)!;
          return {
            projectId: p.id,
            boothId: p.boothId,
            titleZh: p.titleZh,
            titleEn: p.titleEn,
            orgZh: p.organization.nameZh,
            orgEn: p.organization.nameEn,
            sector: p.sector,
            stage: p.stage,
            region: p.region,
            amountSought: Number(p.amountSought),
            currency: p.currency,
            score: r.score,
            reasons: r.reasons,
          };
        });
    };
    await refreshRecommendations();
    // The demo investor with the longest list.
    const [top] = await db().recommendation.groupBy({
      by: ["investorOrgId"],
      where: { direction: "FOR_INVESTOR" },
      _count: { _all: true },
      orderBy: { _count: { projectId: "desc" } },
      take: 1,
    });
    const member = await db().membership.findFirstOrThrow({
      where: {
        organizationId: top.investorOrgId,
        role: "INVESTOR",
        user: { email: { endsWith: "@demo.cloudfair.cn" } },
      },
      include: { user: true },
    });
    const user = (await getUser(req("/", { cookie: await cookieFor(member.user.email) })))!;
    const orgId = top.investorOrgId;
    const first = await recommendationsForInvestor(user);
    expect(first.length).toBeGreaterThan(3);
    expect(first).toEqual(await reference(user));
    // A project dismissed by the exhibitor's side counts too (any feedback row about the pair), a
    // booth that is no longer public drops its projects, a fair taken back to draft drops its booths.
    const [a, b, c] = first;
    const feedback = await db().matchFeedback.create({
      data: { investorOrgId: orgId, projectId: a.projectId, by: "project", userId: user.id },
    });
    const boothB = await db().booth.update({ where: { id: b.boothId }, data: { isPublic: false } });
    const fairC = await db().booth.findUniqueOrThrow({ where: { id: c.boothId }, select: { fair: true } });
    await db().fair.update({ where: { id: fairC.fair.id }, data: { status: "DRAFT" } });
    try {
      const changed = await recommendationsForInvestor(user);
      expect(changed.map((r) => r.projectId)).not.toContain(a.projectId);
      expect(changed.map((r) => r.projectId)).not.toContain(b.projectId);
      expect(changed).toEqual(await reference(user));
    } finally {
      await db().fair.update({ where: { id: fairC.fair.id }, data: { status: fairC.fair.status } });
      await db().booth.update({ where: { id: boothB.id }, data: { isPublic: true } });
      await db().matchFeedback.delete({ where: { id: feedback.id } });
    }
    expect(await recommendationsForInvestor(user)).toEqual(first);
    // Not an investor: nothing, without a statement.
    expect(await recommendationsForInvestor({ ...user, memberships: [], roles: [] })).toEqual([]);
  });
});
