// The staff fair dashboard, the lists behind its numbers, its CSV/XLSX exports and exhibitors'
// leads, on a seeded scenario. Every dashboard number is recomputed here independently from the
// database rows (Prisma reads + plain JavaScript, not the report's SQL), with and without filters.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { listPage, listSource, parseListQuery, rowBatches } from "../../app/domain/reports/lists.server.ts";
import type { ReportFilters } from "../../app/domain/reports/filters.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import * as dashboardRoute from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import * as listRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as exportRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list_.export.tsx";
import * as leadsRoute from "../../app/routes/exhibitor.leads.tsx";
import * as leadsCsvRoute from "../../app/routes/exhibitor.leads[.csv].tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
type Report = Awaited<ReturnType<typeof import("../../app/domain/reports/fair-dashboard.server.ts").fairReport>>;

const TZ = "Asia/Shanghai";
const dayOf = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
const at = (iso: string) => new Date(iso);

/** RFC 4180 parser (quotes, doubled quotes, CRLF, line breaks inside quotes), written for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The CSV body as text, after checking it starts with the UTF-8 byte order mark (Response.text() would drop it silently). */
async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
}

describe("fair report", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: User,
    otherStaff: User,
    admin: User,
    e1: User,
    e2: User,
    e3: User,
    i1: User,
    i2: User,
    i3: User,
    visitor: User;
  const booth: Record<string, string> = {};
  const project: Record<string, string> = {};
  const base = () => `/staff/fairs/${fair.id}/dashboard`;

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    await db().fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
    const digital = await db().hall.create({
      data: {
        fairId: fair.id,
        slug: "digital",
        nameZh: "数字经济馆",
        nameEn: "Digital Hall",
        sector: "digital-economy",
        position: 1,
      },
    });
    [staff, otherStaff, admin, e1, e2, e3, i1, i2, i3, visitor] = await Promise.all([
      makeUser("STAFF", fair.organizerId),
      makeUser("STAFF"),
      makeUser("ADMIN"),
      makeUser("EXHIBITOR"),
      makeUser("EXHIBITOR"),
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
      makeUser("VISITOR"),
    ]);
    await db().organization.update({ where: { id: e1.organizationId! }, data: { region: "nanjing" } });
    await db().organization.update({
      where: { id: i1.organizationId! },
      data: { country: "CN", contactPhone: "+86 10 8888 0001" },
    });
    await db().organization.update({ where: { id: i2.organizationId! }, data: { country: "SG" } });
    await db().organization.update({ where: { id: i3.organizationId! }, data: { country: "US" } });
    await db().user.update({
      where: { id: visitor.user.id },
      data: { name: '=HYPERLINK("http://evil.example","点我")' },
    });
    for (const [k, u] of [
      ["b1", e1],
      ["b2", e2],
      ["b3", e3],
    ] as const) {
      const b = await makeBooth(fair, u.organizationId!);
      booth[k] = b.id;
      project[k] = (await db().project.findFirstOrThrow({ where: { boothId: b.id } })).id;
    }
    await db().booth.update({ where: { id: booth.b3 }, data: { hallId: digital.id } });
    await db().project.update({ where: { id: project.b3 }, data: { sector: "digital-economy", region: "wuxi" } });

    // Visits (one at 00:30 on 12-09 in Shanghai but still 12-08 in UTC: days are the fair's).
    await db().boothVisit.createMany({
      data: [
        { boothId: booth.b1, visitorId: i1.user.id, userId: i1.user.id, createdAt: at("2026-12-08T02:00:00Z") },
        { boothId: booth.b1, visitorId: "anon-1", createdAt: at("2026-12-08T16:30:00Z") },
        { boothId: booth.b1, visitorId: i1.user.id, userId: i1.user.id, createdAt: at("2026-12-09T03:00:00Z") },
        { boothId: booth.b2, visitorId: "anon-2", createdAt: at("2026-12-08T05:00:00Z") },
        { boothId: booth.b3, visitorId: i2.user.id, userId: i2.user.id, createdAt: at("2026-12-09T05:00:00Z") },
        { boothId: booth.b3, visitorId: i2.user.id, userId: i2.user.id, createdAt: at("2026-12-10T01:00:00Z") },
      ],
    });
    await db().bookmark.createMany({
      data: [
        { userId: i1.user.id, boothId: booth.b1, createdAt: at("2026-12-08T03:00:00Z") },
        { userId: visitor.user.id, boothId: booth.b1, createdAt: at("2026-12-08T04:00:00Z") },
        { userId: i2.user.id, boothId: booth.b3, createdAt: at("2026-12-09T06:00:00Z") },
      ],
    });
    for (const [u, b] of [
      [visitor, booth.b1],
      [i3, booth.b2],
    ] as const) {
      const thread = await db().chatThread.create({
        data: { boothId: b, visitorUserId: u.user.id, lastMessageAt: at("2026-12-08T04:10:00Z") },
      });
      await db().chatMessage.create({
        data: { threadId: thread.id, senderUserId: u.user.id, body: "您好", createdAt: at("2026-12-08T04:10:00Z") },
      });
    }
    const request = (
      from: User,
      to: User,
      status: "PENDING" | "ACCEPTED" | "DECLINED" | "COUNTERED",
      createdAt: string,
      projectId?: string,
      counterOfId?: string,
    ) =>
      db().meetingRequest.create({
        data: {
          fairId: fair.id,
          fromUserId: from.user.id,
          fromOrgId: from.organizationId!,
          toOrgId: to.organizationId!,
          status,
          createdAt: at(createdAt),
          projectId,
          counterOfId,
        },
      });
    const r1 = await request(i1, e1, "COUNTERED", "2026-12-07T02:00:00Z", project.b1);
    await request(i2, e1, "ACCEPTED", "2026-12-08T02:00:00Z");
    await request(i3, e3, "DECLINED", "2026-12-09T02:00:00Z", project.b3);
    await request(e2, i1, "PENDING", "2026-12-08T06:00:00Z"); // an exhibitor's invitation
    await request(e1, i1, "PENDING", "2026-12-08T07:00:00Z", project.b1, r1.id); // counter-proposal: not counted

    const meeting = async (
      ex: User,
      inv: User,
      status: "SCHEDULED" | "COMPLETED" | "NO_SHOW" | "CANCELLED",
      start: string,
      projectId?: string,
    ) => {
      const startsAt = at(start);
      const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
      return db().meeting.create({
        data: {
          fairId: fair.id,
          investorOrgId: inv.organizationId!,
          exhibitorOrgId: ex.organizationId!,
          projectId,
          startsAt,
          endsAt,
          status,
          participants: {
            create: [ex, inv].map((u) => ({ userId: u.user.id, startsAt, endsAt, active: status !== "CANCELLED" })),
          },
        },
      });
    };
    const m1 = await meeting(e1, i1, "COMPLETED", "2026-12-08T02:00:00Z", project.b1);
    const m2 = await meeting(e1, i2, "COMPLETED", "2026-12-08T17:00:00Z");
    const m3 = await meeting(e3, i2, "COMPLETED", "2026-12-09T03:00:00Z", project.b3);
    await meeting(e2, i3, "NO_SHOW", "2026-12-09T04:00:00Z");
    await meeting(e3, i3, "SCHEDULED", "2026-12-10T02:00:00Z");
    await meeting(e1, i3, "CANCELLED", "2026-12-10T03:00:00Z");
    const m7 = await meeting(e3, i1, "COMPLETED", "2026-12-08T05:00:00Z");
    const outcome = (
      m: { id: string },
      u: User,
      side: "INVESTOR" | "EXHIBITOR",
      result: "INTENT_TO_INVEST" | "LETTER_OF_INTENT" | "FOLLOW_UP",
      amount: string | null,
      currency: string,
      rating: number,
      notes = "",
    ) =>
      db().meetingOutcome.create({
        data: { meetingId: m.id, authorId: u.user.id, side, result, amount, currency, rating, notes },
      });
    await outcome(m1, i1, "INVESTOR", "INTENT_TO_INVEST", "1000000.00", "CNY", 5, "=1+1");
    await outcome(m1, e1, "EXHIBITOR", "INTENT_TO_INVEST", "2000000.00", "CNY", 4, "@SUM(A1)");
    await outcome(m2, e1, "EXHIBITOR", "LETTER_OF_INTENT", "500000.00", "USD", 3);
    await outcome(m3, i2, "INVESTOR", "FOLLOW_UP", null, "CNY", 4);
    await outcome(m3, e3, "EXHIBITOR", "INTENT_TO_INVEST", "300000.00", "CNY", 5);
    await outcome(m7, i1, "INVESTOR", "INTENT_TO_INVEST", "250000.50", "CNY", 2, "+86 follow-up");
    await db().fairSurvey.createMany({
      data: [
        { fairId: fair.id, userId: e1.user.id, role: "EXHIBITOR", nps: 10, satisfaction: 5 },
        { fairId: fair.id, userId: i1.user.id, role: "INVESTOR", nps: 9, satisfaction: 4 },
        { fairId: fair.id, userId: i2.user.id, role: "INVESTOR", nps: 7, satisfaction: 4 },
        {
          fairId: fair.id,
          userId: i3.user.id,
          role: "INVESTOR",
          nps: 3,
          satisfaction: 2,
          comment: "=cmd|' /C calc'!A0",
        },
      ],
    });

    // Another bureau's fair with its own activity: must never show up in this fair's numbers.
    const other = await makeFair();
    const ob = await makeBooth(other, e3.organizationId!);
    await db().boothVisit.create({
      data: { boothId: ob.id, visitorId: "anon-x", createdAt: at("2026-12-08T02:00:00Z") },
    });
    await db().bookmark.create({ data: { userId: i3.user.id, boothId: ob.id, createdAt: at("2026-12-08T02:00:00Z") } });
    const om = await db().meeting.create({
      data: {
        fairId: other.id,
        investorOrgId: i3.organizationId!,
        exhibitorOrgId: e3.organizationId!,
        startsAt: at("2026-12-08T09:00:00Z"),
        endsAt: at("2026-12-08T09:20:00Z"),
        status: "COMPLETED",
      },
    });
    await db().meetingOutcome.create({
      data: {
        meetingId: om.id,
        authorId: i3.user.id,
        side: "INVESTOR",
        result: "INTENT_TO_INVEST",
        amount: "999.00",
        currency: "CNY",
        rating: 1,
      },
    });
  });

  const report = async (query = "", cookie = staff.cookie, fairId = fair.id) => {
    const res = await call(dashboardRoute.loader, req(`/staff/fairs/${fairId}/dashboard${query}`, { cookie }), {
      id: fairId,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { report: Report }).report;
  };

  /** The dashboard recomputed from rows read with Prisma, applying the documented rules in JavaScript. */
  async function expected(f: ReportFilters, fairId = fair.id) {
    const inDays = (d: Date) => (!f.from || dayOf(d) >= f.from) && (!f.to || dayOf(d) <= f.to);
    const booths = await db().booth.findMany({ where: { fairId }, include: { hall: true } });
    const boothOfOrg = new Map(booths.map((b) => [b.organizationId, b]));
    const projects = new Map((await db().project.findMany()).map((p) => [p.id, p]));
    const orgs = new Map((await db().organization.findMany()).map((o) => [o.id, o]));
    const boothOk = (b: (typeof booths)[number] | undefined, sector?: string) =>
      !!b && (!f.hall || b.hall.slug === f.hall) && (!f.sector || (sector ?? b.hall.sector) === f.sector);
    const sectorOf = (projectId: string | null, b: (typeof booths)[number] | undefined) =>
      (projectId && projects.get(projectId)?.sector) || b?.hall.sector;
    const visits = (
      await db().boothVisit.findMany({
        where: { booth: { fairId } },
        include: { booth: { include: { hall: true } } },
      })
    ).filter((v) => boothOk(v.booth) && inDays(v.createdAt));
    const bookmarks = (
      await db().bookmark.findMany({
        where: { booth: { fairId } },
        include: { booth: { include: { hall: true } } },
      })
    ).filter((k) => boothOk(k.booth) && inDays(k.createdAt));
    // A request belongs to the exhibitor side's booth and counts on the day of the meeting it asks
    // for: the meeting booked from it or from a counter-proposal down its chain, else its earliest
    // proposed slot, else (no slots) when it was sent.
    const allRequests = await db().meetingRequest.findMany({ where: { fairId }, include: { slots: true } });
    const allMeetings = await db().meeting.findMany({ where: { fairId } });
    const requestDay = (r: (typeof allRequests)[number]): Date => {
      const chain = [r.id];
      for (let i = 0; i < chain.length; i++)
        for (const c of allRequests) if (c.counterOfId === chain[i]) chain.push(c.id);
      const booked = allMeetings.filter((m) => m.requestId && chain.includes(m.requestId)).map((m) => m.startsAt);
      const times = booked.length ? booked : r.slots.map((x) => x.startsAt);
      return times.length ? new Date(Math.min(...times.map((x) => x.getTime()))) : r.createdAt;
    };
    const requests = allRequests
      .filter((r) => r.counterOfId === null)
      .filter((r) => {
        const exhibitorOrg = orgs.get(r.fromOrgId)!.kind === "INVESTOR" ? r.toOrgId : r.fromOrgId;
        const b = boothOfOrg.get(exhibitorOrg);
        return boothOk(b, sectorOf(r.projectId, b)) && inDays(requestDay(r));
      });
    const meetings = (await db().meeting.findMany({ where: { fairId }, include: { outcomes: true } })).filter((m) => {
      const b = boothOfOrg.get(m.exhibitorOrgId);
      return boothOk(b, sectorOf(m.projectId, b)) && inDays(m.startsAt);
    });
    const status = (s: string) => meetings.filter((m) => m.status === s).length;
    const outcomes = meetings.flatMap((m) => m.outcomes);
    const money: Record<string, number> = {};
    const bySector: Record<string, number> = {};
    const byCountry: Record<string, number> = {};
    for (const m of meetings) {
      const pickOne = [...m.outcomes].sort((a, b) =>
        a.side === b.side ? a.createdAt.getTime() - b.createdAt.getTime() : a.side === "INVESTOR" ? -1 : 1,
      )[0];
      if (!pickOne || !pickOne.amount || !["INTENT_TO_INVEST", "LETTER_OF_INTENT"].includes(pickOne.result)) continue;
      const minor = Math.round(Number(pickOne.amount) * 100);
      money[pickOne.currency] = (money[pickOne.currency] ?? 0) + minor;
      const sk = `${sectorOf(m.projectId, boothOfOrg.get(m.exhibitorOrgId))}|${pickOne.currency}`;
      bySector[sk] = (bySector[sk] ?? 0) + minor;
      const ck = `${orgs.get(m.investorOrgId)!.country}|${pickOne.currency}`;
      byCountry[ck] = (byCountry[ck] ?? 0) + minor;
    }
    const surveys = await db().fairSurvey.findMany({ where: { fairId } });
    const pct = (n: number) => n / surveys.length;
    const days = [...new Set(meetings.map((m) => dayOf(m.startsAt)))].sort();
    return {
      funnel: {
        visits: visits.length,
        visitors: new Set(visits.map((v) => v.visitorId)).size,
        bookmarks: bookmarks.length,
        requests: requests.length,
        held: status("COMPLETED"),
        withOutcome: meetings.filter((m) => m.outcomes.length > 0).length,
      },
      meetingsTotal: meetings.length,
      noShowRate:
        status("NO_SHOW") + status("COMPLETED") ? status("NO_SHOW") / (status("NO_SHOW") + status("COMPLETED")) : null,
      perDay: days.map((d) => ({ day: d, n: meetings.filter((m) => dayOf(m.startsAt) === d).length })),
      outcomes: outcomes.length,
      rating: outcomes.length
        ? Math.round((outcomes.reduce((a, o) => a + o.rating, 0) / outcomes.length) * 100) / 100
        : null,
      money,
      bySector,
      byCountry,
      nps: surveys.length
        ? Math.round(
            (pct(surveys.filter((s) => s.nps >= 9).length) - pct(surveys.filter((s) => s.nps <= 6).length)) * 1000,
          ) / 10
        : null,
      satisfaction: surveys.length
        ? Math.round((surveys.reduce((a, s) => a + s.satisfaction, 0) / surveys.length) * 100) / 100
        : null,
      responses: surveys.length,
    };
  }

  const flat = (rows: { key: string; currency: string; minor: number }[]) =>
    Object.fromEntries(rows.map((r) => [`${r.key}|${r.currency}`, r.minor]));

  async function expectMatches(f: ReportFilters, fairId = fair.id) {
    const query = new URLSearchParams(f as Record<string, string>).toString();
    const r = await report(query ? `?${query}` : "", staff.cookie, fairId);
    const e = await expected(f, fairId);
    expect(r.funnel).toEqual(e.funnel);
    expect(r.meetingsTotal).toBe(e.meetingsTotal);
    expect(r.noShowRate).toBe(e.noShowRate);
    expect(
      r.perDay.map((d) => ({ day: d.day, n: d.SCHEDULED + d.IN_PROGRESS + d.COMPLETED + d.NO_SHOW + d.CANCELLED })),
    ).toEqual(e.perDay);
    expect(r.outcomes.total).toBe(e.outcomes);
    expect(r.outcomes.rating.average).toBe(e.rating);
    expect(Object.fromEntries(r.investment.totals.map((t) => [t.currency, t.minor]))).toEqual(e.money);
    expect(flat(r.investment.sector)).toEqual(e.bySector);
    expect(flat(r.investment.country)).toEqual(e.byCountry);
    expect(r.survey.all.nps).toBe(e.nps);
    expect(r.survey.all.satisfaction).toBe(e.satisfaction);
    expect(r.survey.all.responses).toBe(e.responses);
    return r;
  }

  it("shows the whole fair's numbers, each equal to a direct count of its rows", async () => {
    const r = await expectMatches({});
    // Anchors worked out by hand, so a shared mistake in both computations would still fail.
    expect(r.funnel).toEqual({ visits: 6, visitors: 4, bookmarks: 3, requests: 4, held: 4, withOutcome: 4 });
    expect(r.meetingsByStatus).toEqual({ SCHEDULED: 1, IN_PROGRESS: 0, COMPLETED: 4, NO_SHOW: 1, CANCELLED: 1 });
    expect(r.noShowRate).toBe(0.2);
    expect(r.perDay.map((d) => d.day)).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);
    expect(r.perDay[1]).toMatchObject({ day: "2026-12-09", COMPLETED: 2, NO_SHOW: 1 }); // m2 starts 01:00 on 12-09 in Shanghai
    expect(r.investment.totals).toEqual([
      { key: "", currency: "CNY", minor: 125_000_050, meetings: 2 },
      { key: "", currency: "USD", minor: 50_000_000, meetings: 1 },
    ]);
    expect(r.investment.region).toEqual(
      expect.arrayContaining([
        { key: "none", currency: "CNY", minor: 25_000_050, meetings: 1 },
        { key: "nanjing", currency: "USD", minor: 50_000_000, meetings: 1 },
      ]),
    );
    expect(r.outcomes.byResult).toEqual({
      INTENT_TO_INVEST: 4,
      LETTER_OF_INTENT: 1,
      FOLLOW_UP: 1,
      NEED_INFO: 0,
      NOT_A_FIT: 0,
    });
    expect(r.outcomes.rating).toEqual({ average: 3.83, count: 6 });
    expect(r.survey.all).toMatchObject({
      responses: 4,
      promoters: 2,
      passives: 1,
      detractors: 1,
      nps: 25,
      satisfaction: 3.75,
    });
    expect(r.survey.investors).toMatchObject({ responses: 3, nps: 0 });
    expect(r.survey.distribution[9]).toBe(1);
    expect(r.topBooths.visits.map((b) => [b.id, b.visits])).toEqual([
      [booth.b1, 3],
      [booth.b3, 2],
      [booth.b2, 1],
    ]);
    expect(r.topBooths.requests[0]).toMatchObject({ id: booth.b1, requests: 2, held: 2 });
    expect(r.topProjects.map((p) => [p.id, p.requests, p.meetings, p.held])).toEqual(
      [
        [project.b1, 1, 1, 1],
        [project.b3, 1, 1, 1],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
  });

  it("filters by hall, sector and date range (fair time zone), and the numbers follow", async () => {
    const digital = await expectMatches({ hall: "digital" });
    expect(digital.funnel).toMatchObject({ visits: 2, bookmarks: 1, requests: 1, held: 2 });
    const bio = await expectMatches({ sector: "biomedicine" });
    expect(bio.investment.totals).toEqual([
      { key: "", currency: "CNY", minor: 100_000_000, meetings: 1 },
      { key: "", currency: "USD", minor: 50_000_000, meetings: 1 },
    ]);
    const day9 = await expectMatches({ from: "2026-12-09", to: "2026-12-09" });
    expect(day9.funnel).toMatchObject({ visits: 3, held: 2 }); // the visit at 00:30 and the meeting at 01:00 count on the 9th
    expect(day9.noShowRate).toBe(1 / 3);
    await expectMatches({ hall: "bio", from: "2026-12-08", to: "2026-12-08" });
    await expectMatches({ from: "2026-12-10" });
    // The survey is about the whole fair: filters do not change it.
    expect(day9.survey.all.responses).toBe(4);
  });

  // The spring-fair case (issue 15): requests sent days before the fair, for meetings on its days.
  // Filtered to one hall and one fair day, "requests" must describe the same meetings as "held",
  // not the day the requests were sent (which showed "洽谈邀请 0" beside "已举行的洽谈 6").
  describe("one hall on one fair day", () => {
    let spring: Awaited<ReturnType<typeof makeFair>>;
    // People of their own, so the leads tests below (all of an exhibitor's booths) are not affected.
    let x1: User, x2: User, x3: User, j1: User, j2: User, j3: User;
    const sb: Record<string, string> = {};
    beforeAll(async () => {
      [x1, x2, x3, j1, j2, j3] = await Promise.all([
        makeUser("EXHIBITOR"),
        makeUser("EXHIBITOR"),
        makeUser("EXHIBITOR"),
        makeUser("INVESTOR"),
        makeUser("INVESTOR"),
        makeUser("INVESTOR"),
      ]);
      spring = await makeFair();
      await db().fair.update({ where: { id: spring.id }, data: { organizerId: fair.organizerId, status: "CLOSED" } });
      const energy = await db().hall.create({
        data: {
          fairId: spring.id,
          slug: "energy",
          nameZh: "新能源馆",
          nameEn: "New Energy Hall",
          sector: "new-energy",
        },
      });
      for (const [k, u, hall] of [
        ["x1", x1, energy.id],
        ["x2", x2, null],
        ["x3", x3, energy.id],
      ] as const) {
        const b = await makeBooth(spring, u.organizationId!);
        if (hall) {
          await db().booth.update({ where: { id: b.id }, data: { hallId: hall } });
          await db().project.updateMany({ where: { boothId: b.id }, data: { sector: "new-energy" } });
        }
        sb[k] = b.id;
      }
      const sent = at("2026-12-03T02:00:00Z"); // five days before the fair
      const ask = async (
        from: User,
        to: User,
        status: "PENDING" | "ACCEPTED" | "DECLINED" | "COUNTERED",
        slots: string[],
        opts: { counterOfId?: string; createdAt?: string; meeting?: "COMPLETED" | "NO_SHOW"; booked?: string } = {},
      ) => {
        const r = await db().meetingRequest.create({
          data: {
            fairId: spring.id,
            fromUserId: from.user.id,
            fromOrgId: from.organizationId!,
            toOrgId: to.organizationId!,
            status,
            createdAt: opts.createdAt ? at(opts.createdAt) : sent,
            counterOfId: opts.counterOfId,
            slots: { create: slots.map((x) => ({ startsAt: at(x), endsAt: new Date(at(x).getTime() + 20 * 60_000) })) },
          },
        });
        if (opts.meeting) {
          const startsAt = at(opts.booked ?? slots[0]);
          const investor = [j1, j2, j3].includes(from) ? from : to;
          const exhibitor = investor === from ? to : from;
          const m = await db().meeting.create({
            data: {
              fairId: spring.id,
              requestId: r.id,
              investorOrgId: investor.organizationId!,
              exhibitorOrgId: exhibitor.organizationId!,
              startsAt,
              endsAt: new Date(startsAt.getTime() + 20 * 60_000),
              status: opts.meeting,
            },
          });
          if (opts.meeting === "COMPLETED" && exhibitor === x1 && investor === j1)
            await db().meetingOutcome.create({
              data: {
                meetingId: m.id,
                authorId: j1.user.id,
                side: "INVESTOR",
                result: "FOLLOW_UP",
                currency: "CNY",
                rating: 4,
              },
            });
        }
        return r;
      };
      // Day 1 (12-08 in Shanghai) in the energy hall: two held, one no-show (an exhibitor's invitation).
      await ask(j1, x1, "ACCEPTED", ["2026-12-08T02:00:00Z"], { meeting: "COMPLETED" });
      await ask(j2, x1, "ACCEPTED", ["2026-12-08T03:00:00Z"], { meeting: "COMPLETED" });
      await ask(x3, j3, "ACCEPTED", ["2026-12-08T04:00:00Z"], { meeting: "NO_SHOW" });
      // Asked for day 1 or day 2, countered, booked on day 2: counts on day 2 (the meeting it led to).
      const countered = await ask(j1, x3, "COUNTERED", ["2026-12-08T05:00:00Z", "2026-12-09T02:00:00Z"]);
      await ask(x3, j1, "ACCEPTED", ["2026-12-09T03:00:00Z"], { counterOfId: countered.id, meeting: "COMPLETED" });
      // Pending, earliest proposed slot on day 1: counts on day 1.
      await ask(j2, x3, "PENDING", ["2026-12-09T05:00:00Z", "2026-12-08T06:00:00Z"]);
      // Another hall: held on day 1, never in the energy hall's numbers.
      await ask(j3, x2, "ACCEPTED", ["2026-12-08T02:00:00Z"], { meeting: "COMPLETED" });
      // Declined, for day 2.
      await ask(j3, x1, "DECLINED", ["2026-12-09T06:00:00Z"]);
      // Sent during day 1, for a meeting on day 2: counts on day 2.
      await ask(j2, x1, "PENDING", ["2026-12-09T07:00:00Z"], { createdAt: "2026-12-08T03:30:00Z" });
      await db().boothVisit.createMany({
        data: [
          { boothId: sb.x1, visitorId: "anon-s1", createdAt: at("2026-12-08T02:30:00Z") },
          { boothId: sb.x1, visitorId: "anon-s2", createdAt: at("2026-12-09T02:30:00Z") },
          { boothId: sb.x3, visitorId: "anon-s1", createdAt: at("2026-12-08T03:30:00Z") },
          { boothId: sb.x2, visitorId: "anon-s3", createdAt: at("2026-12-08T03:30:00Z") },
        ],
      });
      await db().bookmark.create({
        data: { userId: j2.user.id, boothId: sb.x1, createdAt: at("2026-12-08T03:10:00Z") },
      });
    });

    it("counts requests, meetings and outcomes of the hall's day alike, each equal to a direct count", async () => {
      const day1 = await expectMatches({ hall: "energy", from: "2026-12-08", to: "2026-12-08" }, spring.id);
      // Worked out by hand: the 3 day-1 meetings' requests and the pending one for day 1.
      expect(day1.funnel).toEqual({ visits: 2, visitors: 1, bookmarks: 1, requests: 4, held: 2, withOutcome: 1 });
      expect(day1.meetingsByStatus).toMatchObject({ COMPLETED: 2, NO_SHOW: 1 });
      const day2 = await expectMatches({ hall: "energy", from: "2026-12-09", to: "2026-12-09" }, spring.id);
      expect(day2.funnel).toMatchObject({ visits: 1, requests: 3, held: 1 });
      const hall = await expectMatches({ hall: "energy" }, spring.id);
      expect(hall.funnel).toMatchObject({ requests: 7, held: 3 });
      const whole = await expectMatches({}, spring.id);
      expect(whole.funnel).toMatchObject({ requests: 8, held: 4 });
      await expectMatches({ from: "2026-12-08", to: "2026-12-08" }, spring.id);
      await expectMatches({ sector: "new-energy", from: "2026-12-09" }, spring.id);
      // The days of the fair split the hall's requests between them.
      expect(day1.funnel.requests + day2.funnel.requests).toBe(hall.funnel.requests);
    });

    it("lists the same requests, with the meeting time they are counted by", async () => {
      const res = await call(
        listRoute.loader,
        req(`/staff/fairs/${spring.id}/dashboard/requests?hall=energy&from=2026-12-08&to=2026-12-08`, {
          cookie: staff.cookie,
        }),
        { id: spring.id, list: "requests" },
      );
      const body = (await res.json()) as { total: number; headers: string[]; rows: (string | null)[][] };
      expect(body.total).toBe(4);
      const col = body.headers.indexOf("洽谈时间（已约定或提议）");
      expect(col).toBeGreaterThan(-1);
      expect(body.rows.map((r) => r[col]!.slice(0, 10))).toEqual(Array(4).fill("2026-12-08"));
      expect(body.rows.map((r) => r[0]!.slice(0, 10))).toEqual(Array(4).fill("2026-12-03")); // sent before the fair
    });
  });

  it("links every number to a list of exactly those rows, paginated", async () => {
    const r = await report();
    const total = async (path: string) => {
      const res = await call(listRoute.loader, req(`${base()}/${path}`, { cookie: staff.cookie }), {
        id: fair.id,
        list: path.split("?")[0],
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };
    expect(await total("requests")).toBe(r.funnel.requests);
    expect(await total("meetings?status=COMPLETED")).toBe(r.funnel.held);
    expect(await total("meetings?status=NO_SHOW")).toBe(r.meetingsByStatus.NO_SHOW);
    expect(await total("meetings?day=2026-12-09")).toBe(3);
    expect(await total("outcomes")).toBe(r.outcomes.total);
    expect(await total("meetings?outcome=1")).toBe(r.funnel.withOutcome);
    expect(await total("outcomes?counted=1&currency=CNY")).toBe(r.investment.totals[0].meetings);
    expect(await total("outcomes?counted=1&currency=CNY&dim=region&key=none")).toBe(1);
    expect(await total("outcomes?result=INTENT_TO_INVEST")).toBe(r.outcomes.byResult.INTENT_TO_INVEST);
    expect(await total(`meetings?project=${project.b3}`)).toBe(
      r.topProjects.find((p) => p.id === project.b3)!.meetings,
    );
    expect(await total("surveys?role=INVESTOR")).toBe(r.survey.investors.responses);
    expect(await total("booths?sort=visits&hall=digital")).toBe(1);
    expect(await total("requests?hall=digital")).toBe(1);
    expect(
      (await call(listRoute.loader, req(`${base()}/nope`, { cookie: staff.cookie }), { id: fair.id, list: "nope" }))
        .status,
    ).toBe(404);

    // Pages of 2 cover every meeting once; keyset batches of 2 (exports) return the same rows.
    const t = serverTranslator("zh-CN");
    const src = listSource(
      "meetings",
      { fairId: fair.id, timeZone: TZ, filters: {} },
      parseListQuery(new URLSearchParams()),
    );
    const ctx = { t, locale: "zh-CN" as const, timeZone: TZ };
    const pages = [];
    for (let p = 1; p <= 4; p++) pages.push(await listPage(src, ctx, p, 2));
    expect(pages[0].pages).toBe(4);
    const ids = pages.flatMap((p) => p.rows.map((row) => row[row.length - 1]));
    expect(new Set(ids).size).toBe(r.meetingsTotal);
    const batched: unknown[] = [];
    for await (const batch of rowBatches(src, ctx, 2)) batched.push(...batch.map((row) => row[row.length - 1]));
    expect(batched).toEqual(ids);
    // The list renders localized values: a status label, a time in the fair's zone.
    expect(pages[0].rows[0].slice(0, 3)).toEqual(["2026-12-08 10:00", "2026-12-08 10:20", "已结束"]);
  });

  const exportOf = async (list: string, query: string, cookie = staff.cookie) =>
    call(exportRoute.loader, req(`${base()}/${list}/export?${query}`, { cookie }), { id: fair.id, list });

  it("exports CSV (UTF-8 BOM, quoted, formula-safe) whose rows match the dashboard", async () => {
    const r = await report("?sector=biomedicine");
    const res = await exportOf("meetings", "format=csv&sector=biomedicine");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename=".+-meetings-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(res.headers.get("Content-Length")).toBeNull();
    const rows = parseCsv(await csvText(res));
    expect(rows[0]).toEqual(
      [
        "开始时间",
        "结束时间",
        "状态",
        "参展商",
        "投资方",
        "项目",
        "行业",
        "地区",
        "投资方国家/地区",
        "洽谈成果",
        "编号",
      ].map((h) => (h === "洽谈成果" ? "成果记录" : h)),
    );
    expect(rows.length - 1).toBe(r.meetingsTotal);
    expect(Number(res.headers.get("X-Total-Rows"))).toBe(r.meetingsTotal);
    expect(rows.slice(1).filter((row) => row[2] === "已结束")).toHaveLength(r.funnel.held);

    const outcomes = parseCsv(await csvText(await exportOf("outcomes", "format=csv")));
    const notes = outcomes.map((row) => row[15]);
    expect(notes).toContain("'=1+1");
    expect(notes).toContain("'@SUM(A1)");
    expect(notes).toContain("'+86 follow-up");
    expect(notes).not.toContain("=1+1");
    const surveys = parseCsv(await csvText(await exportOf("surveys", "format=csv")));
    expect(surveys.map((row) => row[4])).toContain("'=cmd|' /C calc'!A0");
    const leads = await csvText(await exportOf("leads", "format=csv"));
    expect(leads).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
  });

  it("exports XLSX (streamed by exceljs) that reads back with the dashboard's counts and totals", async () => {
    const r = await report();
    const res = await exportOf("outcomes", "format=xlsx");
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0];
    const values = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = values[0].slice(1) as string[];
    const rows = values.slice(1).map((v) => v.slice(1));
    expect(rows).toHaveLength(r.outcomes.total);
    const [amount, currency, counted] = ["意向金额", "币种", "计入总额"].map((h) => header.indexOf(h));
    const sums: Record<string, number> = {};
    for (const row of rows)
      if (row[counted] === "是")
        sums[row[currency] as string] =
          (sums[row[currency] as string] ?? 0) + Math.round((row[amount] as number) * 100);
    expect(sums).toEqual(Object.fromEntries(r.investment.totals.map((t) => [t.currency, t.minor])));
    expect(typeof rows.find((row) => row[amount] !== undefined && row[amount] !== null)![amount]).toBe("number");

    const booths = new ExcelJS.Workbook();
    await booths.xlsx.load(
      Buffer.from(await (await exportOf("booths", "format=xlsx&hall=bio")).arrayBuffer()) as never,
    );
    expect(booths.worksheets[0].actualRowCount - 1).toBe(2);
  });

  it("refuses the dashboard, lists and exports to another bureau's staff, exhibitors and anonymous users", async () => {
    for (const cookie of [otherStaff.cookie, e1.cookie, i1.cookie]) {
      expect((await call(dashboardRoute.loader, req(base(), { cookie }), { id: fair.id })).status).toBe(403);
      expect(
        (await call(listRoute.loader, req(`${base()}/meetings`, { cookie }), { id: fair.id, list: "meetings" })).status,
      ).toBe(403);
      expect((await exportOf("leads", "format=csv", cookie)).status).toBe(403);
    }
    expect((await call(dashboardRoute.loader, req(base()), { id: fair.id })).status).toBe(302);
    expect((await exportOf("meetings", "format=xlsx", "")).status).toBe(302);
    expect((await call(dashboardRoute.loader, req(base(), { cookie: admin.cookie }), { id: fair.id })).status).toBe(
      200,
    );
    expect(
      (
        await call(dashboardRoute.loader, req("/staff/fairs/missing/dashboard", { cookie: staff.cookie }), {
          id: "missing",
        })
      ).status,
    ).toBe(404);
    // Exports are audit-logged with who, what and which filters.
    const log = await db().auditLog.findFirst({
      where: { action: "report.export", actorId: staff.user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(log?.after).toMatchObject({ kind: expect.any(String), format: expect.any(String) });
  });

  describe("exhibitor leads", () => {
    const leadsCsv = async (u: User, query = "") => {
      const res = await call(leadsCsvRoute.loader, req(`/exhibitor/leads.csv${query}`, { cookie: u.cookie }));
      return { res, rows: res.status === 200 ? parseCsv(await csvText(res)) : [] };
    };

    it("lists people who bookmarked, chatted, requested or met the exhibitor's own booths, contact details only where they chose to contact", async () => {
      const { rows } = await leadsCsv(e1);
      const [header, ...data] = rows;
      const col = (h: string) => header.indexOf(h);
      const byName = new Map(data.map((row) => [row[col("姓名")], row]));
      const name = async (u: User) => (await db().user.findUniqueOrThrow({ where: { id: u.user.id } })).name;
      expect([...byName.keys()].sort()).toEqual([await name(i1), await name(i2), `'${await name(visitor)}`].sort());
      const i1Row = byName.get(await name(i1))!;
      expect(i1Row[col("邮箱")]).toBe(i1.email);
      expect(i1Row[col("电话")]).toBe("'+86 10 8888 0001");
      expect(i1Row[col("收藏时间")]).toBe("2026-12-08 11:00");
      expect(i1Row[col("发起邀请")]).toBe("2026-12-07 10:00");
      expect(i1Row[col("洽谈时间")]).toBe("2026-12-08 10:00");
      const visitorRow = byName.get(`'${await name(visitor)}`)!;
      expect(visitorRow[col("邮箱")]).toBe(""); // bookmark and chat only: no contact details
      expect(visitorRow[col("最近咨询")]).toBe("2026-12-08 12:10");
      const text = rows.flat().join("\n");
      expect(text).not.toContain(visitor.email);
      expect(text).not.toContain(i3.email); // i3 only met e2 (and cancelled with e1): another exhibitor's lead
      expect(text).not.toContain(await name(i3));

      const page = await call(leadsRoute.loader, req("/exhibitor/leads", { cookie: e1.cookie }));
      expect(((await page.json()) as { total: number }).total).toBe(data.length);
    });

    it("keeps each exhibitor to their own booths", async () => {
      const { rows } = await leadsCsv(e2);
      expect(rows.slice(1).map((r) => r[1])).toEqual([
        (await db().user.findUniqueOrThrow({ where: { id: i3.user.id } })).name,
      ]);
      expect(rows.slice(1)[0]).toContain(i3.email); // met (no-show counts as agreeing to meet)
      expect((await leadsCsv(e2, `?booth=${booth.b1}`)).res.status).toBe(404);
      expect(
        (await call(leadsRoute.loader, req(`/exhibitor/leads?booth=${booth.b1}`, { cookie: e2.cookie }))).status,
      ).toBe(404);
      expect((await call(leadsRoute.loader, req("/exhibitor/leads", { cookie: i1.cookie }))).status).toBe(403);
      expect((await call(leadsCsvRoute.loader, req("/exhibitor/leads.csv", { cookie: staff.cookie }))).status).toBe(
        403,
      );
    });
  });
});
